import Foundation
import IntegraCore

/// Writes a programme-scale project: many partners (50 by default), each with course rolls, attendance workbooks
/// and consultation logs, about 100 000 persons over two years (2024-01-01..2025-12-31), with `truth.json` (the
/// figures a correct run must produce) and `truth-records.csv` (the true person of every identity record).
///
/// The files follow what partners really send (`shared/DOMAIN.md`, "What partners also do"), partner by partner in
/// a cycle of four:
/// - `p%4 == 0`: a Polish-course roll per year as Windows-1250 CSV with `;` and Latin names (passport or Polish
///   transcription), attendance workbooks per quarter with a title block (`Grupa: …`) and one sheet per group and
///   month;
/// - `p%4 == 1`: a civic-orientation workshop roll per year as UTF-8 CSV with a byte-order mark, Ukrainian headers
///   and Cyrillic names, attendance workbooks per quarter with one sheet per group (dates as text);
/// - `p%4 == 2` (condition ``Conditions/fileNameGroups``): the group only in the file names and titles — per
///   group `kurs_2024Q1-A0-a_lista.csv` (no group column) and `kurs_2024Q1-A0-a_obecnosci.xlsx` under the title
///   "Lista obecności – kurs języka polskiego, grupa 2024Q1-A0-a", one sheet per month;
/// - `p%4 == 3`: a workshop roll as one XLSX workbook with a sheet per year under a title block.
///
/// Every partner runs an information point: a log per year (UTF-8 CSV with a byte-order mark, `;`) holding the
/// client's name, citizenship and consultation language and nothing else; partners `p%4 >= 2` also run career
/// guidance (Polish-Excel CSV with sex and birth date, employment on the last visit). Consultants on duty write the
/// same client their own way.
///
/// Who is who (the shares are the generator's decisions):
/// - 40 % of persons are met **only in consultations**, name only, 1–6 visits (35/25/15/10/8/7 %) at one partner's
///   information point; 60 % take courses (35 % of them a second course, 60 % of those at the same partner). Of
///   the course participants 35 % also visit the information point of a partner whose course they take, 5 %
///   another partner's, 20 % career guidance — their names in the logs too, without a birth date (but in career
///   guidance); about six persons in ten met in consultations are then name-only ones (truth.json `summary`).
/// - Nationalities: Ukrainian 80 %, Belarusian 6 %, Russian 4 %, Georgian 4 %, Vietnamese 3 %, Indian 3 %. Names
///   are drawn skewed: Ukrainian first names with weight 1 / (rank + 3) (Olena, Nataliia, Iryna… recur),
///   surnames 35 % from the common list with weight 1 / (rank + 15) (Melnyk, Shevchenko, Kovalenko…) and 65 % from
///   the long tail of stems and endings; every Slavic person has a patronymic. Name-only persons are **not** kept
///   apart by name: true namesakes occur at the rate these draws give, at one partner and across partners. Course
///   participants are kept apart by name and birth year, surname and birth date, first name and birth date (a
///   linker cannot tell such persons apart either), and within a group by folded surname.
/// - Each consultant writes names in a style (passport Latin, Polish transcription or Cyrillic, the preferred one
///   three times as likely among the forms of ``GeneratorState/formWeights``: other romanisations, the Russian
///   form, a Polish or English first name), then 12 % add the patronymic ("Olena Petrivna Kovalenko" /
///   "KOVALENKO Olena Petrivna"), 20 % put the surname first, 12 % write all capitals and 15 % the surname in
///   capitals, 5 % make a one-letter slip; 3 % of rows leave the citizenship empty.
/// - Attendance names (condition ``Conditions/attendanceVariants``): 45 % as on the roll, else "SURNAME Firstname
///   Patronymic", another script, another romanisation, an English or Polish first name, Vietnamese order and
///   diacritics ("NGUYỄN Lan" for "Thi Lan Nguyen"), or a slip; footer lines under each table ("Podpis
///   prowadzącego: …", "Sporządził: …").
/// - Broken rows (condition ``Conditions/brokenRows``): 1 % of roll rows lack the first name (kept); every roll
///   ends with a row without any name (rejected); the `p%4 == 0` rolls and the `p%4 == 1` logs hold a row with a
///   stray quote and a row with a missing field (rejected, of persons no other row names).
/// - Re-sent files (condition ``Conditions/copies``): `p%4 == 0` a byte-identical "rejestr-porad-2024 (kopia).csv",
///   `p%4 == 2` a Q1 file beside the full 2025 log, `p%4 == 3` the 2024 log re-saved with LF line endings; each such
///   consultation counts once (truth.json gives the files a common `copies` group: which file's rows load is the
///   run's choice, the group's sums are not). Condition ``Conditions/optionalSource``: one source marked
///   `optional: true` matching no file.
/// - Anonymous clients (``Conditions/anonymousMarks``): a third of the anonymous rows write "N.N.", "-", "anonim"
///   or "анонімно" instead of leaving the name blank. ``Conditions/phoneInName``: 3 % of named log rows add the
///   client's phone ("… tel. 600 100 200"). ``Conditions/totals``: a "Razem"/"Suma" row under every log and
///   attendance table (minutes, present marks per session) and a "Razem obecności" column on attendance sheets.
///   ``Conditions/noCitizenship``: the `p%4 == 3` career-guidance logs have no citizenship column.
/// - ``Conditions/hours``: the `p%4 == 2` information-point logs give durations in hours ("0,75" under "Liczba
///   godzin", mapped as `hours:`). ``Conditions/birthYearInName``: a birth year in brackets after a client's name.
///   ``Conditions/yearlessDates``: month sheets of attendance write session dates without a year ("12.03", "12.03.",
///   "12 marca"), which the sheet name or the title block completes. ``Conditions/corrections``: the Q1 file beside
///   the full 2025 log is the register as first sent, every 12th row with a topic or minutes later corrected.
///
/// Courses start every fourth Monday from 1 January 2024 (23 starts) and run ten weeks, two sessions a week; a
/// person's second course starts after the first ends; consultations of course participants fall on days without
/// other support. The truth (``TruthBuilder`` with ``TruthBuilder/Detail/totalsAndPartners``) covers quarters and
/// years, totals and the partner, sex, age and citizenship breakdowns (unknown as category "").
public struct ProgramGenerator {
    let seed: UInt64
    let partnerCount: Int
    let personCount: Int
    let conditions: Conditions

