import Foundation
import IntegraCore
import IntegraLinkage

/// The persons of a run and every record tied to them: link's output, load's input.
struct LinkedPersons: StageOutput {
    var persons: [PersonRecord] = []
    var links: [PersonLinkRecord] = []
    var review: [LinkReviewRecord] = []
    var model: [LinkageModelRecord] = []
    /// The id of every record this run, to keep for the next.
    var assignedIDs: [(recordKey: String, personID: String)] = []
    var participants: [ParticipantRecord] = []
    var courses: [CourseRecord] = []
    var sessions: [SessionRecord] = []
    var marks: [AttendanceMarkRecord] = []
    var consultations: [ConsultationRecord] = []
    /// Ledger rows and budget cells (issue 19), past the finance checks: nothing to link, handed on to load.
    var expenditures: [ExpenditureRecord] = []
    var budget: [BudgetRecord] = []
    /// The money is in the warehouse already (``FinanceTrack``): `expenditures` and `budget` are empty and load
    /// leaves the finance tables as they are.
    var financeLoaded = false
    /// The finance figures read beside link (nil when the money was not loaded beside it).
    var money: FinanceTrack.Read?
    /// Raw rows rejected here (unmatched attendance), with their diagnostics.
    var rejected: [(rawRowID: Int, fileID: Int, diagnostic: Diagnostic)] = []
    var warnings: [(rawRowID: Int, fileID: Int, diagnostic: Diagnostic)] = []
    /// The files' accounting as normalise left it, corrected for the rows rejected here (set by the run's link
    /// stage, ``LinkStage/run(_:in:)``).
    var accounting = RowAccounting()

    var handled: (count: Int?, unit: String) { (participants.count, "records") }
}

/// Link: one person across partners, and each attendance row to its course roll.
///
/// Records of persons (course rolls, named consultation clients) are linked by `IntegraLinkage.Linker`
/// (Fellegi–Sunter, weights estimated from the data, names compared across scripts and romanisations), with the
/// coordinators' decisions applied first. Person ids are stable: a record keeps the id earlier runs gave it
/// (persons that merge keep the smallest), new persons get the next free number; on a fresh warehouse ids follow
/// the order in which persons first appear in the inputs.
struct LinkStage: PipelineStage {
    static let stage = RunStage.link

    let settings: LinkageSettings
    let decisions: LinkDecisions
    /// Person ids given by earlier runs, by record key.
    let knownIDs: [String: String]
    /// The project's default FAMI objective (`participants.objective`), for rule 6 (``ObjectiveRule``).
    var defaultObjective: String? = nil
    /// The money at work beside link (``FinanceTrack``): waited for at the end of the stage, its accounting joined
    /// to link's.
    var money: FinanceTrack.Running? = nil

