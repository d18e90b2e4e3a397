import Foundation
import IntegraCore
import IntegraReports
import IntegraWarehouse

extension Pipeline {
    /// Why a person is one person: their records with file, sheet and row, and every link that joined them with
    /// its probability and each field's contribution. Names and birth dates only when `showNames` is true. In
    /// `options.language` (Polish unless asked otherwise, as a run's reports).
    public static func explainPerson(
        _ id: String, projectFile: URL, displayPath: String? = nil, options: RunOptions, showNames: Bool
    ) throws -> String {
        let (project, warehouse) = try openWarehouse(projectFile: projectFile, displayPath: displayPath, options: options)
        defer { try? warehouse.close() }
        guard let person = try warehouse.person(id) else {
            throw DefinitionError(
                file: project.file, keyPath: "",
                message: options.language == .pl
                    ? "w ostatnim przebiegu nie ma osoby \(id) (identyfikatory wyglądają tak: P000012)"
                    : "no person \(id) in the latest run (ids look like P000012)")
        }
        var lines: [String] = []
        let pl = options.language == .pl
        let decimal = options.language.decimal
        let evidenceWords = pl
            ? ["pesel": "numer PESEL", "name_birth_date": "imię, nazwisko i data urodzenia", "name_only": "samo imię i nazwisko"]
            : ["pesel": "a PESEL", "name_birth_date": "name and birth date", "name_only": "a name alone"]
        let evidence = evidenceWords[person.evidence.rawValue] ?? person.evidence.rawValue
        var about = pl
            ? "Osoba \(person.id): najmocniejszy dowód to \(evidence)" : "Person \(person.id): the strongest evidence is \(evidence)"
        if let c = person.citizenship { about += pl ? ", obywatelstwo \(c)" : ", citizenship \(c)" }
        if let s = person.sex { about += pl ? ", płeć \(s)" : ", sex \(s)" }
        lines.append(about)
        let records = try warehouse.records(ofPerson: id)
        lines.append("")
        lines.append(pl ? "Rekordy (\(records.count)):" : "Records (\(records.count)):")
        for r in records {
            var line = "  \(r.recordKey)  partner \(r.partnerID), \(r.activityID)"
            var present: [String] = []
            if r.hasPESEL { present.append("PESEL") }
            if r.birthDate != nil { present.append(pl ? "data urodzenia" : "birth date") }
            if r.sex != nil { present.append(pl ? "płeć" : "sex") }
            if r.citizenship != nil { present.append(pl ? "obywatelstwo" : "citizenship") }
            line += present.isEmpty
                ? (pl ? "; samo imię i nazwisko" : "; name only")
                : (pl ? "; imię i nazwisko, " : "; name, ") + present.joined(separator: ", ")
            if showNames {
                line += " — \(r.firstName) \(r.lastName)" + (r.birthDate.map { pl ? ", ur. \($0)" : ", born \($0)" } ?? "")
            }
            lines.append(line)
        }
        let links = try warehouse.links(ofPerson: id)
        lines.append("")
        if records.count == 1 {
            lines.append(pl ? "Jeden rekord: nic nie połączono." : "One record: nothing was joined.")
        } else {
            lines.append(pl ? "Połączenia (\(links.count)), od najsilniejszego:" : "Links (\(links.count)), strongest first:")
            for l in links {
                lines.append(
                    "  \(l.recordA)  ⟷  \(l.recordB)  p = \(decimal("%.4f", l.probability)), \(pl ? "waga" : "weight") \(decimal("%.2f", l.weight)), \(pl ? "rozstrzygnięte przez:" : "decided by") \(l.decidedBy)")
                // Fields missing on either side add nothing and are left out.
                for c in ContributionList.parse(l.contributionsJSON) where c.level != "missing" {
                    lines.append("      \(c.field.padding(toLength: 14, withPad: " ", startingAt: 0)) \(c.level.padding(toLength: 18, withPad: " ", startingAt: 0)) \(decimal("%+.2f", c.weight))")
                }
            }
        }
        let review = try warehouse.reviewPairs(ofPerson: id)
        if !review.isEmpty {
            lines.append("")
            lines.append(
                pl
                    ? "Niepewne pary z udziałem tej osoby (niepołączone; rozstrzygnij je w pliku decyzji):"
                    : "Uncertain pairs involving this person (not joined; decide them in the decisions file):")
            for r in review {
                lines.append("  \(r.recordA) (\(r.personA))  ?  \(r.recordB) (\(r.personB))  p = \(decimal("%.4f", r.probability))")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The output folder: `--out`, or `out/<project id>/` in the current directory.
    static func outputFolder(_ project: ProjectDefinition, _ options: RunOptions) -> URL {
        options.outputFolder ?? URL(fileURLWithPath: "out/\(project.project.id)", isDirectory: true)
    }

    /// The warehouse: the project's `warehouse:` (relative to the project file), or `<out>/warehouse.sqlite`.
    static func warehousePath(_ project: ProjectDefinition, base: URL, out: URL) -> URL {
        project.warehouse.map { base.appendingPathComponent($0) } ?? out.appendingPathComponent("warehouse.sqlite")
    }

    /// The project and its warehouse, for commands that read a run's results.
    static func openWarehouse(projectFile: URL, displayPath: String?, options: RunOptions) throws -> (ProjectDefinition, Warehouse) {
        let project = try ProjectDefinition.load(from: projectFile, displayPath: displayPath ?? projectFile.path)
        let base = projectFile.deletingLastPathComponent()
        let root = try options.definitionsRoot ?? DefinitionsRoot.find(from: base)
        let path = warehousePath(project, base: base, out: outputFolder(project, options)).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw DefinitionError(
                file: path, keyPath: "",
                message: options.language == .pl
                    ? "nie ma jeszcze hurtowni: najpierw uruchom `integra run` (z tym samym --out)"
                    : "no warehouse yet: run `integra run` first (with the same --out)")
        }
        return (project, try Warehouse.open(at: path, sqlRoot: root.appendingPathComponent("sql")))
    }
}

/// Reads back the contributions JSON the link stage writes.
enum ContributionList {
    static func parse(_ json: String) -> [(field: String, level: String, weight: Double)] {
        guard let data = json.data(using: .utf8),
            let items = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else { return [] }
        return items.compactMap { item in
            guard let f = item["field"] as? String, let l = item["level"] as? String else { return nil }
            let w = (item["weight"] as? Double) ?? (item["weight"] as? NSNumber)?.doubleValue ?? 0
            return (f, l, w)
        }
    }
}

/// Why a pair waits for a coordinator, in the sheet's language (`LinkReviewRecord.decidedBy`).
func reason(_ decidedBy: String, pl: Bool) -> String {
    switch decidedBy {
    case "contradiction":
        pl ? "wysoki wynik, ale inne imię lub data urodzenia" : "high score, but another first name or birth date"
    case "name-only":
        pl ? "połączone po samym nazwisku i imieniu (częste)" : "joined on the name alone (a common name)"
    case "name-only-ambiguous":
        pl ? "samo nazwisko i imię pasuje do kilku osób partnera" : "a name alone that fits several of the partner's persons"
    case "name-only-common-name":
        pl ? "samo nazwisko i imię, zbyt częste, by połączyć" : "a name alone, too common to join"
    case "name-only-other-partner":
        pl ? "to samo nazwisko i imię u innego partnera" : "the same name at another partner"
    default:
        pl ? "wynik w przedziale niepewności" : "a score in the uncertain band"
    }
}

/// `reports/linkage-review.xlsx`: one row per decision (pair of persons) in the uncertain band, records side by side,
/// most doubtful first, for a coordinator to decide in the decisions file. It shows names and birth dates (the coordinator needs them), so it is written readable by its
/// owner only and is not an aggregate output.
struct LinkageReviewReport {
    let project: ProjectDefinition
    let language: ReportLanguage

    /// One decision per pair of persons: a `must_link` or `cannot_link` on any of their record pairs settles them all
    /// (a cannot-link keeps every record of one from every record of the other). Each is shown by its pair nearest an
    /// even chance, with how many pairs it settles; most doubtful first, ties in the linker's order.
    ///
    /// ```swift
    /// LinkageReviewReport.decisions(pairs)   // [(pair of P000012 and P000345 at 51 %, settles 3), …]
    /// ```
    static func decisions(_ pairs: [LinkReviewRecord]) -> [(pair: LinkReviewRecord, settles: Int)] {
        var groups: [String: (index: Int, pair: LinkReviewRecord, count: Int)] = [:]
        for (i, p) in pairs.enumerated() {
            let key = [p.personA, p.personB].sorted().joined(separator: " ")
            if var group = groups[key] {
                group.count += 1
                if abs(p.probability - 0.5) < abs(group.pair.probability - 0.5) { group.pair = p }
                groups[key] = group
            } else {
                groups[key] = (i, p, 1)
            }
        }
        return groups.values.sorted {
            (abs($0.pair.probability - 0.5), $0.index) < (abs($1.pair.probability - 0.5), $1.index)
        }.map { ($0.pair, $0.count) }
    }

    /// The review workbook (at most `limit` decisions, most doubtful first) and the sheet of every decision, for
    /// `linkage-review.csv`.
    func document(
        _ pairs: [LinkReviewRecord], limit: Int = .max, records: (String) throws -> PersonRecordView?
    ) throws -> (workbook: ReportDocument, all: ReportSheet) {
        let pl = language == .pl
        var rows: [[ReportCell]] = []
        let decisions = LinkageReviewReport.decisions(pairs)
        for (p, settled) in decisions {
            let a = try records(p.recordA), b = try records(p.recordB)
            let top = ContributionList.parse(p.contributionsJSON).sorted { abs($0.weight) > abs($1.weight) }.prefix(4)
                .map { "\($0.field) \($0.level) \(String(format: "%+.1f", $0.weight))" }.joined(separator: "; ")
            rows.append([
                .percent(p.probability), .text(p.personA), .text(p.recordA),
                .text(a.map { "\($0.firstName) \($0.lastName)" } ?? ""), .text(a?.birthDate ?? ""),
                .text(p.personB), .text(p.recordB), .text(b.map { "\($0.firstName) \($0.lastName)" } ?? ""),
                .text(b?.birthDate ?? ""), .text(reason(p.decidedBy, pl: pl)), .integer(Double(settled)), .text(top),
            ])
        }
        let shown = min(limit, rows.count)
        var titleLines = [
            pl ? "Pary rekordów do decyzji koordynatora" : "Pairs of records for a coordinator to decide", project.project.name,
            pl ? "Dane osobowe — nie przekazywać poza projekt." : "Personal data — do not share outside the project.",
        ]
        if shown < rows.count {
            titleLines.append(
                pl
                    ? "Pokazano \(shown) najbardziej wątpliwych z \(rows.count) decyzji; wszystkie są w pliku linkage-review.csv obok tego skoroszytu."
                    : "The \(shown) most doubtful of \(rows.count) decisions are shown; all of them are in linkage-review.csv beside this workbook.")
        }
        let sheet = ReportSheet(
            slug: "review", name: pl ? "Do weryfikacji" : "To review",
            titleLines: titleLines,
            header: pl
                ? ["Prawdopodobieństwo", "Osoba A", "Rekord A", "Imię i nazwisko A", "Data ur. A", "Osoba B", "Rekord B",
                   "Imię i nazwisko B", "Data ur. B", "Dlaczego do decyzji", "Rozstrzyga par", "Najważniejsze przesłanki"]
                : ["Probability", "Person A", "Record A", "Name A", "Born A", "Person B", "Record B", "Name B", "Born B",
                   "Why to decide", "Pairs settled", "Main evidence"],
            rows: Array(rows.prefix(shown)),
            notes: [
                pl ? "Decyzję wpisz do pliku decyzji obok pliku projektu (<projekt>.decisions.yml): must_link — ta sama osoba, cannot_link — różne osoby, podając klucze rekordów (kolumny Rekord A i Rekord B)."
                    : "Record the decision in the decisions file beside the project file (<project>.decisions.yml): must_link for the same person, cannot_link for different persons, naming the records' keys (columns Record A and Record B).",
            ],
            widths: [14, 10, 40, 28, 12, 10, 40, 28, 12, 36, 10, 60])
        var all = sheet
        all.rows = rows
        let workbook = ReportDocument(
            id: "linkage-review", title: sheet.titleLines[0], metadata: [], metadataSheetName: pl ? "Metryczka" : "About",
            sheets: [sheet], created: project.project.periodEnd)
        return (workbook, all)
    }
}
