import Foundation
import IntegraCore
import IntegraReports
import IntegraWarehouse

/// An error that stops a command, told as advice: a stable code, what is wrong and what to do, in Polish and
/// English (issue 17 item 14). A full disk or a read-only output folder names the output folder, never a temporary
/// file; a damaged warehouse or `run.json` says which file and how to recover, not the decoder's words.
///
/// ```swift
/// ErrorAdvice(error)?.rendered(english: false)
/// // "błąd[disk-full]: Brak miejsca na dysku przy zapisie out/demo/reports/generic-quarterly.xlsx — Zwolnij …"
/// ```
public struct ErrorAdvice: Sendable, Equatable {
    public var code: DiagnosticCode
    /// The file concerned (an output, the warehouse), when known.
    public var file: String?
    public var problem: PolishEnglish
    public var fix: PolishEnglish

    /// `błąd[code]: problem (file) — fix`, with control characters shown, not obeyed.
    public func rendered(english: Bool) -> String {
        var s = english ? "error" : "błąd"
        s += "[\(code.rawValue)]: \(problem.text(english: english))"
        if let file { s += english ? " (file: \(file))" : " (plik: \(file))" }
        s += " — \(fix.text(english: english))"
        return TerminalText.sanitized(s)
    }

    /// The advice for an error a command ended with; nil when there is none better than the error's own text.
    public init?(_ error: any Error) {
        if let error = error as? DecodingError {
            self.init(decoding: error)
            return
        }
        if let error = error as? XLSXWriterError, case .library(let operation, let location, _, _) = error,
            operation == "creating the workbook" || operation == "writing the workbook"
        {
            self.init(code: .outputNotWritable, file: Self.finalName(location))
            return
        }
        let ns = error as NSError
        if ns.domain == "GRDB.DatabaseError" {
            // The primary result code is the low byte of the extended one.
            switch ns.code & 0xFF {
            case 11, 26: self.init(code: .warehouseCorrupt, file: nil)  // SQLITE_CORRUPT, SQLITE_NOTADB
            case 13: self.init(code: .diskFull, file: nil)  // SQLITE_FULL
            case 8, 14: self.init(code: .outputNotWritable, file: nil)  // SQLITE_READONLY, SQLITE_CANTOPEN
            default: return nil
            }
            return
        }
        guard let posix = Self.posixCode(ns) else { return nil }
        let file = (ns.userInfo[NSFilePathErrorKey] as? String).map(Self.finalName)
        switch posix {
        case ENOSPC, EDQUOT: self.init(code: .diskFull, file: file)
        case EROFS, EACCES, EPERM: self.init(code: .outputNotWritable, file: file)
        default: return nil
        }
    }

    init(code: DiagnosticCode, file: String?) {
        self.code = code
        self.file = file
        let explanation = code.explanation
        problem = explanation.problem
        fix = explanation.hint
    }

    private init(decoding error: DecodingError) {
        self.init(code: .damagedRunFile, file: nil)
    }

    /// The POSIX error behind a Foundation file error (`CocoaError` with an underlying `NSPOSIXErrorDomain` error,
    /// or a POSIX error itself).
    static func posixCode(_ ns: NSError) -> Int32? {
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError { return posixCode(underlying) }
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileWriteOutOfSpace: return ENOSPC
            case .fileWriteVolumeReadOnly: return EROFS
            case .fileWriteNoPermission, .fileReadNoPermission: return EACCES
            default: return nil
            }
        }
        return nil
    }

    /// The final name of a file written through a temporary one (`.raport.xlsx.<UUID>.tmp` → `raport.xlsx`).
    static func finalName(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return path }
        let parts = name.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, UUID(uuidString: String(parts.last!)) != nil else { return path }
        let final = parts.dropLast().joined(separator: ".")
        return url.deletingLastPathComponent().appendingPathComponent(final).path
    }
}

// The codes of errors that stop a command; the README's "Diagnostic codes" table lists them with their fix.
extension DiagnosticCode {
    /// The output folder (or the warehouse's) cannot be written: read-only, or no permission.
    public static let outputNotWritable: DiagnosticCode = "output-not-writable"
    /// The disk (or quota) is full while writing an output or the warehouse.
    public static let diskFull: DiagnosticCode = "disk-full"
    /// `warehouse.sqlite` is not a database or is damaged.
    public static let warehouseCorrupt: DiagnosticCode = "warehouse-corrupt"
    /// A JSON file Integra wrote (`run.json`, a frozen period) cannot be read back.
    public static let damagedRunFile: DiagnosticCode = "damaged-run-file"
}