    /// The conditions of real partner files the programme carries (all by default).
    public struct Conditions: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Clients met only in consultation logs that give a name only, in the spellings of several consultants.
        public static let nameOnly = Conditions(rawValue: 1)
        /// Groups in file names and title lines only (needs `from_file_name:`/`from_title:` in the project file).
        public static let fileNameGroups = Conditions(rawValue: 2)
        /// Attendance names written differently from the roll; footer lines under the tables.
        public static let attendanceVariants = Conditions(rawValue: 4)
        /// Missing first names, stray quotes, rows with a missing field.
        public static let brokenRows = Conditions(rawValue: 8)
        /// Consultation logs sent twice: a byte-identical copy, a re-saved copy, a quarter beside the year.
        public static let copies = Conditions(rawValue: 16)
        /// A source marked `optional: true` that matches no file.
        public static let optionalSource = Conditions(rawValue: 32)
        /// Anonymous clients written "N.N.", "-", "anonim", "анонімно" as well as left blank.
        public static let anonymousMarks = Conditions(rawValue: 64)
        /// A phone number after a client's name ("Olena Kovalenko tel. 600 100 200").
        public static let phoneInName = Conditions(rawValue: 128)
        /// Typed-in totals: a "Razem"/"Suma" row under logs and attendance tables, a "Razem obecności" column.
        public static let totals = Conditions(rawValue: 256)
        /// Career-guidance logs without a citizenship column (`p%4 == 3`).
        public static let noCitizenship = Conditions(rawValue: 512)
        /// The `p%4 == 2` information-point logs give durations in hours with a decimal comma ("0,75" under "Liczba
        /// godzin").
        public static let hours = Conditions(rawValue: 1024)
        /// A birth year in brackets after a client's name ("Iryna Bondar (1988)"): a remark, not part of the name.
        public static let birthYearInName = Conditions(rawValue: 2048)
        /// Month sheets whose session dates have no year ("12.03", "12.03.", "12 marca"): the sheet name or the title
        /// block's "Miesiąc: marzec 2024" gives it.
        public static let yearlessDates = Conditions(rawValue: 4096)
        /// The Q1 file beside the full-year log (``Conditions/copies``) is the register as first sent: some rows have
        /// the topic or minutes the full-year log corrected.
        public static let corrections = Conditions(rawValue: 8192)
        /// Every condition Integra is meant to read today; `all` on the command line.
        public static let all: Conditions = [
            .nameOnly, .fileNameGroups, .attendanceVariants, .brokenRows, .copies, .optionalSource, .anonymousMarks,
            .phoneInName, .totals, .noCitizenship, .hours, .birthYearInName, .yearlessDates,
            .corrections,
        ]

