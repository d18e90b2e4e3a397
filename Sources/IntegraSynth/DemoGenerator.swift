import Foundation
import IntegraCore
import IntegraReports

/// Writes the demo project: three partners' files in their real formats, the project file and `truth.json`.
///
/// - Fundacja Przystań (leader): a Polish-course roll as Windows-1250 CSV with `;` and names in Latin letters
///   (passport or Polish spelling), and per group an XLSX attendance workbook, one sheet per month, with a title
///   block, merged cells and one date column per session.
/// - Stowarzyszenie Nadija: a civic-orientation workshop roll as UTF-8 CSV with Ukrainian headers and names in
///   Cyrillic, and an XLSX attendance sheet whose session dates are text.
/// - Centrum Wsparcia Cudzoziemców: an information-point consultation log as UTF-8 CSV, names typed by hand,
///   anonymous consultations left without a name; and a career-guidance log in the Polish-Excel dialect.
///
/// Some persons are at two or three partners, in Cyrillic at one and in Latin at another. The rolls and logs state
/// FAMI objectives, arrival dates, the UKR status and employment for some persons; ``DemoCast`` plants persons at
/// each edge of the rules in `docs/INDICATORS.md`. A few rows are broken on purpose (no name, an impossible date,
/// a name not on the roll): the truth says they are rejected.
public struct DemoGenerator {
    let seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    static let periodStart = LocalDate(year: 2023, month: 1, day: 1)!
    static let periodEnd = LocalDate(year: 2023, month: 12, day: 31)!

    /// The project file's activities as the truth reads them (DemoProjectFile writes the same settings).
    static let activities: [String: TruthBuilder.ActivityRules] = [
        "polish_course": .init(
            kind: "language_course", priority: "II", completionThreshold: 0.8, supportStartsAtEnrolment: true,
            sessionHours: 1.5),
        "integration_workshop": .init(
            kind: "civic_orientation", priority: "II", completionThreshold: 0.75, supportStartsAtEnrolment: false,
            sessionHours: 3),
        "consultation": .init(
            kind: "consultation", priority: "II", completionThreshold: 0.8, supportStartsAtEnrolment: true,
            sessionHours: 0),
        "career_guidance": .init(
            kind: "professional_guidance", priority: "I", completionThreshold: 0.8, supportStartsAtEnrolment: true,
            sessionHours: 0),
    ]

    /// One course group: its session dates and who was present at each.
    struct Group {
        var id: String
        var members: [Int]
        var dates: [LocalDate]
        var attended: [Int: [Bool]]

        var held: [Int] { dates.indices.filter { i in attended.values.contains { $0[i] } } }
        func completes(_ person: Int, threshold: Double) -> Bool {
            Double(held.filter { attended[person]![$0] }.count) >= threshold * Double(held.count) - 1e-9
        }
    }

