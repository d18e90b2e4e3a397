import IntegraCore
import IntegraLinkage

/// Turns one mapped data row into a typed record, or rejects it with diagnostics that say how to fix the file.
///
/// Rejected: no name; a course roll row without a group; a consultation without a valid date. Kept with a
/// warning (the field is dropped): an invalid PESEL, birth date, sex, citizenship, level or minutes; a roll row with
/// a first or a last name only. A consultation whose name cannot be read is kept as an anonymous one. Ledger and
/// budget rows: `ledger(_:rawRowID:)` and `budget(_:rawRowID:)` (FinanceRows.swift).
struct RowNormaliser {
    enum Record {
        case identity(IdentityRecord)
        case attendance(AttendanceRow)
        case consultation(ConsultationRow)
        case expenditure(LedgerRow)
        case budget(BudgetRow)
    }

    struct Outcome {
        var loaded: Bool
        var record: Record?
        var diagnostics: [Diagnostic]
    }

    let project: ProjectDefinition
    let source: SourceDefinition
    let fileID: Int
    let path: String
    /// The partner and activity of the rows: the source's, or what its `from_file_name:` / `from_title:` took.
    var partner: String
    var activity: String
    /// The course group the file name gave (`from_file_name:`), for sheets whose rows and title say none.
    var fileGroup: String?
    /// The payment claim the file name gives (`from_file_name: "wydatki-{claim}"`), for ledger rows that name none.
    var fileClaim: String?
    let marks: MarkVocabulary.Folded
    /// The published categories of topic, language and mode (`vocabulary.yml`); without a vocabulary only the
    /// source's `values:` map names categories.
    var categories = CategoryVocabulary()
    /// Shared by the files one worker normalises: the same names recur in every sheet of a course.
    private let names: NameKeys
    /// Shared likewise: a ledger's categories, task and line numbers and suppliers recur on most of its rows.
    let ledgerTexts: LedgerTexts

    init(
        project: ProjectDefinition, source: SourceDefinition, fileID: Int, path: String, names: NameKeys = NameKeys(),
        ledgerTexts: LedgerTexts = LedgerTexts()
    ) {
        self.project = project
        self.source = source
        self.fileID = fileID
        self.path = path
        self.partner = source.partner
        self.activity = source.activity
        self.marks = MarkVocabulary.Folded(extra: source.marks)
        self.names = names
        self.ledgerTexts = ledgerTexts
    }

    mutating func normalise(_ row: TableRow, sheet: String?, layout: TableLayout, rawRowID: Int, order: Int) -> Outcome {
        var context = RowContext(row: row, layout: layout, source: source, location: SourceLocation(file: path, sheet: sheet, row: row.number))
        let outcome: Outcome
        switch source.kind {
        case .roll:
            outcome = roll(&context, rawRowID: rawRowID, order: order)
        case .attendance:
            outcome = attendance(&context, rawRowID: rawRowID)
        case .consultations:
            outcome = consultation(&context, rawRowID: rawRowID, order: order)
        case .ledger:
            outcome = ledger(&context, rawRowID: rawRowID)
        case .budget:
            outcome = budget(&context, rawRowID: rawRowID)
        }
        return Outcome(loaded: outcome.loaded, record: outcome.record, diagnostics: context.diagnostics + outcome.diagnostics)
    }

    // MARK: Kinds

    private func roll(_ c: inout RowContext, rawRowID: Int, order: Int) -> Outcome {
        guard let identity = identity(&c, rawRowID: rawRowID, order: order, required: true) else {
            return Outcome(loaded: false, record: nil, diagnostics: [])
        }
        guard let group = c.text("group") ?? c.layout.title["group"] ?? fileGroup else {
            if source.columns["group"] != nil {
                c.reject(.missingValue, field: "group", "the course group is empty; every roll row needs the group the person attends")
            } else {
                c.rejectMissingTitleGroup()
            }
            return Outcome(loaded: false, record: nil, diagnostics: [])
        }
        var r = identity
        r.group = group
        r.startDate = c.date("start_date", formats: source.dateFormats)
        r.endDate = c.date("end_date", formats: source.dateFormats)
        if let s = r.startDate, let e = r.endDate, e < s {
            c.warn(.invalidDate, field: "end_date", "the end date is before the start date; the end date is ignored")
            r.endDate = nil
        }
        if let s = r.startDate { c.checkInPeriod(s, field: "start_date", project: project) }
        r.levelIn = c.level("level_in")
        r.levelOut = c.level("level_out")
        return Outcome(loaded: true, record: .identity(r), diagnostics: [])
    }

