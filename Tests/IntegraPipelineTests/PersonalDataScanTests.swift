import Foundation
import IntegraCore
import IntegraIngest
import IntegraTesting
import Testing
import ZIPFoundation

/// Issue 9, item 5: the demo project, with phones and e-mails added to a partner's roll, is run by the built
/// `integra`; every aggregate output (reports, CSVs, dashboard, run.json, diagnostics, rejected rows) and everything
/// the commands print are scanned for the names, PESELs, phones and e-mails of the inputs, read from the partner files
/// themselves. Any hit fails. With `--show-values` the printed diagnostics do carry values: the scan finds them, which
/// shows both that it works and that the flag is what lets values out.
@Suite(.serialized) struct PersonalDataScanTests {
    static let scan = Result { try DemoScan() }

    @Test func noOutputNorLogCarriesAPersonalValueOfTheInputs() throws {
        let scan = try Self.scan.get()
        #expect(scan.values.names.count > 100, "names found in the inputs: \(scan.values.names.count)")
        #expect(scan.values.pesels.count > 20)
        #expect(scan.values.phones.count > 10)
        #expect(scan.values.emails.count > 10)
        #expect(scan.scanned.count > 15, "aggregate outputs and logs scanned: \(scan.scanned.count)")
        for (name, text) in scan.scanned {
            for hit in scan.values.hits(in: text) {
                Issue.record("\(name) contains \(hit)")
            }
        }
    }

    @Test func showValuesIsWhatLetsValuesIntoTheLog() throws {
        let scan = try Self.scan.get()
        let hits = scan.values.hits(in: scan.showValuesLog)
        #expect(hits.contains { $0.hasPrefix("a name") }, "\(hits)")
        #expect(hits.contains { $0.hasPrefix("an e-mail") }, "\(hits)")
    }

    @Test func personalFilesAndTheWarehouseAreForTheirOwnerOnly() throws {
        let scan = try Self.scan.get()
        #expect(scan.personal.sorted() == ["reports/linkage-review.csv", "reports/linkage-review.xlsx", "reports/participants-sm-efs.csv"])
        for path in scan.personal + ["warehouse.sqlite", "warehouse.sqlite.lock"] {
            #expect(scan.modes[path] == 0o600, "\(path)")
        }
    }
}

/// The demo with a phone and an e-mail column in Nadija's roll, run in a scratch folder, and what came out.
struct DemoScan {
    let values: InputPersonalValues
    /// Aggregate outputs and logs: a name (path or command) and its text.
    var scanned: [(String, String)] = []
    /// Outputs run.json marks as personal (left out of the scan: they hold names by design).
    var personal: [String] = []
    var showValuesLog = ""
    /// The permissions of the files in the output folder.
    var modes: [String: Int] = [:]

    init() throws {
        let root = TestSupport.repositoryRoot
        let exe = try #require(Executable.integra, "build the integra product first (swift build)")
        let folder = try TestSupport.makeTemporaryDirectory("integra-pii")
        let fm = FileManager.default
        defer { try? fm.removeItem(at: folder) }
        try fm.copyItem(at: root.appendingPathComponent("pipelines/demo"), to: folder.appendingPathComponent("demo"))
        var project = try String(contentsOf: root.appendingPathComponent("pipelines/demo.yml"), encoding: .utf8)
        let anchor = "      objective_since: Дата реєстрації в цілі\n"
        try #require(project.components(separatedBy: anchor).count == 2)
        project = project.replacingOccurrences(of: anchor, with: anchor + "      phone: Телефон\n      email: Email\n")
        let projectFile = folder.appendingPathComponent("demo.yml")
        try project.write(to: projectFile, atomically: true, encoding: .utf8)
        try Self.addContactColumns(folder.appendingPathComponent("demo/nadija/uczestnicy-warsztatow.csv"))

        values = try InputPersonalValues(
            inputs: folder.appendingPathComponent("demo"),
            legitimate: [project] + Self.definitionTexts(root))
        let out = folder.appendingPathComponent("out")
        let environment = ["INTEGRA_HOME": root.path]
        func integra(_ arguments: [String]) throws -> String {
            let result = try Executable.run(exe, arguments, in: folder, environment: environment)
            #expect(result.status == 0, "integra \(arguments.joined(separator: " ")): \(result.stderr)")
            return result.stdout + result.stderr
        }
        scanned.append(("integra run", try integra(["run", projectFile.path, "--out", out.path, "--timings"])))
        scanned.append(("integra sources", try integra(["sources", projectFile.path, "--out", out.path])))
        scanned.append(
            (
                "integra explain",
                try integra(["explain", "persons_supported", "--pipeline", projectFile.path, "--out", out.path])
            ))
        for file in try Self.files(in: folder.appendingPathComponent("demo")) {
            scanned.append(("integra inspect \(file.lastPathComponent)", try integra(["inspect", file.path])))
        }
        struct Manifest: Decodable {
            struct Output: Decodable {
                var path: String
                var personal: Bool?
            }
            var outputs: [Output]
        }
        let manifest = try JSONDecoder().decode(
            Manifest.self, from: Data(contentsOf: out.appendingPathComponent("run.json")))
        personal = manifest.outputs.filter { $0.personal == true }.map(\.path)
        for file in try Self.files(in: out) {
            let path = String(file.path.dropFirst(out.path.count + 1))
            modes[path] = (try fm.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber)?.intValue
            if personal.contains(path) || path.hasPrefix("warehouse.sqlite") { continue }
            scanned.append((path, try Self.text(of: file)))
        }
        // Again into a fresh folder, so the rows' diagnostics are printed, this time with their values.
        showValuesLog = try integra(
            ["run", projectFile.path, "--out", folder.appendingPathComponent("shown").path, "--show-values"])
    }

