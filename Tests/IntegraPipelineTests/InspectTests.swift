import Foundation
import IntegraCore
import IntegraIngest
import IntegraTesting
import Testing

@testable import IntegraPipeline

/// `integra inspect`: the vocabulary, detection on hand-built sheets, the demo files and the command.
@Suite struct InspectTests {
    static let root = TestSupport.repositoryRoot
    static let vocabulary = Result { try HeaderVocabulary.load(root: root) }

    func vocabulary() throws -> HeaderVocabulary { try Self.vocabulary.get() }

    /// A sheet of text cells; `""` is an empty cell. Rows are numbered from `first`.
    func sheet(_ rows: [[String]], first: Int = 1, name: String? = nil) -> SheetTable {
        SheetTable(
            name: name,
            rows: rows.enumerated().map { i, texts in
                TableRow(number: first + i, cells: texts.map { $0.isEmpty ? .empty : .string($0) })
            })
    }

    func field(_ inspection: SheetInspection, _ header: String) -> String? {
        inspection.columns.first { $0.header == header }?.field
    }

    // MARK: The demo project

    static let demoFiles = [
        "demo/przystan/lista-uczestnikow-2023.csv", "demo/przystan/obecnosci-PL-A1.xlsx",
        "demo/przystan/obecnosci-PL-A2.xlsx", "demo/nadija/uczestnicy-warsztatow.csv",
        "demo/nadija/obecnosci-warsztaty.xlsx", "demo/centrum/rejestr-porad-2023.csv",
    ]

