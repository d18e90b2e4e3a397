import IntegraCore

/// Rule 6 of docs/INDICATORS.md: a person counts under one FAMI objective only.
///
/// Among a person's records that state an objective, the one with the earliest date wins: its `objective_since`,
/// else the record's start date (rolls) or consultation date; ties go to the record the run read first. With none
/// stated, the project's `participants.objective`; with no default either, the objective stays unknown. Each record
/// stating the other objective gets an `objective-conflict` warning naming what the person counts under.
struct ObjectiveRule {
    /// The project's default objective, or nil.
    let defaultObjective: String?

    struct Outcome {
        var persons: [PersonRecord]
        var warnings: [DiagnosticRecord]
    }

    /// `recordDates` gives a consultation record's date by raw row id; `files` a record's file id by raw row id.
    func apply(
        persons: [PersonRecord], participants: [ParticipantRecord], consultationDates: [Int: LocalDate],
        fileOfRow: [Int: Int]
    ) -> Outcome {
        var stated: [String: [(date: LocalDate?, order: Int, record: ParticipantRecord)]] = [:]
        for p in participants {
            guard p.objective != nil else { continue }
            let date = p.objectiveSince ?? p.startDate ?? consultationDates[p.rawRowID]
            stated[p.personID, default: []].append((date, p.id, p))
        }
        var out = Outcome(persons: persons, warnings: [])
        for i in out.persons.indices {
            let id = out.persons[i].id
            guard let records = stated[id], !records.isEmpty else {
                out.persons[i].objective = defaultObjective
                continue
            }
            // Undated statements come after dated ones; the run's reading order breaks ties.
            let ordered = records.sorted { a, b in
                switch (a.date, b.date) {
                case let (x?, y?) where x != y: return x < y
                case (.some, .none): return true
                case (.none, .some): return false
                default: return a.order < b.order
                }
            }
            let first = ordered[0]
            out.persons[i].objective = first.record.objective
            out.persons[i].objectiveSince = first.date
            out.persons[i].objectiveRecord = first.record.recordKey
            for other in ordered.dropFirst() where other.record.objective != first.record.objective {
                let r = other.record
                let since = first.date.map { " since \($0.polish)" } ?? ""
                out.warnings.append(
                    DiagnosticRecord(
                        fileID: fileOfRow[r.rawRowID], rawRowID: r.rawRowID,
                        diagnostic: Diagnostic(
                            .warning, .objectiveConflict,
                            "person \(id) is registered under the objective '\(first.record.objective!)'\(since) (\(first.record.recordKey)); "
                                + "this row says '\(r.objective!)' — a person counts under one objective only, so the earlier registration counts",
                            at: Self.location(of: r.recordKey, column: "objective"))))
            }
        }
        return out
    }

    /// `path#sheet#row` or `path#row` as a location.
    static func location(of key: String, column: String?) -> SourceLocation {
        let parts = key.split(separator: "#", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, let row = Int(parts.last!) else { return SourceLocation(file: key) }
        if parts.count == 2 { return SourceLocation(file: parts[0], row: row, column: column) }
        return SourceLocation(
            file: parts[0..<(parts.count - 2)].joined(separator: "#"), sheet: parts[parts.count - 2], row: row, column: column)
    }
}