    private func attendance(_ c: inout RowContext, rawRowID: Int) -> Outcome {
        guard let name = c.name() else { return Outcome(loaded: false, record: nil, diagnostics: []) }
        guard let first = name.first, let last = name.last else {
            c.reject(.missingValue, field: name.first == nil ? "first_name" : "last_name", "the first or last name is empty")
            return Outcome(loaded: false, record: nil, diagnostics: [])
        }
        guard let group = c.layout.title["group"] ?? fileGroup else {
            c.rejectMissingTitleGroup()
            return Outcome(loaded: false, record: nil, diagnostics: [])
        }
        var marks: [(String, LocalDate, AttendanceStatus)] = []
        for (column, date) in c.layout.sessions {
            let cell = c.row[column]
            let header = column < c.layout.headers.count ? c.layout.headers[column] : columnLetters(column)
            if let status = self.marks.status(of: cell) {
                marks.append((header, date, status))
            } else {
                c.warn(
                    .unknownMark, column: header,
                    "this mark is neither present, absent nor excused; add it under marks: in the project file (the session is not counted for this person)",
                    value: cell.text)
            }
        }
        return Outcome(
            loaded: true,
            record: .attendance(
                AttendanceRow(
                    rawRowID: rawRowID, fileID: fileID, location: c.location, partnerID: partner,
                    activityID: activity, group: group, firstName: first, lastName: last,
                    nameKey: names.orderFree(first, last), marks: marks)),
            diagnostics: [])
    }

    private func consultation(_ c: inout RowContext, rawRowID: Int, order: Int) -> Outcome {
        guard c.has("date") else {
            c.reject(.missingValue, field: "date", "the consultation date is empty")
            return Outcome(loaded: false, record: nil, diagnostics: [])
        }
        guard let date = c.date("date", formats: source.dateFormats) else {
            return Outcome(loaded: false, record: nil, diagnostics: [c.rejectLast()])
        }
        c.checkInPeriod(date, field: "date", project: project)
        // A consultation with no name is anonymous: counted as a consultation, never as a person. So is one whose
        // name cannot be read (one word, a first or last name only): a person cannot be told by half a name.
        let named = c.has("full_name") || c.has("first_name") || c.has("last_name")
        let identity = named ? identity(&c, rawRowID: rawRowID, order: order, required: false) : nil
        var minutes: Int?
        if let text = c.text("minutes") {
            switch ConsultationDuration.minutes(text) {
            case .some(let m) where m < 24 * 60:
                minutes = m
            default:
                let hint =
                    ConsultationDuration.decimal(text).map { $0 != $0.rounded() } == true
                    ? "a fraction in a minutes column (hours written as 0,75?); if the column holds hours, map it as hours: instead of minutes:"
                    : "not a number of minutes (45, 45 min, 1:30)"
                c.warn(.invalidNumber, field: "minutes", "\(hint); the duration is left empty", value: text)
            }
        } else if let text = c.text("hours") {
            if let h = ConsultationDuration.decimal(text), h >= 0, h < 24 {
                minutes = Int((h * 60).rounded())
            } else {
                c.warn(.invalidNumber, field: "hours", "not a number of hours (0,75, 1.5, 2); the duration is left empty", value: text)
            }
        }
        return Outcome(
            loaded: true,
            record: .consultation(
                ConsultationRow(
                    rawRowID: rawRowID, partnerID: partner, activityID: activity, date: date,
                    topic: c.category("topic", categories), language: c.category("language", categories),
                    mode: c.category("mode", categories), minutes: minutes,
                    identity: identity, consultant: c.text("consultant"))),
            diagnostics: [])
    }

    // MARK: Identity

