import Foundation
import IntegraCore

// MARK: The truth file

extension TruthBuilder {
    struct Figure: Codable, Comparable {
        var indicator: String
        var period: String
        var scope: String
        var breakdown: String
        var category: String
        var value: Double

        static func < (a: Figure, b: Figure) -> Bool {
            (a.indicator, a.period, a.scope, a.breakdown, a.category) < (
                b.indicator, b.period, b.scope, b.breakdown, b.category
            )
        }
    }

    struct FileTruth: Codable {
        var path: String
        var read: Int
        var loaded: Int
        var rejected: Int
        /// Files holding copies of the same rows share a group: compare the group's sums, not each file's.
        var copies: String?
    }

    /// What the generator knows about the population beyond the figures (programme scale only).
    struct Summary: Codable {
        /// Persons met only in consultation logs that give a name only.
        var nameOnlyPersons: Int
        /// Persons who share their name (passport form, folded) with another person of the programme.
        var personsWithNamesake: Int
    }

    /// A warning a correct run must give on one row.
    struct RowWarning: Codable, Comparable {
        var path: String
        var row: Int
        var code: String

        static func < (a: RowWarning, b: RowWarning) -> Bool { (a.path, a.row, a.code) < (b.path, b.row, b.code) }
    }

    struct Truth: Codable {
        var note: String
        var persons: Int
        var files: [FileTruth]
        var warnings: [RowWarning]
        var figures: [Figure]
        var summary: Summary?
        /// The money (issue 19): ledgers and budget, see ``FinanceBook/Truth``.
        var finance: FinanceBook.Truth?
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(try build())
        data.append(0x0A)
        return data
    }

    func build() throws -> Truth {
        let events = supportEvents()
        let facts = try personFacts(events: events)
        let indicators = try indicatorRows(events: events, facts: facts.persons)
        var figures: [Figure] = []
        for indicator in indicators {
            let units = indicator.unitNumbers()
            for period in periods() {
                for (scope, start) in [("in_period", period.start), ("cumulative", settings.periodStart)] {
                    figures += try indicator.figures(
                        period: period.id, scope: scope, from: start, to: period.end, units: units)
                }
            }
        }
        let persons = facts.persons
        return Truth(
            note: "Figures a correct Integra run must produce on these files (made by integra synth), rules of "
                + "docs/INDICATORS.md. Breakdown categories that are absent are 0; category \"\" is unknown. "
                + "warnings: the objective-conflict warnings a run must give (path, 1-based file row).",
            persons: persons.count,
            files: files.map {
                FileTruth(
                    path: $0.path, read: $0.read, loaded: $0.read - $0.rejected, rejected: $0.rejected,
                    copies: $0.copies)
            }
            .sorted { $0.path < $1.path },
            warnings: facts.warnings.sorted(),
            figures: figures.sorted(), summary: summary, finance: finance)
    }

    /// `truth-records.csv`: `record_key,person` for every identity record, persons as `T000001`….
    func encodedRecords() -> Data {
        var text = "record_key,person\n"
        for r in records.sorted(by: { $0.key < $1.key }) {
            var key = r.key
            if key.contains(where: { $0 == "," || $0 == "\"" }) {
                key = "\"" + key.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            text += key + ",T" + String(format: "%06d", r.person + 1) + "\n"
        }
        return Data(text.utf8)
    }

    /// Months, quarters and years of the project period (`2023-01`, `2023Q1`, `2023`), clipped to it.
    func periods() -> [(id: String, start: LocalDate, end: LocalDate)] {
        var result: [(String, LocalDate, LocalDate)] = []
        func add(_ id: String, _ start: LocalDate, _ end: LocalDate) {
            if start <= settings.periodEnd && end >= settings.periodStart {
                result.append((id, max(start, settings.periodStart), min(end, settings.periodEnd)))
            }
        }
        for year in settings.periodStart.year...settings.periodEnd.year {
            add(String(year), LocalDate(year: year, month: 1, day: 1)!, LocalDate(year: year, month: 12, day: 31)!)
            for q in 1...4 {
                let last = q * 3
                add(
                    "\(year)Q\(q)", LocalDate(year: year, month: last - 2, day: 1)!,
                    LocalDate(year: year, month: last, day: LocalDate.daysInMonth(year: year, month: last))!)
            }
            for m in 1...12 where settings.detail == .full {
                add(
                    String(format: "%04d-%02d", year, m), LocalDate(year: year, month: m, day: 1)!,
                    LocalDate(year: year, month: m, day: LocalDate.daysInMonth(year: year, month: m))!)
            }
        }
        return result
    }
}

// MARK: Rules 1–10

extension TruthBuilder {
    /// A support event (rule 1), or another dated qualifying event of a person (a completion, an improvement).
    struct Event {
        var person: Int
        var date: LocalDate
        var partner: String
        var activity: String
    }

