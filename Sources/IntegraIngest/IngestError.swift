import Foundation
import IntegraCore

/// A problem that stops reading a whole file: it cannot be opened, decoded or trusted.
///
/// Messages say what is wrong and how to fix it and never contain cell contents, so they can be printed and logged.
///
/// ```swift
/// do {
///     _ = try XLSXWorkbook(url: url)
/// } catch let error as IngestError where error.code == .notAnXLSX {
///     print("\(url.lastPathComponent): \(error)")   // roll.xlsx: error[not-an-xlsx]: …
/// }
/// ```
public struct IngestError: Error, CustomStringConvertible, Sendable {
    public var code: DiagnosticCode
    public var message: String
    /// The lower-level error that caused this one (a file system or zip error), kept for debugging.
    public var underlying: (any Error)?

    public init(_ code: DiagnosticCode, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// `error[code]: message`, the form `Diagnostic` prints.
    public var description: String { "error[\(code.rawValue)]: \(message)" }
}

extension IngestError {
    /// A file that cannot be opened or read, with the reason in words a user can act on.
    static func unreadable(_ url: URL, underlying: any Error) -> IngestError {
        var isDirectory: ObjCBool = false
        let reason: String
        if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            reason = "the file does not exist; check the path and the file name's spelling"
        } else if isDirectory.boolValue {
            reason = "the path is a folder, not a file; point the source at a file or use a glob pattern"
        } else {
            reason = "the file cannot be read; check that it is not locked or restricted by permissions"
        }
        return IngestError(.unreadableFile, reason, underlying: underlying)
    }
}