    /// Appends `Телефон` and `Email` to every line of a UTF-8 roll: a phone written as partners do and an e-mail made
    /// of the person's transliterated name; every seventh phone and fifth e-mail is malformed, so diagnostics about
    /// them are raised (and must not print them).
    static func addContactColumns(_ url: URL) throws {
        // Split on bytes: "\r\n" is one Character, which String's own splitting would not cut.
        let lines = try Data(contentsOf: url).split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
        }
        var result: [String] = []
        for (i, line) in lines.enumerated() {
            guard !line.isEmpty else {
                result.append(line)
                continue
            }
            if i == 0 {
                result.append(line + ",Телефон,Email")
                continue
            }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let name = Transliteration.toLatin("\(fields[2]).\(fields[1])").lowercased().filter {
                $0.isASCII && $0 != "'"
            }
            let phone = i % 7 == 0 ? "12-\(300 + i)" : "+48 6\(10 + i % 80) \(200 + i) \(300 + i)"
            let email = i % 5 == 0 ? "\(name)@" : "\(name)@example.org"
            result.append(line + ",\(phone),\(email)")
        }
        try result.joined(separator: "\r\n").write(to: url, atomically: true, encoding: .utf8)
    }

    static func definitionTexts(_ root: URL) throws -> [String] {
        try files(in: root.appendingPathComponent("reports")).map { try String(contentsOf: $0, encoding: .utf8) }
            + files(in: root.appendingPathComponent("sql/indicators")).map {
                try String(contentsOf: $0, encoding: .utf8)
            }
    }

    static func files(in folder: URL) throws -> [URL] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        return (enumerator?.allObjects as? [URL] ?? [])
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .sorted { $0.path < $1.path }
    }

    /// A file's text as a reader would see it: every part of a workbook (cells, sheet names, properties), other files
    /// as UTF-8.
    static func text(of file: URL) throws -> String {
        guard file.pathExtension == "xlsx" else { return String(decoding: try Data(contentsOf: file), as: UTF8.self) }
        let archive = try Archive(url: file, accessMode: .read)
        var text = ""
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            text += String(decoding: data, as: UTF8.self) + "\n"
        }
        return text
    }
}

/// The personal values of a project's partner files, read from the files: the cells of the columns whose header
/// names a person, a PESEL, a phone or an e-mail, and the people named in title blocks ("Prowadząca: …").
struct InputPersonalValues {
    private(set) var names = Set<String>()
    private(set) var pesels = Set<String>()
    /// The last nine digits of each phone number.
    private(set) var phones = Set<String>()
    private(set) var emails = Set<String>()

    static let nameWords = [
        "nazwisk", "imię", "imie", "klient", "konsultant", "doradca", "prowadząc", "trener", "прізвищ", "ім'я",
        "фамили", "имя", "name",
    ]

    init(inputs: URL, legitimate: [String]) throws {
        let allowed = legitimate.map { TextNormalisation.foldForMatching($0) }.joined(separator: "\n")
        for file in try DemoScan.files(in: inputs) {
            let tables: [SheetTable]
            switch file.pathExtension.lowercased() {
            case "xlsx": tables = try XLSXWorkbook(url: file).readAllSheets()
            case "csv", "tsv", "txt": tables = [try CSVReader.read(url: file).table]
            default: continue
            }
            for table in tables { collect(table) }
        }
        names = names.filter { name in
            !PersonalValues.occurs(TextNormalisation.foldForMatching(name), in: allowed)
        }
    }

