import Foundation
import IntegraCore
import IntegraIngest
@testable import IntegraPipeline
import IntegraTesting
import Testing

/// Every breakdown adds up to its total (issue #15): a person whose sex, age or citizenship is unknown (a client met
/// only in consultations, by name) is counted in a "brak danych" category, so women + men + unknown = all, in the
/// figures and in every report that lists categories as rows.
@Suite struct BreakdownTotalsTests {
    /// Breakdowns in which each unit has exactly one category; partner, activity and the like are not partitions
    /// (a person supported by two partners counts in both, and once in the total).
    static let partitions = ["sex", "age_band", "citizenship", "objective"]

    @Test func everyPartitionAddsUpToItsTotal() throws {
        let out = try TestSupport.makeTemporaryDirectory("integra-totals")
        defer { try? FileManager.default.removeItem(at: out) }
        var options = RunOptions()
        options.outputFolder = out
        _ = try Pipeline.run(
            projectFile: TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo.yml"),
            displayPath: "pipelines/demo.yml", options: options)
        // figures.json: every figure with the warehouse's breakdown keys, whatever --csv and --lang.
        let figures = try RunManifest.Figure.decode(json: Data(contentsOf: out.appendingPathComponent("figures.json")))
        var totals: [String: Double] = [:]
        var sums: [String: Double] = [:]
        var unknown = 0
        for f in figures {
            let key = "\(f.indicator) \(f.period) \(f.scope)"
            let kind = f.breakdown
            if kind.isEmpty {
                totals[key] = f.value
            } else if Self.partitions.contains(where: { kind == $0 || kind.hasPrefix($0 + "#") }) {
                sums["\(key) \(kind)", default: 0] += f.value
                if f.category.isEmpty && f.value > 0 { unknown += 1 }
            }
        }
        #expect(unknown > 0, "the demo has persons whose sex or age is unknown")
        var mismatches: [String] = []
        for (key, sum) in sums {
            let total = key.split(separator: " ").prefix(3).joined(separator: " ")
            if abs(sum - (totals[total] ?? 0)) > 1e-9 { mismatches.append("\(key): \(sum) ≠ \(totals[total] ?? 0)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.sorted().prefix(10))")
        #expect(!sums.isEmpty)
    }

    /// A report that lists categories of a partition as rows ("w tym kobiety", "w tym mężczyźni") lists them all,
    /// unknown included, so its rows add up to the indicator's row.
    @Test func reportRowsOfAPartitionListEveryCategory() throws {
        let folder = TestSupport.repositoryRoot.appendingPathComponent("reports")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yml") }
        var checked = 0
        for file in files.sorted() where file != "participants-sm-efs.yml" {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            // `where: { sex: K }` rows per indicator.
            var categories: [String: Set<String>] = [:]
            for line in text.split(separator: "\n") where line.contains("where: { sex:") {
                guard let indicator = line.split(separator: ",").first?.split(separator: ":").last else { continue }
                let value = line.components(separatedBy: "where: { sex:")[1].split(separator: "}")[0]
                    .trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "")
                categories[indicator.trimmingCharacters(in: .whitespaces), default: []].insert(value)
            }
            for (indicator, found) in categories where found.count > 1 {
                checked += 1
                #expect(found == ["K", "M", ""], "\(file): \(indicator) lists sex \(found.sorted())")
            }
        }
        #expect(checked > 0)
    }

    /// One demo run's workbooks with their definitions, read back as a user's program reads them.
    static func demoWorkbooks() throws -> (out: URL, reports: [(definition: ReportDefinition, sheets: [SheetTable])], codes: Set<String>) {
        let out = try TestSupport.makeTemporaryDirectory("integra-report-totals")
        var options = RunOptions()
        options.outputFolder = out
        let projectFile = TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo.yml")
        _ = try Pipeline.run(projectFile: projectFile, displayPath: "pipelines/demo.yml", options: options)
        let project = try ProjectDefinition.load(from: projectFile)
        let indicators = try IndicatorDefinition.loadAll(root: TestSupport.repositoryRoot)
        var reports: [(ReportDefinition, [SheetTable])] = []
        for path in project.reports where try ParticipantListDefinition.loadIfParticipantList(path, root: TestSupport.repositoryRoot) == nil {
            let definition = try ReportDefinition.load(path, root: TestSupport.repositoryRoot, indicators: indicators)
            // Indicator reports only: the finance reports (issue 19) have tables of their own (FinanceReportTests).
            guard !definition.hasFinanceSheets else { continue }
            let workbook = try XLSXWorkbook(url: out.appendingPathComponent("reports/\(definition.id).xlsx"))
            reports.append((definition, try workbook.sheets.map { try workbook.readSheet(named: $0.name) }))
        }
        return (out, reports, Set(indicators.map(\.code)))
    }

    /// A table's rows under its header row ("Kod" first), up to the first blank row.
    static func tableRows(_ sheet: SheetTable) -> (header: [String], rows: [[CellValue]]) {
        guard let h = sheet.rows.firstIndex(where: { $0.cells.first?.text == "Kod" }) else { return ([], []) }
        var rows: [[CellValue]] = []
        var number = sheet.rows[h].number
        for row in sheet.rows[(h + 1)...] {
            guard row.number == number + 1 else { break }
            number = row.number
            rows.append(row.cells)
        }
        return (sheet.rows[h].cells.map(\.text), rows)
    }

    /// Every breakdown in every report adds up to its total, in every period column: a partition's sheet lists
    /// "brak danych" and its categories sum to the "Ogółem" row; "w tym" rows of a partition list every category
    /// (the report's age bands, K/M, unknown) and sum to the indicator's own row.
    @Test func everyReportBreakdownAddsUpToItsTotal() throws {
        let (out, reports, _) = try Self.demoWorkbooks()
        defer { try? FileManager.default.removeItem(at: out) }
        var mismatches: [String] = []
        var checked = 0
        func number(_ cell: CellValue?) -> Double {
            if case .number(let d)? = cell { return d }
            return 0
        }
        for (definition, sheets) in reports {
            let bands = (definition.ageBands ?? AgeBand.defaults).map(\.label)
            for (i, sheetDefinition) in definition.sheets.enumerated() {
                let (header, rows) = Self.tableRows(sheets[i])
                // Period and cumulative columns: after code, name and unit/category, before target and % achieved.
                let figures = Array(3..<(header.firstIndex(of: "Wartość docelowa") ?? header.count))
                let place = "\(definition.id) '\(sheetDefinition.name.pl)'"
                if let b = sheetDefinition.breakdown, ReportBuilder.partitions.contains(b) {
                    var group: [[CellValue]] = []
                    for row in rows {
                        if row.count > 2, row[2].text == "Ogółem (bez powtórzeń)" {
                            if !group.contains(where: { $0[2].text == "brak danych" }) { mismatches.append("\(place): no brak danych row") }
                            for c in figures where abs(group.map { number($0[c]) }.reduce(0, +) - number(row[c])) > 1e-9 {
                                mismatches.append("\(place) \(row[1].text) column \(header[c]): categories ≠ total")
                            }
                            checked += 1
                            group = []
                        } else {
                            group.append(row)
                        }
                    }
                }
                // "w tym" rows: data row k is the definition's row k.
                var byIndicator: [String: [String: [Int]]] = [:]
                for (k, row) in sheetDefinition.rows.enumerated() {
                    guard let f = row.filter, ReportBuilder.partitions.contains(f.breakdown) else { continue }
                    byIndicator[row.indicator, default: [:]][f.breakdown, default: []].append(k)
                }
                for (indicator, partitions) in byIndicator {
                    guard let own = sheetDefinition.rows.firstIndex(where: { $0.indicator == indicator && $0.filter == nil }) else {
                        mismatches.append("\(place): w tym rows of \(indicator) without its own row")
                        continue
                    }
                    for (b, ks) in partitions {
                        let listed = Set(ks.map { sheetDefinition.rows[$0].filter!.value })
                        let expected: Set<String>? = b == "sex" ? ["K", "M", ""] : b == "age_band" ? Set(bands + [""]) : nil
                        if let expected, listed != expected {
                            mismatches.append("\(place): \(indicator) lists \(b) \(listed.sorted()), not \(expected.sorted())")
                            continue
                        }
                        for c in figures where abs(ks.map { number(rows[$0][c]) }.reduce(0, +) - number(rows[own][c])) > 1e-9 {
                            mismatches.append("\(place) \(indicator) by \(b), column \(header[c]): rows ≠ total")
                        }
                        checked += 1
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
        #expect(checked >= 15)
    }

    /// The Kod column holds the code of the funder's form (C1) or nothing: never a placeholder ("O.2.x",
    /// "C (Integracja)") nor Integra's own indicator id (persons_supported).
    @Test func codesAreTheFundersOrEmpty() throws {
        let (out, reports, ids) = try Self.demoWorkbooks()
        defer { try? FileManager.default.removeItem(at: out) }
        let formCode = try Regex("^[A-Z]{1,3}[0-9]+(\\.[0-9]+)*$")
        var seen: Set<String> = []
        for (definition, sheets) in reports {
            for sheet in sheets {
                for row in Self.tableRows(sheet).rows {
                    let code = row.first?.text ?? ""
                    seen.insert(code)
                    #expect(code.isEmpty || (code.wholeMatch(of: formCode) != nil && !ids.contains(code)), "\(definition.id) '\(sheet.name ?? "")': \(code)")
                }
            }
        }
        #expect(seen == ["", "C1"])
    }
}
