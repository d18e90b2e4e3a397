import IntegraCore

/// A demo person: who they really are. What each partner's file records about them is decided where the file is
/// written, from these facts and the cast's plan.
struct DemoPerson {
    var id: Int
    var female: Bool
    var first: NameVariants
    var last: NameVariants
    var birth: LocalDate
    /// A valid PESEL, or nil for persons who have none.
    var pesel: String?
    /// ISO alpha-3; nil for the persons no file gives a citizenship for.
    var citizenship: String?
    /// The true date of arrival in Poland (nil for Polish citizens and persons of unknown citizenship).
    var arrival: LocalDate?
    /// A PESEL with the UKR status (special act of 12.03.2022).
    var ukrStatus: Bool
}

/// Who is where in the demo, and the persons planted on purpose at each rule's edge (docs/INDICATORS.md).
enum DemoCast {
    static let count = 70

    // Courses: Przystań's Polish course in two groups (person 3 goes on from PL-A1 to PL-A2), Nadija's civic
    // orientation workshops in two groups; 22..<30 attend both partners.
    static let przystanA1 = Array(0..<16)
    static let przystanA2 = [3] + Array(16..<30)
    static let nadijaW1 = Array(22..<32)
    static let nadijaW2 = Array(32..<44)
    // The information point: new clients, a few course participants, 4 clients known by name only.
    static let consultationClients = Array(44..<58) + [2, 9, 20, 23, 34, 37]
    static let nameOnly: Set = [46, 49, 52, 55]
    // Career guidance at Centrum: new clients, course participants and information-point clients.
    static let guidanceClients = Array(58..<70) + [5, 12, 25, 45, 50]

    // Rule 8: Polish citizens (not foreigners) and persons whose citizenship no file gives.
    static let polish: Set = [40, 47, 66]
    static let unknownCitizenship: Set = [14, 53, 67]

    // Rule 2: 18 on the very day of the first support (8), 17 the day before the 18th birthday (13); 30 is 17 at
    // Nadija's enrolment and 18 at the first workshop, which is when support starts there.
    static let birthDates: [Int: LocalDate] = [
        8: LocalDate(year: 2005, month: 2, day: 6)!, 13: LocalDate(year: 2005, month: 2, day: 7)!,
        30: LocalDate(year: 2005, month: 4, day: 1)!,
    ]

    /// Rule 6: objectives as the rolls state them (written value, `objective_since`).
    static let przystanObjectives: [Int: (String, LocalDate?)] = [
        0: ("integracja", LocalDate(year: 2022, month: 11, day: 7)),
        2: ("legalna migracja i integracja", LocalDate(year: 2023, month: 1, day: 20)),
        5: ("CS2", nil),
        7: ("azyl", LocalDate(year: 2023, month: 1, day: 16)),
        11: ("Integracja", LocalDate(year: 2022, month: 12, day: 1)),
        18: ("cel 2", nil),
        24: ("integracja", LocalDate(year: 2022, month: 9, day: 15)),
        26: ("Integracja", nil),
        28: ("azyl", LocalDate(year: 2023, month: 7, day: 3)),
    ]
    static let nadijaObjectives: [Int: (String, LocalDate?)] = [
        24: ("CS1", LocalDate(year: 2023, month: 3, day: 20)),
        25: ("CS2", LocalDate(year: 2022, month: 8, day: 1)),
        26: ("1", LocalDate(year: 2022, month: 5, day: 10)),
        28: ("CS1", LocalDate(year: 2023, month: 3, day: 14)),
        30: ("1", LocalDate(year: 2023, month: 2, day: 13)),
        31: ("cel 1", LocalDate(year: 2023, month: 2, day: 20)),
        33: ("CS1", LocalDate(year: 2023, month: 5, day: 8)),
        35: ("CS1", LocalDate(year: 2023, month: 6, day: 19)),
        36: ("2", LocalDate(year: 2022, month: 10, day: 3)),
        38: ("CS1", LocalDate(year: 2023, month: 8, day: 21)),
        41: ("cel 1", LocalDate(year: 2023, month: 9, day: 11)),
        43: ("CS1", nil),
    ]
    /// Stated in the information point's `Cel` column on the client's first visit (person 2: on the last).
    static let consultationObjectives: [Int: String] = [2: "azyl", 48: "azyl", 51: "azyl", 54: "integracja"]
    /// Persons registered under asylum (Ukrainians under temporary protection): Ukrainians who came after 24.02.2022.
    static let asylum: Set = [7, 26, 28, 30, 31, 33, 35, 38, 41, 43, 48, 51]

    // Rule 7: arrival exactly on 24.02.2022 (10); only the UKR status recorded (1); two recorded arrivals, the earlier
    // one before 24.02.2022 (27: Przystań and Nadija disagree); a Belarusian who came in 2022 (17).
    static let arrivalOn24February = 10
    static let statusOnly = 1
    static let twoArrivals = (
        person: 27, przystan: LocalDate(year: 2021, month: 12, day: 3)!,
        nadija: LocalDate(year: 2022, month: 3, day: 8)!
    )
    static let belarusianAfter = (person: 17, arrival: LocalDate(year: 2022, month: 6, day: 14)!)

