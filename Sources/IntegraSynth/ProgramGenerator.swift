import Foundation
import IntegraCore

/// Writes a programme-scale project: many partners (50 by default), each with a course roll, attendance workbooks
/// and a consultation log, in the formats of the demo (``DemoGenerator``), about 100 000 persons, 150 000 roll rows,
/// 3 000 000 attendance cells and 300 000 consultations, with `truth.json`.
///
/// Partners alternate between the demo's two course partners: even ones keep a Polish-course roll as
/// Windows-1250 CSV with `;` and Latin names, and attendance workbooks with a title block and one sheet per group
/// and month (date cells); odd ones a civic-orientation workshop roll as UTF-8 CSV with a byte-order mark,
/// Ukrainian headers and Cyrillic names, and one sheet per group (dates as text). Half the partners run an
/// information point (the demo's consultation log, with anonymous consultations), the other half career guidance
/// (Polish-Excel CSV, employment on the last visit). Each roll has one row without a name (rejected).
///
/// The data stays clear of the edges the demo plants on purpose (``DemoCast``), so the truth is exact at scale:
/// persons have distinct names within a birth year, every record gives a birth date, a person's courses follow one
/// another and consultations fall on days without other support. The truth (``TruthBuilder`` with
/// ``TruthBuilder/Detail/totalsAndPartners``) covers quarters and the year, totals and the partner breakdown.
public struct ProgramGenerator {
    let seed: UInt64
    let partnerCount: Int
    let personCount: Int

    public init(seed: UInt64, partners: Int = 50, persons: Int = 100_000) {
        self.seed = seed
        partnerCount = partners
        personCount = persons
    }

    static let periodStart = LocalDate(year: 2023, month: 1, day: 1)!
    static let periodEnd = LocalDate(year: 2023, month: 12, day: 31)!
    /// Courses start on the Mondays of weeks 0..<41 (the first Monday is 2 January 2023) and run ten weeks.
    static let firstMonday = LocalDate(year: 2023, month: 1, day: 2)!
    static let startWeeks = 41
    static let sessions = 20
    static let groupCapacity = 25

    enum CourseKind { case language, workshop }

    struct Partner {
        var id: String
        var course: CourseKind
        /// Information point (true) or career guidance.
        var informationPoint: Bool
    }

    /// One course group at a partner.
    struct Group {
        var partner: Int
        var id: String
        var week: Int
        var members: [Int] = []
        var dates: [LocalDate]
        var attended: [Int: [Bool]] = [:]

        var held: [Int] { dates.indices.filter { i in attended.values.contains { $0[i] } } }
        func completes(_ person: Int, threshold: Double) -> Bool {
            let held = self.held
            return Double(held.filter { attended[person]![$0] }.count) >= threshold * Double(held.count) - 1e-9
        }
    }

    func partners() -> [Partner] {
        (0..<partnerCount).map { (p: Int) -> Partner in
            let course: CourseKind = p % 2 == 0 ? .language : .workshop
            return Partner(id: String(format: "p%02d", p + 1), course: course, informationPoint: p % 4 < 2)
        }
    }

    /// Writes `<folder>/<name>.yml` and `<folder>/<name>/…`; returns the paths written, relative to `folder`.
    public func write(into folder: URL, name: String) throws -> [String] {
        var rng = SeededGenerator(seed: seed)
        let partners = partners()
        let persons = Self.persons(count: personCount, rng: &rng)
        let groups = planGroups(persons: persons, partners: partners, rng: &rng)
        var truth = TruthBuilder(
            settings: .init(
                periodStart: Self.periodStart, periodEnd: Self.periodEnd, activities: DemoGenerator.activities,
                defaultObjective: "integration", ukrArrivalSince: LocalDate(year: 2022, month: 2, day: 24)!,
                ageBands: AgeBand.defaults, detail: .totalsAndPartners))
        let data = folder.appendingPathComponent(name, isDirectory: true)
        var written: [String] = []
        // Days on which a person already receives support: consultations go on other days.
        var busy: [Int: Set<Int>] = [:]
        for g in groups {
            for m in g.members {
                busy[m, default: []].formUnion(g.dates.map(\.daysSinceEpoch))
                busy[m]!.insert(g.dates[0].adding(days: -7).daysSinceEpoch)
            }
        }
        let groupsByPartner = Dictionary(grouping: groups.indices, by: { groups[$0].partner })
        let clients = planConsultations(persons: persons, partners: partners, busy: busy, rng: &rng)
        for (p, partner) in partners.enumerated() {
            try FileManager.default.createDirectory(
                at: data.appendingPathComponent(partner.id), withIntermediateDirectories: true)
            let mine = (groupsByPartner[p] ?? []).map { groups[$0] }
            written += try writeCourseFiles(
                partner: partner, groups: mine, persons: persons, folder: folder, name: name, rng: &rng,
                truth: &truth)
            written.append(
                try writeLog(
                    partner: partner, visits: clients[p], persons: persons, folder: folder, name: name, rng: &rng,
                    truth: &truth))
        }
        let projectPath = "\(name).yml"
        try Data(ProgramProjectFile.text(name: name, partners: partners).utf8)
            .write(to: folder.appendingPathComponent(projectPath))
        written.append(projectPath)
        let truthPath = "\(name)/truth.json"
        try truth.encoded().write(to: folder.appendingPathComponent(truthPath))
        written.append(truthPath)
        return written
    }