    /// EU, EEA and Swiss citizenships (ISO 3166 alpha-3): not third-country nationals.
    static let freeMovement: Set<String> = [
        "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA", "LVA",
        "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE", "ISL", "LIE", "NOR", "CHE",
    ]

    /// A person's characteristics (rules 2, 6, 7, 8, 10).
    struct PersonFacts {
        var sex: String?
        var citizenship: String?
        var firstSupport: LocalDate
        var age: Int?
        var objective: String?
        var ukrAfter: Bool
        var foreigner: Bool
        var thirdCountry: Bool
        var employment: (date: LocalDate, partner: String)?
    }

    func rules(_ activity: String) -> ActivityRules { settings.activities[activity]! }

    /// Rule 1: enrolment (when the activity's support starts there), every session attended, every named consultation.
    func supportEvents() -> [Event] {
        var events: [Event] = []
        for r in rolls where rules(r.activity).supportStartsAtEnrolment {
            if let start = r.start {
                events.append(Event(person: r.person, date: start, partner: r.partner, activity: r.activity))
            }
        }
        for (_, course) in courses.sorted(by: { $0.key < $1.key }) {
            for (person, marks) in course.attended.sorted(by: { $0.key < $1.key }) {
                var quarter = 0
                for (i, present) in marks.enumerated() where present {
                    if settings.detail == .totalsAndPartners {
                        // Session dates ascend: the first present mark of a quarter stands for the others.
                        let q = course.dates[i].year * 4 + course.dates[i].quarter
                        if q == quarter { continue }
                        quarter = q
                    }
                    events.append(
                        Event(person: person, date: course.dates[i], partner: course.partner, activity: course.activity)
                    )
                }
            }
        }
        for c in consultations {
            if let person = c.person {
                events.append(Event(person: person, date: c.date, partner: c.partner, activity: c.activity))
            }
        }
        return events
    }

    /// Completed years on `date` (rule 2).
    static func age(born: LocalDate, on date: LocalDate) -> Int {
        date.year - born.year - ((date.month, date.day) < (born.month, born.day) ? 1 : 0)
    }

    func ageBand(_ age: Int?) -> String {
        guard let age else { return "" }
        return settings.ageBands.first { ($0.min ?? Int.min) <= age && age <= ($0.max ?? Int.max) }?.label ?? ""
    }