    /// The person a row names; nil when the name cannot be read. `required`: a roll row, rejected without a name
    /// and kept with a first or last name only; otherwise (a consultation) the row is kept as anonymous.
    private func identity(_ c: inout RowContext, rawRowID: Int, order: Int, required: Bool) -> IdentityRecord? {
        guard let name = c.name(anonymousIfUnreadable: !required) else { return nil }
        if name.first == nil || name.last == nil {
            let part = name.first == nil ? "first" : "last"
            guard required else {
                c.warn(
                    .missingNamePart, field: "\(part)_name",
                    "the first or last name is empty; the consultation is counted as anonymous (not as a person)")
                return nil
            }
            c.warn(
                .missingNamePart, field: "\(part)_name",
                "the \(part) name is empty; the enrolment is kept and the person is linked by the other name and the other fields — fill it in if known")
        }
        let first = name.first ?? "", last = name.last ?? ""
        var r = IdentityRecord(
            key: c.location.recordKey, rawRowID: rawRowID, fileID: fileID, order: order, partnerID: partner, activityID: activity,
            kind: source.kind, group: nil, firstName: first, lastName: last,
            nameKey: names.orderFree(first, last))
        let ambiguousBefore = c.diagnostics.filter { $0.code == .ambiguousDate }.count
        r.birthDate = c.date("birth_date", formats: source.dateFormats)
        r.birthDateAmbiguous = c.diagnostics.filter { $0.code == .ambiguousDate }.count > ambiguousBefore
        if let b = r.birthDate, b > project.project.periodEnd {
            c.warn(.futureDate, field: "birth_date", "the birth date is after the project's end; it is ignored", value: b.iso)
            r.birthDate = nil
        }
        r.sex = c.sex()
        r.citizenship = c.citizenship()
        r.arrivalDate = c.date("arrival_date", formats: source.dateFormats)
        if let text = c.mapped("objective") {
            r.objective = FundingObjective.parse(text)?.rawValue
            if r.objective == nil {
                c.warn(
                    .unknownObjective, field: "objective",
                    "not a FAMI objective Integra knows (integracja / azyl, CS2 / CS1); the project's default applies — map it under values: objective:",
                    value: text)
            }
        }
        r.objectiveSince = c.date("objective_since", formats: source.dateFormats)
        r.ukrStatus = c.yesNo("ukr_status")
        r.employmentDate = c.date("employment_date", formats: source.dateFormats)
        if let text = c.text("phone") {
            r.phone = PhoneNumber.e164(text)
            if r.phone == nil { c.warn(.invalidPhone, field: "phone", "not a phone number Integra can read; it is not used to identify the person", value: text) }
        }
        if let text = c.text("email") {
            r.email = Email.normalise(text)
            if r.email == nil { c.warn(.invalidEmail, field: "email", "not an e-mail address; it is not used to identify the person", value: text) }
        }
        if let text = c.text("document") {
            let cleaned = text.uppercased().filter { $0.isLetter || $0.isNumber }
            r.document = cleaned.count >= 5 ? cleaned : nil
        }
        if let text = c.text("pesel") {
            // Excel drops the leading zero of a PESEL typed into a number cell (born 1900–09 or 2000–09).
            var isNumberCell = false
            if case .number = c.cell("pesel") { isNumberCell = true }
            let pesel = PESEL(text, restoringLeadingZero: isNumberCell)
            if pesel.validation == .valid {
                r.pesel = pesel.digits
                if let b = r.birthDate, let pb = pesel.birthDate, b != pb {
                    c.warn(.peselMismatch, field: "pesel", "the PESEL's birth date differs from the birth date column; the PESEL is kept, check both")
                }
                if let s = r.sex, let ps = pesel.sex, s != ps.rawValue {
                    c.warn(.peselMismatch, field: "pesel", "the PESEL's sex digit differs from the sex column; the PESEL is kept, check both")
                }
                r.birthDate = r.birthDate ?? pesel.birthDate
                r.sex = r.sex ?? pesel.sex?.rawValue
            } else {
                c.warn(
                    .invalidPESEL, field: "pesel",
                    "not a valid PESEL (\(pesel.validation)); it is not used to identify the person — correct it or leave it empty",
                    value: text)
            }
        }
        return r
    }
}

/// The cells of one row by field, with the diagnostics found while reading them.
struct RowContext {
    let row: TableRow
    let layout: TableLayout
    let source: SourceDefinition
    let location: SourceLocation
    var diagnostics: [Diagnostic] = []