    /// Writes `<folder>/<name>.yml` and `<folder>/<name>/…`; returns the paths written, relative to `folder`.
    public func write(into folder: URL, name: String) throws -> [String] {
        var rng = SeededGenerator(seed: seed)
        let persons = DemoCast.persons(rng: &rng)
        var truth = TruthBuilder(
            settings: .init(
                periodStart: Self.periodStart, periodEnd: Self.periodEnd, activities: Self.activities,
                defaultObjective: "integration", ukrArrivalSince: LocalDate(year: 2022, month: 2, day: 24)!,
                ageBands: AgeBand.defaults))
        let data = folder.appendingPathComponent(name, isDirectory: true)
        for sub in ["przystan", "nadija", "centrum"] {
            try FileManager.default.createDirectory(
                at: data.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        var written: [String] = []

        let a1 = planGroup(
            "PL-A1", members: DemoCast.przystanA1,
            dates: sessions(from: LocalDate(year: 2023, month: 2, day: 6)!, count: 16, weekdays: [0, 3]),
            cancelled: nil,
            diligence: (0.25, 0.55, 0.93), rng: &rng)
        let a2 = planGroup(
            "PL-A2", members: DemoCast.przystanA2,
            dates: sessions(from: LocalDate(year: 2023, month: 9, day: 4)!, count: 16, weekdays: [0, 3]),
            cancelled: DemoCast.przystanA2Cancelled, diligence: (0.25, 0.55, 0.93), rng: &rng)
        let w1 = planGroup(
            "W-1", members: DemoCast.nadijaW1,
            dates: sessions(from: LocalDate(year: 2023, month: 4, day: 4)!, count: 8, weekdays: [0]),
            cancelled: nil, diligence: (0.3, 0.6, 0.9), rng: &rng)
        let w2 = planGroup(
            "W-2", members: DemoCast.nadijaW2,
            dates: sessions(from: LocalDate(year: 2023, month: 10, day: 3)!, count: 8, weekdays: [0]),
            cancelled: nil, diligence: (0.3, 0.6, 0.9), rng: &rng)
        // Dates a person already receives support on: their consultations go on other days, so no person starts in
        // two activities on one day (which of them would be the first?).
        var busy: [Int: Set<LocalDate>] = [:]
        for g in [a1, a2] { for m in g.members { busy[m, default: []].insert(g.dates[0]) } }
        for g in [a1, a2, w1, w2] {
            for (m, marks) in g.attended {
                for (i, present) in marks.enumerated() where present { busy[m, default: []].insert(g.dates[i]) }
            }
        }

        // Fundacja Przystań: roll (CP1250 CSV) + attendance (XLSX per group).
        let rollPath = "\(name)/przystan/lista-uczestnikow-2023.csv"
        let spelling = try writePrzystanRoll(
            to: folder, path: rollPath, groups: [a1, a2], persons: persons, rng: &rng, truth: &truth)
        written.append(rollPath)
        for group in [a1, a2] {
            let path = "\(name)/przystan/obecnosci-\(group.id).xlsx"
            let stray = group.id == "PL-A1" ? "Anna NOWAK" : nil  // not on the roll: rejected (unmatched-attendance)
            let result = try writePrzystanAttendance(
                to: folder.appendingPathComponent(path), group: group, spelling: spelling, stray: stray, rng: &rng)
            truth.course(
                "przystan/\(group.id)", partner: "przystan", activity: "polish_course", dates: group.dates,
                attended: group.attended)
            truth.file(path, read: result.read, rejected: result.rejected)
            written.append(path)
        }

        // Stowarzyszenie Nadija: roll in Cyrillic (UTF-8 CSV with BOM, comma) + one attendance workbook.
        let nadijaRollPath = "\(name)/nadija/uczestnicy-warsztatow.csv"
        try writeNadijaRoll(
            to: folder, path: nadijaRollPath, groups: [w1, w2], alsoAtPrzystan: Set(spelling.keys), persons: persons,
            rng: &rng,
            truth: &truth)
        written.append(nadijaRollPath)
        let nadijaAttendancePath = "\(name)/nadija/obecnosci-warsztaty.xlsx"
        let read = try writeNadijaAttendance(
            to: folder.appendingPathComponent(nadijaAttendancePath), groups: [w1, w2], persons: persons)
        for g in [w1, w2] {
            truth.course(
                "nadija/\(g.id)", partner: "nadija", activity: "integration_workshop", dates: g.dates,
                attended: g.attended)
        }
        truth.file(nadijaAttendancePath, read: read, rejected: 0)
        written.append(nadijaAttendancePath)

        // Centrum: the information point's log (UTF-8 CSV, comma) and the career-guidance log (Excel-PL CSV).
        let logPath = "\(name)/centrum/rejestr-porad-2023.csv"
        let log = writeConsultations(path: logPath, persons: persons, busy: &busy, rng: &rng, truth: &truth)
        truth.file(logPath, read: log.count - 1, rejected: 1)
        try CSVTableWriter(dialect: .rfc4180).verbatim().write(log, to: folder.appendingPathComponent(logPath))
        written.append(logPath)
        let guidancePath = "\(name)/centrum/doradztwo-zawodowe-2023.csv"
        let guidance = writeGuidance(path: guidancePath, persons: persons, busy: &busy, rng: &rng, truth: &truth)
        truth.file(guidancePath, read: guidance.count - 1, rejected: 0)
        try CSVTableWriter(delimiter: ";", encoding: .utf8BOM, decimalSeparator: ",").verbatim()
            .write(guidance, to: folder.appendingPathComponent(guidancePath))
        written.append(guidancePath)

        // The money: the budget and each partner's expenditure ledger.
        let finance = try writeFinance(into: folder, name: name)
        written += finance.paths
        truth.finance = finance.truth

        // Project file and truth.
        let projectPath = "\(name).yml"
        try Data(DemoProjectFile.text(name: name).utf8).write(to: folder.appendingPathComponent(projectPath))
        written.append(projectPath)
        let truthPath = "\(name)/truth.json"
        try truth.encoded().write(to: folder.appendingPathComponent(truthPath))
        written.append(truthPath)
        let readme = "\(name)/README.md"
        try Data(DemoProjectFile.readme.utf8).write(to: folder.appendingPathComponent(readme))
        written.append(readme)
        return written
    }

    /// `count` session dates from `start` on the given weekdays (0 = the start's weekday, 3 = three days later…).
    func sessions(from start: LocalDate, count: Int, weekdays: [Int]) -> [LocalDate] {
        var dates: [LocalDate] = []
        var week = 0
        while dates.count < count {
            for d in weekdays where dates.count < count { dates.append(start.adding(days: week * 7 + d)) }
            week += 1
        }
        return dates
    }

    /// Who attends which session: most members diligent, some not (`diligence`: share of the less diligent, their
    /// attendance rate, everyone else's), then the planted edges of ``DemoCast``.
    func planGroup(
        _ id: String, members: [Int], dates: [LocalDate], cancelled: Int?, diligence: (Double, Double, Double),
        rng: inout SeededGenerator
    ) -> Group {
        var attended: [Int: [Bool]] = [:]
        for m in members {
            let rate = rng.chance(diligence.0) ? diligence.1 : diligence.2
            attended[m] = dates.indices.map { _ in rng.chance(rate) }
        }
        let open = dates.indices.filter { $0 != cancelled }
        for m in members {
            if let k = DemoCast.exactAttendance[m] {
                var chosen = Set<Int>()
                while chosen.count < k { chosen.insert(rng.pick(open)) }
                attended[m] = dates.indices.map { chosen.contains($0) }
            }
            if m == DemoCast.lateStarter { attended[m] = dates.indices.map { $0 >= 3 } }
            if m == 3 { attended[m] = dates.indices.map { $0 != 5 } }  // goes on from PL-A1 to PL-A2: diligent
            if DemoCast.birthDates[m] != nil, id.hasPrefix("W") { attended[m]![0] = true }
        }
        let free = members.filter { DemoCast.exactAttendance[$0] == nil && $0 != DemoCast.lateStarter }
        if let cancelled { for m in members { attended[m]![cancelled] = false } }
        // Every other session is held (someone attends), and every workshop member comes at least once: support at
        // Nadija starts at the first attendance, and a roll entry without support would be a person with no support.
        for i in open where !members.contains(where: { attended[$0]![i] }) { attended[free[0]]![i] = true }
        for m in free where !attended[m]!.contains(true) { attended[m]![rng.pick(open)] = true }
        return Group(id: id, members: members, dates: dates, attended: attended)
    }
}
