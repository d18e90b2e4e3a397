import Foundation
import IntegraCore
@testable import IntegraIngest
import IntegraReports
import IntegraTesting
import Testing

@testable import IntegraPipeline

/// Issue 17 items 1, 3, 6, 13 and 14: hostile or odd values in partner files never become formulas, published
/// categories or personal data in the outputs, never abort a run, and errors come as advice.
@Suite struct HostileOutputTests {
    static let formula = #"=HYPERLINK("http://x","click")"#
    static let pesel = "85010112345"

    /// Every field of every CSV under `folder`, with its path.
    static func csvFields(under folder: URL) throws -> [(path: String, field: String)] {
        var fields: [(String, String)] = []
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "csv" else { continue }
            let data = try Data(contentsOf: url)
            let text = String(decoding: data, as: UTF8.self)
            let delimiter: Character = text.hasPrefix("\u{FEFF}") ? ";" : ","
            let document = try CSVReader.read(data: data, options: CSVOptions(encoding: .utf8, delimiter: delimiter))
            for row in document.table.rows {
                for cell in row.cells { fields.append((url.lastPathComponent, cell.text)) }
            }
        }
        return fields
    }

    static func startsLikeAFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, CSVTableWriter.formulaTriggers.contains(first) else { return false }
        return !CSVTableWriter.isPlainNumber(text)
    }

    /// The demo with hostile values: a formula as a participant's and a client's name, a name, PESEL and phone in
    /// a topic, a formula as a mode and a language, and a workbook whose sheet is named with a PESEL.
    static func hostileDemo(_ name: String) throws -> DemoCopy {
        let demo = try DemoCopy(name)
        // The course roll (Windows-1250, `;`): a surname that is a formula.
        let rollURL = demo.url("demo/przystan/lista-uczestnikow-2023.csv")
        let roll = try Data(contentsOf: rollURL)
        let quoted = "\"" + formula.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let rollText = String(data: roll, encoding: .windowsCP1250)!
            .replacingOccurrences(of: ";Kuzmenko;", with: ";\(quoted);")
        try rollText.data(using: .windowsCP1250)!.write(to: rollURL)
        // The consultation log (UTF-8, `,`): hostile client name, topic, language and mode.
        var log = try demo.lines("demo/centrum/rejestr-porad-2023.csv")
        log[1] = "01.01.2023,M. Wiśniewski,\(quoted),,,@SUM(1),\"Zbigniewa Hostilna \(pesel) +48 600 100 200\",-1+1,60,"
        log[2] = "07.01.2023,О. Ковальчук,,,,RU,+cmd,osobiście,90,"
        try demo.write(log.joined(separator: "\r\n") + "\r\n", to: "demo/centrum/rejestr-porad-2023.csv")
        // A workbook of the attendance source whose only sheet is named with a PESEL and a phone number.
        let workbook = try XLSXWriter(
            path: demo.url("demo/nadija/obecnosci-zbigniewa.xlsx").path,
            properties: XLSXDocumentProperties(created: LocalDate(iso: "2023-06-30")!, title: "x"))
        try workbook.addSheet("\(pesel) 600 100 200").write("nic", row: 0, col: 0)
        try workbook.close()
        return demo
    }

    // MARK: Item 1: CSV formula injection

    @Test func noCSVOfARunStartsAFieldWithAFormula() throws {
        let demo = try Self.hostileDemo("integra-hostile-csv")
        defer { demo.remove() }
        _ = try demo.run()
        let fields = try Self.csvFields(under: demo.url("out"))
        #expect(Set(fields.map(\.path)).isSuperset(of: ["participants-sm-efs.csv", "diagnostics.csv", "indicators-long.csv"]))
        let formulas = fields.filter { Self.startsLikeAFormula($0.field) }
        #expect(formulas.isEmpty, "\(formulas.prefix(5))")
        // The hostile surname did reach the participant list, neutralised.
        #expect(fields.contains { $0.path == "participants-sm-efs.csv" && $0.field == "'" + Self.formula })
    }

    @Test func explainCSVNeutralisesFormulas() throws {
        let folder = try TestSupport.makeTemporaryDirectory("integra-explain-csv")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sheet = ReportSheet(
            slug: "explain", name: "Wyjaśnienie", titleLines: ["t"], header: ["Osoba", "Liczba"],
            rows: [[.text(Self.formula), .integer(-3)], [.text("@A1"), .integer(1)]], widths: [20, 10])
        let url = folder.appendingPathComponent("explain.csv")
        try ReportDocument.writeCSV(sheet, to: url, dialect: .excelPL, ownerOnly: true)
        let fields = try Self.csvFields(under: folder).map(\.field)
        #expect(fields.contains("'" + Self.formula) && fields.contains("'@A1") && fields.contains("-3"))
        #expect(!fields.contains { Self.startsLikeAFormula($0) })
    }

    // MARK: Item 3: free text never becomes a category; no personal data in diagnostics

    @Test func freeTextIsCountedAsOtherAndNeverPublished() throws {
        let demo = try Self.hostileDemo("integra-hostile-categories")
        defer { demo.remove() }
        let summary = try demo.run()
        let categories = Set(summary.figures.map(\.category))
        #expect(categories.contains(CategoryVocabulary.other))
        for leaked in ["Hostilna", Self.pesel, "600 100 200", "+cmd", "@SUM", "-1+1"] {
            #expect(!categories.contains { $0.contains(leaked) }, "\(leaked)")
        }
        let uncategorised = summary.diagnostics.filter { $0.code == .uncategorisedValue }
        #expect(uncategorised.count == 4)
        #expect(uncategorised.allSatisfy { $0.value == nil })
        // No output but the personal ones carries the name, PESEL or phone.
        let walker = FileManager.default.enumerator(at: demo.url("out"), includingPropertiesForKeys: nil)
        let personal = Set(summary.manifest.outputs.filter { $0.personal == true }.map { ($0.path as NSString).lastPathComponent })
        while let url = walker?.nextObject() as? URL {
            guard ["csv", "json", "html"].contains(url.pathExtension), !personal.contains(url.lastPathComponent) else { continue }
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            for leaked in ["Hostilna", Self.pesel, "600 100 200"] {
                #expect(!text.contains(leaked), "\(url.lastPathComponent) holds \(leaked)")
            }
        }
    }

    @Test func categoriesComeFromTheVocabularyAndTheValuesMap() throws {
        let vocabulary = try HeaderVocabulary.load(root: TestSupport.repositoryRoot)
        #expect(vocabulary.categories.category("topic", "Praca") == "praca")
        #expect(vocabulary.categories.category("topic", "Legalizacja") == "legalizacja pobytu")
        #expect(vocabulary.categories.category("mode", "tel.") == "telefon")
        #expect(vocabulary.categories.category("language", "ukraiński") == "UA")
        #expect(vocabulary.categories.category("topic", "Jan Kowalski \(Self.pesel)") == nil)
    }

    @Test func diagnosticLinesMaskPersonalDataInSheetsHeadersAndDetails() throws {
        let record = DiagnosticRecord(
            fileID: nil, rawRowID: nil,
            diagnostic: Diagnostic(
                .error, .unknownCourse, "no course roll has group \"Kowalska \(Self.pesel)\"; call +48 600 100 200 or jan@x.pl",
                at: SourceLocation(file: "a.xlsx", sheet: "PESEL \(Self.pesel)", row: 3, column: "tel. 600-100-200")))
        let project = try ProjectDefinition.load(
            from: TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo.yml"), displayPath: "demo.yml")
        let line = DiagnosticLine(record, partner: "", language: .pl)
        #expect(line.sheet == "PESEL ***" && line.column == "tel. ***")
        #expect(!line.details.contains(Self.pesel) && !line.details.contains("600 100 200") && !line.details.contains("jan@x.pl"))
        _ = project
        let terminal = record.diagnostic.rendered(english: true, showValues: false)
        #expect(!terminal.contains(Self.pesel))
    }

    @Test func masksPESELPhoneAndEmailButNotDatesOrCounts() {
        #expect(PersonalDataMask.mask("Kowalski 85010112345") == "Kowalski ***")
        #expect(PersonalDataMask.mask("tel. +48 600 100 200, e-mail jan.k@example.pl") == "tel. ***, e-mail ***")
        #expect(PersonalDataMask.mask("22 123 45 67") == "***")
        for kept in ["Arkusz1", "2023-01-01..2023-03-31", "2023-01-01 2023-03-31", "12 rows", "PL-A1", "rejestr-porad-2023.csv"] {
            #expect(PersonalDataMask.mask(kept) == kept)
        }
    }

    @Test func masksAddressesWithPolishLettersAndKeepsTheQuotesAroundThem() {
        #expect(PersonalDataMask.mask("adres „łukasz.żak@poczta.pl” w arkuszu") == "adres „***” w arkuszu")
        // A decomposed ó (o + combining acute) is part of the address, as the composed one is.
        #expect(PersonalDataMask.mask("jo\u{301}zef@example.pl") == "***")
        #expect(PersonalDataMask.mask("Józef, ur. 1985-01-01, wiersz 12") == "Józef, ur. 1985-01-01, wiersz 12")
        #expect(PersonalDataMask.mask("PESEL:85010112345; tel 600-100-200") == "PESEL:***; tel ***")
    }

    // MARK: Item 6: long cells

    @Test func aCellOverExcelsLimitIsCutWithAWarningAndTheRunGoesOn() throws {
        let demo = try DemoCopy("integra-long-cell")
        defer { demo.remove() }
        var log = try demo.lines("demo/centrum/rejestr-porad-2023.csv")
        var fields = log[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[1] = String(repeating: "K", count: 40_000)
        log[1] = fields.joined(separator: ",")
        try demo.write(log.joined(separator: "\r\n") + "\r\n", to: "demo/centrum/rejestr-porad-2023.csv")
        let summary = try demo.run()
        #expect(summary.diagnostics.contains { $0.code == .cellTooLong && $0.location?.row == 2 })
        #expect(FileManager.default.fileExists(atPath: demo.url("out/reports/generic-quarterly.xlsx").path))
    }

    // MARK: Item 13: encodings and headers

    @Test func aUTF8FileDeclaredWindows1250IsReadAsUTF8WithAWarning() throws {
        let demo = try DemoCopy("integra-declared-1250")
        defer { demo.remove() }
        let plain = try demo.run(out: "plain")
        var project = try demo.text("demo.yml")
        project = project.replacingOccurrences(
            of: "    files: demo/centrum/rejestr-porad-*.csv\n",
            with: "    files: demo/centrum/rejestr-porad-*.csv\n    encoding: windows-1250\n")
        try demo.write(project, to: "demo.yml")
        let declared = try demo.run(out: "declared")
        #expect(declared.persons == plain.persons)
        #expect(declared.diagnostics.contains { $0.code == .encodingMismatch })
    }

    @Test func theUTF8DetectorOverridesADeclaredWindowsCodePage() throws {
        let data = Data("Imię i nazwisko;Łódź\nŻółć;gęś\n".utf8)
        let document = try CSVReader.read(data: data, options: CSVOptions(encoding: .windows1250, delimiter: ";"))
        #expect(document.encoding == .utf8)
        #expect(document.table.rows[1].cells == [.string("Żółć"), .string("gęś")])
        // Plain ASCII stays in the declared code page.
        let ascii = try CSVReader.read(data: Data("a;b\n".utf8), options: CSVOptions(encoding: .windows1250, delimiter: ";"))
        #expect(ascii.encoding == .windows1250)
    }

    @Test func aDuplicateMappedHeaderIsAnErrorNamingBothColumns() throws {
        let table = SheetTable(
            name: nil,
            rows: [
                TableRow(number: 1, cells: [.string("Data"), .string("Temat"), .string("Temat")]),
                TableRow(number: 2, cells: [.string("01.02.2023"), .string("praca"), .string("zdrowie")]),
            ])
        var source = try #require(
            try ProjectDefinition.load(
                from: TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo.yml"), displayPath: "demo.yml"
            ).sources.first { $0.id == "centrum-consultations" })
        source.columns = ["date": ["Data"], "topic": ["Temat"]]
        switch TableLayoutDetector.detect(table, source: source, dateFormats: []) {
        case .success: Issue.record("a duplicate header was accepted")
        case .failure(let problem):
            #expect(problem.code == .duplicateHeader)
            #expect(problem.message.contains("columns B and C"))
        }
    }

    // MARK: Item 14: advice instead of raw errors

    @Test func anISO88592HeaderIsToldAsSuch() throws {
        // "Miejscowość" saved in ISO-8859-2 and read as Windows-1250: ś (0xB6) shows as ¶.
        let bytes = Data([0x4D, 0x69, 0x65, 0x6A, 0x73, 0x63, 0x6F, 0x77, 0x6F, 0xB6, 0xE6])
        let header = String(data: bytes, encoding: .windowsCP1250)!
        let table = SheetTable(
            name: nil,
            rows: [TableRow(number: 1, cells: [.string("Data"), .string(header)]), TableRow(number: 2, cells: [.string("01.02.2023"), .string("Kraków")])])
        var source = try #require(
            try ProjectDefinition.load(
                from: TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo.yml"), displayPath: "demo.yml"
            ).sources.first { $0.id == "centrum-consultations" })
        source.columns = ["date": ["Data"], "consultant": ["Miejscowość"]]
        switch TableLayoutDetector.detect(table, source: source, dateFormats: []) {
        case .success: Issue.record("a misread header was accepted")
        case .failure(let problem):
            #expect(problem.code == .latin2Text)
            #expect(problem.message.contains("ISO-8859-2"))
        }
        // Every mapped header misread: still told as ISO-8859-2, not "header not found".
        source.columns = ["consultant": ["Miejscowość"]]
        switch TableLayoutDetector.detect(table, source: source, dateFormats: []) {
        case .success: Issue.record("a misread header was accepted")
        case .failure(let problem): #expect(problem.code == .latin2Text)
        }
    }

    @Test func anXLSFileIsRefusedWithWhatToDo() throws {
        let ole2 = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504))
        let source = try #require(
            try ProjectDefinition.load(
                from: TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo.yml"), displayPath: "demo.yml"
            ).sources.first { $0.id == "centrum-consultations" })
        for name in ["lista.xls", "lista.csv"] {
            #expect {
                _ = try ReadAhead.readTables(url: URL(fileURLWithPath: "/tmp/\(name)"), data: ole2, source: source)
            } throws: { ($0 as? IngestError)?.code == .notAnXLSX && "\($0)".contains("save it as .xlsx") }
        }
        // A workbook named .csv is read as the workbook it is, not as text without a header.
        let workbook = try Data(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo/nadija/obecnosci-warsztaty.xlsx"))
        let read = try ReadAhead.readTables(url: URL(fileURLWithPath: "/tmp/obecnosci.csv"), data: workbook, source: source)
        #expect(read.encoding == nil && !read.sheets.isEmpty)
    }

    @Test func aFileOfTwoSourcesIsAnErrorNotAConstraintFailure() throws {
        let demo = try DemoCopy("integra-two-sources")
        defer { demo.remove() }
        var project = try demo.text("demo.yml")
        project = project.replacingOccurrences(
            of: "    files: demo/centrum/doradztwo-zawodowe-*.csv\n", with: "    files: demo/centrum/r*-porad-*.csv\n")
        try demo.write(project, to: "demo.yml")
        let summary = try demo.run()
        let twice = summary.diagnostics.filter { $0.code == .fileInTwoSources }
        #expect(twice.map { $0.location?.file } == ["demo/centrum/rejestr-porad-2023.csv"])
    }

    @Test func aFormulaWithoutAStoredResultIsToldNotEmpty() throws {
        let parser = XLSXSheetParser(sharedStrings: [], dateStyles: [false], uses1904Dates: false)
        let xml = """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
            <row r="1"><c r="A1" t="inlineStr"><is><t>Imię</t></is></c><c r="B1"><f>A1&amp;"x"</f></c>\
            <c r="C1"><f>1+1</f><v>2</v></c></row></sheetData></worksheet>
            """
        let (_, layout) = try parser.parse(Data(xml.utf8), part: "xl/worksheets/sheet1.xml")
        #expect(layout.uncachedFormulas == ["B1"])
    }

    @Test func errorsBecomeAdviceNamingTheFinalFile() throws {
        let temporary = "/srv/out/reports/.generic-quarterly.xlsx.\(UUID().uuidString).tmp"
        let full = CocoaError(
            .fileWriteUnknown,
            userInfo: [NSFilePathErrorKey: temporary, NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))])
        let advice = try #require(ErrorAdvice(full))
        #expect(advice.code == .diskFull)
        #expect(advice.file == "/srv/out/reports/generic-quarterly.xlsx")
        #expect(!advice.rendered(english: false).contains(".tmp"))
        #expect(advice.rendered(english: false).contains("Zwolnij miejsce"))
        let readOnly = NSError(domain: NSPOSIXErrorDomain, code: Int(EROFS), userInfo: [NSFilePathErrorKey: "/srv/out/run.json"])
        #expect(ErrorAdvice(readOnly)?.code == .outputNotWritable)
        let decoding = DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "The given data was not valid JSON."))
        #expect(ErrorAdvice(decoding)?.code == .damagedRunFile)
        #expect(ErrorAdvice(NSError(domain: "x", code: 1)) == nil)
    }

    @Test func aCorruptWarehouseIsAdvice() throws {
        let demo = try DemoCopy("integra-corrupt-warehouse")
        defer { demo.remove() }
        try FileManager.default.createDirectory(at: demo.url("out"), withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 8192).write(to: demo.url("out/warehouse.sqlite"))
        do {
            _ = try demo.run()
            Issue.record("a corrupt warehouse was used")
        } catch {
            let advice = try #require(ErrorAdvice(error), "\(error)")
            #expect(advice.code == .warehouseCorrupt)
            #expect(advice.rendered(english: true).contains("Delete warehouse.sqlite"))
        }
    }

    @Test func escapeCodesInAFileNameAreShownNotObeyed() {
        let d = Diagnostic(.error, .headerNotFound, "no header", at: SourceLocation(file: "lista\u{1B}[2J\u{7}.csv", row: 1))
        for line in [d.rendered(showValues: false), d.rendered(english: false, showValues: false)] {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 })
            #expect(line.contains("lista\\x1B[2J\\x07.csv"))
        }
        #expect(TerminalText.sanitized("a\u{202E}b") == "a\\u{202E}b")
        #expect(TerminalText.sanitized("Zażółć") == "Zażółć")
    }
}