    /// The proposal, pasted into a project file and read back by the project loader, maps each demo file the way
    /// `pipelines/demo.yml` does: same kind and encoding, same fields and title labels, each header text one the
    /// demo accepts — and the pipeline's own layout reader reads every visible sheet with it.
    @Test(arguments: demoFiles)
    func proposesTheDemoMapping(_ path: String) throws {
        let pipelines = Self.root.appendingPathComponent("pipelines")
        let demo = try ProjectDefinition.load(from: pipelines.appendingPathComponent("demo.yml"))
        let expected = try #require(demo.sources.first { FileFinder.find($0.files, in: pipelines).contains(path) })

        let inspection = try FileInspector.inspect(
            url: pipelines.appendingPathComponent(path), displayPath: path, vocabulary: vocabulary())
        let proposed = try Self.pasted(inspection.proposal)

        #expect(proposed.kind == expected.kind)
        #expect(proposed.encoding == expected.encoding)
        #expect(proposed.files == [path])
        #expect(proposed.sheets.isEmpty)
        #expect(Set(proposed.columns.keys) == Set(expected.columns.keys))
        for (field, headers) in proposed.columns {
            let accepted = Set((expected.columns[field] ?? []).map(TextNormalisation.foldForMatching))
            #expect(headers.count == 1 && accepted.contains(TextNormalisation.foldForMatching(headers[0])), "\(field)")
        }
        #expect(Set(proposed.title.keys) == Set(expected.title.keys))
        for (field, labels) in proposed.title {
            #expect(
                labels.map(TextNormalisation.foldForMatching)
                    == expected.title[field]?.map(TextNormalisation.foldForMatching))
        }
        for (sheet, problem) in zip(inspection.sheets, inspection.sheetProblems) where !sheet.isHidden {
            #expect(problem == nil, "\(sheet.name ?? path): \(problem ?? "")")
        }
    }

    // MARK: The fixture corpus

    /// Every readable fixture file (the broken ones are refused by the readers themselves).
    static let fixtureFiles: [String] = {
        let folder = root.appendingPathComponent("Tests/Fixtures")
        return FileFinder.find(["*/*.csv", "*/*.tsv", "*/*.txt", "*/*.xlsx"], in: folder).filter { !$0.hasPrefix("broken/") }
    }()

    /// On the corpus of partner files, the proposal has the kind and every field `Tests/Fixtures/project.yml` maps
    /// (fields inspect leaves out on purpose aside: `row_number`, `signature`), each with a header text the
    /// project accepts; it may propose more (a phone column the project does not use).
    @Test(arguments: fixtureFiles)
    func proposesTheFixtureMapping(_ path: String) throws {
        let folder = Self.root.appendingPathComponent("Tests/Fixtures")
        let project = try ProjectDefinition.load(from: folder.appendingPathComponent("project.yml"))
        let expected = try #require(project.sources.first { FileFinder.find($0.files, in: folder).contains(path) })
        let inspection = try FileInspector.inspect(
            url: folder.appendingPathComponent(path), displayPath: path, vocabulary: vocabulary())
        let proposed = try Self.pasted(inspection.proposal)
        #expect(proposed.kind == expected.kind, "\(path)")
        let wanted = Set(expected.columns.keys).subtracting(["row_number", "signature"])
        #expect(wanted.isSubset(of: Set(proposed.columns.keys)), "\(path)")
        for (field, headers) in proposed.columns where wanted.contains(field) {
            let accepted = Set((expected.columns[field] ?? []).map(TextNormalisation.foldForMatching))
            #expect(headers.allSatisfy { accepted.contains(TextNormalisation.foldForMatching($0)) }, "\(path) \(field)")
        }
    }

    /// The proposal's YAML inside a minimal project file, read by `ProjectDefinition.parse`.
    static func pasted(_ proposal: SourceProposal) throws -> SourceDefinition {
        let yaml = proposal.yaml
            .replacingOccurrences(of: SourceProposal.partnerPlaceholder, with: "lead")
            .replacingOccurrences(of: SourceProposal.activityPlaceholder, with: "course")
        let project = """
            version: 1
            project: { id: t, name: T, funder: F, period: { start: 2023-01-01, end: 2023-12-31 } }
            partners: [{ id: lead, name: Lead, role: leader }]
            activities: { course: Course }
            sources:
            \(yaml)
            """
        return try #require(try ProjectDefinition.parse(project, file: "pasted.yml").sources.first)
    }

    @Test func attendanceWorkbookReportsSessionsAndTitleBlock() throws {
        let path = "pipelines/demo/przystan/obecnosci-PL-A1.xlsx"
        let inspection = try FileInspector.inspect(
            url: Self.root.appendingPathComponent(path), displayPath: path, vocabulary: vocabulary())
        let sheet = inspection.sheet
        #expect(inspection.text == nil)
        #expect(sheet.headerRow == 9)
        #expect(sheet.kind == .attendance)
        #expect(!sheet.sessions.isEmpty)
        #expect(sheet.sessions.map(\.date) == sheet.sessions.map(\.date).sorted())
        #expect(sheet.titleLabels.map(\.field) == ["course", "group", "trainer", "month"])
        #expect(sheet.titleLabels.first { $0.field == "group" }?.label == "Grupa")
        #expect(field(sheet, "Lp.") == "row_number")
        #expect(field(sheet, "Podpis") == "signature")
        #expect(sheet.columns.filter(\.isProposed).map(\.header) == ["Imię i nazwisko"])
        #expect(sheet.sessionMarks.total > 0 && sheet.sessionMarks.known == sheet.sessionMarks.total)
    }

    @Test func csvReportsEncodingAndDelimiter() throws {
        let path = "pipelines/demo/przystan/lista-uczestnikow-2023.csv"
        let inspection = try FileInspector.inspect(
            url: Self.root.appendingPathComponent(path), displayPath: path, vocabulary: vocabulary())
        let text = try #require(inspection.text)
        #expect(text.encoding == "windows-1250")
        #expect(text.delimiter == ";")
        #expect(inspection.sheet.headerRow == 1)
        #expect(inspection.sheet.dataRows == 32)
        let pesel = try #require(inspection.sheet.columns.first { $0.field == "pesel" })
        #expect(pesel.evidence.first == "header \"PESEL\"")
        #expect(pesel.evidence.last?.hasSuffix("are valid PESELs") == true)
        let output = InspectionReport.render(inspection)
        #expect(output.contains("CSV, windows-1250, delimiter ';'"))
        #expect(output.contains("    encoding: windows-1250\n"))
    }

    /// Every data cell and title-block value of the demo (four characters or more) stays out of the output unless
    /// `--show-values`; with it, sample values appear.
    @Test(arguments: demoFiles)
    func printsNoCellValueWithoutShowValues(_ path: String) throws {
        let url = Self.root.appendingPathComponent("pipelines").appendingPathComponent(path)
        let inspection = try FileInspector.inspect(url: url, displayPath: path, vocabulary: vocabulary())
        let output = InspectionReport.render(inspection)
        var printedLabels = Set(inspection.sheets.flatMap { $0.titleLabels.map(\.label) })
        printedLabels.formUnion(inspection.sheets.flatMap { $0.columns.map(\.header) })
        var values = Set<String>()
        for table in try Self.tables(url) {
            let header = try #require(FileInspector.headerRow(table, vocabulary: vocabulary())).index
            for (i, row) in table.rows.enumerated() where i != header {
                for cell in row.cells {
                    let text = TextNormalisation.clean(cell.text)
                    let label = text.hasSuffix(":") ? String(text.dropLast()) : text
                    if text.count >= 4, !path.contains(text), !printedLabels.contains(label) { values.insert(text) }
                }
            }
        }
        #expect(!values.isEmpty)
        for value in values.sorted() { #expect(!output.contains(value), "\(path) prints a cell value") }

        let shown = InspectionReport.render(inspection, showValues: true)
        let samples = inspection.sheet.columns.flatMap(\.samples).filter { $0.count >= 4 }
        #expect(!samples.isEmpty && samples.allSatisfy(shown.contains))
    }

    static func tables(_ url: URL) throws -> [SheetTable] {
        url.pathExtension == "xlsx"
            ? try XLSXWorkbook(url: url).readAllSheets() : [try CSVReader.read(url: url).table]
    }

    // MARK: Detection on hand-built sheets

    /// Valid PESELs for people born in 1985, serials from `start`.
    static func pesels(_ n: Int, start: Int = 1000) -> [String] {
        (0..<n).map { i in
            let body = "850312" + String(start + i * 7)
            let weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
            let sum = zip(body.map { $0.wholeNumberValue! }, weights).map(*).reduce(0, +)
            return body + String((10 - sum % 10) % 10)
        }
    }

    /// A column headed "Kolumna 4" full of PESELs is still proposed as `pesel`, by its values.
    @Test func headerlessPESELColumnIsProposedByItsValues() throws {
        var pesels = Self.pesels(30)
        #expect(pesels.allSatisfy { PESEL($0).isValid })
        pesels.append("12345678901")
        let rows =
            [["Lp.", "Imię i nazwisko", "Grupa", "Kolumna 4"]]
            + pesels.enumerated().map { i, p in [String(i + 1), "Olena Kowalenko", "A1", p] }
        let inspection = FileInspector.inspect(sheet(rows), vocabulary: try vocabulary())
        let column = try #require(inspection.columns.first { $0.header == "Kolumna 4" })
        #expect(column.field == "pesel")
        #expect(column.isProposed)
        #expect(column.evidence == ["header not in the vocabulary", "97 % of 31 values are valid PESELs"])
        #expect(inspection.kind == .roll)
        let proposal = SourceProposal(path: "lista.csv", encoding: nil, sheet: inspection)
        #expect(proposal.yaml.contains("      pesel: Kolumna 4\n"))
        #expect(try Self.pasted(proposal).columns["pesel"] == ["Kolumna 4"])
    }

    /// Without any header word, the row with the most text is the header and the values name what they can.
    @Test func unheadedNamesAndBirthDatesAreProposedByTheirValues() throws {
        let inspection = FileInspector.inspect(
            sheet([
                ["Kolumna 1", "Kolumna 2", "Kolumna 3", "Kolumna 4"],
                ["1", "Olena KOWALENKO", "12.03.1985", "legalizacja pobytu"],
                ["2", "Бойко Анастасія", "1998-08-09", "praca"],
                ["3", "Anna Nowak-Kowalska", "5.6.1979", "mieszkanie"],
            ]), vocabulary: try vocabulary())
        #expect(inspection.headerRow == 1)
        #expect(inspection.recognisedHeaders == 0)
        #expect(inspection.columns.map { $0.field ?? "-" } == ["-", "full_name", "birth_date", "-"])
        #expect(inspection.columns[1].evidence.last == "100 % of 3 values are names (two to four capitalised words)")
        #expect(inspection.columns[2].evidence.last == "100 % of 3 values are dates, spread over 10+ years")

        // Row 1 could be data: its texts print only with --show-values, in the table and in the YAML.
        let proposal = SourceProposal(path: "lista.csv", encoding: nil, sheet: inspection)
        let file = FileInspection(
            path: "lista.csv", text: .init(encoding: "utf-8", hadBOM: false, delimiter: ","), sheets: [inspection],
            inspected: 0, proposal: proposal, sheetProblems: [nil])
        let output = InspectionReport.render(file)
        for text in ["Kolumna", "KOWALENKO", "1998-08-09", "praca"] { #expect(!output.contains(text)) }
        #expect(output.contains("      full_name: <header of column B>\n"))
        let shown = InspectionReport.render(file, showValues: true)
        #expect(shown.contains("      full_name: Kolumna 2\n"))
        #expect(shown.contains("Olena KOWALENKO"))
    }

    /// A headerless roll whose first row is data: dates in it would read as sessions, and stay hidden.
    @Test func aFirstRowOfDataPrintsNoValue() throws {
        let table = sheet([
            ["Kowalenko", "Olena", "12.03.1985", "06.02.2023"], ["Bondar", "Iryna", "05.01.1990", "06.02.2023"],
        ])
        let inspection = FileInspector.inspect(table, vocabulary: try vocabulary())
        #expect(inspection.headerIsGuess)
        let file = FileInspection(
            path: "lista.csv", text: .init(encoding: "utf-8", hadBOM: false, delimiter: ","), sheets: [inspection],
            inspected: 0, proposal: SourceProposal(path: "lista.csv", encoding: nil, sheet: inspection),
            sheetProblems: [nil])
        let output = InspectionReport.render(file)
        for value in ["Kowalenko", "Olena", "1985", "2023", "Bondar", "Iryna"] { #expect(!output.contains(value)) }
    }

    /// Dates close to the sheet's other dates are events, not birth dates: shown, not guessed.
    @Test func unheadedEventDatesAreLeftToTheUser() throws {
        let inspection = FileInspector.inspect(
            sheet([
                ["Nazwisko", "Imię", "Grupa", "Od kiedy"],
                ["Kowalenko", "Olena", "A1", "06.02.2023"],
                ["Bondar", "Iryna", "A1", "06.02.2023"],
                ["Melnyk", "Taras", "A1", "13.02.2023"],
            ]), vocabulary: try vocabulary())
        let column = try #require(inspection.columns.last)
        #expect(column.field == nil)
        #expect(column.evidence.last?.hasSuffix("map it by hand") == true)
    }

    @Test func headerRowUnderATitleBlockWithValueEvidence() throws {
        let rows = [
            ["Lista uczestników kursu"], ["Projekt współfinansowany z Funduszu Pracy"], [""],
            ["Nr", "Nazwisko", "Imię", "Data ur.", "Płeć", "Obywatelstwo", "Grupa", "Poziom wejściowy"],
            ["1", "Kowalenko", "Olena", "12.03.1985", "K", "Ukraina", "A1", "A1"],
            ["2", "Bondar", "Iryna", "1990-01-05", "Kobieta", "UKR", "A1", "A0"],
            ["3", "Melnyk", "Taras", "5.6.1979", "M", "ukraińskie", "A1", "brak"],
        ]
        let inspection = FileInspector.inspect(sheet(rows), vocabulary: try vocabulary())
        #expect(inspection.headerRow == 4)
        #expect(inspection.dataRows == 3)
        #expect(inspection.kind == .roll)
        #expect(
            inspection.columns.map { $0.field ?? "-" } == [
                "row_number", "last_name", "first_name", "birth_date", "sex", "citizenship", "group", "level_in",
            ])
        let evidence = Dictionary(uniqueKeysWithValues: inspection.columns.map { ($0.header, $0.evidence) })
        #expect(evidence["Data ur."] == ["header \"Data ur.\"", "100 % of 3 values are dates"])
        #expect(evidence["Płeć"]?.last == "100 % of 3 values are sexes (K/M, Kobieta/Mężczyzna, ж/ч…)")
        #expect(evidence["Obywatelstwo"]?.last == "100 % of 3 values are known countries")
        #expect(evidence["Poziom wejściowy"]?.last == "100 % of 3 values are CEFR levels")
    }

    @Test func ukrainianHeaders() throws {
        let roll = FileInspector.inspect(
            sheet([
                ["№", "Прізвище", "Ім’я", "Дата народження", "Громадянство", "Стать", "Група", "Телефон"],
                ["1", "Бойко", "Анастасія", "1998-08-09", "Україна", "ж", "W-1", "0671234567"],
            ]), vocabulary: try vocabulary())
        #expect(roll.kind == .roll)
        #expect(
            roll.columns.map { $0.field ?? "-" } == [
                "row_number", "last_name", "first_name", "birth_date", "citizenship", "sex", "group", "phone",
            ])

        let attendance = FileInspector.inspect(
            sheet([
                ["Відвідуваність, квітень 2023"], ["Група: W-1"], ["Викладач", "Олена Психолог"],
                ["№ з/п", "ПІБ", "05.04.2023", "12.04.2023", "Підпис"],
                ["1", "Бойко Анастасія", "✓", "", ""],
            ]), vocabulary: try vocabulary())
        #expect(attendance.kind == .attendance)
        #expect(attendance.headerRow == 4)
        #expect(attendance.sessions.map(\.date.iso) == ["2023-04-05", "2023-04-12"])
        #expect(attendance.titleLabels.map { "\($0.field)=\($0.label)" } == ["group=Група", "trainer=Викладач"])
        let proposal = SourceProposal(path: "відвідуваність.xlsx", encoding: nil, sheet: attendance)
        #expect(proposal.columns.map(\.field) == ["full_name"])
        #expect(proposal.title.map(\.label) == ["Група"])
        #expect(proposal.id == "vidviduvanist")
    }

    @Test func russianHeaders() throws {
        let roll = FileInspector.inspect(
            sheet([
                ["№ п/п", "ФИО", "Дата рождения", "Гражданство", "Пол", "Группа", "Эл. почта"],
                ["1", "Иванова Мария", "01.02.1990", "Россия", "ж", "A1", "m@example.com"],
            ]), vocabulary: try vocabulary())
        #expect(roll.kind == .roll)
        #expect(
            roll.columns.map { $0.field ?? "-" } == [
                "row_number", "full_name", "birth_date", "citizenship", "sex", "group", "email",
            ])

        let log = FileInspector.inspect(
            sheet([
                ["Дата", "Консультант", "Фамилия, имя", "Тема", "Форма", "Язык", "Продолжительность"],
                ["12.01.2023", "О. К.", "Иванова Мария", "работа", "телефон", "RU", "20"],
            ]), vocabulary: try vocabulary())
        #expect(log.kind == .consultations)
        #expect(log.kindReason == "a date column with topic, mode, consultant, minutes")
        #expect(
            log.columns.map { $0.field ?? "-" } == [
                "date", "consultant", "full_name", "topic", "mode", "language", "minutes",
            ])
    }

    @Test func numberedSessionsWithADatesRow() throws {
        let inspection = FileInspector.inspect(
            sheet([
                ["Grupa: B1"], ["Lp.", "Imię i nazwisko", "Zajęcia 1", "Zajęcia 2"],
                ["", "", "02.03.2023", "09.03.2023"], ["1", "Olena Kowalenko", "x", "nb"],
            ]), vocabulary: try vocabulary())
        #expect(inspection.kind == .attendance)
        #expect(inspection.sessionDatesRow == 3)
        #expect(inspection.dataRows == 1)
        #expect(inspection.sessions.map(\.index) == [2, 3])
    }

    @Test func fieldsOutsideTheKindAndDuplicatesAreLeftOut() throws {
        let inspection = FileInspector.inspect(
            sheet([
                ["Imię i nazwisko", "Grupa", "PESEL", "Nr PESEL", "01.03.2023"],
                ["Olena Kowalenko", "A1", "85031210006", "", "x"],
            ]), vocabulary: try vocabulary())
        #expect(inspection.kind == .attendance)
        let byHeader = Dictionary(uniqueKeysWithValues: inspection.columns.map { ($0.header, $0) })
        #expect(byHeader["Grupa"]?.omission == "not read from attendance files")
        #expect(byHeader["Nr PESEL"]?.omission == "column C is pesel already")
        let proposal = SourceProposal(path: "a.xlsx", encoding: nil, sheet: inspection)
        #expect(proposal.gaps.count == 1)
        #expect(proposal.yaml.contains("# missing: an attendance sheet needs its course group"))
    }

    @Test func emptySheet() throws {
        let inspection = FileInspector.inspect(SheetTable(name: "Arkusz1", rows: []), vocabulary: try vocabulary())
        #expect(inspection.headerRow == nil)
        #expect(inspection.columns.isEmpty)
    }

    // MARK: The vocabulary

    @Test(arguments: [
        ("Imię i nazwisko", "full_name", HeaderVocabulary.MatchKind.exact),
        ("IMIE I NAZWISKO", "full_name", .exact),
        ("Lp", "row_number", .exact),
        ("Ім’я", "first_name", .exact),
        ("Прізвище, ім'я", "full_name", .exact),
        ("Data ur. (dd.mm.rrrr)", "birth_date", .prefix),
        ("Telefon kontaktowy (komórkowy)", "phone", .prefix),
        ("PESEL*", "pesel", .exact),
        ("Data rozpoczęcia udziału w projekcie", "start_date", .exact),
    ])
    func headerWords(_ header: String, _ field: String, _ kind: HeaderVocabulary.MatchKind) throws {
        let match = try #require(try vocabulary().matchColumn(header))
        #expect(match.field == field)
        #expect(match.kind == kind)
    }

    @Test func unknownHeadersMatchNothing() throws {
        for header in ["Kolumna 5", "", "Uwagi", "Datan"] { #expect(try vocabulary().matchColumn(header) == nil) }
    }

    /// Every field a source may map has words in Polish and in Cyrillic.
    @Test func vocabularyCoversEveryField() throws {
        let fields = SourceKind.allCases.reduce(into: Set<String>()) { $0.formUnion(SourceField.allowed(for: $1)) }
        let vocabulary = try vocabulary()
        #expect(Set(vocabulary.columns.map(\.field)) == fields)
        for (field, words) in vocabulary.columns {
            #expect(words.contains { $0.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } }, "\(field)")
        }
        #expect(Set(vocabulary.title.map(\.field)) == HeaderVocabulary.titleFields)
    }

    @Test func vocabularyRejectsUnknownFieldsAndSharedWords() {
        #expect(throws: DefinitionError.self) {
            try HeaderVocabulary.parse("version: 1\ncolumns: { nickname: [Ksywa] }\n", file: "v.yml")
        }
        let shared = "version: 1\ncolumns: { first_name: [Imię], last_name: [imie] }\n"
        let error = #expect(throws: DefinitionError.self) { try HeaderVocabulary.parse(shared, file: "v.yml") }
        #expect(error?.file == "v.yml")
        #expect(error?.message.contains("also listed under first_name") == true)
    }

    @Test(arguments: [
        ("Czas (min)", "Czas (min)"), ("Ім'я", "Ім'я"), ("#", "\"#\""), ("No", "\"No\""),
        ("2023-01-09", "\"2023-01-09\""), ("Grupa: A", "\"Grupa: A\""), ("say \"hi\"", "say \"hi\""),
    ])
    func yamlScalars(_ text: String, _ written: String) {
        #expect(SourceProposal.scalar(text) == written)
    }

    // MARK: The command

    static var integra: URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
                "integra"),
            root.appendingPathComponent(".build/debug/integra"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = try #require(integra)
        process.arguments = ["inspect"] + arguments
        process.currentDirectoryURL = root
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: integra != nil))
    func commandExitCodes() throws {
        let ok = try Self.run(["pipelines/demo/przystan/obecnosci-PL-A1.xlsx"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("    kind: attendance\n"))
        #expect(try Self.run(["pipelines/demo/no-such-file.csv"]).status == 1)
        #expect(try Self.run(["pipelines/demo/centrum/rejestr-porad-2023.csv", "--sheet", "x"]).status == 64)
        #expect(try Self.run(["pipelines/demo/przystan/obecnosci-PL-A1.xlsx", "--sheet", "nope"]).status == 64)
        #expect(try Self.run([]).status == 64)
    }
}