    private mutating func collect(_ table: SheetTable) {
        var columns: [(index: Int, kind: String)] = []
        for row in table.rows {
            let texts = row.cells.map { $0.text.lowercased() }
            let kinds: [(Int, String)] = texts.indices.compactMap { i in
                let t = texts[i]
                if t.contains("pesel") { return (i, "pesel") }
                if t.contains("telefon") || t.contains("телефон") || t.contains("phone") { return (i, "phone") }
                if t.contains("mail") { return (i, "email") }
                if Self.nameWords.contains(where: { t.contains($0) }) { return (i, "name") }
                return nil
            }
            // A header row names a column and has several cells; a title-block label ("Prowadząca:") ends with a
            // colon and has the person in the next cell.
            let labels = kinds.filter { texts[$0.0].hasSuffix(":") }
            if kinds.count > labels.count, row.cells.filter({ !$0.isBlank }).count >= 3 {
                columns = kinds.filter { !texts[$0.0].hasSuffix(":") }
                continue
            }
            for (i, kind) in labels where kind == "name" && i + 1 < row.cells.count { addName(row.cells[i + 1].text) }
            for (i, kind) in columns where i < row.cells.count {
                let value = row.cells[i].text.trimmingCharacters(in: .whitespaces)
                guard !value.isEmpty else { continue }
                switch kind {
                case "pesel": if value.count == 11, value.allSatisfy(\.isNumber) { pesels.insert(value) }
                case "phone":
                    let digits = value.filter(\.isNumber)
                    if digits.count >= 9 { phones.insert(String(digits.suffix(9))) }
                case "email": if value.contains("@"), value.contains(".") { emails.insert(value.lowercased()) }
                default: addName(value)
                }
            }
        }
    }

    /// The name, each of its words of four letters or more, and their Latin transliterations, folded.
    private mutating func addName(_ value: String) {
        guard value.contains(where: \.isLetter) else { return }
        let words = value.split { !($0.isLetter || $0 == "'" || $0 == "’") }.map(String.init).filter { $0.count >= 4 }
        for form in [value] + words {
            for variant in [form, Transliteration.toLatin(form)] {
                let folded = TextNormalisation.foldForMatching(variant)
                if folded.count >= 4 { names.insert(folded) }
            }
        }
    }

    /// What of these values occurs in `text`, described without the value itself.
    func hits(in text: String) -> [String] {
        let folded = TextNormalisation.foldForMatching(Self.unescaped(text))
        var hits: [String] = []
        for name in names where PersonalValues.occurs(name, in: folded) {
            hits.append("a name (\(name.count) letters)")
        }
        let lower = folded.lowercased()
        for email in emails where lower.contains(email) { hits.append("an e-mail address") }
        // Digit runs, with the separators people write inside phone numbers.
        var digitRuns: [String] = []
        var current = ""
        for c in lower {
            if c.isNumber {
                current.append(c)
            } else if !current.isEmpty, " -().".contains(c) {
                continue
            } else if !current.isEmpty {
                digitRuns.append(current)
                current = ""
            }
        }
        if !current.isEmpty { digitRuns.append(current) }
        let compact = digitRuns.filter { $0.count >= 9 }
        for pesel in pesels where compact.contains(where: { $0.contains(pesel) }) { hits.append("a PESEL") }
        for phone in phones where compact.contains(where: { $0.contains(phone) }) { hits.append("a phone number") }
        return hits
    }

    /// XML and HTML character references and JSON `\u` escapes replaced by their characters.
    static func unescaped(_ text: String) -> String {
        var s = text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&#39;", with: "'")
        for pattern in [#"&#x([0-9a-fA-F]+);"#, #"&#([0-9]+);"#, #"\\u([0-9a-fA-F]{4})"#] {
            let regex = try! NSRegularExpression(pattern: pattern)
            let ns = s as NSString
            var result = ""
            var last = 0
            for m in regex.matches(in: s, range: NSRange(location: 0, length: ns.length)) {
                result += ns.substring(with: NSRange(location: last, length: m.range.location - last))
                let digits = ns.substring(with: m.range(at: 1))
                let radix = pattern.hasPrefix("&#(") || pattern == #"&#([0-9]+);"# ? 10 : 16
                if let v = UInt32(digits, radix: radix), let scalar = Unicode.Scalar(v) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += ns.substring(with: m.range)
                }
                last = m.range.location + m.range.length
            }
            result += ns.substring(from: last)
            s = result
        }
        return s.replacingOccurrences(of: "&amp;", with: "&")
    }
}