    func run(_ input: NormalisedRecords) -> LinkedPersons {
        var out = LinkedPersons()
        var identities = input.identities
        identities += input.consultations.compactMap(\.identity)
        identities.sort { $0.order < $1.order }

        // Deterministic rules before the model: the same valid PESEL, or the same name (across scripts, in either
        // order) and the same birth date, is one person whatever the model estimates (small partners give EM
        // little to learn from). Coordinators' cannot-link decisions still win.
        let rules = ruleLinks(identities)
        var combined = decisions
        combined.mustLink += rules.map { LinkDecisions.Pair($0.a, $0.b, note: "rule") }
        let ruleKeys = Set(rules.map { [$0.a, $0.b].sorted().joined(separator: "\u{1}") })
        var result = Linker(settings: settings).link(identities.map(\.linkRecord), decisions: combined)
        for i in result.links.indices where result.links[i].decidedBy == "must-link" {
            let key = [identities[result.links[i].a].key, identities[result.links[i].b].key].sorted().joined(separator: "\u{1}")
            if ruleKeys.contains(key) && !decisions.mustLink.contains(where: { [$0.a, $0.b].sorted().joined(separator: "\u{1}") == key }) {
                result.links[i].decidedBy = "rule"
            }
        }
        let ids = stableIDs(identities, clusters: result.clusterOfRecord)
        var clusterOf: [Int: Int] = [:]
        clusterOf.reserveCapacity(identities.count)
        // Members as indices into `identities`, not copies of the records (a programme has 150 000 of them).
        var members = [[Int]](repeating: [], count: ids.count)
        for (i, r) in identities.enumerated() {
            clusterOf[r.rawRowID] = result.clusterOfRecord[i]
            members[result.clusterOfRecord[i]].append(i)
        }
        var personID: [Int: String] = [:]
        for (cluster, id) in ids.enumerated() { personID[cluster] = id }
        out.persons.reserveCapacity(ids.count)
        for (cluster, id) in ids.enumerated().sorted(by: { $0.element < $1.element }) {
            out.persons.append(person(id: id, members[cluster].map { identities[$0] }))
        }
        members = []
        out.assignedIDs = identities.enumerated().map { ($0.element.key, ids[result.clusterOfRecord[$0.offset]]) }
        // A model has a few weights per field and level, so each contribution's text is formatted once. A link's
        // contributions are worked out as its text is written, and dropped (≈ 800 000 links in a programme).
        var formatted = JSONMemo()
        out.links = result.links.map { pair in
            PersonLinkRecord(
                personID: ids[result.clusterOfRecord[pair.a]], recordA: identities[pair.a].key, recordB: identities[pair.b].key,
                weight: pair.weight, probability: pair.probability, decidedBy: pair.decidedBy,
                contributionsJSON: Self.json(pair.contributions, formatted: &formatted))
        }
        result.links = []
        out.review = result.review.map { pair in
            LinkReviewRecord(
                recordA: identities[pair.a].key, recordB: identities[pair.b].key, personA: ids[result.clusterOfRecord[pair.a]],
                personB: ids[result.clusterOfRecord[pair.b]], weight: pair.weight, probability: pair.probability,
                contributionsJSON: Self.json(pair.contributions, formatted: &formatted), decidedBy: pair.decidedBy)
        }
        out.model = result.model

        // Courses from the rolls' groups.
        var courseID: [String: Int] = [:]
        func courseKey(_ partner: String, _ activity: String, _ group: String) -> String {
            "\(partner)\u{1}\(activity)\u{1}\(TextNormalisation.foldForMatching(group))"
        }
        for r in identities where r.kind == .roll {
            let key = courseKey(r.partnerID, r.activityID, r.group ?? "")
            if courseID[key] == nil {
                let id = out.courses.count + 1
                courseID[key] = id
                out.courses.append(CourseRecord(id: id, partnerID: r.partnerID, activityID: r.activityID, groupCode: r.group ?? ""))
            }
        }
        // Participant records.
        out.participants.reserveCapacity(identities.count)
        for r in identities {
            let course = r.kind == .roll ? courseID[courseKey(r.partnerID, r.activityID, r.group ?? "")] : nil
            var p = ParticipantRecord(
                id: out.participants.count + 1, rawRowID: r.rawRowID, personID: personID[clusterOf[r.rawRowID]!]!,
                partnerID: r.partnerID, activityID: r.activityID, courseID: course, firstName: r.firstName,
                lastName: r.lastName, nameKey: r.nameKey)
            p.recordKey = r.key
            p.pesel = r.pesel
            p.birthDate = r.birthDate
            p.sex = r.sex
            p.citizenship = r.citizenship
            p.arrivalDate = r.arrivalDate
            p.startDate = r.startDate
            p.endDate = r.endDate
            p.levelIn = r.levelIn
            p.levelOut = r.levelOut
            p.objective = r.objective
            p.objectiveSince = r.objectiveSince
            p.ukrStatus = r.ukrStatus
            p.employmentDate = r.employmentDate
            out.participants.append(p)
        }
        // Consultations.
        let personOfRawRow = Dictionary(uniqueKeysWithValues: out.participants.map { ($0.rawRowID, $0.personID) })
        for c in input.consultations {
            out.consultations.append(
                ConsultationRecord(
                    rawRowID: c.rawRowID, partnerID: c.partnerID, activityID: c.activityID,
                    personID: personOfRawRow[c.rawRowID], date: c.date, topic: c.topic,
                    language: c.language, mode: c.mode, minutes: c.minutes))
        }
        // Attendance: each row to one roll record of the same group, one to one within a sheet and tolerating typing
        // slips (`AttendanceMatching`); sessions held = dates with a present mark.
        // Keyed by value, not by text: a programme has millions of marks.
        struct SessionKey: Hashable {
            var course: Int
            var date: LocalDate
        }
        struct MarkKey: Hashable {
            var participant: Int
            var session: Int
        }
        var sessionID: [SessionKey: Int] = [:]
        var marked = Set<MarkKey>()
        var rollOfCourse: [Int: [AttendanceMatching.Entry]] = [:]
        for p in out.participants {
            guard let course = p.courseID else { continue }
            rollOfCourse[course, default: []].append(.init(id: p.id, nameKey: p.nameKey, name: -1))
        }
        let nameOfRollRecord = Dictionary(
            uniqueKeysWithValues: out.participants.map { ($0.id, ($0.firstName as String?, $0.lastName as String?)) })
        var courseOfRow = [Int?](repeating: nil, count: input.attendance.count)
        var rowsOfSheet: [String: [Int]] = [:]
        var sheetOrder: [String] = []
        for (index, a) in input.attendance.enumerated() {
            guard let course = courseID[courseKey(a.partnerID, a.activityID, a.group)] else { continue }
            courseOfRow[index] = course
            let sheet = "\(course)\u{1}\(a.fileID)\u{1}\(a.location.sheet ?? "")"
            if rowsOfSheet[sheet] == nil { sheetOrder.append(sheet) }
            rowsOfSheet[sheet, default: []].append(index)
        }
        // Step 1 on name keys; then one name comparison (each spelling analysed once) for the rows left open and the
        // rolls of their groups only: most rows match their roll by key, and analysing every attendance spelling of a
        // programme would cost seconds.
        var exact: [AttendanceMatching.ExactMatch] = []
        var names: [(first: String?, last: String?)] = []
        var nameOfRow: [Int: Int] = [:]
        var nameOfParticipant: [Int: Int] = [:]
        for sheet in sheetOrder {
            let rows = rowsOfSheet[sheet]!
            let roll = rollOfCourse[courseOfRow[rows[0]]!] ?? []
            let match = AttendanceMatching.matchExactly(
                rows: rows.map { .init(id: $0, nameKey: input.attendance[$0].nameKey, name: -1) }, roll: roll)
            exact.append(match)
            guard !match.open.isEmpty else { continue }
            for i in match.open {
                nameOfRow[rows[i]] = names.count
                names.append((input.attendance[rows[i]].firstName, input.attendance[rows[i]].lastName))
            }
            for record in roll where nameOfParticipant[record.id] == nil {
                nameOfParticipant[record.id] = names.count
                names.append(nameOfRollRecord[record.id] ?? (nil, nil))
            }
        }
        let comparison = NameComparison(names: names, firstNameClasses: settings.firstNameClasses)
        let rollRowOfParticipant = Dictionary(uniqueKeysWithValues: out.participants.map { ($0.id, $0.recordKey) })
        var outcomeOfRow: [Int: AttendanceMatching.Outcome] = [:]
        for (sheet, match) in zip(sheetOrder, exact) {
            let rows = rowsOfSheet[sheet]!
            let roll = (rollOfCourse[courseOfRow[rows[0]]!] ?? []).map {
                AttendanceMatching.Entry(id: $0.id, nameKey: $0.nameKey, name: nameOfParticipant[$0.id] ?? -1)
            }
            let entries = rows.map {
                AttendanceMatching.Entry(id: $0, nameKey: input.attendance[$0].nameKey, name: nameOfRow[$0] ?? -1)
            }
            let outcomes = AttendanceMatching.assign(match, rows: entries, roll: roll, names: comparison)
            for (row, outcome) in zip(rows, outcomes) { outcomeOfRow[row] = outcome }
        }
        var rowsByCourse: [(row: Int, course: Int, participant: Int)] = []
        for (index, a) in input.attendance.enumerated() {
            guard let course = courseOfRow[index] else {
                out.rejected.append(
                    (a.rawRowID, a.fileID,
                     Diagnostic(
                        .error, .unknownCourse,
                        "no course roll of this partner has group \"\(a.group)\" (from the title block); add the group's roll or correct the group label; the row is rejected",
                        at: a.location)))
                continue
            }
            switch outcomeOfRow[index] ?? .unmatched(closest: nil, likeness: nil) {
            case .matched(let participant):
                rowsByCourse.append((index, course, participant))
            case .unmatched(let closest, let likeness):
                let needed = Int(AttendanceMatching.minimumLikeness * 100)
                let (nearest, najblizsza) =
                    if let closest, let likeness, let key = rollRowOfParticipant[closest] {
                        (
                            "; the closest name on the roll is row \(key) (likeness \(Int((likeness * 100).rounded())) %, a match needs \(needed) % and no rival)",
                            "; najbliższe nazwisko na liście to wiersz \(key) (podobieństwo \(Int((likeness * 100).rounded())) %, dopasowanie wymaga \(needed) % i braku równie podobnej osoby)"
                        )
                    } else {
                        ("; no name on the roll is even alike", "; żadne nazwisko na liście nie jest nawet podobne")
                    }
                out.rejected.append(
                    (a.rawRowID, a.fileID,
                     Diagnostic(
                        .error, .unmatchedAttendance,
                        "no person of this name (in any spelling, script or order) is on the group's course roll\(nearest); add them to the roll or correct the spelling; the row is rejected",
                        at: a.location,
                        polish: "osoby o tym imieniu i nazwisku (w żadnej pisowni, alfabecie ani kolejności) nie ma na liście uczestników grupy\(najblizsza); dopisz ją do listy albo popraw pisownię; wiersz odrzucony")))
            case .ambiguous(let count):
                out.rejected.append(
                    (a.rawRowID, a.fileID,
                     Diagnostic(
                        .error, .ambiguousAttendance,
                        "\(count) persons on the group's course roll fit this name equally well; tell them apart on the roll or the sheet; the row is rejected",
                        at: a.location)))
            }
        }
        for (index, course, _) in rowsByCourse {
            let a = input.attendance[index]
            for m in a.marks where m.status == .present {
                let key = SessionKey(course: course, date: m.date)
                if sessionID[key] == nil {
                    sessionID[key] = out.sessions.count + 1
                    out.sessions.append(SessionRecord(id: out.sessions.count + 1, courseID: course, date: m.date))
                }
            }
        }
        // Reserved at once: grown by doubling, the marks array of a programme (3 000 000 marks) briefly needed twice its size.
        out.marks.reserveCapacity(rowsByCourse.reduce(0) { $0 + input.attendance[$1.row].marks.count })
        for (index, course, participant) in rowsByCourse {
            let a = input.attendance[index]
            for m in a.marks {
                guard let session = sessionID[SessionKey(course: course, date: m.date)] else { continue }
                if !marked.insert(MarkKey(participant: participant, session: session)).inserted {
                    var location = a.location
                    location.column = m.column
                    out.warnings.append(
                        (a.rawRowID, a.fileID,
                         Diagnostic(
                            .warning, .duplicateMark,
                            "this person already has a mark for this session in another row or sheet; the first mark counts",
                            at: location)))
                    continue
                }
                out.marks.append(
                    AttendanceMarkRecord(
                        rawRowID: a.rawRowID, sessionID: session, participantRecordID: participant, column: m.column,
                        status: m.status))
            }
        }
        return out
    }