    init(row: TableRow, layout: TableLayout, source: SourceDefinition, location: SourceLocation) {
        self.row = row
        self.layout = layout
        self.source = source
        self.location = location
    }

    func header(_ field: String) -> String? {
        layout.fields[field].map { $0 < layout.headers.count ? layout.headers[$0] : columnLetters($0) }
    }

    func cell(_ field: String) -> CellValue {
        guard let column = layout.fields[field] else { return .empty }
        return row[column]
    }

    func has(_ field: String) -> Bool { !cell(field).isBlank }

    /// A yes/no cell (`tak`, `x`, `UKR`, `1` / `nie`, `0`); nil when blank, with a warning when unreadable.
    mutating func yesNo(_ field: String) -> Bool? {
        guard let t = mapped(field) else { return nil }
        switch TextNormalisation.foldForMatching(t) {
        case "tak", "t", "yes", "y", "1", "x", "ukr", "✓", "v", "true", "prawda", "так", "да": return true
        case "nie", "n", "no", "0", "-", "false", "falsz", "ні", "нет": return false
        default:
            warn(.invalidYesNo, field: field, "expected yes or no (tak/nie); the value is ignored", value: t)
            return nil
        }
    }

    /// The cleaned text of a field, nil when blank or unmapped.
    func text(_ field: String) -> String? {
        let c = cell(field)
        guard !c.isBlank else { return nil }
        let t = TextNormalisation.clean(c.text)
        return t.isEmpty ? nil : t
    }

    /// The text after the source's value map for this field, if any.
    func mapped(_ field: String) -> String? {
        guard let t = text(field) else { return nil }
        return source.values[field]?[TextNormalisation.foldForMatching(t)] ?? t
    }

    /// A published category (topic, language, mode): the source's `values:` map, else the vocabulary's category
    /// for the written form, else `inne` with an `uncategorised-value` warning that never carries the cell (it may
    /// be a name, a PESEL or a phone number typed into the wrong column).
    mutating func category(_ field: String, _ categories: CategoryVocabulary) -> String? {
        guard let t = text(field) else { return nil }
        if let mapped = source.values[field]?[TextNormalisation.foldForMatching(t)] { return mapped }
        if let known = categories.category(field, t) { return known }
        warn(
            .uncategorisedValue, field: field,
            "the \(field) is no category of pipelines/vocabulary.yml (categories:) nor of the source's values: map; it is counted as \"\(CategoryVocabulary.other)\"")
        return CategoryVocabulary.other
    }

    private func at(_ field: String?, column: String? = nil) -> SourceLocation {
        var l = location
        l.column = column ?? field.flatMap(header)
        return l
    }

    mutating func warn(_ code: DiagnosticCode, field: String? = nil, column: String? = nil, _ message: String, value: String? = nil) {
        diagnostics.append(Diagnostic(.warning, code, message, at: at(field, column: column), value: value))
    }

    mutating func reject(_ code: DiagnosticCode, field: String?, _ message: String, value: String? = nil) {
        diagnostics.append(Diagnostic(.error, code, message + "; the row is rejected", at: at(field), value: value))
    }

    /// Turns the last warning into the rejection of the row.
    mutating func rejectLast() -> Diagnostic {
        var d = diagnostics.removeLast()
        d.severity = .error
        d.message += "; the row is rejected"
        return d
    }

    /// The person's first and last name from `first_name`/`last_name` or a single `full_name` column.
    ///
    /// With separate columns and one of them empty, the other part alone (nil for the empty one), unless it holds
    /// two words or more (then it is split); both empty is `missing-value`. A single name column holding one word
    /// is `invalid-name`: an error, or a warning when `anonymousIfUnreadable` (the row is kept without a person).
    mutating func name(anonymousIfUnreadable: Bool = false) -> (first: String?, last: String?)? {
        if layout.fields["first_name"] != nil || layout.fields["last_name"] != nil {
            let first = text("first_name"), last = text("last_name")
            if let first, let last { return (first, last) }
            if let only = first ?? last, only.contains(" ") {
                let parts = NameSplitter.split(only)
                return (parts.first, parts.last)
            }
            if first == nil && last == nil {
                if !anonymousIfUnreadable { reject(.missingValue, field: "first_name", "the first or last name is empty") }
                return nil
            }
            return (first, last)
        }
        guard let full = text("full_name") else {
            if !anonymousIfUnreadable { reject(.missingValue, field: "full_name", "the name is empty") }
            return nil
        }
        // "N.N.", "-", "anonim", "анонімно": written for a client who gave no name — anonymous, nothing to warn.
        if anonymousIfUnreadable, NameCleaning.cleaned(full) == nil { return nil }
        let parts = NameSplitter.split(full)
        guard !parts.first.isEmpty, !parts.last.isEmpty else {
            if anonymousIfUnreadable {
                warn(
                    .invalidName, field: "full_name",
                    "one word where first and last name are expected; the consultation is counted as anonymous (not as a person) — write both names")
            } else {
                reject(.invalidName, field: "full_name", "write both first and last name (one word found)")
            }
            return nil
        }
        return parts
    }

