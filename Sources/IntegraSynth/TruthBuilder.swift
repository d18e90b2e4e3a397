import Foundation
import IntegraCore

/// The figures a correct run must produce on the generated files, computed from the generator's ground truth
/// (who each row really is), not from Integra's linkage or SQL.
///
/// Rules applied (the project file's and README's): support starts at enrolment on a roll or at any attended
/// session or named consultation; age at the first support; a course is completed at ≥ 80 % of the sessions its
/// group held (a session is held when someone on the roll was present); anonymous consultations count as
/// consultations, never as persons; rejected rows count nowhere.
struct TruthBuilder {
    let periodStart: LocalDate
    let periodEnd: LocalDate

    struct Event {
        var person: Int
        var date: LocalDate
        var partner: String
        var activity: String
    }
    /// What the files record about a person (a consultation log has no sex column, name-only clients no birth date).
    struct Recorded {
        var sex: String?
        var birth: LocalDate?
        var citizenship: String
    }

    private var files: [(path: String, read: Int, rejected: Int)] = []
    private var events: [Event] = []
    private var recorded: [Int: Recorded] = [:]
    private var completions: [Event] = []
    private var consultations: [LocalDate] = []

    init(periodStart: LocalDate, periodEnd: LocalDate) {
        self.periodStart = periodStart
        self.periodEnd = periodEnd
    }

    mutating func file(_ path: String, read: Int, rejected: Int) {
        files.append((path, read, rejected))
    }

    mutating func enrol(person i: Int, partner: String, activity: String, course: String, on date: LocalDate, person p: SyntheticPerson) {
        events.append(Event(person: i, date: date, partner: partner, activity: activity))
        recorded[i] = Recorded(sex: p.female ? "K" : "M", birth: p.birthDate, citizenship: p.citizenship)
    }

    mutating func course(
        _ id: String, dates: [LocalDate], attended: [Int: [Bool]], persons: [SyntheticPerson], partner: String, activity: String
    ) {
        let held = dates.indices.filter { i in attended.values.contains { $0[i] } }
        guard let last = held.last.map({ dates[$0] }) else { return }
        for (person, marks) in attended.sorted(by: { $0.key < $1.key }) {
            for i in held where marks[i] { events.append(Event(person: person, date: dates[i], partner: partner, activity: activity)) }
            let present = held.filter { marks[$0] }.count
            if Double(present) >= 0.8 * Double(held.count) - 1e-9 {
                completions.append(Event(person: person, date: last, partner: partner, activity: activity))
            }
        }
    }

    mutating func consultation(on date: LocalDate, client: Int?, person: SyntheticPerson?, nameOnly: Bool) {
        consultations.append(date)
        guard let client, let person else { return }
        events.append(Event(person: client, date: date, partner: "centrum", activity: "consultation"))
        var r = recorded[client] ?? Recorded(sex: nil, birth: nil, citizenship: person.citizenship)
        if !nameOnly { r.birth = r.birth ?? person.birthDate }
        recorded[client] = r
    }

    // MARK: Figures

    struct Figure: Codable, Comparable {
        var indicator: String
        var period: String
        var scope: String
        var breakdown: String
        var category: String
        var value: Double

        static func < (a: Figure, b: Figure) -> Bool {
            (a.indicator, a.period, a.scope, a.breakdown, a.category) < (b.indicator, b.period, b.scope, b.breakdown, b.category)
        }
    }

    struct FileTruth: Codable {
        var path: String
        var read: Int
        var loaded: Int
        var rejected: Int
    }

    struct Truth: Codable {
        var note: String
        var persons: Int
        var files: [FileTruth]
        var figures: [Figure]
    }

    func encoded() throws -> Data {
        let firstSupport = Dictionary(grouping: events, by: \.person).mapValues { $0.map(\.date).min()! }
        func age(_ person: Int) -> Int? {
            guard let b = recorded[person]?.birth, let s = firstSupport[person] else { return nil }
            return b.age(on: s)
        }
        func band(_ a: Int?) -> String {
            guard let a else { return "" }
            return AgeBand.defaults.first { ($0.min ?? Int.min) <= a && a <= ($0.max ?? Int.max) }?.label ?? ""
        }
        func dims(_ e: Event) -> [String: String] {
            [
                "sex": recorded[e.person]?.sex ?? "", "age_band": band(age(e.person)),
                "citizenship": recorded[e.person]?.citizenship ?? "", "partner": e.partner, "activity": e.activity,
            ]
        }
        let firstEvents = Dictionary(grouping: events, by: \.person).values.map { list in
            list.min { ($0.date, $0.partner, $0.activity) < ($1.date, $1.partner, $1.activity) }!
        }
        var figures: [Figure] = []
        let periods = ReportingPeriod.quarters(from: periodStart, to: periodEnd)
        let breakdowns = ["sex", "age_band", "citizenship", "partner", "activity"]
        for (indicator, rows) in [("persons_supported", events), ("persons_new", firstEvents), ("course_completers", completions)] {
            for p in periods {
                for (scope, start) in [("in_period", p.start), ("cumulative", periodStart)] {
                    let inRange = rows.filter { start <= $0.date && $0.date <= p.end }
                    figures.append(Figure(indicator: indicator, period: p.id, scope: scope, breakdown: "", category: "", value: Double(Set(inRange.map(\.person)).count)))
                    for b in breakdowns {
                        var units: [String: Set<Int>] = [:]
                        for e in inRange { units[dims(e)[b]!, default: []].insert(e.person) }
                        for (category, set) in units {
                            figures.append(Figure(indicator: indicator, period: p.id, scope: scope, breakdown: b, category: category, value: Double(set.count)))
                        }
                    }
                }
            }
        }
        for p in periods {
            for (scope, start) in [("in_period", p.start), ("cumulative", periodStart)] {
                let n = consultations.filter { start <= $0 && $0 <= p.end }.count
                figures.append(Figure(indicator: "consultations", period: p.id, scope: scope, breakdown: "", category: "", value: Double(n)))
            }
        }
        let truth = Truth(
            note: "Figures a correct Integra run must produce on these files (made by integra synth). Breakdown categories that are absent are 0; category \"\" is unknown.",
            persons: Set(events.map(\.person)).count,
            files: files.map { FileTruth(path: $0.path, read: $0.read, loaded: $0.read - $0.rejected, rejected: $0.rejected) }
                .sorted { $0.path < $1.path },
            figures: figures.sorted())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(truth)
        data.append(0x0A)
        return data
    }
}
