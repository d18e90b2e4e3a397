import Foundation
import IntegraCore

/// The largest inputs the readers accept: far above any real partner file, low enough that a hostile or damaged file
/// is refused with a diagnostic instead of exhausting memory. Reading any file stays under 512 MB.
///
/// ```swift
/// try InputLimits.checkFileSize(url)        // throws file-too-large above maxFileSize
/// InputLimits.maxColumns                    // 16 384, Excel's last column XFD
/// ```
public enum InputLimits {
    /// Bytes of one partner file; a run reads a file whole, once, to hash and parse it.
    public static let maxFileSize = 256 << 20
    /// Bytes of one cell's text. Excel keeps at most 32 767 characters in a cell (under 128 KiB of UTF-8).
    public static let maxCellBytes = 1 << 20
    /// Cells in a row: Excel's last column is XFD, the 16 384th.
    public static let maxColumns = 16_384
    /// Bytes of one CSV record: a line, or several when quoted fields hold line breaks.
    public static let maxRecordBytes = 16 << 20
    /// Records of one CSV file, blank ones included: four times the rows of an Excel sheet. A file of nothing but
    /// line breaks would otherwise grow the list of blank lines without bound.
    public static let maxRows = 4 << 20

    /// Throws `file-too-large` when the file at `url` is larger than `maxFileSize`; does nothing when its size cannot
    /// be read (opening it will report why).
    public static func checkFileSize(_ url: URL) throws {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber,
            size.int64Value > Int64(maxFileSize)
        else { return }
        throw IngestError(
            .fileTooLarge,
            "the file is \(size.int64Value >> 20) MiB, more than the \(maxFileSize >> 20) MiB a partner file may have; "
                + "split it into smaller files (by quarter or by group) under the same source")
    }

    static func cellTooLarge(where place: String) -> IngestError {
        IngestError(
            .cellTooLarge,
            "\(place) holds more than \(maxCellBytes >> 20) MiB of text in one cell (Excel keeps at most 32 767 "
                + "characters); the file is damaged or is not a partner list. Check the cell, or for a CSV file a quote "
                + "that is never closed, and save the file again")
    }

    static func tooManyColumns(where place: String) -> IngestError {
        IngestError(
            .tooManyColumns,
            "\(place) has more than \(maxColumns) columns (Excel's last column is XFD); delete the stray cells right "
                + "of the data, or for a CSV file check the delimiter, and save the file again")
    }
}