    /// Rejects a row of a sheet whose course group is nowhere: its `title:` label is missing above the table.
    mutating func rejectMissingTitleGroup() {
        let label = source.title["group"]?.first
        reject(
            .missingTitleField, field: nil,
            "the title block above the header has no \(label ?? "group") label; write e.g. \"\(label ?? "Grupa"): A1\" above the table")
    }

    mutating func date(_ field: String, formats: [String]) -> LocalDate? {
        let c = cell(field)
        switch c {
        case .empty: return nil
        case .date(let d): return d
        case .number(let n):
            // A bare year (1985) is far likelier than a serial from 1905: refuse it rather than guess.
            if !(1900...2100).contains(n), let d = LocalDate(excelSerial: n), n >= 1000 { return d }
            warn(.invalidDate, field: field, "a number that is not a full date; write dd.mm.yyyy", value: c.text)
            return nil
        default:
            guard let t = text(field) else { return nil }
            if t.count == 4, let year = Int(t), (1900...2100).contains(year) {
                warn(.invalidDate, field: field, "a year alone is not a date; write dd.mm.yyyy", value: t)
                return nil
            }
            for format in formats { if let d = DateParser.parse(t, format: format) { return d } }
            guard let parsed = DateParser.parse(t) else {
                warn(.invalidDate, field: field, "not a date Integra can read; write dd.mm.yyyy or yyyy-mm-dd", value: t)
                return nil
            }
            if parsed.isAmbiguous {
                warn(
                    .ambiguousDate, field: field,
                    "day and month could be swapped; read as day first — add date_formats: to the source to be explicit",
                    value: t)
            }
            return parsed.date
        }
    }

    mutating func sex() -> String? {
        guard let t = mapped("sex") else { return nil }
        if let s = Sex(parsing: t) { return s.rawValue }
        warn(.invalidSex, field: "sex", "not a sex Integra knows (K/M, Kobieta/Mężczyzna); map it under values: sex:", value: t)
        return nil
    }

    mutating func citizenship() -> String? {
        guard let t = mapped("citizenship") else { return nil }
        if let code = Citizenship.isoAlpha3(t) { return code }
        warn(
            .unknownCitizenship, field: "citizenship",
            "not a country Integra knows; map it under values: citizenship: (e.g. UKR: [\"…\"])", value: t)
        return nil
    }

    mutating func level(_ field: String) -> String? {
        guard let t = mapped(field) else { return nil }
        if let l = CEFRLevel(parsing: t) { return l.rawValue }
        warn(.invalidLevel, field: field, "not a CEFR level (A1, A2, B1, B2, C1, C2); the level is left empty", value: t)
        return nil
    }

    mutating func checkInPeriod(_ date: LocalDate, field: String? = nil, column: String? = nil, project: ProjectDefinition) {
        let p = project.project
        if date < p.periodStart || date > p.periodEnd {
            warn(
                .dateOutsidePeriod, field: field, column: column,
                "the date is outside the project period \(p.periodStart.polish)–\(p.periodEnd.polish); it counts in no period",
                value: date.iso)
        }
    }
}