/// Where a course group is when no column holds it: the file name or a sentence of the title.
@Suite struct InspectGroupPatternTests {
    @Test(arguments: [
        ("kurs_2024Q1-A0-a_lista.csv", "kurs_{group}_lista"),
        ("inbox/kurs_2024Q1-A0-a_obecnosci.xlsx", "kurs_{group}_obecnosci"),
        ("obecnosci-PL-A2.xlsx", "obecnosci-{group}"),
        ("Lista uczestników grupa 5.csv", "Lista uczestników grupa {group}"),
        ("kurs_A1_lista_2024.csv", "kurs_{group}_lista_*"),
        ("PL-A1.csv", "{group}"),
    ])
    func aGroupInTheFileName(path: String, pattern: String) {
        #expect(SourceProposal.fileNamePattern(path) == pattern)
    }

    @Test(arguments: ["lista-uczestnikow.csv", "obecnosci.xlsx", "kurs_{x}_1.csv"])
    func noGroupInTheFileName(path: String) {
        #expect(SourceProposal.fileNamePattern(path) == nil)
    }

    func inspect(_ name: String, _ text: String) throws -> FileInspection {
        let dir = try TestSupport.makeTemporaryDirectory("integra-inspect-group")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return try FileInspector.inspect(url: url, displayPath: "inbox/" + name, vocabulary: InspectTests.vocabulary.get())
    }