    /// Pairs the deterministic rules join: the same valid PESEL; or the same order-free name key and birth date when
    /// the two records do not carry different PESELs. Each record is chained to the first of its group, and a
    /// cannot-link decision removes the pair.
    func ruleLinks(_ records: [IdentityRecord]) -> [(a: String, b: String)] {
        let cannot = Set(decisions.cannotLink.map { [$0.a, $0.b].sorted().joined(separator: "\u{1}") })
        var first: [String: IdentityRecord] = [:]
        var pairs: [(a: String, b: String)] = []
        for r in records {
            var keys: [String] = []
            if let p = r.pesel { keys.append("pesel\u{1}\(p)") }
            if let b = r.birthDate { keys.append("name\u{1}\(r.nameKey)\u{1}\(b.iso)") }
            for key in keys {
                guard let anchor = first[key] else {
                    first[key] = r
                    continue
                }
                if let p = r.pesel, let q = anchor.pesel, p != q { continue }
                guard !cannot.contains([anchor.key, r.key].sorted().joined(separator: "\u{1}")) else { continue }
                pairs.append((anchor.key, r.key))
            }
        }
        return pairs
    }

    /// Person ids for the clusters (indexed by cluster): the smallest id earlier runs gave any of a cluster's records
    /// and no earlier cluster of this run took; otherwise the next unused number. Clusters are in order of their
    /// first record, so a fresh warehouse numbers persons by first appearance.
    func stableIDs(_ records: [IdentityRecord], clusters: [Int]) -> [String] {
        func number(_ id: String) -> Int { Int(id.dropFirst()) ?? 0 }
        var next = (knownIDs.values.map(number).max() ?? 0) + 1
        var known: [Int: Set<String>] = [:]
        for (i, r) in records.enumerated() {
            if let id = knownIDs[r.key] { known[clusters[i], default: []].insert(id) }
        }
        let count = (clusters.max() ?? -1) + 1
        var taken = Set<String>()
        var ids: [String] = []
        for cluster in 0..<count {
            if let id = known[cluster, default: []].filter({ !taken.contains($0) }).min(by: { number($0) < number($1) }) {
                ids.append(id)
                taken.insert(id)
            } else {
                let id = String(format: "P%06d", next)
                next += 1
                ids.append(id)
                taken.insert(id)
            }
        }
        return ids
    }