    // MARK: Persons

    /// Ukrainian first names and surnames (the common ones and the long tail of stems and endings) in Cyrillic, the
    /// passport form and the Polish transcription.
    static func nameTables() -> (female: [NameVariants], male: [NameVariants], surnames: [String]) {
        func variants(_ cyrillic: String) -> NameVariants {
            NameVariants(
                cyrillic: cyrillic, passport: Romanisation.ukrainianPassport.apply(cyrillic),
                polish: Romanisation.ukrainianPolish.apply(cyrillic))
        }
        let surnames =
            PersonNames.ukrainianSurnames
            + PersonNames.ukrainianStems.flatMap { stem in PersonNames.ukrainianEndings.map { stem + $0 } }
        return (
            PersonNames.femaleFirst.map { variants($0.ukrainian) }, PersonNames.maleFirst.map { variants($0.ukrainian) },
            surnames
        )
    }

    static func persons(count: Int, rng: inout SeededGenerator) -> [DemoPerson] {
        let names = nameTables()
        var surnameVariants: [String: NameVariants] = [:]
        func surname(_ cyrillic: String) -> NameVariants {
            if let v = surnameVariants[cyrillic] { return v }
            let v = NameVariants(
                cyrillic: cyrillic, passport: Romanisation.ukrainianPassport.apply(cyrillic),
                polish: Romanisation.ukrainianPolish.apply(cyrillic))
            surnameVariants[cyrillic] = v
            return v
        }
        var persons: [DemoPerson] = []
        persons.reserveCapacity(count)
        // Namesakes, relatives and near-misses are the linkage tests' data; here persons stay apart: one person per
        // name and birth year, per surname and birth date, per first name and birth date, per PESEL.
        var used = Set<String>()
        var pesels = Set<String>()
        let since = LocalDate(year: 2022, month: 2, day: 24)!
        while persons.count < count {
            let female = rng.chance(0.6)
            let first = rng.pick(female ? names.female : names.male)
            let baseSurname = rng.pick(names.surnames)
            let last = surname(female ? PersonNames.feminine(baseSurname, language: .ukrainian) : baseSurname)
            let year = rng.chance(0.06) ? rng.int(2006...2008) : rng.int(1950...2004)
            let birth = LocalDate(year: year, month: rng.int(1...12), day: rng.int(1...28))!
            let keys = [
                "name \(first.cyrillic) \(last.cyrillic) \(year)", "last \(Self.groupKey(last)) \(birth.iso)",
                "first \(first.cyrillic) \(birth.iso)",
            ]
            guard keys.allSatisfy({ !used.contains($0) }) else { continue }
            used.formUnion(keys)
            let citizenship = rng.chance(0.85) ? "UKR" : rng.pick(["BLR", "GEO", "MDA"])
            var pesel: String?
            if rng.chance(0.6) {
                repeat {
                    pesel = SyntheticPerson.makePESEL(birth: birth, female: female, serial: rng.int(0...9999))
                } while !pesels.insert(pesel!).inserted
            }
            let arrival =
                rng.chance(0.7)
                ? since.adding(days: rng.int(1...300))
                : LocalDate(year: rng.int(2014...2021), month: rng.int(1...12), day: rng.int(1...28))!
            let status = citizenship == "UKR" && pesel != nil && arrival >= since && rng.chance(0.8)
            persons.append(
                DemoPerson(
                    id: persons.count, female: female, first: first, last: last, birth: birth, pesel: pesel,
                    citizenship: citizenship, arrival: arrival, ukrStatus: status))
        }
        return persons
    }

