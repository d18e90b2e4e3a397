import Foundation
import IntegraCore

/// Link: one person across partners, and each attendance row to its course roll.
///
/// The skeleton's rule (a later linkage issue replaces it with a probabilistic model): records join when they carry
/// the same valid PESEL, or the same name (Cyrillic or Latin, in any common romanisation, in either order — see
/// `NameKey`) and the same birth date. Two different valid PESELs never join. A record with a name only is a person
/// of its own. Person ids (`P000001`…) are numbered in the order persons first appear in the inputs.
struct LinkStage {
    struct Output {
        var persons: [PersonRecord] = []
        var participants: [ParticipantRecord] = []
        var courses: [CourseRecord] = []
        var sessions: [SessionRecord] = []
        var marks: [AttendanceMarkRecord] = []
        var consultations: [ConsultationRecord] = []
        /// Raw rows rejected here (unmatched attendance), with their diagnostics.
        var rejected: [(rawRowID: Int, fileID: Int, diagnostic: Diagnostic)] = []
        var warnings: [(rawRowID: Int, fileID: Int, diagnostic: Diagnostic)] = []
    }

    func run(_ input: IngestResult) -> Output {
        var out = Output()
        var identities = input.identities
        identities += input.consultations.compactMap(\.identity)
        identities.sort { $0.order < $1.order }

        let clusterOf = cluster(identities)
        // Number persons by first appearance.
        var personID: [Int: String] = [:]
        var members: [Int: [IdentityRecord]] = [:]
        for r in identities {
            let root = clusterOf[r.rawRowID]!
            if personID[root] == nil {
                personID[root] = String(format: "P%06d", personID.count + 1)
            }
            members[root, default: []].append(r)
        }
        for (root, id) in personID.sorted(by: { $0.value < $1.value }) {
            out.persons.append(person(id: id, members[root]!))
        }

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
        var participantByCourseAndName: [String: [Int]] = [:]
        for r in identities {
            let course = r.kind == .roll ? courseID[courseKey(r.partnerID, r.activityID, r.group ?? "")] : nil
            var p = ParticipantRecord(
                id: out.participants.count + 1, rawRowID: r.rawRowID, personID: personID[clusterOf[r.rawRowID]!]!,
                partnerID: r.partnerID, activityID: r.activityID, courseID: course, firstName: r.firstName,
                lastName: r.lastName, nameKey: r.nameKey)
            p.pesel = r.pesel
            p.birthDate = r.birthDate
            p.sex = r.sex
            p.citizenship = r.citizenship
            p.arrivalDate = r.arrivalDate
            p.startDate = r.startDate
            p.endDate = r.endDate
            p.levelIn = r.levelIn
            p.levelOut = r.levelOut
            out.participants.append(p)
            if let course { participantByCourseAndName["\(course)\u{1}\(r.nameKey)", default: []].append(p.id) }
        }
        // Consultations.
        let participantByRawRow = Dictionary(uniqueKeysWithValues: out.participants.map { ($0.rawRowID, $0) })
        for c in input.consultations {
            out.consultations.append(
                ConsultationRecord(
                    rawRowID: c.rawRowID, partnerID: c.partnerID, activityID: c.activityID,
                    personID: participantByRawRow[c.rawRowID]?.personID, date: c.date, topic: c.topic,
                    language: c.language, mode: c.mode, minutes: c.minutes))
        }
        // Attendance: each row to exactly one roll record of the same group; sessions held = dates with a present mark.
        var sessionID: [String: Int] = [:]
        var marked = Set<String>()
        var rowsByCourse: [(AttendanceRow, Int, Int)] = []
        for a in input.attendance {
            guard let course = courseID[courseKey(a.partnerID, a.activityID, a.group)] else {
                out.rejected.append(
                    (a.rawRowID, a.fileID,
                     Diagnostic(
                        .error, .unknownCourse,
                        "no course roll of this partner has group \"\(a.group)\" (from the title block); add the group's roll or correct the group label; the row is rejected",
                        at: a.location)))
                continue
            }
            let candidates = participantByCourseAndName["\(course)\u{1}\(a.nameKey)"] ?? []
            guard candidates.count == 1, let participant = candidates.first else {
                let message = candidates.isEmpty
                    ? "no person of this name is on the group's course roll; add them to the roll or correct the spelling; the row is rejected"
                    : "\(candidates.count) persons of this name are on the group's course roll; tell them apart on the roll; the row is rejected"
                out.rejected.append(
                    (a.rawRowID, a.fileID,
                     Diagnostic(.error, candidates.isEmpty ? .unmatchedAttendance : .ambiguousAttendance, message, at: a.location)))
                continue
            }
            rowsByCourse.append((a, course, participant))
        }
        for (a, course, _) in rowsByCourse {
            for m in a.marks where m.status == .present {
                let key = "\(course)\u{1}\(m.date.iso)"
                if sessionID[key] == nil {
                    sessionID[key] = out.sessions.count + 1
                    out.sessions.append(SessionRecord(id: out.sessions.count + 1, courseID: course, date: m.date))
                }
            }
        }
        for (a, course, participant) in rowsByCourse {
            for m in a.marks {
                guard let session = sessionID["\(course)\u{1}\(m.date.iso)"] else { continue }
                let key = "\(participant)\u{1}\(session)"
                if !marked.insert(key).inserted {
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

    /// Union-find over the records: PESEL first, then name + birth date, never joining two different PESELs.
    private func cluster(_ records: [IdentityRecord]) -> [Int: Int] {
        var parent: [Int: Int] = [:]
        var pesels: [Int: Set<String>] = [:]
        for r in records {
            parent[r.rawRowID] = r.rawRowID
            pesels[r.rawRowID] = r.pesel.map { [$0] } ?? []
        }
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x]! != x {
                parent[x] = parent[parent[x]!]!
                x = parent[x]!
            }
            return x
        }
        func union(_ a: Int, _ b: Int) {
            let ra = find(a), rb = find(b)
            guard ra != rb else { return }
            let merged = pesels[ra]!.union(pesels[rb]!)
            guard merged.count <= 1 else { return }  // two different valid PESELs: two persons
            // The root is the earlier record, so numbering follows first appearance.
            let (keep, drop) = ra < rb ? (ra, rb) : (rb, ra)
            parent[drop] = keep
            pesels[keep] = merged
        }
        var firstByPESEL: [String: Int] = [:]
        var firstByNameDate: [String: Int] = [:]
        for r in records {
            if let p = r.pesel {
                if let other = firstByPESEL[p] { union(other, r.rawRowID) } else { firstByPESEL[p] = r.rawRowID }
            }
        }
        for r in records {
            if let b = r.birthDate {
                let key = "\(r.nameKey)\u{1}\(b.iso)"
                if let other = firstByNameDate[key] { union(other, r.rawRowID) } else { firstByNameDate[key] = r.rawRowID }
            }
        }
        var result: [Int: Int] = [:]
        for r in records { result[r.rawRowID] = find(r.rawRowID) }
        return result
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
