import Foundation
import IntegraCore
import IntegraReports
import IntegraTesting
import Testing

@testable import IntegraPipeline

/// Issue 16, item 6: every CSV a default run writes for people opens into columns in Polish Excel (UTF-8 with BOM,
/// `;`, decimal comma), with headers in the report language; `--csv rfc4180` stays machine-friendly.
@Suite(.serialized) struct CSVDialectTests {
    /// The fields of each line, split as a spreadsheet does: `delimiter` between fields, `"` quoting.
    static func fields(_ text: String, delimiter: Character) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == delimiter {
                row.append(field)
                field = ""
            } else if c == "\r\n" || c == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(c)
            }
        }
        return rows
    }

    /// Runs the demo with `csv` (nil: the default) and returns each aggregate CSV's bytes by output path.
    static func csvOutputs(_ csv: CSVStyle?, language: ReportLanguage = .pl) throws -> [String: Data] {
        let demo = try DemoCopy("integra-csv-dialect")
        defer { demo.remove() }
        var options = demo.options("out")
        options.language = language
        if let csv { options.csv = csv }
        let summary = try Pipeline.run(
            projectFile: demo.url(demo.projectFile), displayPath: "demo.yml", options: options)
        var result: [String: Data] = [:]
        for path in summary.outputs where path.hasSuffix(".csv") {
            result[path] = try Data(contentsOf: demo.url("out/\(path)"))
        }
        return result
    }

    static let bom = Data([0xEF, 0xBB, 0xBF])

    @Test func defaultCSVsOpenIntoColumnsInPolishExcel() throws {
        #expect(RunOptions().csv == .excelPL)
        let outputs = try Self.csvOutputs(nil)
        for name in [
            "diagnostics.csv", "rejected_rows.csv", "reports/indicators-long.csv",
            "reports/fami-2014-2020__summary.csv",
        ] {
            #expect(outputs[name] != nil, "\(name) is written")
        }
        var decimalCommas = 0
        for (path, data) in outputs {
            #expect(data.prefix(3) == Self.bom, "\(path) starts with a UTF-8 BOM, so Excel reads it as UTF-8")
            let text = String(decoding: data.dropFirst(3), as: UTF8.self)
            let rows = Self.fields(text, delimiter: ";")
            let width = rows.first?.count ?? 0
            #expect(width > 1, "\(path): the header splits into columns on ;")
            for (i, row) in rows.enumerated() where row.count != width {
                Issue.record("\(path) line \(i + 1): \(row.count) columns on ;, header \(width)")
            }
            for field in rows.joined() {
                #expect(field.wholeMatch(of: /-?\d+\.\d+/) == nil, "\(path): a decimal point in \(field)")
                if field.wholeMatch(of: /-?\d+,\d+/) != nil { decimalCommas += 1 }
            }
        }
        #expect(decimalCommas > 0, "some figure has a fraction, written with a decimal comma")
        let diagnostics = String(decoding: outputs["diagnostics.csv"]!.dropFirst(3), as: UTF8.self)
        #expect(diagnostics.hasPrefix("Partner;Plik;Arkusz;Wiersz;Kolumna;Waga;Kod;Problem;Co poprawić;"))
        let rejected = String(decoding: outputs["rejected_rows.csv"]!.dropFirst(3), as: UTF8.self)
        #expect(rejected.hasPrefix("Partner;Plik;Arkusz;Wiersz;Kolumna;Kod;Problem;Co poprawić;"))
        let long = String(decoding: outputs["reports/indicators-long.csv"]!.dropFirst(3), as: UTF8.self)
        #expect(long.hasPrefix("Kod wskaźnika;"))
    }

    @Test func rfc4180StaysMachineFriendly() throws {
        let outputs = try Self.csvOutputs(.rfc4180, language: .en)
        #expect(!outputs.isEmpty)
        var decimalPoints = 0
        for (path, data) in outputs {
            #expect(data.prefix(3) != Self.bom, "\(path): no BOM")
            let rows = Self.fields(String(decoding: data, as: UTF8.self), delimiter: ",")
            let width = rows.first?.count ?? 0
            #expect(width > 1, "\(path): the header splits into columns on ,")
            for (i, row) in rows.enumerated() where row.count != width {
                Issue.record("\(path) line \(i + 1): \(row.count) columns on ,, header \(width)")
            }
            for field in rows.joined() where field.wholeMatch(of: /-?\d+\.\d+/) != nil { decimalPoints += 1 }
        }
        #expect(decimalPoints > 0)
        let diagnostics = String(decoding: outputs["diagnostics.csv"]!, as: UTF8.self)
        #expect(diagnostics.hasPrefix("partner,file,sheet,row,column,severity,code,problem,what_to_fix,details\r\n"))
    }
}