        public static let names: [(String, Conditions)] = [
            ("name-only", .nameOnly), ("file-name-groups", .fileNameGroups),
            ("attendance-variants", .attendanceVariants), ("broken-rows", .brokenRows), ("copies", .copies),
            ("optional-source", .optionalSource), ("anonymous-marks", .anonymousMarks),
            ("phone-in-name", .phoneInName), ("totals", .totals), ("no-citizenship", .noCitizenship),
            ("hours", .hours), ("birth-year-in-name", .birthYearInName), ("yearless-dates", .yearlessDates),
            ("corrections", .corrections),
        ]

        /// `all`, `none` or a comma-separated list of names, each optionally prefixed with `-` to remove it
        /// (`all,-file-name-groups`, `none,hours`).
        public init?(parsing text: String) {
            var result: Conditions = []
            for word in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                let remove = word.hasPrefix("-")
                let key = remove ? String(word.dropFirst()) : word
                let value: Conditions
                switch key {
                case "all": value = .all
                case "none": value = []
                default:
                    guard let found = Self.names.first(where: { $0.0 == key }) else { return nil }
                    value = found.1
                }
                if remove { result.subtract(value) } else { result.formUnion(value) }
            }
            self = result
        }
    }

    public init(seed: UInt64, partners: Int = 50, persons: Int = 100_000, conditions: Conditions = .all) {
        self.seed = seed
        partnerCount = partners
        personCount = persons
        self.conditions = conditions
    }

    static let periodStart = LocalDate(year: 2024, month: 1, day: 1)!
    static let periodEnd = LocalDate(year: 2025, month: 12, day: 31)!
    /// Courses start on Monday 1 January 2024 and every fourth Monday after it (23 starts), and run ten weeks.
    static let firstMonday = LocalDate(year: 2024, month: 1, day: 1)!
    static let startSlots = 23
    static let weeksBetweenStarts = 4
    static let sessions = 20
    static let groupCapacity = 25
    static let nameOnlyShare = 0.4

    enum CourseKind { case language, workshop }

    /// How a partner's course files are laid out (see the type's documentation).
    enum Layout { case languageCSV, workshopCSV, fileNameGroups, workshopXLSX }

    /// Which re-sent copy of a consultation log a partner has.
    enum Copy { case identical, quarter, resaved }

    struct Partner {
        var id: String
        var course: CourseKind
        var layout: Layout
        /// Career guidance besides the information point.
        var guidance: Bool
        var copy: Copy?
        /// A stray quote and a missing field in its rolls (`languageCSV`) or logs (`workshopCSV`).
        var broken: Bool
        /// Its career-guidance log has a citizenship column.
        var guidanceCitizenship: Bool
        /// Its information-point logs give durations in hours ("Liczba godzin": "0,75").
        var hours: Bool
    }

    /// One course group at a partner.
    struct Group {
        var partner: Int
        var id: String
        var slot: Int
        var level: String?
        var members: [Int] = []
        var dates: [LocalDate]
        var attended: [Int: [Bool]] = [:]

        var held: [Int] { dates.indices.filter { i in attended.values.contains { $0[i] } } }
        func completes(_ person: Int, threshold: Double) -> Bool {
            let held = self.held
            return Double(held.filter { attended[person]![$0] }.count) >= threshold * Double(held.count) - 1e-9
        }
    }

    /// A made-up person: the name (with every form it can be written in), what the records may state.
    struct Person {
        var link: SyntheticLinkPerson
        var pesel: String?
        /// ISO alpha-3.
        var citizenship: String
        var arrival: LocalDate
        var ukrStatus: Bool
        /// Met only in consultation logs that give a name only.
        var nameOnly: Bool
        /// The language the person's consultations are mostly held in.
        var language: String

        var id: Int { link.id }
        var female: Bool { link.female }
        var birth: LocalDate { link.birth }
        var nationality: Nationality { link.nationality }
    }

    func partners() -> [Partner] {
        (0..<partnerCount).map { (p: Int) -> Partner in
            let layout: Layout
            switch p % 4 {
            case 0: layout = .languageCSV
            case 1: layout = .workshopCSV
            case 2: layout = conditions.contains(.fileNameGroups) ? .fileNameGroups : .languageCSV
            default: layout = .workshopXLSX
            }
            let copy: Copy? =
                conditions.contains(.copies) ? [0: Copy.identical, 2: .quarter, 3: .resaved][p % 4] : nil
            return Partner(
                id: String(format: "p%02d", p + 1), course: p % 2 == 0 ? .language : .workshop, layout: layout,
                guidance: p % 4 >= 2, copy: copy, broken: conditions.contains(.brokenRows) && p % 4 <= 1,
                guidanceCitizenship: !(conditions.contains(.noCitizenship) && p % 4 == 3),
                hours: conditions.contains(.hours) && p % 4 == 2)
        }
    }

    /// Writes `<folder>/<name>.yml` and `<folder>/<name>/…`; returns the paths written, relative to `folder`.
    public func write(into folder: URL, name: String) throws -> [String] {
        var rng = SeededGenerator(seed: seed)
        var names = ProgramNames(seed: seed &+ 0x5EED)
        let partners = partners()
        let persons = makePersons(rng: &rng, names: &names)
        let groups = planGroups(persons: persons, partners: partners, names: &names, rng: &rng)
        var truth = TruthBuilder(
            settings: .init(
                periodStart: Self.periodStart, periodEnd: Self.periodEnd, activities: DemoGenerator.activities,
                defaultObjective: "integration", ukrArrivalSince: LocalDate(year: 2022, month: 2, day: 24)!,
                ageBands: AgeBand.defaults, detail: .totalsAndPartners))
        let data = folder.appendingPathComponent(name, isDirectory: true)
        var written: [String] = []
        let groupsByPartner = Dictionary(grouping: groups.indices, by: { groups[$0].partner })
        let plan = planConsultations(persons: persons, partners: partners, groups: groups, rng: &rng)
        var files = FileContext(folder: folder, name: name, persons: persons)
        for (p, partner) in partners.enumerated() {
            try FileManager.default.createDirectory(
                at: data.appendingPathComponent(partner.id), withIntermediateDirectories: true)
            let mine = (groupsByPartner[p] ?? []).map { groups[$0] }
            written += try writeCourseFiles(
                partner: partner, groups: mine, context: &files, names: &names, rng: &rng, truth: &truth)
            written += try writeInformationPoint(
                partner: partner, visits: plan.informationPoint[p], context: &files, names: &names, rng: &rng,
                truth: &truth)
            if partner.guidance {
                written.append(
                    try writeGuidance(
                        partner: partner, visits: plan.guidance[p], context: &files, names: &names, rng: &rng,
                        truth: &truth))
            }
        }
        let finance = try writeFinance(into: folder, name: name, partners: partners)
        written += finance.paths
        truth.finance = finance.truth
        let projectPath = "\(name).yml"
        try Data(ProgramProjectFile.text(name: name, partners: partners, conditions: conditions).utf8)
            .write(to: folder.appendingPathComponent(projectPath))
        written.append(projectPath)
        truth.summary = summary(persons: persons, plan: plan, names: &names)
        let truthPath = "\(name)/truth.json"
        try truth.encoded().write(to: folder.appendingPathComponent(truthPath))
        written.append(truthPath)
        let recordsPath = "\(name)/truth-records.csv"
        try truth.encodedRecords().write(to: folder.appendingPathComponent(recordsPath))
        written.append(recordsPath)
        return written
    }

    // MARK: Persons

    func makePersons(rng: inout SeededGenerator, names: inout ProgramNames) -> [Person] {
        var persons: [Person] = []
        persons.reserveCapacity(personCount)
        // Course participants (they give a birth date) stay apart from one another by name and birth year,
        // surname and birth date, first name and birth date, PESEL; name-only persons do not.
        var used = Set<String>()
        var pesels = Set<String>()
        let since = LocalDate(year: 2022, month: 2, day: 24)!
        let nameOnlyShare = conditions.contains(.nameOnly) ? Self.nameOnlyShare : 0
        while persons.count < personCount {
            let nameOnly = rng.chance(nameOnlyShare)
            let nationality = Self.nationality(rng: &rng)
            let female = rng.chance(0.6)
            let year = rng.chance(0.06) ? rng.int(2006...2008) : rng.int(1950...2004)
            let birth = LocalDate(year: year, month: rng.int(1...12), day: rng.int(1...28))!
            let link = SyntheticLinkPerson(
                id: persons.count, nationality: nationality, female: female,
                name: names.draw(nationality, female: female), birth: birth, pesel: nil, phones: [],
                householdPhone: nil, email: nil, householdEmail: nil, passport: nil, relations: [],
                isChild: year >= 2006)
            if !nameOnly {
                let key = names.key(link)
                let keys = [
                    "name \(key.first) \(key.last) \(year)", "last \(key.last) \(birth.iso)",
                    "first \(key.first) \(birth.iso)",
                ]
                guard keys.allSatisfy({ !used.contains($0) }) else { continue }
                used.formUnion(keys)
            }
            let citizenship = nationality.rawValue
            var pesel: String?
            if !nameOnly && rng.chance(nationality == .ukrainian ? 0.6 : 0.3) {
                repeat {
                    pesel = SyntheticPerson.makePESEL(birth: birth, female: female, serial: rng.int(0...9999))
                } while !pesels.insert(pesel!).inserted
            }
            let arrival =
                rng.chance(0.7)
                ? since.adding(days: rng.int(1...600))
                : LocalDate(year: rng.int(2014...2021), month: rng.int(1...12), day: rng.int(1...28))!
            let status = citizenship == "UKR" && pesel != nil && arrival >= since && rng.chance(0.8)
            persons.append(
                Person(
                    link: link, pesel: pesel, citizenship: citizenship, arrival: arrival, ukrStatus: status,
                    nameOnly: nameOnly, language: Self.language(nationality, rng: &rng)))
        }
        return persons
    }

    static func nationality(rng: inout SeededGenerator) -> Nationality {
        switch rng.int(0...99) {
        case 0..<80: return .ukrainian
        case 80..<86: return .belarusian
        case 86..<90: return .russian
        case 90..<94: return .georgian
        case 94..<97: return .vietnamese
        default: return .indian
        }
    }

    /// The language most of a person's consultations are held in.
    static func language(_ nationality: Nationality, rng: inout SeededGenerator) -> String {
        let r = rng.int(0...99)
        switch nationality {
        case .ukrainian: return r < 60 ? "UA" : r < 85 ? "RU" : "PL"
        case .belarusian, .russian: return r < 75 ? "RU" : "PL"
        case .georgian: return r < 40 ? "RU" : r < 70 ? "PL" : "EN"
        default: return r < 60 ? "EN" : "PL"
        }
    }

    // MARK: Courses

    /// 60 % of persons (all without ``Conditions/nameOnly``) take a course, 35 % of them a second one that starts
    /// after the first ends (at the same partner six times in ten); each partner's enrolments of a start form groups
    /// of at most 25 with distinct folded surnames (attendance sheets name persons only).
    func planGroups(
        persons: [Person], partners: [Partner], names: inout ProgramNames, rng: inout SeededGenerator
    ) -> [Group] {
        var slots: [Int: [Int]] = [:]  // partner * 64 + slot → persons, in order of enrolment
        let last = Self.startSlots - 1
        for person in persons where !person.nameOnly {
            let two = rng.chance(0.35)
            let s1 = rng.int(0...(two ? last - 3 : last))
            let p1 = rng.int(0...(partners.count - 1))
            slots[p1 * 64 + s1, default: []].append(person.id)
            if two {
                let p2 = rng.chance(0.6) ? p1 : rng.int(0...(partners.count - 1))
                slots[p2 * 64 + rng.int((s1 + 3)...last), default: []].append(person.id)
            }
        }
        let levels = ["A0", "A1", "A2", "B1"]
        var letters: [String: Int] = [:]  // partner/quarter/level → groups formed
        var groups: [Group] = []
        for key in slots.keys.sorted() {
            let (p, slot) = (key / 64, key % 64)
            let partner = partners[p]
            let week = slot * Self.weeksBetweenStarts
            let start = Self.firstMonday.adding(days: week * 7 + (partner.course == .language ? 0 : 1))
            let dates = (0..<Self.sessions).map { start.adding(days: ($0 / 2) * 7 + ($0 % 2) * 3) }
            let level = partner.course == .language ? levels[(slot + p) % levels.count] : nil
            var formed: [(group: Group, names: Set<String>)] = []
            for m in slots[key]! {
                let surname = names.key(persons[m].link).last
                if let i = formed.firstIndex(where: {
                    $0.group.members.count < Self.groupCapacity && !$0.names.contains(surname)
                }) {
                    formed[i].group.members.append(m)
                    formed[i].names.insert(surname)
                } else {
                    let quarter = "\(start.year)Q\(start.quarter)"
                    let letterKey = "\(p)/\(quarter)/\(level ?? "W")"
                    let n = letters[letterKey, default: 0]
                    letters[letterKey] = n + 1
                    let letter = n < 26 ? String(UnicodeScalar(UInt8(97 + n))) : "z\(n - 25)"
                    let id = "\(quarter)-\(level ?? "W")-\(letter)"
                    formed.append(
                        (Group(partner: p, id: id, slot: slot, level: level, members: [m], dates: dates), [surname]))
                }
            }
            for entry in formed {
                var group = entry.group
                plan(&group, rng: &rng)
                groups.append(group)
            }
        }
        return groups
    }

    /// Who attends which session: a quarter of the members less diligently; every session is held and every member
    /// comes at least once (support at a workshop starts at the first attendance).
    func plan(_ group: inout Group, rng: inout SeededGenerator) {
        for m in group.members {
            let rate = rng.chance(0.25) ? 0.55 : 0.93
            group.attended[m] = group.dates.indices.map { _ in rng.chance(rate) }
        }
        for i in group.dates.indices where !group.members.contains(where: { group.attended[$0]![i] }) {
            group.attended[group.members[0]]![i] = true
        }
        for m in group.members where !group.attended[m]!.contains(true) {
            group.attended[m]![rng.int(0...(Self.sessions - 1))] = true
        }
    }

    // MARK: Consultations

    struct Visit {
        var date: LocalDate
        var person: Int?
    }

    struct ConsultationPlan {
        var informationPoint: [[Visit]]
        var guidance: [[Visit]]
    }

    /// Name-only persons: 1–6 visits at one partner's information point. Course participants: 35 % visit the
    /// information point of a partner whose course they take (1–4 visits), 5 % another partner's (1–3), 20 % career
    /// guidance (1–5), on days without other support. Information points also log anonymous consultations (three
    /// for every ten persons).
    func planConsultations(
        persons: [Person], partners: [Partner], groups: [Group], rng: inout SeededGenerator
    ) -> ConsultationPlan {
        var busy: [Int: Set<Int>] = [:]
        var coursePartners: [Int: [Int]] = [:]
        for g in groups {
            for m in g.members {
                busy[m, default: []].formUnion(g.dates.map(\.daysSinceEpoch))
                busy[m]!.insert(g.dates[0].adding(days: -7).daysSinceEpoch)
                coursePartners[m, default: []].append(g.partner)
            }
        }
        var plan = ConsultationPlan(
            informationPoint: .init(repeating: [], count: partners.count),
            guidance: .init(repeating: [], count: partners.count))
        let start = Self.periodStart.daysSinceEpoch
        let days = Self.periodEnd.daysSinceEpoch - start
        let guidancePartners = partners.indices.filter { partners[$0].guidance }
        func visit(_ person: Int, count: Int, taken: inout Set<Int>) -> [Visit] {
            (0..<count).map { _ in
                var day: Int
                repeat { day = start + rng.int(0...days) } while taken.contains(day)
                taken.insert(day)
                return Visit(date: LocalDate(daysSinceEpoch: day), person: person)
            }
        }
        let pointShare = conditions.contains(.nameOnly) ? 0.35 : 0.6
        for person in persons {
            var taken = busy[person.id] ?? []
            if person.nameOnly {
                let r = rng.int(0...99)
                let count = r < 35 ? 1 : r < 60 ? 2 : r < 75 ? 3 : r < 85 ? 4 : r < 93 ? 5 : 6
                plan.informationPoint[rng.int(0...(partners.count - 1))] += visit(
                    person.id, count: count, taken: &taken)
                continue
            }
            if rng.chance(pointShare), let own = coursePartners[person.id] {
                plan.informationPoint[rng.pick(own)] += visit(person.id, count: rng.int(1...4), taken: &taken)
            }
            if rng.chance(0.05) {
                plan.informationPoint[rng.int(0...(partners.count - 1))] += visit(
                    person.id, count: rng.int(1...3), taken: &taken)
            }
            if !guidancePartners.isEmpty, rng.chance(0.2) {
                let own = (coursePartners[person.id] ?? []).filter { partners[$0].guidance }
                let p = own.isEmpty ? rng.pick(guidancePartners) : rng.pick(own)
                plan.guidance[p] += visit(person.id, count: rng.int(1...5), taken: &taken)
            }
        }
        for _ in 0..<(persons.count * 3 / 10) {
            plan.informationPoint[rng.int(0...(partners.count - 1))].append(
                Visit(date: LocalDate(daysSinceEpoch: start + rng.int(0...days)), person: nil))
        }
        func sorted(_ visits: [Visit]) -> [Visit] {
            visits.sorted { ($0.date, $0.person ?? -1) < ($1.date, $1.person ?? -1) }
        }
        plan.informationPoint = plan.informationPoint.map(sorted)
        plan.guidance = plan.guidance.map(sorted)
        return plan
    }

    /// What the generator knows about the population, for truth.json: how many persons are met only in
    /// consultations by name, and how many persons share their name (as the passport writes it) with another.
    func summary(persons: [Person], plan: ConsultationPlan, names: inout ProgramNames) -> TruthBuilder.Summary {
        var visited = Set<Int>()
        for visits in plan.informationPoint + plan.guidance {
            for v in visits { if let p = v.person { visited.insert(p) } }
        }
        var byName: [String: [Int]] = [:]
        for p in persons {
            let key = names.key(p.link)
            byName["\(key.first) \(key.last)", default: []].append(p.id)
        }
        let namesakes = byName.values.filter { $0.count > 1 }.reduce(0) { $0 + $1.count }
        return TruthBuilder.Summary(
            nameOnlyPersons: persons.filter { $0.nameOnly && visited.contains($0.id) }.count,
            personsWithNamesake: namesakes)
    }
}