    func personFacts(events: [Event]) throws -> (persons: [Int: PersonFacts], warnings: [RowWarning]) {
        let rowsByPerson = Dictionary(grouping: personRows, by: \.person)
        let eventsByPerson = Dictionary(grouping: events, by: \.person)
        if let unsupported = rowsByPerson.keys.sorted().first(where: { eventsByPerson[$0] == nil }) {
            throw AmbiguousEdge(
                description: "person \(unsupported) has rows but no support event: is it a person of the run?")
        }
        var persons: [Int: PersonFacts] = [:]
        var warnings: [RowWarning] = []
        for (person, personEvents) in eventsByPerson {
            let rows = (rowsByPerson[person] ?? []).sorted { $0.ref < $1.ref }
            // Person characteristics are the person's; the demo never records two different values for one person.
            func single<T: Equatable>(_ values: [T], _ what: String) throws -> T? {
                guard let first = values.first else { return nil }
                if values.contains(where: { $0 != first }) {
                    throw AmbiguousEdge(description: "person \(person) has two \(what) values")
                }
                return first
            }
            let sex = try single(rows.compactMap(\.stated.sex), "sex")
            let birth = try single(rows.compactMap(\.stated.birth), "birth date")
            let citizenship = try single(rows.compactMap(\.stated.citizenship), "citizenship")
            let firstSupport = personEvents.map(\.date).min()!

            // Rule 6: the earliest statement wins; a statement of the other objective gets a warning.
            let statements = try rows.compactMap { row -> (date: LocalDate, ref: RowRef, objective: String)? in
                guard let objective = Self.objective(row.stated.objective) else { return nil }
                guard let date = row.stated.objectiveSince ?? row.date else {
                    throw AmbiguousEdge(description: "\(row.ref.path):\(row.ref.row) states an objective with no date")
                }
                return (date, row.ref, objective)
            }.sorted { ($0.date, $0.ref) < ($1.date, $1.ref) }
            var objective = settings.defaultObjective
            if let winner = statements.first {
                if statements.contains(where: { $0.date == winner.date && $0.objective != winner.objective }) {
                    throw AmbiguousEdge(
                        description:
                            "person \(person): two objectives on the same earliest date (tie-break by read order)")
                }
                objective = winner.objective
                for s in statements where s.objective != winner.objective {
                    warnings.append(RowWarning(path: s.ref.path, row: s.ref.row, code: "objective-conflict"))
                }
            }

            // Rule 7: the earliest recorded arrival on or after the date, or any record with the UKR status.
            let arrival = rows.compactMap(\.stated.arrival).min()
            let ukrAfter =
                citizenship == "UKR"
                && ((arrival.map { $0 >= settings.ukrArrivalSince } ?? false)
                    || rows.contains { Self.ukrStatusYes($0.stated.ukrStatus) })

            // Rule 10: the earliest employment date, at the partner whose record gives it.
            let employments = rows.compactMap { r in r.stated.employment.map { (date: $0, partner: r.partner) } }
                .sorted { ($0.date, $0.partner) < ($1.date, $1.partner) }
            if let first = employments.first,
                employments.contains(where: { $0.date == first.date && $0.partner != first.partner })
            {
                throw AmbiguousEdge(description: "person \(person): earliest employment date at two partners")
            }

            persons[person] = PersonFacts(
                sex: sex, citizenship: citizenship, firstSupport: firstSupport,
                age: birth.map { Self.age(born: $0, on: firstSupport) }, objective: objective, ukrAfter: ukrAfter,
                foreigner: citizenship != nil && citizenship != "POL",
                thirdCountry: citizenship.map { !Self.freeMovement.contains($0) } ?? false, employment: employments.first)
        }
        return (persons, warnings)
    }

    /// Rule 4: per roll row, completed when attended ≥ threshold × held; dated at the last held session.
    func completions() -> [Event] {
        rolls.compactMap { r in
            guard let course = courses[r.course] else { return nil }
            let held = course.dates.indices.filter { i in course.attended.values.contains { $0[i] } }
            guard let last = held.last else { return nil }
            let marks = course.attended[r.person] ?? []
            let attended = held.filter { $0 < marks.count && marks[$0] }.count
            guard Double(attended) >= rules(r.activity).completionThreshold * Double(held.count) - 1e-9 else {
                return nil
            }
            return Event(person: r.person, date: course.dates[last], partner: r.partner, activity: r.activity)
        }
    }

