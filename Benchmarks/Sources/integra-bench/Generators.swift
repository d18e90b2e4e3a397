import Foundation
import IntegraCore
import IntegraReports

/// Writes the benchmark's input files.
enum Generators {
    static let csvHeader = [
        "Lp", "Nazwisko", "Imię", "PESEL", "Data urodzenia", "Płeć", "Obywatelstwo", "Miasto", "Data wsparcia",
        "Forma wsparcia", "Godziny", "Uwagi",
    ]
    static let xlsxHeader = [
        "Lp", "Nazwisko", "Imię", "Obywatelstwo", "PESEL", "Data urodzenia", "Data zajęć", "Godziny", "Miasto",
        "Obecny",
    ]
    static let sheetName = "Uczestnicy"

    /// A UTF-8, comma-separated file with a header and `rows` participants (12 columns; fields with commas, quotes
    /// or line breaks quoted).
    static func makeCSV(rows: Int, path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let file = FileHandle(forWritingAtPath: path)
        else { throw BenchmarkError("cannot create \(path)") }
        defer { try? file.close() }
        var generator = SeededGenerator(seed: 2023)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 21)
        func append(_ fields: [String]) {
            for (k, field) in fields.enumerated() {
                if k > 0 { buffer.append(UInt8(ascii: ",")) }
                if field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                    buffer.append(0x22)
                    for byte in field.utf8 {
                        buffer.append(byte)
                        if byte == 0x22 { buffer.append(0x22) }
                    }
                    buffer.append(0x22)
                } else {
                    buffer.append(contentsOf: field.utf8)
                }
            }
            buffer.append(contentsOf: [0x0D, 0x0A])
        }
        append(csvHeader)
        for index in 0..<rows {
            let p = SampleParticipant(using: &generator)
            append([
                String(index + 1), p.surname, p.givenName, p.pesel, p.birthDate.iso, p.female ? "K" : "M",
                p.citizenship,
                p.city, p.supportDate.polish, p.supportForm, p.hoursText, p.remarks,
            ])
            if buffer.count >= 1 << 20 {
                try file.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try file.write(contentsOf: buffer)
    }

    /// A workbook with one sheet of `rows` participants (10 columns: shared strings in Polish and Cyrillic,
    /// numbers, dates and booleans), written with Integra's `XLSXWriter`.
    static func makeXLSX(rows: Int, path: String) throws {
        let created = LocalDate(year: 2023, month: 12, day: 31)!
        let workbook = try XLSXWriter(path: path, properties: XLSXDocumentProperties(created: created))
        let sheet = try workbook.addSheet(sheetName)
        for (col, title) in xlsxHeader.enumerated() { try sheet.write(title, row: 0, col: col, style: .header) }
        var generator = SeededGenerator(seed: 2024)
        for index in 0..<rows {
            let row = index + 1
            let p = SampleParticipant(using: &generator)
            try sheet.write(row, row: row, col: 0)
            try sheet.write(p.surname, row: row, col: 1)
            try sheet.write(p.givenName, row: row, col: 2)
            try sheet.write(p.citizenship, row: row, col: 3)
            try sheet.write(p.pesel, row: row, col: 4)
            try sheet.write(p.birthDate, row: row, col: 5)
            try sheet.write(p.supportDate, row: row, col: 6)
            try sheet.write(Double(p.quarterHours) / 4, row: row, col: 7, style: .decimal)
            try sheet.write(p.city, row: row, col: 8)
            try sheet.write(p.quarterHours % 5 != 0, row: row, col: 9)
        }
        try workbook.close()
    }
}