    /// Rule 10: employment dates as recorded (Przystań's roll; Centrum's guidance log on the client's last visit).
    /// Person 5 at both, earlier at Przystań; 66 is Polish and 67 of unknown citizenship: not counted.
    static let przystanEmployment: [Int: LocalDate] = [
        5: LocalDate(year: 2023, month: 6, day: 12)!, 11: LocalDate(year: 2023, month: 4, day: 3)!,
        20: LocalDate(year: 2023, month: 12, day: 1)!,
    ]
    static let guidanceEmployment: [Int: LocalDate] = [
        5: LocalDate(year: 2023, month: 7, day: 1)!, 45: LocalDate(year: 2023, month: 10, day: 10)!,
        59: LocalDate(year: 2023, month: 5, day: 15)!, 62: LocalDate(year: 2023, month: 9, day: 20)!,
        66: LocalDate(year: 2023, month: 8, day: 1)!, 67: LocalDate(year: 2023, month: 11, day: 6)!,
    ]

    // Rules 4 and 5 at their edges: exactly 13 of 16 sessions (6: completes at 80 %) and 12 of 16 (0: does not);
    // in PL-A2 one session nobody attended (not held), and 21 attends 12 of the 15 held (completes). At Nadija's
    // 75 %: 39 attends 6 of 8 (completes), 42 five (does not); 31 misses the first three workshops.
    static let przystanA2Cancelled = 9
    static let exactAttendance: [Int: Int] = [6: 13, 0: 12, 21: 12, 39: 6, 42: 5]
    static let lateStarter = 31
    /// CEFR: no initial level (15), a regression (19), an improvement dated at the last session (4: no end date).
    static let levels: [Int: (String?, String?)] = [15: (nil, "A2"), 19: ("B1", "A2"), 4: ("A1", "A2")]
    static let noEndDate: Set = [4]

    /// The persons, drawn from the seeded generator, then set at the planted edges.
    static func persons(rng: inout SeededGenerator) -> [DemoPerson] {
        var persons: [DemoPerson] = []
        var usedNames = Set<String>()
        while persons.count < count {
            let id = persons.count
            let female = rng.chance(0.6)
            let first = rng.pick(female ? NameTables.femaleFirst : NameTables.maleFirst)
            let last = rng.pick(NameTables.surnames)
            // Distinct persons get distinct names here; namesakes are the linkage tests' data.
            guard usedNames.insert(first.passport + " " + last.passport).inserted else { continue }
            let minor = rng.chance(0.08)
            let year = minor ? rng.int(2006...2008) : rng.int(1958...2003)
            let birth = birthDates[id] ?? LocalDate(year: year, month: rng.int(1...12), day: rng.int(1...28))!
            var citizenship: String? = rng.chance(0.85) ? "UKR" : rng.pick(["BLR", "GEO", "MDA"])
            let hasPESEL = rng.chance(0.6) || id == statusOnly || id == twoArrivals.person
            let pesel =
                hasPESEL ? SyntheticPerson.makePESEL(birth: birth, female: female, serial: rng.int(0...9999)) : nil
            let cameAfter = rng.chance(0.7)
            var arrival =
                cameAfter
                ? LocalDate(year: 2022, month: 2, day: 24)!.adding(days: rng.int(1...340))
                : LocalDate(year: rng.int(2014...2021), month: rng.int(1...12), day: rng.int(1...28))!
            if asylum.contains(id) || [2, 24, statusOnly, arrivalOn24February, twoArrivals.person].contains(id) {
                citizenship = "UKR"
            }
            if asylum.contains(id) || id == statusOnly, arrival < LocalDate(year: 2022, month: 2, day: 24)! {
                arrival = LocalDate(year: 2022, month: 3, day: 1)!.adding(days: rng.int(0...300))
            }
            if id == arrivalOn24February { arrival = LocalDate(year: 2022, month: 2, day: 24)! }
            if id == belarusianAfter.person {
                citizenship = "BLR"
                arrival = belarusianAfter.arrival
            }
            var status =
                citizenship == "UKR" && pesel != nil && arrival >= LocalDate(year: 2022, month: 2, day: 24)!
                && rng.chance(0.8)
            if id == statusOnly { status = true }
            if id == arrivalOn24February || id == twoArrivals.person { status = false }
            var person = DemoPerson(
                id: id, female: female, first: first, last: last, birth: birth, pesel: pesel, citizenship: citizenship,
                arrival: arrival, ukrStatus: status)
            if polish.contains(id) || unknownCitizenship.contains(id) {
                person.citizenship = polish.contains(id) ? "POL" : nil
                person.arrival = nil
                person.ukrStatus = false
            }
            persons.append(person)
        }
        return persons
    }
}