    /// Rule 5: both levels, the final one at least one step up; dated at the end date, else the last session.
    func improvements() throws -> [Event] {
        try rolls.compactMap { r in
            guard let i = r.levelIn.flatMap(Self.cefrOrder.firstIndex),
                let o = r.levelOut.flatMap(Self.cefrOrder.firstIndex), o > i
            else { return nil }
            if let end = r.end { return Event(person: r.person, date: end, partner: r.partner, activity: r.activity) }
            guard let course = courses[r.course], let lastDate = course.dates.last else { return nil }
            // "The course's last session": the demo keeps it a held one, so both readings give the same date.
            guard course.attended.values.contains(where: { $0.last == true }) else {
                throw AmbiguousEdge(
                    description: "\(r.course): the last session is not held but dates a CEFR improvement")
            }
            return Event(person: r.person, date: lastDate, partner: r.partner, activity: r.activity)
        }
    }
}

// MARK: The catalogue

extension TruthBuilder {
    /// One qualifying unit and date of an indicator, with its breakdown categories.
    struct Qualifying {
        var unit: String
        var date: LocalDate
        var value: Double
        var categories: [String: String]
        /// The person whose characteristics give the person-level categories (programme scale), or -1.
        var person = -1
    }

    struct IndicatorRows {
        var code: String
        var breakdowns: [String]
        var sums: Bool
        var rows: [Qualifying]
        /// Sex, age band and citizenship by person, for the rows that name a person instead of carrying them.
        var personCategories: [Int: [String: String]] = [:]

        /// Each row's unit as a number (equal units, equal numbers): counting distinct numbers is quicker.
        func unitNumbers() -> [Int] {
            var numbers: [String: Int] = [:]
            return rows.map { row in
                if let n = numbers[row.unit] { return n }
                numbers[row.unit] = numbers.count
                return numbers.count - 1
            }
        }

        func figures(
            period: String, scope: String, from start: LocalDate, to end: LocalDate, units: [Int]
        ) throws -> [Figure] {
            let inRange = rows.indices.filter { start <= rows[$0].date && rows[$0].date <= end }
            func value(_ indices: [Int]) -> Double {
                sums ? indices.reduce(0) { $0 + rows[$1].value } : Double(Set(indices.map { units[$0] }).count)
            }
            var figures = [
                Figure(
                    indicator: code, period: period, scope: scope, breakdown: "", category: "", value: value(inRange))
            ]
            for b in breakdowns {
                let grouped = Dictionary(grouping: inRange) {
                    rows[$0].categories[b] ?? personCategories[rows[$0].person]?[b] ?? ""
                }
                for (category, indices) in grouped {
                    let v = value(indices)
                    if v == 0 {
                        // The warehouse stores the categories that occur: a zero sum would be a figure it has and
                        // the truth omits.
                        throw AmbiguousEdge(
                            description: "\(code) \(period) \(scope) \(b)=\(category) occurs with the value 0")
                    }
                    figures.append(
                        Figure(
                            indicator: code, period: period, scope: scope, breakdown: b, category: category, value: v))
                }
            }
            return figures
        }
    }