    /// Field contributions as JSON: `[{"field":"last_name","level":"skeleton","weight":6.21},…]`.
    static func json(_ contributions: [FieldContribution]) -> String {
        var formatted = JSONMemo()
        return json(contributions, formatted: &formatted)
    }

    struct ContributionKey: Hashable {
        var field: String
        var level: String
        var weight: UInt64
    }

    /// The same, reusing the text of contributions already formatted (`String(format:)` is slow, and links repeat
    /// the model's few weights: at programme scale this was 7 % of a run), and one string for equal lists: a
    /// programme's ≈ 800 000 links have a few thousand distinct lists, and a copy of the text per link was 400 MB of
    /// the run's peak memory.
    static func json(_ contributions: [FieldContribution], formatted: inout JSONMemo) -> String {
        let keys = contributions.map { ContributionKey(field: $0.field, level: $0.level, weight: $0.weight.bitPattern) }
        if let text = formatted.lists[keys] { return text }
        let text = "[" + zip(keys, contributions).map { key, c in
            if let text = formatted.items[key] { return text }
            let text =
                "{\"field\":\(CellJSON.quote(c.field)),\"level\":\(CellJSON.quote(c.level)),\"weight\":\(String(format: "%.4f", c.weight))}"
            formatted.items[key] = text
            return text
        }.joined(separator: ",") + "]"
        formatted.lists[keys] = text
        return text
    }

