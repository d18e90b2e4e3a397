import Foundation
import IntegraCore
import IntegraIngest
import IntegraSynth
import IntegraTesting
import Testing

/// `integra synth --program`: the truth files agree with the partner files they describe, read back from the files
/// independently of the generator's types.
struct ProgramGeneratorTests {
    struct Truth: Decodable {
        struct File: Decodable {
            var path: String
            var read: Int
            var loaded: Int
            var rejected: Int
            var copies: String?
        }
        struct Summary: Decodable {
            var nameOnlyPersons: Int
            var personsWithNamesake: Int
        }
        var persons: Int
        var files: [File]
        var summary: Summary?
    }

    struct Programme {
        var folder: URL
        var truth: Truth
        var records: [(key: String, person: String)]
    }

    /// A small programme: 4 partners, 800 persons.
    static func generate(
        persons: Int = 800, conditions: ProgramGenerator.Conditions = .all
    ) throws -> Programme {
        let folder = try TestSupport.makeTemporaryDirectory("program-generator")
        _ = try ProgramGenerator(seed: 11, partners: 4, persons: persons, conditions: conditions)
            .write(into: folder, name: "program")
        let truth = try JSONDecoder().decode(
            Truth.self, from: Data(contentsOf: folder.appendingPathComponent("program/truth.json")))
        let text = try String(contentsOf: folder.appendingPathComponent("program/truth-records.csv"), encoding: .utf8)
        let records = text.split(separator: "\n").dropFirst().map { line -> (String, String) in
            let comma = line.lastIndex(of: ",")!
            return (String(line[..<comma]), String(line[line.index(after: comma)...]))
        }
        return Programme(folder: folder, truth: truth, records: records)
    }