    /// A surname folded past the differences of spelling systems (y/i, h, doubled letters, ' and -), for keeping
    /// persons who could be taken for one another apart.
    static func groupKey(_ name: NameVariants) -> String {
        var folded = ""
        for c in name.passport.lowercased() where c.isLetter && c != "h" {
            let letter: Character = c == "y" ? "i" : c
            if folded.last != letter { folded.append(letter) }
        }
        return folded
    }

    // MARK: Courses

    /// Every person takes one course, half of them a second one that starts after the first ends; each partner's
    /// enrolments of a week form groups of at most 25 with distinct names (attendance sheets name persons only).
    func planGroups(persons: [DemoPerson], partners: [Partner], rng: inout SeededGenerator) -> [Group] {
        var slots: [Int: [Int]] = [:]  // partner * 64 + week → persons, in order of enrolment
        for person in persons {
            let two = rng.chance(0.5)
            let w1 = rng.int(0...(two ? 18 : Self.startWeeks - 1))
            slots[rng.int(0...(partners.count - 1)) * 64 + w1, default: []].append(person.id)
            if two {
                let w2 = rng.int((w1 + 11)...(Self.startWeeks - 1))
                slots[rng.int(0...(partners.count - 1)) * 64 + w2, default: []].append(person.id)
            }
        }
        var groups: [Group] = []
        for key in slots.keys.sorted() {
            let (p, week) = (key / 64, key % 64)
            let partner = partners[p]
            let start = Self.firstMonday.adding(days: week * 7 + (partner.course == .language ? 0 : 1))
            let dates = (0..<Self.sessions).map { start.adding(days: ($0 / 2) * 7 + ($0 % 2) * 3) }
            var formed: [(group: Group, names: Set<String>)] = []
            for m in slots[key]! {
                // Attendance sheets name persons only, in several spellings: a group's surnames stay apart even
                // when folded.
                let name = Self.groupKey(persons[m].last)
                if let i = formed.firstIndex(where: {
                    $0.group.members.count < Self.groupCapacity && !$0.names.contains(name)
                }) {
                    formed[i].group.members.append(m)
                    formed[i].names.insert(name)
                } else {
                    let prefix = partner.course == .language ? "PL" : "W"
                    let id = String(format: "%@-%02d-%d", prefix, week + 1, formed.count + 1)
                    formed.append(
                        (Group(partner: p, id: id, week: week, members: [m], dates: dates), [name]))
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

    /// Nine persons in ten are clients of one partner's information point or career guidance, one to five visits
    /// on distinct days free of other support; information points also log anonymous consultations.
    func planConsultations(
        persons: [DemoPerson], partners: [Partner], busy: [Int: Set<Int>], rng: inout SeededGenerator
    ) -> [[Visit]] {
        var visits = [[Visit]](repeating: [], count: partners.count)
        let start = Self.periodStart.daysSinceEpoch
        let days = Self.periodEnd.daysSinceEpoch - start
        for person in persons where rng.chance(0.9) {
            let p = rng.int(0...(partners.count - 1))
            var taken = busy[person.id] ?? []
            for _ in 0..<rng.int(1...5) {
                var day: Int
                repeat { day = start + rng.int(0...days) } while taken.contains(day)
                taken.insert(day)
                visits[p].append(Visit(date: LocalDate(daysSinceEpoch: day), person: person.id))
            }
        }
        let informationPoints = partners.indices.filter { partners[$0].informationPoint }
        for _ in 0..<(persons.count * 3 / 10) {
            visits[rng.pick(informationPoints)].append(
                Visit(date: LocalDate(daysSinceEpoch: start + rng.int(0...days)), person: nil))
        }
        return visits.map { $0.sorted { ($0.date, $0.person ?? -1) < ($1.date, $1.person ?? -1) } }
    }
}