/// Splits a single "Imię i nazwisko" cell into first and last name.
///
/// A word in capitals is the surname (`KOWALENKO Olena`, `Olena KOWALENKO`); otherwise the first word is the first
/// name and the rest the surname. Linkage compares names in either order, so a wrong guess does not split a person.
enum NameSplitter {
    /// Splits one "Imię i nazwisko" cell: a word in capitals is the surname ("KOVALENKO Olena Petrivna"); a patronymic
    /// stays with the given name before it ("Olena Petrivna Kovalenko", "Kovalenko Olena Petrivna"); otherwise the
    /// first word is the first name. What follows a phone number or an e-mail ("Olena Kovalenko tel. 600 100 200")
    /// is not part of the name.
    ///
    /// ```swift
    /// NameSplitter.split("PIATACHENKO Elizaveta Vaktarovna")   // ("Elizaveta Vaktarovna", "PIATACHENKO")
    /// NameSplitter.split("Olena Petrivna Kovalenko")           // ("Olena Petrivna", "Kovalenko")
    /// ```
    static func split(_ full: String) -> (first: String, last: String) {
        var words = full.split(separator: " ").map(String.init)
        if let cut = words.firstIndex(where: isNotName), cut >= 2 { words = Array(words[..<cut]) }
        guard words.count >= 2 else { return (words.first ?? full, "") }
        func isCaps(_ w: String) -> Bool { w.count > 1 && w == w.uppercased() && w != w.lowercased() }
        if isCaps(words[0]) && !isCaps(words[words.count - 1]) {
            return (words.dropFirst().joined(separator: " "), words[0])
        }
        if isCaps(words[words.count - 1]) && !isCaps(words[0]) {
            return (words.dropLast().joined(separator: " "), words[words.count - 1])
        }
        if words.count >= 3, let k = words.indices.dropFirst().first(where: { NameCleaning.isPatronymic(words[$0]) }) {
            if k == words.count - 1, !isPolishSurnameEnding(words[k]) {
                // Surname, given name, patronymic: the order of documents and registers.
                return (words[(k - 1)...].joined(separator: " "), words[..<(k - 1)].joined(separator: " "))
            }
            if k < words.count - 1 {
                return (words[...k].joined(separator: " "), words[(k + 1)...].joined(separator: " "))
            }
        }
        return (words[0], words.dropFirst().joined(separator: " "))
    }

    /// Janowicz, Mickiewicz: Polish surnames, not patronymics, when they end a name.
    private static func isPolishSurnameEnding(_ word: String) -> Bool {
        let folded = TextNormalisation.foldForMatching(word)
        return folded.hasSuffix("owicz") || folded.hasSuffix("ewicz")
    }

    /// A word that starts what is not the name: a number, a phone or e-mail label, an address.
    private static func isNotName(_ word: String) -> Bool {
        if word.contains(where: \.isNumber) || word.contains("@") { return true }
        let folded = TextNormalisation.foldForMatching(word).filter(\.isLetter)
        return ["tel", "telefon", "kom", "email", "mail", "тел"].contains(folded)
    }
}

extension NameKey {
    /// The two name skeletons sorted and joined, so `Olena Kovalenko` and `KOVALENKO Olena` meet.
    static func orderFree(_ first: String, _ last: String) -> String {
        [NameKey.skeleton(first), NameKey.skeleton(last)].sorted().joined(separator: "|")
    }
}

/// `NameKey.orderFree` with each spelling's skeleton computed once per worker: a programme names each person in
/// every attendance sheet of their course, and a skeleton costs a transliteration and the rewrite rules. A memo of a
/// pure function, so which worker computed a key changes nothing; not shared between threads.
/// Memos of the pure readings of ledger texts a worker makes, from file to file: a programme's 200 000 ledger rows
/// write a few dozen categories, task and line numbers and a few thousand suppliers.
final class LedgerTexts {
    private var categories: [String: CostCategory?] = [:]
    private var codes: [String: String] = [:]
    private var suppliers: [String: String] = [:]

    /// `CostCategory(rawValue:) ?? CostCategory.parse(_:)` of the text.
    func category(_ text: String) -> CostCategory? {
        if let known = categories[text] { return known }
        let category = CostCategory(rawValue: text) ?? CostCategory.parse(text)
        categories[text] = category
        return category
    }

    /// `BudgetCode.task(_:)` (the same as `BudgetCode.line(_:)`) of the text.
    func code(_ text: String) -> String {
        if let known = codes[text] { return known }
        let code = BudgetCode.task(text)
        codes[text] = code
        return code
    }