    func indicatorRows(events: [Event], facts: [Int: PersonFacts]) throws -> [IndicatorRows] {
        let coarse = settings.detail == .totalsAndPartners
        func person(_ e: Event) -> Qualifying {
            if coarse {
                return Qualifying(
                    unit: "person \(e.person)", date: e.date, value: 1, categories: ["partner": e.partner],
                    person: e.person)
            }
            let f = facts[e.person]!
            return Qualifying(
                unit: "person \(e.person)", date: e.date, value: 1,
                categories: [
                    "sex": f.sex ?? "", "age_band": ageBand(f.age), "citizenship": f.citizenship ?? "",
                    "objective": f.objective ?? "", "partner": e.partner, "activity": e.activity,
                    "priority": settings.activities[e.activity]?.priority ?? "",
                ])
        }
        let all = ["sex", "age_band", "citizenship", "partner", "activity"]
        // At programme scale the person-level breakdowns (and the partner's) are covered: a person's sex, age band
        // and citizenship do not change with the event that is kept of a quarter. Unknown is the category "".
        let coarseBreakdowns: Set<String> = ["partner", "sex", "age_band", "citizenship"]
        let personCategories =
            coarse
            ? facts.mapValues { f in
                ["sex": f.sex ?? "", "age_band": ageBand(f.age), "citizenship": f.citizenship ?? ""]
            } : [:]
        let firstEvents = events.filter { $0.date == facts[$0.person]!.firstSupport }
        for (p, list) in Dictionary(grouping: firstEvents, by: \.person)
        where Set(list.map { "\($0.partner)/\($0.activity)" }).count > 1 {
            throw AmbiguousEdge(
                description: "person \(p) starts in two activities on one day: which is the qualifying event?")
        }
        let improved = try improvements()
        // FAMI counts third-country nationals only: a known citizenship outside the EU, the EEA and Switzerland.
        func objective(_ o: String) -> (Event) -> Bool {
            { facts[$0.person]!.objective == o && facts[$0.person]!.thirdCountry }
        }
        func kind(_ k: String) -> (Event) -> Bool { { rules($0.activity).kind == k } }
        func persons(_ code: String, _ breakdowns: [String], _ rows: [Event]) -> IndicatorRows {
            IndicatorRows(
                code: code, breakdowns: coarse ? breakdowns.filter(coarseBreakdowns.contains) : breakdowns,
                sums: false, rows: (coarse ? Self.firstPerQuarter(rows) : rows).map(person),
                personCategories: personCategories)
        }
        let integration = objective("integration")
        let foreigners = events.filter { facts[$0.person]!.foreigner }

        var hours: [Qualifying] = []
        var consultationRows: [Qualifying] = []
        if coarse {
            (hours, consultationRows) = quarterTotals()
        }
        for (_, course) in courses.sorted(by: { $0.key < $1.key }) where !coarse {
            let h = rules(course.activity).sessionHours
            guard h > 0 else { continue }
            for (p, marks) in course.attended.sorted(by: { $0.key < $1.key }) {
                for (i, present) in marks.enumerated() where present {
                    hours.append(
                        Qualifying(
                            unit: "session \(p) \(course.dates[i])", date: course.dates[i], value: h,
                            categories: ["partner": course.partner, "activity": course.activity]))
                }
            }
        }
        for (n, c) in consultations.enumerated() where !coarse {
            let categories = [
                "partner": c.partner, "activity": c.activity, "topic": c.topic ?? "", "language": c.language ?? "",
                "mode": c.mode ?? "",
            ]
            consultationRows.append(
                Qualifying(unit: "consultation \(n)", date: c.date, value: 1, categories: categories))
            hours.append(
                Qualifying(
                    unit: "consultation \(n)", date: c.date, value: Double(c.minutes ?? 0) / 60, categories: categories)
            )
        }
        let employment = facts.filter { $0.value.foreigner && $0.value.employment != nil }.sorted { $0.key < $1.key }
            .map { p, f in
                person(Event(person: p, date: f.employment!.date, partner: f.employment!.partner, activity: ""))
            }

        return [
            persons("persons_supported", all + ["objective"], events),
            persons("persons_new", all + ["objective"], firstEvents),
            persons("course_completers", all, completions()),
            persons("cefr_improved", all, improved),
            IndicatorRows(
                code: "consultations",
                breakdowns: coarse ? ["partner"] : ["partner", "activity", "topic", "language", "mode"], sums: coarse,
                rows: consultationRows),
            IndicatorRows(
                code: "support_hours", breakdowns: coarse ? ["partner"] : ["partner", "activity"], sums: true,
                rows: hours),
            persons("fami2127_participants", all, events.filter(integration)),
            persons(
                "fami2127_language_course", ["sex", "age_band", "citizenship", "partner"],
                events.filter(integration).filter(kind("language_course"))),
            persons(
                "fami2127_civic_orientation", ["sex", "age_band", "citizenship", "partner"],
                events.filter(integration).filter(kind("civic_orientation"))),
            persons(
                "fami2127_professional_guidance", ["sex", "age_band", "citizenship", "partner"],
                events.filter(integration).filter(kind("professional_guidance"))),
            persons(
                "fami2127_cefr_improved", ["sex", "age_band", "citizenship", "partner"],
                improved.filter(integration).filter(kind("language_course"))),
            persons("fami1420_c1_asylum", all, events.filter(objective("asylum"))),
            persons("fami1420_integration", all, events.filter(integration)),
            persons("fp_foreigners", all + ["priority"], foreigners),
            persons(
                "fp_ukr_after_2022", ["sex", "age_band", "partner", "activity", "priority"],
                foreigners.filter { facts[$0.person]!.ukrAfter }),
            IndicatorRows(
                code: "fp_employment", breakdowns: ["sex", "age_band", "citizenship", "partner"], sums: false,
                rows: employment, personCategories: personCategories),
        ]
    }
}

// MARK: Totals and partners only (programme scale)

extension TruthBuilder {
    /// The earliest event of each person, partner and quarter: with quarters as the finest period and the partner
    /// as the only breakdown, the others change no figure.
    static func firstPerQuarter(_ events: [Event]) -> [Event] {
        struct Key: Hashable {
            var person: Int
            var partner: String
            var quarter: Int
        }
        var index: [Key: Int] = [:]
        var result: [Event] = []
        for e in events {
            let key = Key(person: e.person, partner: e.partner, quarter: e.date.year * 4 + e.date.quarter)
            if let i = index[key] {
                if e.date < result[i].date { result[i] = e }
            } else {
                index[key] = result.count
                result.append(e)
            }
        }
        return result
    }

