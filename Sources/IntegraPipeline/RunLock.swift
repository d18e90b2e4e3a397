import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run at a time per warehouse and per output folder: an exclusive `flock`, held for the whole run and released
/// by the kernel when the process ends, however it ends (a killed run leaves no stale lock).
///
/// A run takes the output folder's lock first, then the warehouse's: two projects with different warehouses run into
/// one `--out` at once cannot mix their outputs (issue 17, item 4), and two output folders on one warehouse cannot
/// interleave its rows.
final class RunLock {
    private let fd: Int32
    let path: String

    /// The warehouse's lock, `<warehouse>.lock`.
    convenience init(warehouse: String, language: ReportLanguage = .pl) throws {
        try self.init(file: warehouse + ".lock", resource: .warehouse, shownPath: warehouse, language: language)
    }

    /// The output folder's lock, `.<folder name>.integra-lock` beside the folder: outside it, so that publishing
    /// the run's outputs (a rename of the whole folder, see ``OutputStaging``) leaves the lock where it was.
    convenience init(outputFolder: URL, language: ReportLanguage = .pl) throws {
        try self.init(
            file: OutputStaging.sibling(of: outputFolder, suffix: "integra-lock").path, resource: .outputFolder,
            shownPath: outputFolder.path, language: language)
    }

    /// Takes the lock, or throws at once when another process holds it.
    private init(file: String, resource: RunLockError.Resource, shownPath: String, language: ReportLanguage) throws {
        path = file
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        fd = Foundation.open(path, O_CREAT | O_RDWR, 0o600)
        guard fd >= 0 else {
            throw RunLockError(resource: .lockFile, path: path, holder: nil, english: language == .en)
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            Foundation.close(fd)
            throw RunLockError(
                resource: resource, path: shownPath, holder: holder.isEmpty ? nil : holder, english: language == .en)
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

/// Another run holds the warehouse or the output folder: nothing was changed. The CLI exits with 75 (`EX_TEMPFAIL`:
/// try again later) and prints ``message`` in the run's language.
public struct RunLockError: Error, CustomStringConvertible, Sendable {
    public enum Resource: Sendable {
        case warehouse, outputFolder
        /// The lock file itself could not be opened (a read-only folder).
        case lockFile
    }

    public var resource: Resource
    public var path: String
    /// The process id written into the lock file by the run that holds it.
    public var holder: String?
    public var english: Bool

    public var message: String {
        let process = holder.map { english ? " (process \($0))" : " (proces \($0))" } ?? ""
        switch (resource, english) {
        case (.warehouse, false):
            return "inny przebieg integra używa tej hurtowni danych\(process): poczekaj, aż się zakończy, i uruchom "
                + "ponownie; nic nie zostało zmienione"
        case (.warehouse, true):
            return "another integra run is using this warehouse\(process): wait for it to finish, then run again; "
                + "nothing was changed"
        case (.outputFolder, false):
            return "inny przebieg integra zapisuje wyniki do folderu \(path)\(process): poczekaj, aż się zakończy, "
                + "albo podaj inny folder (--out); nic nie zostało zmienione"
        case (.outputFolder, true):
            return "another integra run is writing its outputs into \(path)\(process): wait for it to finish or give "
                + "another folder (--out); nothing was changed"
        case (.lockFile, false):
            return "nie można utworzyć pliku blokady \(path): sprawdź, czy folder istnieje i można w nim zapisywać"
        case (.lockFile, true):
            return "cannot create the lock file \(path): check that the folder exists and is writable"
        }
    }

    public var description: String { message }
}