    /// `TextNormalisation.foldForMatching(_:)` of a supplier's name.
    func supplier(_ text: String) -> String {
        if let known = suppliers[text] { return known }
        let folded = TextNormalisation.foldForMatching(text)
        suppliers[text] = folded
        return folded
    }
}

final class NameKeys {
    private var skeletons: [String: String] = [:]

    func orderFree(_ first: String, _ last: String) -> String {
        [skeleton(first), skeleton(last)].sorted().joined(separator: "|")
    }

    private func skeleton(_ name: String) -> String {
        if let known = skeletons[name] { return known }
        let skeleton = NameKey.skeleton(name)
        skeletons[name] = skeleton
        return skeleton
    }
}

extension MarkVocabulary {
    /// The built-in attendance vocabulary plus the source's own, folded for matching.
    struct Folded {
        static let present = ["x", "+", "1", "v", "✓", "✔", "obecny", "obecna", "ob.", "ob", "o", "tak", "t", "p"]
        static let absent = ["", "-", "–", "0", "nb", "nb.", "n", "nieobecny", "nieobecna", "nie", "abs"]
        static let excused = ["usp.", "usp", "u", "uspr.", "usprawiedliwiony", "usprawiedliwiona", "usprawiedliwione"]
        var table: [String: AttendanceStatus] = [:]

        init(extra: MarkVocabulary) {
            for (words, status) in [
                (Self.present + extra.present, AttendanceStatus.present), (Self.absent + extra.absent, .absent),
                (Self.excused + extra.excused, .excused),
            ] {
                for w in words { table[TextNormalisation.foldForMatching(w)] = status }
            }
        }

        func status(of cell: CellValue) -> AttendanceStatus? {
            switch cell {
            case .empty: return .absent
            case .bool(let b): return b ? .present : .absent
            case .number(let n): return n == 1 ? .present : n == 0 ? .absent : nil
            default:
                // Most marks are typed as the vocabulary writes them ("x", "nb"): folding is idempotent, so text
                // that is already a folded word needs no folding.
                let text = cell.text
                if let status = table[text] { return status }
                return table[TextNormalisation.foldForMatching(TextNormalisation.clean(text))]
            }
        }
    }
}

/// Durations as consultation logs write them.
///
/// ```swift
/// ConsultationDuration.minutes("45 min")   // 45
/// ConsultationDuration.minutes("1:30")     // 90
/// ConsultationDuration.minutes("0,75")     // nil: a fraction is not a number of minutes
/// ConsultationDuration.decimal("0,75")     // 0.75
/// ```
enum ConsultationDuration {
    /// Whole minutes: digits with an optional unit ("45", "45 min", "45'"), or hours and minutes ("1:30", "1h30").
    static func minutes(_ text: String) -> Int? {
        let t = TextNormalisation.foldForMatching(text).filter { $0 != " " }
        for separator in [":", "h"] where t.contains(separator) {
            let parts = t.split(separator: Character(separator), omittingEmptySubsequences: false)
            guard parts.count == 2, let h = Int(parts[0]) else { return nil }
            let rest = parts[1].filter(\.isNumber)
            guard let m = rest.isEmpty ? 0 : Int(rest), m < 60 else { return nil }
            return h * 60 + m
        }
        let digits = t.prefix { $0.isNumber }
        let unit = t.dropFirst(digits.count)
        guard !digits.isEmpty, ["", "min", "min.", "minut", "minuty", "'", "m", "хв", "мин"].contains(String(unit)) else {
            return nil
        }
        return Int(digits)
    }

    /// A decimal number with a comma or a point ("0,75", "1.5", "2"), an optional unit after it ("1,5 h", "2 godz.").
    static func decimal(_ text: String) -> Double? {
        let t = TextNormalisation.foldForMatching(text).filter { $0 != " " }
        let number = t.prefix { $0.isNumber || $0 == "," || $0 == "." }
        let unit = String(t.dropFirst(number.count))
        guard !number.isEmpty, ["", "h", "godz", "godz.", "godzin", "godziny", "год", "ч"].contains(unit) else {
            return nil
        }
        return Double(String(number.map { $0 == "," ? "." : $0 }))
    }
}
