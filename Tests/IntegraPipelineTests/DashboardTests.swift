import Foundation
import GRDB
import IntegraCore
import IntegraTesting
import Testing

@testable import IntegraPipeline

/// `dashboard.html` of the demo: the truth's figures with small counts hidden, the same bytes on re-run, and not one
/// personal value of the inputs.
@Suite(.serialized)
struct DashboardTests {
    /// One demo run shared by the suite's tests (a run takes a few seconds in a debug build).
    struct DemoRun: Sendable {
        var out: URL
        var html: String
        var figures: [String: Double]
    }

    static let demo: Result<DemoRun, RunFailure> = {
        do {
            let out = try TestSupport.makeTemporaryDirectory("integra-dashboard")
            var options = RunOptions()
            options.outputFolder = out
            _ = try Pipeline.run(
                projectFile: TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo.yml"),
                displayPath: "pipelines/demo.yml", options: options)
            let html = try String(contentsOf: out.appendingPathComponent("dashboard.html"), encoding: .utf8)
            struct Truth: Decodable {
                struct Figure: Decodable {
                    var indicator, period, scope, breakdown, category: String
                    var value: Double
                }
                var figures: [Figure]
            }
            let truth = try JSONDecoder().decode(
                Truth.self,
                from: Data(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo/truth.json")))
            var figures: [String: Double] = [:]
            for f in truth.figures {
                figures[[f.indicator, f.period, f.scope, f.breakdown, f.category].joined(separator: "|")] = f.value
            }
            return .success(DemoRun(out: out, html: html, figures: figures))
        } catch {
            return .failure(RunFailure(message: "\(error)"))
        }
    }()

    struct RunFailure: Error, Sendable { var message: String }

    /// The text of the first `<div class="value">` after `marker` in the view `view`.
    func tileValue(_ html: String, view: String, indicator: String, category: String = "") throws -> String {
        let block = try #require(viewBlock(html, view))
        let marker = "data-indicator=\"\(indicator)\" data-category=\"\(category)\""
        let tile = try #require(block.range(of: marker), "no tile \(indicator) \(category) in \(view)")
        let rest = block[tile.upperBound...]
        let start = try #require(rest.range(of: "<div class=\"value\">"))
        let end = try #require(rest[start.upperBound...].range(of: "</div>"))
        return Self.visibleText(String(rest[start.upperBound..<end.lowerBound]))
    }

    /// The HTML of the tiles view with that `data-period`.
    func viewBlock(_ html: String, _ view: String) -> Substring? {
        guard let start = html.range(of: "<div class=\"view\" data-period=\"\(view)\"") else { return nil }
        let end = html[start.upperBound...].range(of: "<div class=\"view\" data-period=")?.lowerBound ?? html.endIndex
        return html[start.lowerBound..<end]
    }

    /// Tags stripped, entities and no-break spaces folded, Polish spans kept when both languages are present.
    static func visibleText(_ fragment: String) -> String {
        var s = fragment.replacingOccurrences(of: #"<span lang="en">.*?</span>"#, with: "", options: .regularExpression)
        s = s.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        s = s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&amp;", with: "&")
        return s.replacingOccurrences(of: "\u{00A0}", with: " ").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What the page must show for a true count: the number, or "<5" for 1–4.
    static func shown(_ value: Double) -> String {
        value >= 1 && value < 5 ? "<5" : SmallCellDisplay.number(value)
    }

    @Test func tilesShowTheTruthsFiguresWithSmallCountsHidden() throws {
        let run = try Self.demo.get()
        let truth = run.figures
        // The headline figures of the demo's targets, cumulative and in each quarter.
        for (indicator, category) in [
            ("persons_supported", ""), ("persons_supported", "citizenship=UKR"), ("course_completers", ""),
            ("consultations", ""), ("fp_foreigners", ""), ("fp_foreigners", "sex=K"), ("fp_ukr_after_2022", ""),
            ("fami2127_participants", ""), ("fp_employment", ""), ("cefr_improved", ""),
        ] {
            let parts = category.split(separator: "=").map(String.init)
            let (b, c) = parts.count == 2 ? (parts[0], parts[1]) : ("", "")
            let cumulative = truth["\(indicator)|2023Q4|cumulative|\(b)|\(c)"] ?? 0
            #expect(
                try tileValue(run.html, view: "cumulative", indicator: indicator, category: category)
                    == Self.shown(cumulative))
            // A quarter's tile shows the figure cumulative to the quarter's end (what its % of target is of).
            for q in 1...4 {
                let value = truth["\(indicator)|2023Q\(q)|cumulative|\(b)|\(c)"] ?? 0
                #expect(
                    try tileValue(run.html, view: "2023Q\(q)", indicator: indicator, category: category)
                        == Self.shown(value),
                    "\(indicator) \(category) 2023Q\(q)")
            }
        }
        #expect(try tileValue(run.html, view: "cumulative", indicator: "persons_supported") == "70")
        // fp_employment is 6 in the year but 1–4 in some quarter: hidden there, shown in the year.
        #expect(run.html.contains("<span class=\"sup\">&lt;5</span>"))
    }

    @Test func breakdownTablesShowTheTruthOrTheMarkAndNeverACountBelowFive() throws {
        let run = try Self.demo.get()
        let block = run.html[...]
        var hidden = 0
        for breakdown in ["sex", "age_band", "citizenship", "partner", "activity"] {
            let id = "bd-cumulative-\(breakdown.replacingOccurrences(of: "_", with: "-"))"
            let table = try #require(block.range(of: "<table class=\"sortable\" id=\"\(id)\">"))
            let body = block[table.upperBound...].prefix { _ in true }
            let end = try #require(body.range(of: "</table>"))
            let rows = body[..<end.lowerBound].components(separatedBy: "<tr data-category=\"").dropFirst()
            #expect(!rows.isEmpty)
            for row in rows {
                let category = String(row.prefix { $0 != "\"" })
                let cell = try #require(row.range(of: "<td class=\"num\""))
                let text = Self.visibleText(
                    String(row[cell.lowerBound...]).components(separatedBy: "</td>")[0] + "</td>"
                )
                .replacingOccurrences(of: #"^[^>]*>"#, with: "", options: .regularExpression)
                let value = run.figures["persons_supported|2023Q4|cumulative|\(breakdown)|\(category)"] ?? 0
                if text == "<5" {
                    hidden += 1
                } else {
                    #expect(text == SmallCellDisplay.number(value), "\(breakdown)=\(category): \(text) vs \(value)")
                    #expect(!(value >= 1 && value < 5), "\(breakdown)=\(category) shows a small count")
                }
            }
        }
        #expect(hidden > 0, "the demo has small cells: some must be hidden")
        #expect(run.html.contains("id=\"suppression-note\""))
    }

    @Test func rerunningTheDemoWritesTheSameBytes() throws {
        let run = try Self.demo.get()
        let again = try TestSupport.makeTemporaryDirectory("integra-dashboard-again")
        defer { try? FileManager.default.removeItem(at: again) }
        var options = RunOptions()
        options.outputFolder = again
        _ = try Pipeline.run(
            projectFile: TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo.yml"),
            displayPath: "pipelines/demo.yml", options: options)
        let second = try String(contentsOf: again.appendingPathComponent("dashboard.html"), encoding: .utf8)
        #expect(second == run.html)
        // No clock time: the only dates are the project's.
        #expect(run.html.range(of: #"\d{2}:\d{2}:\d{2}"#, options: .regularExpression) == nil)
    }

    @Test func noPersonalFieldOfTheInputsAppearsInThePage() throws {
        let run = try Self.demo.get()
        let personal = try PersonalValues.read(warehouse: run.out.appendingPathComponent("warehouse.sqlite"))
        #expect(personal.count > 200, "the demo's names, PESELs and birth dates were not found (\(personal.count))")
        let project = try String(
            contentsOf: TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo.yml"), encoding: .utf8
        ).lowercased()
        let text = run.html.lowercased()
        let words = PersonalValues.words(text)
        for value in personal where !project.contains(value.lowercased()) {
            let lower = value.lowercased()
            let found =
                lower.allSatisfy { $0.isLetter || $0.isNumber }
                ? words.contains(lower) : PersonalValues.occurs(lower, in: text)
            if found {
                Issue.record("dashboard.html contains a personal value of the inputs (\(value.count) characters)")
            }
        }
        // Nothing shaped like an e-mail address or a phone number (9 digits or more, spaces and hyphens allowed)
        // either; the fingerprint (hex) and ISO dates are what the page legitimately has.
        let checked = text.replacingOccurrences(
            of: #"<code id="fingerprint">[0-9a-f]+</code>"#, with: "", options: .regularExpression
        )
        .replacingOccurrences(of: #"\d{4}-\d{2}-\d{2}"#, with: "date", options: .regularExpression)
        #expect(checked.range(of: #"[a-z0-9._%+-]+@[a-z0-9-]+\.[a-z]{2,}"#, options: .regularExpression) == nil)
        var rest = checked[...]
        while let r = rest.range(of: #"\+?\d[\d \-]*\d"#, options: .regularExpression) {
            let digits = rest[r].filter(\.isNumber).count
            #expect(digits < 9, "a phone-like number of \(digits) digits")
            rest = rest[r.upperBound...]
        }
    }

    @Test func aPageWithAPersonalValueFailsTheCheck() throws {
        let run = try Self.demo.get()
        let personal = try PersonalValues.read(warehouse: run.out.appendingPathComponent("warehouse.sqlite"))
        let pesel = try #require(personal.first { $0.count == 11 && $0.allSatisfy(\.isNumber) })
        let name = try #require(personal.sorted().first { $0.count >= 6 && $0.allSatisfy(\.isLetter) })
        let tampered = run.html.replacingOccurrences(of: "</footer>", with: "<p>\(pesel) \(name)</p></footer>")
        #expect(PersonalValues.occurs(pesel, in: tampered.lowercased()))
        #expect(PersonalValues.words(tampered.lowercased()).contains(name.lowercased()))
        #expect(!PersonalValues.occurs(pesel, in: run.html.lowercased()))
    }

    @Test func suppressionCanBeTurnedOffInTheProjectFile() throws {
        let text = """
            version: 1
            project: { id: t, name: T, funder: F, period: { start: 2023-01-01, end: 2023-12-31 } }
            partners: [{ id: a, name: A, role: leader }]
            activities: { x: { pl: X, en: X } }
            sources: []
            dashboard: { suppress_below: 0 }
            """
        #expect(try ProjectDefinition.parse(text, file: "t.yml").dashboard.suppressBelow == 0)
        let defaults = try ProjectDefinition.parse(
            text.replacingOccurrences(of: "dashboard: { suppress_below: 0 }", with: ""), file: "t.yml")
        #expect(defaults.dashboard.suppressBelow == 5)
        #expect(throws: DefinitionError.self) {
            try ProjectDefinition.parse(
                text.replacingOccurrences(of: "suppress_below: 0", with: "suppress: 3"), file: "t.yml")
        }
    }
}

/// The page's number format, for expectations.
enum SmallCellDisplay {
    static func number(_ value: Double) -> String {
        DashboardSections.number(value).pl.replacingOccurrences(of: "\u{00A0}", with: " ")
    }
}

/// Every personal value of the inputs, read back from the warehouse's raw rows (the cells as the partner typed
/// them) and its participant records (as normalised): names, PESELs, birth dates, phones, e-mails, and the names of
/// staff (consultants, trainers).
enum PersonalValues {
    /// Header words of personal columns (lower case, as partners write them in Polish, Ukrainian, Russian, English).
    static let headerWords = [
        "nazwisk", "imię", "imie", "pesel", "urodz", "telefon", "e-mail", "email", "konsultant", "doradca",
        "prowadząc", "trener", "прізвищ", "ім'я", "народж", "фамили", "имя", "рожд", "name", "phone", "birth",
    ]

    static func read(warehouse: URL) throws -> Set<String> {
        let db = try DatabaseQueue(path: warehouse.path)
        defer { try? db.close() }
        return try db.read { db in
            var values = Set<String>()
            func add(_ cell: CellValue) {
                switch cell {
                case .date(let d):
                    values.formUnion([d.iso, d.polish])
                case .string(let s):
                    let trimmed = s.trimmingCharacters(in: .whitespaces)
                    guard trimmed.count >= 3 else { return }
                    values.insert(trimmed)
                    // Each word of a name on its own, too (a page could show a surname alone).
                    for word in trimmed.split(whereSeparator: { $0 == " " || $0 == "-" }) where word.count >= 4 {
                        values.insert(String(word))
                    }
                    if let d = DateParser.parse(trimmed)?.date { values.formUnion([d.iso, d.polish]) }
                case .number(let n):
                    values.insert(cell.text)
                    if n > 20000, n < 80000, let d = LocalDate(excelSerial: n) { values.formUnion([d.iso, d.polish]) }
                default: break
                }
            }
            var personalColumns: [Int64: [Int]] = [:]
            for row in try Row.fetchAll(
                db, sql: "select sheet_id, cells_json from raw_rows order by sheet_id, row_number")
            {
                let sheet: Int64 = row[0]
                guard let cells = CellJSON.decode(row[1]) else { continue }
                let texts = cells.map { $0.text.lowercased() }
                let matches = texts.indices.filter { i in headerWords.contains { texts[i].contains($0) } }
                if matches.count >= 2 {
                    personalColumns[sheet] = matches
                    continue
                }
                // A title-block label ("Prowadząca:") with the person in the next cell.
                for i in matches where i + 1 < cells.count { add(cells[i + 1]) }
                for i in personalColumns[sheet] ?? [] where i < cells.count { add(cells[i]) }
            }
            for row in try Row.fetchAll(
                db, sql: "select first_name, last_name, pesel, birth_date from participant_records")
            {
                for i in 0..<4 { if let s = row[i] as String?, s.count >= 3 { values.insert(s) } }
                if let iso = row[3] as String?, let d = LocalDate(iso: iso) { values.insert(d.polish) }
            }
            return values
        }
    }

    /// The words and numbers of `text` (runs of letters and digits).
    static func words(_ text: String) -> Set<String> {
        Set(text.split { !($0.isLetter || $0.isNumber) }.map(String.init))
    }

    /// Whether `value` occurs in `text` as a whole word or number (not inside a longer one).
    static func occurs(_ value: String, in text: String) -> Bool {
        var search = text.startIndex..<text.endIndex
        while let r = text.range(of: value, range: search) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            let isPart: (Character?) -> Bool = { c in c.map { $0.isLetter || $0.isNumber } ?? false }
            if !isPart(before) && !isPart(after) { return true }
            search = r.upperBound..<text.endIndex
        }
        return false
    }
}
