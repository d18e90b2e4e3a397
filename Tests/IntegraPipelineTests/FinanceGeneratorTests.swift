import Foundation
import IntegraCore
import IntegraIngest
import IntegraSynth
import IntegraTesting
import Testing

/// The generators' money (issue 19): the ledgers and the budget read back from the files, independently of the
/// generator's types, agree with `truth.json`'s `finance` — every row the rules reject or warn about is listed,
/// once, with the one code it breaks, no other row breaks any; the sums of the rows that load are the truth's —
/// and the same seed writes the same bytes.
struct FinanceGeneratorTests {
    struct Finance: Decodable {
        struct File: Decodable {
            var path: String
            var read: Int
            var loaded: Int
            var rejected: Int
        }
        struct Spending: Decodable, Hashable {
            var partner: String
            var task: String
            var budget_line: String
            var quarter: String
            var eligible_grosze: Int64
            var rows: Int
        }
        struct Plan: Decodable {
            var partner: String
            var task: String
            var budget_line: String
            var category: String
            var period: String
            var amount_grosze: Int64
        }
        struct Expected: Decodable {
            var code: String
            var file: String
            var row: Int
            var partner: String?
            var task: String?
            var budget_line: String?
        }
        struct Settings: Decodable {
            var eligibility_start: String
            var eligibility_end: String
            var indirect_rate_percent: Int64
            var flexibility_percent: Int64
        }
        var settings: Settings
        var files: [File]
        var spending: [Spending]
        var plan: [Plan]
        var expected_diagnostics: [Expected]
    }

    struct TruthFile: Decodable { var finance: Finance }

    static func finance(in folder: URL, name: String) throws -> Finance {
        try JSONDecoder().decode(
            TruthFile.self, from: Data(contentsOf: folder.appendingPathComponent("\(name)/truth.json"))
        ).finance
    }

    /// A ledger row read back: cells by header.
    struct Row {
        var number: Int
        var cells: [String: CellValue]

        func first(_ headers: [String]) -> CellValue? { headers.lazy.compactMap { cells[$0] }.first }
        func text(_ headers: [String]) -> String { first(headers)?.text.trimmingCharacters(in: .whitespaces) ?? "" }
    }