    /// Texts already made: per contribution, and per list of them.
    struct JSONMemo {
        var items: [ContributionKey: String] = [:]
        var lists: [[ContributionKey]: String] = [:]
    }

    /// A person's attributes from their records: PESEL-derived where valid, otherwise the most frequent value,
    /// earliest record first on ties.
    private func person(id: String, _ records: [IdentityRecord]) -> PersonRecord {
        func mostFrequent<T: Hashable>(_ values: [T?]) -> T? {
            var counts: [T: Int] = [:]
            var first: [T: Int] = [:]
            for (i, v) in values.enumerated() {
                guard let v else { continue }
                counts[v, default: 0] += 1
                if first[v] == nil { first[v] = i }
            }
            return counts.max { a, b in a.value != b.value ? a.value < b.value : first[a.key]! > first[b.key]! }?.key
        }
        let pesel = records.compactMap(\.pesel).first.map { PESEL($0) }
        let evidence: PersonEvidence
        if pesel != nil {
            evidence = .pesel
        } else if records.contains(where: { $0.birthDate != nil }) {
            evidence = .nameBirthDate
        } else {
            evidence = .nameOnly
        }
        return PersonRecord(
            id: id, sex: pesel?.sex?.rawValue ?? mostFrequent(records.map(\.sex)),
            birthDate: pesel?.birthDate ?? mostFrequent(records.map(\.birthDate)),
            citizenship: mostFrequent(records.map(\.citizenship)),
            arrivalDate: records.compactMap(\.arrivalDate).min(), evidence: evidence)
    }
}

extension IdentityRecord {
    /// What the linker compares.
    var linkRecord: LinkRecord {
        LinkRecord(
            key: key, source: partnerID, firstName: firstName.isEmpty ? nil : firstName,
            lastName: lastName.isEmpty ? nil : lastName, birthDate: birthDate,
            birthDateAmbiguous: birthDateAmbiguous, sex: sex, citizenship: citizenship, pesel: pesel, document: document,
            phone: phone, email: email)
    }
}



extension LinkStage {
    /// Links the normalised records, applies rule 6 (one FAMI objective per person), counts the rows it rejected
    /// as rejected and reports its diagnostics to the run's.
    func run(_ input: NormalisedRecords, in context: inout StageContext) throws -> LinkedPersons {
        var linked = run(input)
        // The money's thread writes to the warehouse: it is waited for before the stage ends, however it ends.
        defer { money?.waitForEnd() }
        linked.expenditures = input.ledger.map(\.record)
        linked.budget = input.budgetRows.flatMap(\.cells)
        let objectives = ObjectiveRule(defaultObjective: defaultObjective).apply(
            persons: linked.persons, participants: linked.participants,
            consultationDates: Dictionary(uniqueKeysWithValues: linked.consultations.map { ($0.rawRowID, $0.date) }),
            fileOfRow: Dictionary(input.identities.map { ($0.rawRowID, $0.fileID) }, uniquingKeysWith: { a, _ in a }))
        linked.persons = objectives.persons
        linked.accounting = input.accounting
        linked.accounting.reject(linked.rejected)
        context.diagnostics.add(
            linked.rejected.map { DiagnosticRecord(fileID: $0.fileID, rawRowID: $0.rawRowID, diagnostic: $0.diagnostic) })
        context.diagnostics.add(
            linked.warnings.map { DiagnosticRecord(fileID: $0.fileID, rawRowID: $0.rawRowID, diagnostic: $0.diagnostic) })
        context.diagnostics.add(objectives.warnings)
        try money?.join(into: &linked, diagnostics: &context.diagnostics)
        return linked
    }
}
