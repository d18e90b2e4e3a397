import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run at a time per warehouse: an exclusive `flock` on `<warehouse>.lock`, held for the whole run and released
/// by the kernel when the process ends, however it ends (a killed run leaves no stale lock).
final class RunLock {
    private let fd: Int32
    let path: String

    /// Takes the lock, or throws at once when another process holds it.
    init(warehouse: String) throws {
        path = warehouse + ".lock"
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        fd = Foundation.open(path, O_CREAT | O_RDWR, 0o600)
        guard fd >= 0 else { throw RunLockError(message: "cannot open the lock file \(path)") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            Foundation.close(fd)
            throw RunLockError(
                message: "another integra run is using this warehouse\(holder.isEmpty ? "" : " (process \(holder))"): "
                    + "wait for it to finish, then run again; nothing was changed")
        }
        ftruncate(fd, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(fd, $0, strlen($0)) }
    }

    deinit {
        flock(fd, LOCK_UN)
        Foundation.close(fd)
    }
}

public struct RunLockError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