    /// A roll without a group column: the group from the file name, files: widened to the group's siblings; the
    /// proposal loads and the pipeline's layout reader reads the file with it.
    @Test func aRollWithoutAGroupColumnGetsFromFileName() throws {
        let inspection = try inspect(
            "kurs_2024Q1-A0-a_lista.csv", "Nazwisko;Imię;Data urodzenia\nKovalenko;Olena;14.05.1984\nNowak;Anna;01.02.1990\n")
        let proposal = inspection.proposal
        #expect(proposal.kind == .roll)
        #expect(proposal.fromFileName == "kurs_{group}_lista")
        #expect(proposal.files == "inbox/kurs_*_lista.csv")
        #expect(proposal.yaml.contains("    from_file_name: kurs_{group}_lista\n"))
        #expect(proposal.id == "kurs_lista")
        #expect(!proposal.yaml.contains("# missing"))
        #expect(inspection.sheetProblems == [nil])
        let pasted = try InspectTests.pasted(proposal)
        #expect(pasted.fromFileName?.matchWhole("kurs_2024Q1-A0-a_lista") == ["group": "2024Q1-A0-a"])
        #expect(InspectionReport.render(inspection).contains("Group: from the file name"))
    }

    /// An attendance sheet whose title says "…, grupa 2024Q1-A0-a": from_title, the group itself printed only with
    /// --show-values.
    @Test func anAttendanceSheetWithAGroupInItsTitleSentence() throws {
        let inspection = try inspect(
            "obecnosci_marzec.csv",
            "Lista obecności – kurs języka polskiego, grupa 2024Q1-A0-a;;\nImię i nazwisko;05.03.2024;12.03.2024\nOlena Kovalenko;x;x\n")
        let proposal = inspection.proposal
        #expect(proposal.kind == .attendance)
        #expect(inspection.sheet.groupInTitleLine == TitleSentence(pattern: "grupa {group}", row: 1, value: "2024Q1-A0-a"))
        #expect(proposal.fromTitle == "grupa {group}")
        #expect(proposal.fromFileName == nil)
        #expect(proposal.yaml.contains("    from_title: grupa {group}\n"))
        #expect(inspection.sheetProblems == [nil])
        #expect(try InspectTests.pasted(proposal).fromTitle?.text == "grupa {group}")
        let report = InspectionReport.render(inspection)
        #expect(report.contains("Title line: row 1 names a course group (from_title: \"grupa {group}\")"))
        #expect(!report.contains("2024Q1-A0-a"))
        #expect(InspectionReport.render(inspection, showValues: true).contains("= 2024Q1-A0-a"))
    }

    /// "Grupa: A1" is a title label (title:), not a sentence; "grupa docelowa" names no group.
    @Test func aLabelOrAPlainWordIsNoSentence() throws {
        let labelled = try inspect("obecnosci.csv", "Grupa: A1;;\nImię i nazwisko;05.03.2024\nOlena Kovalenko;x\n")
        #expect(labelled.sheet.groupInTitleLine == nil)
        #expect(labelled.proposal.title.map(\.label) == ["Grupa"])
        let plain = try inspect("obecnosci.csv", "Wsparcie dla: grupa docelowa;;\nImię i nazwisko;05.03.2024\nOlena Kovalenko;x\n")
        #expect(plain.sheet.groupInTitleLine == nil)
        #expect(plain.proposal.fromTitle == nil && plain.proposal.fromFileName == nil)
    }
}