    /// The rows of a ledger file (CSV in Windows-1250 or UTF-8 with BOM, or the first sheet of a workbook under a
    /// title block), each with its 1-based sheet row.
    static func rows(of url: URL) throws -> [Row] {
        if url.pathExtension == "xlsx" {
            let workbook = try XLSXWorkbook(url: url)
            let table = try workbook.readSheet(named: workbook.sheets[0].name)
            let header = try #require(table.rows.first { $0[0].text == "Lp." || $0[0].text == "Zadanie" })
            let names = header.cells.map(\.text)
            return table.rows.filter { $0.number > header.number && !$0.isBlank }.map { row in
                Row(
                    number: row.number,
                    cells: Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, row[$0]) }))
            }
        }
        let data = try Data(contentsOf: url)
        let text =
            data.starts(with: [0xEF, 0xBB, 0xBF])
            ? String(decoding: data.dropFirst(3), as: UTF8.self)
            : try #require(String(data: data, encoding: .windowsCP1250))
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let delimiter: Character = lines[0].contains(";") ? ";" : ","
        let names = fields(lines[0], delimiter)
        return try lines.dropFirst().enumerated().map { i, line in
            let fields = fields(line, delimiter)
            try #require(fields.count == names.count, "\(url.lastPathComponent):\(i + 2): not the header's fields")
            return Row(
                number: i + 2,
                cells: Dictionary(
                    uniqueKeysWithValues: zip(names, fields).map { ($0, $1.isEmpty ? .empty : .string($1)) }))
        }
    }

    /// The fields of one CSV line (a quoted field may hold the delimiter; the generators write no line breaks in one).
    static func fields(_ line: String, _ delimiter: Character) -> [String] {
        var fields: [String] = [], field = "", quoted = false, previous: Character?
        for ch in line {
            if ch == "\"" {
                if !quoted, previous == "\"" { field.append(ch) }
                quoted.toggle()
            } else if ch == delimiter && !quoted {
                fields.append(field)
                field = ""
            } else {
                field.append(ch)
            }
            previous = ch
        }
        return fields + [field]
    }

    static func money(_ cell: CellValue?) -> Money?? {
        switch cell {
        case nil, .empty?: return .some(nil)
        case .number(let n)?: return .some(Money.fromNumber(n))
        case .string(let s)?: return Money.parse(s).map { .some($0) } ?? nil
        default: return nil
        }
    }

    static func date(_ cell: CellValue?) -> LocalDate? {
        switch cell {
        case .date(let d)?: return d
        case .string(let s)?:
            if let d = LocalDate(iso: s) { return d }
            let p = s.split(separator: ".").compactMap { Int($0) }
            return p.count == 3 ? LocalDate(year: p[2], month: p[1], day: p[0]) : nil
        default: return nil
        }
    }

    static func nipValid(_ digits: [Int]) -> Bool {
        digits.count == 10 && zip(digits, [6, 5, 7, 2, 3, 4, 5, 6, 7]).reduce(0) { $0 + $1.0 * $1.1 } % 11 == digits[9]
    }

    /// Reads every ledger and the budget of a generated project back and checks them against its finance truth.
    static func checkAgainstFiles(folder: URL, name: String) throws {
        let finance = try finance(in: folder, name: name)
        let start = try #require(LocalDate(iso: finance.settings.eligibility_start))
        let end = try #require(LocalDate(iso: finance.settings.eligibility_end))
        let budgetLines = Set(finance.plan.map { "\($0.task)/\($0.budget_line)" })
        var expected: [String: String] = [:]
        for e in finance.expected_diagnostics {
            #expect(expected.updateValue(e.code, forKey: "\(e.file)#\(e.row)") == nil, "\(e.file):\(e.row) twice")
        }

        var sums: [String: (Int64, Int)] = [:]
        var invoices: [String: (partner: String, lines: Set<String>, eligible: Int64)] = [:]
        var found: [String: String] = [:]
        // Integra's input order: the sources as the project file lists them (the demo's ledgers: Przystań, Nadija,
        // Centrum), then paths; the first copy of an invoice in that order is kept.
        let partnerOrder = ["przystan", "nadija", "centrum"]
        let ledgers = finance.files.map(\.path).filter { !$0.contains("/budzet-") }.sorted {
            let a = partnerOrder.firstIndex(of: String($0.split(separator: "/")[1])) ?? .max
            let b = partnerOrder.firstIndex(of: String($1.split(separator: "/")[1])) ?? .max
            return (a, $0) < (b, $1)
        }
        #expect(!ledgers.isEmpty)
        for path in ledgers {
            let rows = try rows(of: folder.appendingPathComponent(path))
            let partner = path.split(separator: "/")[1]
            let claim = path.range(of: #"\d{4}Q[1-4]"#, options: .regularExpression).map { String(path[$0]) }
            var rejected = 0
            for row in rows {
                var codes: [String] = []
                let eligibleCell = row.first(["Kwota kwalifikowalna", "Wydatki kwalifikowalne"])
                let net = money(row.first(["Kwota netto", "Netto", "Wartość netto"]))
                let gross = money(row.first(["Kwota brutto", "Brutto", "Wartość brutto"]))
                let eligible = eligibleCell.map { money($0) } ?? net
                let payment = date(row.first(["Data zapłaty", "Data płatności", "Data zapł."]))
                let issue = date(row.first(["Data wystawienia", "Data dokumentu", "Data wyst."]))
                let task = row.text(["Zadanie", "Nr zadania"]).filter(\.isNumber)
                var line = row.text(["Pozycja budżetu", "Nr pozycji", "Poz. budżetu"])
                if line.hasPrefix("poz. ") { line.removeFirst(5) }
                if line.hasSuffix(".") { line.removeLast() }
                let nip = row.text(["NIP kontrahenta", "NIP podmiotu", "NIP"]).compactMap(\.wholeNumberValue)
                let document = row.text(["Nr dokumentu", "Numer dokumentu", "Dokument"])
                    .replacingOccurrences(of: " ", with: "").uppercased()
                let supplier = row.text(["Kontrahent", "Podmiot"])

                if eligible == nil || net == nil || gross == nil {
                    codes.append("invalid-amount")
                } else if payment == nil {
                    codes.append("unpaid-expenditure")
                } else if payment! < start || payment! > end || (issue.map { $0 < start } ?? false) {
                    codes.append("expense-outside-eligibility")
                } else if let g = gross!, eligible!! > g {
                    codes.append("eligible-above-gross")
                } else if let n = net!, eligible!! > n {
                    codes.append("vat-not-eligible")
                } else if (money(row.first(["w tym VAT"])) ?? nil).map({ $0 > .zero }) ?? false {
                    codes.append("vat-not-eligible")
                } else if !budgetLines.contains("\(task)/\(line)") {
                    codes.append("unknown-budget-line")
                } else if let claimed = invoices[(nip.isEmpty ? supplier : nip.map(String.init).joined()) + "|" + document],
                    claimed.partner != partner || claimed.lines.contains("\(task)/\(line)")
                        || claimed.eligible + eligible!!.grosze > (net!?.grosze ?? .max)
                {
                    // Another partner's document (double funding), the same line again, or the parts of a document
                    // split across lines claiming more than its net amount (VAT is not eligible in the generators).
                    codes.append("duplicate-invoice")
                } else {
                    let key = (nip.isEmpty ? supplier : nip.map(String.init).joined()) + "|" + document
                    invoices[key, default: (String(partner), [], 0)].lines.insert("\(task)/\(line)")
                    invoices[key]!.eligible += eligible!!.grosze
                }
                let loads = codes.isEmpty
                if loads, let claim, let year = Int(claim.prefix(4)), let q = Int(claim.suffix(1)),
                    let last = LocalDate(
                        year: year, month: q * 3, day: LocalDate.daysInMonth(year: year, month: q * 3)),
                    payment! > last
                {
                    codes.append("paid-after-claim")
                }
                if loads, !nip.isEmpty, !nipValid(nip) { codes.append("invalid-nip") }
                #expect(codes.count <= 1, "\(path):\(row.number): breaks \(codes)")
                if let code = codes.first { found["\(path)#\(row.number)"] = code }
                guard loads else {
                    rejected += 1
                    continue
                }
                let key = "\(partner)|\(task)|\(line)|\(payment!.year)Q\(payment!.quarter)"
                sums[key, default: (0, 0)].0 += eligible!!.grosze
                sums[key, default: (0, 0)].1 += 1
            }
            let file = try #require(finance.files.first { $0.path == path })
            #expect((file.read, file.rejected) == (rows.count, rejected), "\(path)")
        }
        let rowCodes = expected.filter { !$0.key.contains("/budzet-") }
        #expect(found == rowCodes)

        let truthSums = Dictionary(
            uniqueKeysWithValues: finance.spending.map {
                ("\($0.partner)|\($0.task)|\($0.budget_line)|\($0.quarter)", ($0.eligible_grosze, $0.rows))
            })
        #expect(sums.keys.sorted() == truthSums.keys.sorted())
        for (key, value) in truthSums { #expect(sums[key].map { $0 == value } ?? false, "\(key)") }

        // The budget's cells, and the aggregate checks on the sums read back.
        let budgetPath = try #require(finance.files.map(\.path).first { $0.contains("/budzet-") })
        var cells: [String] = []
        for row in try rows(of: folder.appendingPathComponent(budgetPath)) {
            for (header, value) in row.cells {
                let period: String
                if let m = header.wholeMatch(of: /(I|II|III|IV) kw\. (\d{4})/) {
                    period = "\(m.2)Q\(["I", "II", "III", "IV"].firstIndex(of: String(m.1))! + 1)"
                } else if let m = header.wholeMatch(of: /(\d{4}) r\./) {
                    period = String(m.1)
                } else {
                    continue
                }
                guard case .number(let n) = value else { continue }
                cells.append(
                    "\(row.text(["Zadanie"]))/\(row.text(["Nr pozycji"]))/\(period)/\(Money.fromNumber(n)!.grosze)")
            }
        }
        #expect(
            cells.sorted()
                == finance.plan.map { "\($0.task)/\($0.budget_line)/\($0.period)/\($0.amount_grosze)" }.sorted())

        var spent: [String: Int64] = [:]
        var byCategory: [String: [String: Int64]] = [:]
        let category = Dictionary(finance.plan.map { ("\($0.partner)|\($0.task)|\($0.budget_line)", $0.category) }) {
            a, _ in a
        }
        for (key, value) in sums {
            let line = key.split(separator: "|").prefix(3).joined(separator: "|")
            spent[line, default: 0] += value.0
            byCategory[String(key.split(separator: "|")[0]), default: [:]][category[line]!, default: 0] += value.0
        }
        var planned: [String: Int64] = [:]
        for p in finance.plan { planned["\(p.partner)|\(p.task)|\(p.budget_line)", default: 0] += p.amount_grosze }
        var aggregates: [String] = []
        for (line, plan) in planned {
            let s = spent[line] ?? 0
            let allowed =
                plan
                + Money(grosze: plan).share(numerator: finance.settings.flexibility_percent, denominator: 100).grosze
            if s > allowed {
                aggregates.append("line-over-budget \(line)")
            } else if s > plan {
                aggregates.append("line-within-flexibility \(line)")
            }
        }
        for (partner, c) in byCategory {
            let direct = (c["personnel"] ?? 0) + (c["direct"] ?? 0)
            let cap = Money(grosze: direct).share(numerator: finance.settings.indirect_rate_percent, denominator: 100)
            if (c["indirect"] ?? 0) > cap.grosze { aggregates.append("indirect-over-flat-rate \(partner)") }
        }
        let expectedAggregates = finance.expected_diagnostics.filter { $0.file == budgetPath }.map { e in
            e.code == "indirect-over-flat-rate"
                ? "\(e.code) \(e.partner!)" : "\(e.code) \(e.partner!)|\(e.task!)|\(e.budget_line!)"
        }
        #expect(aggregates.sorted() == expectedAggregates.sorted())
    }

    @Test func demoFinanceTruthIsWhatTheFilesSay() throws {
        let dir = try TestSupport.makeTemporaryDirectory("finance-demo")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try DemoGenerator(seed: 2023).write(into: dir, name: "demo")
        try Self.checkAgainstFiles(folder: dir, name: "demo")

        // One row of every row-level problem (the invoice claimed twice: within a partner and across partners),
        // one line over its budget, one within the flexibility, one partner over the flat rate.
        let finance = try Self.finance(in: dir, name: "demo")
        var codes: [String: Int] = [:]
        for e in finance.expected_diagnostics { codes[e.code, default: 0] += 1 }
        #expect(
            codes == [
                "expense-outside-eligibility": 1, "paid-after-claim": 1, "duplicate-invoice": 2,
                "eligible-above-gross": 1, "vat-not-eligible": 1, "unknown-budget-line": 1, "unpaid-expenditure": 1,
                "invalid-nip": 1, "invalid-amount": 1, "line-over-budget": 1, "line-within-flexibility": 1,
                "indirect-over-flat-rate": 1,
            ])
        let duplicates = finance.expected_diagnostics.filter { $0.code == "duplicate-invoice" }
        #expect(Set(duplicates.map { $0.file.split(separator: "/")[1] }) == ["przystan", "centrum"])
        for file in finance.files where !file.path.contains("/budzet-") {
            let partnerRows = finance.files.filter {
                $0.path.split(separator: "/")[1] == file.path.split(separator: "/")[1]
            }
            .reduce(0) { $0 + $1.read }
            #expect((40...120).contains(partnerRows), "\(file.path)")
        }
    }

    @Test func programmeFinanceTruthIsWhatTheFilesSay() throws {
        let dir = try TestSupport.makeTemporaryDirectory("finance-programme")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try ProgramGenerator(seed: 11, partners: 4, persons: 800).write(into: dir, name: "program")
        try Self.checkAgainstFiles(folder: dir, name: "program")
        let finance = try Self.finance(in: dir, name: "program")
        // About two ledger rows a person; the three layouts; every row-level code seeded somewhere.
        let rows = finance.files.filter { !$0.path.contains("/budzet-") }.reduce(0) { $0 + $1.read }
        #expect((1200...2000).contains(rows))
        let extensions = Set(finance.files.map { URL(fileURLWithPath: $0.path).pathExtension })
        #expect(extensions == ["csv", "xlsx"])
        let codes = Set(finance.expected_diagnostics.map(\.code))
        #expect(
            codes.isSuperset(of: [
                "expense-outside-eligibility", "paid-after-claim", "duplicate-invoice", "eligible-above-gross",
                "vat-not-eligible", "unknown-budget-line", "unpaid-expenditure", "invalid-nip", "invalid-amount",
                "line-over-budget",
            ]))
    }

    @Test func theSameSeedWritesTheSameMoney() throws {
        let a = try TestSupport.makeTemporaryDirectory("finance-seed-a")
        let b = try TestSupport.makeTemporaryDirectory("finance-seed-b")
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        let written = try DemoGenerator(seed: 2023).write(into: a, name: "demo")
        #expect(try DemoGenerator(seed: 2023).write(into: b, name: "demo") == written)
        let programme = try ProgramGenerator(seed: 5, partners: 3, persons: 300).write(into: a, name: "program")
        #expect(try ProgramGenerator(seed: 5, partners: 3, persons: 300).write(into: b, name: "program") == programme)
        for path in written + programme {
            let same =
                try Data(contentsOf: a.appendingPathComponent(path)) == Data(contentsOf: b.appendingPathComponent(path))
            #expect(same, "\(path)")
        }
    }
}
