import Foundation
import IntegraCore
import IntegraReports
import IntegraWarehouse

/// What `integra explain INDICATOR` found: the units behind one figure and the rows that qualified them.
public struct IndicatorExplanation: Sendable {
    public var indicator: IndicatorDefinition
    public var period: ReportingPeriod
    public var scope: String
    public var filter: BreakdownCategory?
    /// Every breakdown category asked for (`--where partner=przystan,budget_line=1.1`); `filter` is the first.
    public var filters: [BreakdownCategory] = []
    public var evidence: [IndicatorEvidence]
    /// For a money indicator: each ledger row's document, by raw row id.
    public var documents: [Int: ExpenditureDocument] = [:]
    /// The figure as the latest run stored it, when it computed this period.
    public var storedFigure: Double?
    /// Names of persons by id (only when asked for).
    public var names: [String: String]
    /// The language of the text and the table (`--lang`; Polish unless asked otherwise, as a run's reports).
    public var language: ReportLanguage = .pl

    /// The figure the listed rows make: distinct units, or the sum of values.
    public var figure: Double {
        indicator.aggregation == .sum
            ? evidence.reduce(0) { $0 + ($1.value ?? 0) } : Double(Set(evidence.map(\.unitID)).count)
    }

    /// A figure of this indicator as printed: money (grosze) as złoty, "1 234,56 zł"; others whole numbers as such,
    /// the rest with two decimals in the explanation's language ("213,75").
    func amount(_ v: Double) -> String {
        if indicator.isMoney { return Money(grosze: Int64(v.rounded())).polish + " zł" }
        return v == v.rounded() ? String(Int(v)) : language.decimal("%.2f", v)
    }

    /// Every breakdown category asked for: `filters`, or `filter` alone.
    var categories: [BreakdownCategory] { filters.isEmpty ? (filter.map { [$0] } ?? []) : filters }

    public var units: [String] {
        var seen = Set<String>()
        return evidence.map(\.unitID).filter { seen.insert($0).inserted }
    }