    /// Hours of support and consultations summed per partner, activity and quarter (a consultation counts 1): the
    /// rows of `support_hours` and `consultations` when the truth covers totals and partners only.
    func quarterTotals() -> (hours: [Qualifying], consultations: [Qualifying]) {
        struct Key: Hashable, Comparable {
            var partner: String
            var activity: String
            var quarter: Int

            static func < (a: Key, b: Key) -> Bool {
                (a.partner, a.activity, a.quarter) < (b.partner, b.activity, b.quarter)
            }
        }
        var hours: [Key: (date: LocalDate, value: Double)] = [:]
        var counts: [Key: (date: LocalDate, value: Double)] = [:]
        func add(_ table: inout [Key: (date: LocalDate, value: Double)], _ key: Key, _ date: LocalDate, _ v: Double) {
            let old = table[key]
            table[key] = (min(old?.date ?? date, date), (old?.value ?? 0) + v)
        }
        func key(_ partner: String, _ activity: String, _ date: LocalDate) -> Key {
            Key(partner: partner, activity: activity, quarter: date.year * 4 + date.quarter)
        }
        for (_, course) in courses.sorted(by: { $0.key < $1.key }) {
            let h = rules(course.activity).sessionHours
            guard h > 0 else { continue }
            for (_, marks) in course.attended.sorted(by: { $0.key < $1.key }) {
                for (i, present) in marks.enumerated() where present {
                    add(&hours, key(course.partner, course.activity, course.dates[i]), course.dates[i], h)
                }
            }
        }
        for c in consultations {
            add(&counts, key(c.partner, c.activity, c.date), c.date, 1)
            add(&hours, key(c.partner, c.activity, c.date), c.date, Double(c.minutes ?? 0) / 60)
        }
        func rows(_ table: [Key: (date: LocalDate, value: Double)]) -> [Qualifying] {
            table.sorted { $0.key < $1.key }.map { k, v in
                Qualifying(
                    unit: "\(k.partner) \(k.activity) \(k.quarter)", date: v.date, value: v.value,
                    categories: ["partner": k.partner, "activity": k.activity])
            }
        }
        return (rows(hours), rows(counts))
    }
}
