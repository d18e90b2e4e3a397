import Foundation
import IntegraCore
import IntegraIngest
import IntegraPipeline
import IntegraTesting
import Testing

/// Golden report tests (issue 5): every sheet of every aggregate report the demo writes, read back from the XLSX
/// and rendered to a normalised CSV (one line per row, cells as text joined by `;`, the row number first), must equal
/// `Tests/Golden/<report>/<sheet>.csv`, in Polish and in English. A deliberate change of a report is
/// accepted by regenerating them: `INTEGRA_UPDATE_GOLDEN=1 swift test --filter GoldenReportTests`, then review the diff.
@Suite(.serialized) struct GoldenReportTests {
    static let golden = TestSupport.repositoryRoot.appendingPathComponent("Tests/Golden", isDirectory: true)
    static let update = ProcessInfo.processInfo.environment["INTEGRA_UPDATE_GOLDEN"] == "1"

    /// `row;cell;cell…` for each non-empty row of a sheet.
    static func normalised(_ sheet: SheetTable) -> String {
        sheet.rows.map { row in
            ([String(row.number)] + row.cells.map { $0.text.replacingOccurrences(of: "\n", with: "\\n") })
                .joined(separator: ";")
        }.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [ReportLanguage.pl, .en])
    func everySheetEqualsItsGolden(language: ReportLanguage) throws {
        let out = try TestSupport.makeTemporaryDirectory("integra-golden")
        defer { try? FileManager.default.removeItem(at: out) }
        var options = RunOptions()
        options.outputFolder = out
        options.language = language
        let summary = try Pipeline.run(
            projectFile: TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo.yml"),
            displayPath: "pipelines/demo.yml", options: options)
        let workbooks = summary.outputs.filter { $0.hasPrefix("reports/") && $0.hasSuffix(".xlsx") }.sorted()
        #expect(workbooks.count >= 5)
        var compared = 0
        var mismatches: [String] = []
        for path in workbooks {
            let report = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            let workbook = try XLSXWorkbook(url: out.appendingPathComponent(path))
            for (i, info) in workbook.sheets.enumerated() {
                let text = Self.normalised(try workbook.readSheet(named: info.name))
                let file = Self.golden.appendingPathComponent("\(language.rawValue)/\(report)/\(i + 1).csv")
                if Self.update {
                    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try text.write(to: file, atomically: true, encoding: .utf8)
                    continue
                }
                compared += 1
                let expected = try? String(contentsOf: file, encoding: .utf8)
                if expected != text {
                    let got = text.split(separator: "\n", omittingEmptySubsequences: false)
                    let want = (expected ?? "").split(separator: "\n", omittingEmptySubsequences: false)
                    let first = Array(zip(got, want)).firstIndex { $0.0 != $0.1 } ?? min(got.count, want.count)
                    mismatches.append(
                        "\(language.rawValue)/\(report)/\(i + 1).csv (\(info.name)) line \(first + 1): got "
                            + "\(first < got.count ? String(got[first]) : "<end>") — golden \(first < want.count ? String(want[first]) : "<end>")")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))\nIf the change is intended: INTEGRA_UPDATE_GOLDEN=1 swift test --filter GoldenReportTests")
        #expect(Self.update || compared > 20)
    }
}
