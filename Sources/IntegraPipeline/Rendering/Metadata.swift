import IntegraCore

/// The funder a report is for, with its programme and the agreement it reports under.
///
/// A report definition that names a funder reports for that funder, under the agreement its `reports:` entry
/// gives (`- { report: …, agreement: … }`), or the project's agreement when the funder is the project's own. A
/// definition of no particular funder (the generic report) reports for the project's funder and agreement.
struct ReportFunder: Hashable {
    var funder: String
    var programme: String
    /// What the funder calls the agreement ("Numer umowy o dofinansowanie").
    var agreementLabel: String
    /// Empty when the project file gives none for this funder.
    var agreement: String

    init(project: ProjectDefinition, report: ReportDefinition?, language: ReportLanguage) {
        let p = project.project
        agreementLabel = (report?.agreementLabel ?? ReportDefinition.defaultAgreementLabel).text(language)
        guard let report, !report.funder.pl.isEmpty else {
            funder = p.funder
            programme = p.programme
            agreement = project.reportAgreements[report?.file ?? ""] ?? p.agreement
            return
        }
        funder = report.funder.text(language)
        programme = report.programme.text(language)
        let fold = { (s: String) in TextNormalisation.foldForMatching(s) }
        let projectsOwn = fold(report.funder.pl) == fold(p.funder) || fold(report.funder.en) == fold(p.funder)
        agreement = project.reportAgreements[report.file] ?? (projectsOwn ? p.agreement : "")
    }
}

/// The metadata sheet's lines ("Metryczka"): what the report is, for whom, for which period, from which
/// definitions, and how to reproduce it. Written for the funder: no file paths, no notes for the team (those are
/// in docs/INDICATORS.md).
enum Metadata {
    static func lines(
        project: ProjectDefinition, report: ReportDefinition?, indicators: [IndicatorDefinition], projectHash: String,
        language: ReportLanguage, reporting: ReportingPeriod, runFingerprint: String? = nil
    ) -> [(label: String, value: String)] {
        let pl = language == .pl
        let p = project.project
        let funder = ReportFunder(project: project, report: report, language: language)
        let notGiven = pl ? "nie podano" : "not given"
        var lines: [(String, String)] = []
        if let report { lines.append((pl ? "Raport" : "Report", report.title.text(language))) }
        lines += [
            (pl ? "Projekt" : "Project", p.name),
            (pl ? "Beneficjent (lider projektu)" : "Beneficiary (project leader)",
             project.partners.filter { $0.role == .leader }.map(\.name).joined(separator: ", ")),
        ]
        let partners = project.partners.filter { $0.role == .partner }.map(\.name)
        if !partners.isEmpty { lines.append((pl ? "Partnerzy" : "Partners", partners.joined(separator: ", "))) }
        lines += [
            (pl ? "Instytucja finansująca" : "Funder", funder.funder),
        ]
        if !funder.programme.isEmpty { lines.append((pl ? "Program" : "Programme", funder.programme)) }
        lines += [
            (funder.agreementLabel, funder.agreement.isEmpty ? notGiven : funder.agreement),
            (pl ? "Okres realizacji projektu" : "Project period", "\(p.periodStart.polish) – \(p.periodEnd.polish)"),
            (pl ? "Okres sprawozdawczy" : "Reporting period",
             "\(pl ? reporting.labelPL : reporting.labelEN) (\(reporting.start.polish) – \(reporting.end.polish))"),
            (pl ? "Stan danych na dzień" : "Data as of", reporting.end.polish),
            (pl ? "Próg ukończenia kursu" : "Course completion threshold",
             "\(Int((project.rules.completionThreshold * 100).rounded())) % " + (pl ? "zajęć" : "of sessions")),
        ]
        if let report {
            let used = Set(report.sheets.flatMap(\.indicators))
            let versions = indicators.filter { used.contains($0.code) }.map { "\($0.code) v\($0.version)" }
            var parts = [pl ? "układ raportu \(report.id) v\(report.version)" : "report layout \(report.id) v\(report.version)"]
            if !versions.isEmpty { parts.append((pl ? "wskaźniki: " : "indicators: ") + versions.joined(separator: ", ")) }
            // Finance sheets are computed by the queries of sql/finance/, whose hashes run.json records.
            if report.hasFinanceSheets { parts.append(pl ? "zestawienia finansowe: sql/finance/*.sql" : "finance tables: sql/finance/*.sql") }
            lines.append((pl ? "Wersja definicji" : "Definitions version", parts.joined(separator: "; ")))
        }
        if let runFingerprint {
            lines.append(
                (pl ? "Suma kontrolna przebiegu (SHA-256)" : "Run checksum (SHA-256)", runFingerprint))
            lines.append(
                (pl ? "Jak odtworzyć raport" : "How to reproduce the report",
                 pl ? "Polecenie „integra verify run.json” (plik run.json z folderu wyników tego przebiegu) ponownie oblicza raport z tych samych plików partnerów i definicji i potwierdza, że wynik jest identyczny. Suma kontrolna obejmuje pliki wejściowe, plik projektu i definicje."
                    : "The command \"integra verify run.json\" (run.json from this run's output folder) recomputes the report from the same partner files and definitions and confirms the result is identical. The checksum covers the input files, the project file and the definitions."))
        } else {
            lines.append((pl ? "Plik projektu (SHA-256)" : "Project file (SHA-256)", projectHash))
        }
        lines.append((pl ? "Wygenerowano przez" : "Generated by", "Integra \(integraVersion)"))
        return lines
    }
}