    /// The explanation as text: the figure, then each unit with its qualifying rows (file, sheet, row).
    public func text() -> String {
        let pl = language == .pl
        var lines: [String] = []
        let scopeText = scope == "cumulative"
            ? (pl ? "narastająco od początku projektu" : "cumulative from the project's start")
            : (pl ? "w okresie" : "in the period")
        var head = "\(indicator.code) — \(indicator.name.text(language))\n"
        head += "\(pl ? "Okres" : "Period") \(period.id) (\(period.start.iso) – \(period.end.iso)), \(scopeText)"
        let all = categories
        if !all.isEmpty {
            let unknown = pl ? "(brak danych)" : "(unknown)"
            head += (pl ? ", gdzie " : ", where ")
                + all.map { "\($0.breakdown) = \($0.value.isEmpty ? unknown : $0.value)" }.joined(separator: pl ? " i " : " and ")
        }
        lines.append(head)
        let unitWord = indicator.isMoney ? "" : " \(indicator.unit.text(language))"
        lines.append(
            pl
                ? "Wartość: \(amount(figure))\(unitWord); wiersze kwalifikujące: \(evidence.count), jednostki: \(units.count)"
                : "Figure: \(amount(figure))\(unitWord) from \(evidence.count) qualifying rows of \(units.count) units")
        if let stored = storedFigure {
            let same = abs(stored - figure) < 1e-9
            switch (same, pl) {
            case (true, true): lines.append("Ostatni przebieg podał \(amount(stored)): wiersze poniżej dają dokładnie tę wartość.")
            case (true, false): lines.append("The latest run reported \(amount(stored)): the rows below add up to it.")
            case (false, true):
                lines.append("UWAGA: ostatni przebieg podał \(amount(stored)), a hurtownia danych daje teraz \(amount(figure)) (uruchom przebieg ponownie)")
            case (false, false):
                lines.append("WARNING: the latest run reported \(amount(stored)); the warehouse now gives \(amount(figure)) (re-run to refresh)")
            }
        } else if all.count > 1 {
            lines.append(
                pl
                    ? "(Przebieg zapisuje wartości w podziale według jednej cechy naraz: ta wartość to suma wierszy poniżej.)"
                    : "(A run stores figures by one breakdown at a time: this one is the sum of the rows below.)")
        }
        lines.append("")
        var byUnit: [String: [IndicatorEvidence]] = [:]
        for e in evidence { byUnit[e.unitID, default: []].append(e) }
        for unit in units {
            let rows = byUnit[unit]!
            var line = unit
            if let name = names[unit] { line += " (\(name))" }
            if let d = rows.first?.rawRowID.flatMap({ documents[$0] }) {
                line += " \(pl ? "dokument" : "document") \(d.documentNumber) (\(d.partner))"
            }
            if indicator.aggregation == .sum {
                let sum = rows.reduce(0) { $0 + ($1.value ?? 0) }
                line += ": \(amount(sum))"
            }
            line += pl
                ? " — wiersze kwalifikujące: \(rows.count)" : " — \(rows.count) qualifying row\(rows.count == 1 ? "" : "s")"
            lines.append(line)
            for e in rows {
                var where_ = e.file ?? (pl ? "(bez wiersza źródłowego)" : "(no source row)")
                if let s = e.sheet { where_ += "[\(s)]" }
                if let r = e.row { where_ += ":\(r)" }
                lines.append("    \(e.eventDate.iso)  \(where_)" + (e.value.map { "  \(amount($0))" } ?? ""))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The rows as a table (CSV or XLSX): one line per qualifying row, headed in the explanation's language.
    public func document() -> ReportDocument {
        let pl = language == .pl
        var header = [pl ? "Jednostka" : "unit_id"]
        if !names.isEmpty { header.append(pl ? "Imię i nazwisko" : "name") }
        if indicator.isMoney { header += pl ? ["Numer dokumentu", "Partner"] : ["document_number", "partner"] }
        header += pl ? ["Data", "Wartość", "Plik", "Arkusz", "Wiersz"] : ["event_date", "value", "file", "sheet", "row"]
        let rows: [[ReportCell]] = evidence.map { e in
            var cells: [ReportCell] = [.text(e.unitID)]
            if !names.isEmpty { cells.append(.text(names[e.unitID] ?? "")) }
            if indicator.isMoney {
                let d = e.rawRowID.flatMap { documents[$0] }
                cells += [.text(d?.documentNumber ?? ""), .text(d?.partner ?? "")]
            }
            let value: ReportCell = e.value.map { indicator.isMoney ? .money(Int64($0.rounded())) : .decimal($0) } ?? .empty
            cells += [
                .text(e.eventDate.iso), value, .text(e.file ?? ""), .text(e.sheet ?? ""),
                e.row.map { .integer(Double($0)) } ?? .empty,
            ]
            return cells
        }
        let all = categories
        let scopeWord = scope == "cumulative" ? (pl ? "narastająco" : "cumulative") : (pl ? "w okresie" : "in the period")
        let title = "\(indicator.code) — \(indicator.name.text(language)), \(period.id) \(scopeWord)"
            + (all.isEmpty ? "" : ", " + all.map { "\($0.breakdown) = \($0.value)" }.joined(separator: pl ? " i " : " and "))
        let figureLine = pl
            ? "Wartość: \(amount(figure)) (jednostki: \(units.count))" : "Figure: \(amount(figure)) (\(units.count) units)"
        // Column widths by position from the end: value, file, sheet, row; a document number as long as a ledger
        // writes it ("LP/PRZYSTAN/2023/02/25").
        var widths = Array(repeating: 14.0, count: header.count)
        widths[header.count - 4] = indicator.isMoney ? 16 : 12
        widths[header.count - 3] = 50
        if indicator.isMoney { widths[header.count - 7] = 24 }
        let sheet = ReportSheet(
            slug: "rows", name: pl ? "Wiersze" : "Rows", titleLines: [title, figureLine], header: header, rows: rows,
            widths: widths)
        return ReportDocument(
            id: "explain-\(indicator.code)", title: title,
            metadata: [(pl ? "Wskaźnik" : "Indicator", indicator.code), (pl ? "Okres" : "Period", period.id)],
            metadataSheetName: pl ? "Metryczka" : "About", sheets: [sheet], created: period.end)
    }
}

extension Pipeline {
    /// The persons (or consultations) behind one figure and the source rows that qualified them (issue 6):
    /// `integra explain persons_supported --period 2023Q2 --where sex=K`.
    public static func explainIndicator(
        _ code: String, period periodText: String?, cumulative: Bool, filter: String?, projectFile: URL,
        displayPath: String? = nil, options: RunOptions, showNames: Bool
    ) throws -> IndicatorExplanation {
        let (project, warehouse) = try openWarehouse(projectFile: projectFile, displayPath: displayPath, options: options)
        defer { try? warehouse.close() }
        // The command's own messages in the language asked for (a definition file's errors stay in English).
        let pl = options.language == .pl
        let root = try options.definitionsRoot ?? DefinitionsRoot.find(from: projectFile.deletingLastPathComponent())
        let indicators = try IndicatorDefinition.loadAll(root: root)
        guard let indicator = indicators.first(where: { $0.code == code }) else {
            throw DefinitionError(
                file: "sql/indicators", keyPath: "",
                message: pl
                    ? "nie ma wskaźnika '\(code)'; są: \(indicators.map(\.code).joined(separator: ", "))"
                    : "no indicator '\(code)'; known: \(indicators.map(\.code).joined(separator: ", "))")
        }
        let p = project.project
        let period: ReportingPeriod
        if let periodText {
            guard let parsed = ReportingPeriod.parse(periodText, projectStart: p.periodStart, projectEnd: p.periodEnd) else {
                throw DefinitionError(
                    file: "--period", keyPath: "",
                    message: pl
                        ? "'\(periodText)' nie jest okresem w czasie projektu (2023Q2, 2023-05, 2023, project, 2023-03-15..2023-06-30)"
                        : "'\(periodText)' is not a period within the project (2023Q2, 2023-05, 2023, project, 2023-03-15..2023-06-30)")
            }
            period = parsed
        } else {
            period = ReportingPeriod.project(from: p.periodStart, to: p.periodEnd)
        }
        // One breakdown category, or several joined by commas (partner=przystan,task=1,budget_line=1.1).
        var specs: [(BreakdownSpec, String)] = []
        var categories: [BreakdownCategory] = []
        if let filter {
            let items = filter.split(separator: ",").map(String.init)
            let parts = items.allSatisfy { $0.contains("=") } ? items : [filter]
            for item in parts {
                let pair = item.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2 else {
                    throw DefinitionError(
                        file: "--where", keyPath: "",
                        message: pl
                            ? "napisz przekrój=wartość, np. sex=K albo citizenship=UKR"
                            : "write breakdown=value, e.g. sex=K or citizenship=UKR")
                }
                let key = pair[0].trimmingCharacters(in: .whitespaces)
                guard indicator.breakdowns.contains(key), let column = IndicatorDefinition.knownBreakdowns[key] else {
                    throw DefinitionError(
                        file: "--where", keyPath: "",
                        message: pl
                            ? "\(code) nie ma przekroju '\(key)'; ma: \(indicator.breakdowns.joined(separator: ", "))"
                            : "\(code) has no breakdown '\(key)'; it allows \(indicator.breakdowns.joined(separator: ", "))")
                }
                let value = pair[1].trimmingCharacters(in: .whitespaces)
                specs.append((BreakdownSpec(key: key, column: column, bands: key == "age_band" ? project.rules.ageBands : nil), value))
                categories.append(BreakdownCategory(breakdown: key, value: value))
            }
        }
        let category = categories.count == 1 ? categories[0] : nil
        let start = cumulative ? p.periodStart : period.start
        let evidence = try warehouse.evidence(
            IndicatorQuery(code: code, sql: indicator.sql, aggregation: indicator.aggregation, file: indicator.files[1]),
            from: start, to: period.end, filters: specs)
        let scope = cumulative ? "cumulative" : "in_period"
        let all = try warehouse.indicatorValues()
        let stored = all.first {
            $0.indicator == code && $0.period == period.id && $0.scope == scope && $0.breakdown == (category?.breakdown ?? "")
                && $0.category == (category?.value ?? "")
        }?.value
        var names: [String: String] = [:]
        if showNames {
            for unit in Set(evidence.map(\.unitID)) {
                if let r = try warehouse.records(ofPerson: unit).first { names[unit] = "\(r.firstName) \(r.lastName)" }
            }
        }
        // A category the run never stored is 0 there, as in the reports; a figure of several categories is never
        // stored.
        let storedOrZero = categories.count > 1
            ? nil : stored ?? (all.contains { $0.indicator == code && $0.period == period.id } ? 0 : nil)
        var explanation = IndicatorExplanation(
            indicator: indicator, period: period, scope: scope, filter: category, evidence: evidence,
            storedFigure: storedOrZero, names: names)
        explanation.filters = categories
        explanation.language = options.language
        if indicator.isMoney {
            explanation.documents = try warehouse.expenditureDocuments(rawRowIDs: evidence.compactMap(\.rawRowID))
        }
        return explanation
    }
}