    /// The data lines of a CSV file (the generator's files have no line breaks inside a field), header first.
    static func lines(_ path: String, in programme: Programme) throws -> [String] {
        let data = try Data(contentsOf: programme.folder.appendingPathComponent(path))
        var text: String
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            text = String(decoding: data.dropFirst(3), as: UTF8.self)
        } else {
            text = try #require(String(data: data, encoding: .windowsCP1250))
        }
        text = text.replacingOccurrences(of: "\r\n", with: "\n")
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }

    static func delimiter(_ header: String) -> Character { header.contains(";") ? ";" : "," }

    /// Whether a line is a typed-in totals row ("Razem;;…;1234"): the table's footer, not a data row.
    static func isTotals(_ line: String) -> Bool {
        ["Razem", "RAZEM", "Suma"].contains(line.split(separator: ";", omittingEmptySubsequences: false)[0])
    }

    /// The lines of a CSV file without its footer (the totals row under the table), header first.
    static func tableLines(_ path: String, in programme: Programme) throws -> [String] {
        var lines = try lines(path, in: programme)
        while let last = lines.last, isTotals(last) { lines.removeLast() }
        return lines
    }

    @Test func everyRecordKeyNamesALoadableRowOfItsFile() throws {
        let programme = try Self.generate()
        defer { try? FileManager.default.removeItem(at: programme.folder) }
        let records = programme.records
        #expect(records.count > 800)
        var csv: [String: [String]] = [:]
        var sheets: [String: [String: SheetTable]] = [:]
        var checked = 0
        for (key, _) in records {
            let parts = key.split(separator: "#").map(String.init)
            let row = try #require(Int(parts.last!))
            if parts.count == 3 {
                if sheets[parts[0]] == nil {
                    let workbook = try XLSXWorkbook(url: programme.folder.appendingPathComponent(parts[0]))
                    var tables: [String: SheetTable] = [:]
                    for info in workbook.sheets { tables[info.name] = try workbook.readSheet(named: info.name) }
                    sheets[parts[0]] = tables
                }
                let table = try #require(sheets[parts[0]]?[parts[1]], "\(key): no such sheet")
                let found = try #require(table.rows.first { $0.number == row }, "\(key): no such row")
                #expect(!found[1].text.isEmpty, "\(key): no surname")
            } else {
                #expect(parts.count == 2)
                if csv[parts[0]] == nil { csv[parts[0]] = try Self.lines(parts[0], in: programme) }
                let lines = csv[parts[0]]!
                try #require(row >= 2 && row <= lines.count, "\(key): past the end of the file")
                let d = Self.delimiter(lines[0])
                #expect(!lines[row - 1].contains("\""), "\(key): a damaged row")
                #expect(
                    lines[row - 1].split(separator: d, omittingEmptySubsequences: false).count
                        == lines[0].split(separator: d, omittingEmptySubsequences: false).count,
                    "\(key): not the header's field count")
            }
            checked += 1
        }
        #expect(checked == records.count)
        #expect(Set(records.map(\.key)).count == records.count)
    }

    @Test func fileAccountingMatchesTheFiles() throws {
        let programme = try Self.generate()
        defer { try? FileManager.default.removeItem(at: programme.folder) }
        let truth = programme.truth
        for file in truth.files {
            #expect(FileManager.default.fileExists(atPath: programme.folder.appendingPathComponent(file.path).path))
            #expect(file.loaded == file.read - file.rejected)
            guard file.path.hasSuffix(".csv") else { continue }
            #expect(try Self.tableLines(file.path, in: programme).count - 1 == file.read, "\(file.path)")
        }
        // The information points' logs end with a typed-in totals row, which is not read.
        let logs = truth.files.filter { $0.path.contains("/rejestr-porad-20") && !$0.path.hasSuffix("Q1.csv") }
        #expect(!logs.isEmpty)
        for log in logs { #expect(try Self.isTotals(Self.lines(log.path, in: programme).last!), "\(log.path)") }
        // Re-sent copies: each group is two files, one of which loads.
        let groups = Dictionary(grouping: truth.files.filter { $0.copies != nil }, by: { $0.copies! })
        #expect(groups.count >= 3)
        for (_, files) in groups {
            #expect(files.count == 2)
            #expect(files.filter { $0.loaded == 0 }.count == 1)
            #expect(files.allSatisfy { $0.rejected == 0 || $0.rejected == $0.read })
            // Its rows are whole: a damaged row would be rejected in each copy, which the group's sums do not say.
            for file in files {
                let lines = try Self.lines(file.path, in: programme)
                let fields = lines[0].split(separator: ";", omittingEmptySubsequences: false).count
                #expect(
                    lines.allSatisfy {
                        $0.filter { $0 == "\"" }.count % 2 == 0
                            && $0.split(separator: ";", omittingEmptySubsequences: false).count == fields
                    }, "\(file.path): a damaged row")
            }
        }
        // A stray quote and a missing field are rejected, the rest of the file is read.
        let damaged = truth.files.filter { $0.path.hasSuffix(".csv") && $0.rejected > 0 && $0.copies == nil }
        #expect(damaged.contains { $0.path.contains("rejestr-porad") && $0.rejected == 2 })
        let yearFiles = Set(truth.files.map(\.path))
        #expect(yearFiles.contains("program/p01/rejestr-porad-2024 (kopia).csv"))
        #expect(yearFiles.contains("program/p03/rejestr-porad-2025Q1.csv"))
        #expect(yearFiles.contains { $0.hasPrefix("program/p03/kurs_2024Q") && $0.hasSuffix("_lista.csv") })
    }

    @Test func aLargeShareIsNameOnlyAndNamesakesExist() throws {
        let programme = try Self.generate()
        defer { try? FileManager.default.removeItem(at: programme.folder) }
        let summary = try #require(programme.truth.summary)
        let share = Double(summary.nameOnlyPersons) / Double(programme.truth.persons)
        #expect(share > 0.3 && share < 0.45, "name-only share \(share)")
        #expect(summary.personsWithNamesake >= 4)
    }

    @Test func nameOnlyClientsAreWrittenInSeveralSpellings() throws {
        let programme = try Self.generate()
        defer { try? FileManager.default.removeItem(at: programme.folder) }
        var spellings: [String: Set<String>] = [:]
        var files: [String: [String]] = [:]
        for (key, person) in programme.records where key.contains("/rejestr-porad-2024.csv#") {
            let parts = key.split(separator: "#")
            let path = String(parts[0])
            if files[path] == nil { files[path] = try Self.lines(path, in: programme) }
            let cells = files[path]![Int(parts[1])! - 1].split(separator: ";", omittingEmptySubsequences: false)
            spellings[person, default: []].insert(String(cells[3]))
        }
        let varied = spellings.values.filter { $0.count >= 3 }
        #expect(varied.count >= 5)
        func cyrillic(_ s: String) -> Bool { s.unicodeScalars.contains { (0x400...0x4FF).contains($0.value) } }
        #expect(spellings.values.contains { s in s.contains(where: cyrillic) && s.contains { !cyrillic($0) } })
        // Persons met in consultations who are also on a roll of the same partner.
        let byPerson = Dictionary(grouping: programme.records, by: \.person)
        let both = byPerson.values.filter { records in
            records.contains { $0.key.contains("rejestr-porad") }
                && records.contains { $0.key.contains("lista") || $0.key.contains("uczestnicy") }
        }
        #expect(both.count >= 20)
    }

    @Test func anonymousMarksPhonesAndMissingColumnsAreWrittenWithTheirTruth() throws {
        let programme = try Self.generate()
        defer { try? FileManager.default.removeItem(at: programme.folder) }
        let identities = Set(programme.records.map(\.key))
        var marks = 0
        var phones = 0
        for file in programme.truth.files where file.path.contains("/rejestr-porad-") {
            let lines = try Self.tableLines(file.path, in: programme)
            for (i, line) in lines.enumerated().dropFirst() where !line.contains("\"") {
                let cells = line.split(separator: ";", omittingEmptySubsequences: false)
                guard cells.count == 9 else { continue }
                let key = "\(file.path)#\(i + 1)"
                // "N.N.", "-", "anonim", "анонімно": anonymous consultations, no person's record.
                if ["N.N.", "-", "anonim", "анонімно"].contains(cells[3]) {
                    marks += 1
                    #expect(!identities.contains(key), "\(key): an anonymous row is a person's record")
                }
                if cells[3].contains(" tel. ") {
                    phones += 1
                    #expect(identities.contains(key), "\(key): a name with a phone is no person's record")
                }
            }
        }
        #expect(marks >= 20)
        #expect(phones >= 5)
        // The p04 career-guidance log has no citizenship column, and its source maps none.
        let guidance = try Self.lines("program/p04/doradztwo-zawodowe-2024-2025.csv", in: programme)
        #expect(!guidance[0].contains("Obywatelstwo"))
        #expect(try Self.lines("program/p03/doradztwo-zawodowe-2024-2025.csv", in: programme)[0].contains("Obywatelstwo"))
        let project = try String(contentsOf: programme.folder.appendingPathComponent("program.yml"), encoding: .utf8)
        let p04 = try #require(project.range(of: "- id: p04-guidance"))
        #expect(!project[p04.upperBound...].contains("citizenship:"))
    }

    @Test func hoursAndBirthYearsAreWrittenAndMapped() throws {
        #expect(ProgramGenerator.Conditions(parsing: "all") == .all)
        #expect(ProgramGenerator.Conditions.all.isSuperset(of: [.hours, .birthYearInName]))
        let chosen = try #require(ProgramGenerator.Conditions(parsing: "all"))
        #expect(chosen.isSuperset(of: [.hours, .birthYearInName, .totals]))
        let programme = try Self.generate(persons: 300, conditions: chosen)
        defer { try? FileManager.default.removeItem(at: programme.folder) }
        let log = try Self.tableLines("program/p03/rejestr-porad-2024.csv", in: programme)
        #expect(log[0].hasSuffix(";Liczba godzin"))
        let hours = Set(log.dropFirst().map { String($0.split(separator: ";", omittingEmptySubsequences: false).last!) })
        #expect(hours.isSubset(of: ["0,25", "0,5", "0,75", "1", "1,5"]) && hours.contains("0,75"))
        #expect(try Self.lines("program/p01/rejestr-porad-2024.csv", in: programme)[0].hasSuffix(";Czas (min)"))
        let project = try String(contentsOf: programme.folder.appendingPathComponent("program.yml"), encoding: .utf8)
        #expect(project.contains("hours: Liczba godzin"))
        let years = try programme.truth.files.filter { $0.path.contains("/rejestr-porad-") }.map { file in
            try Self.tableLines(file.path, in: programme).filter {
                $0.range(of: #" \((19|20)\d\d\);"#, options: .regularExpression) != nil
            }.count
        }
        #expect(years.reduce(0, +) >= 5)
    }
}
