import IntegraCore

/// `dashboard.html`: one self-contained page (inline CSS, no scripts, no network) with the project's figures
/// against targets, per quarter, by breakdown, and the data-quality picture. Aggregates only: no names, PESEL,
/// phones or e-mails.
struct Dashboard {
    let project: ProjectDefinition
    let indicators: [IndicatorDefinition]
    let values: ValueIndex
    let periods: [ReportingPeriod]
    let files: [SourceFileRecord]
    let diagnostics: [DiagnosticRecord]
    let persons: Int
    let evidence: [String: Int]
    let language: ReportLanguage
    let definitionsHash: String

    private var pl: Bool { language == .pl }
    private func t(_ pl: String, _ en: String) -> String { self.pl ? pl : en }
    private var last: String { periods.last?.id ?? "" }

    func render() -> String {
        let l = Labels(language: language, project: project)
        let p = project.project
        var h = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(esc(p.name)) — \(t("wskaźniki", "indicators"))</title>
            <style>
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
            header,main,footer{max-width:1100px;margin:0 auto;padding:16px 24px}
            header{border-bottom:3px solid #0b5394}
            h1{font-size:1.5rem;margin:0 0 4px}
            h2{font-size:1.15rem;margin:28px 0 8px}
            .sub{color:#555;margin:0}
            .tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:12px}
            .tile{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px}
            .tile .v{font-size:2rem;font-weight:700}
            .tile .n{font-size:.9rem;color:#333;min-height:2.4em}
            .bar{height:10px;background:#e6e6e6;border-radius:5px;overflow:hidden;margin-top:6px}
            .bar span{display:block;height:100%;background:#0b5394}
            .ok span{background:#1a7f37}.mid span{background:#b35900}.low span{background:#a40e26}
            table{border-collapse:collapse;background:#fff;width:100%;font-size:.9rem}
            th,td{border:1px solid #ddd;padding:4px 8px;text-align:left}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            th{background:#eef3f8}
            tr.total td{font-weight:700}
            .grid2{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:16px}
            .note{color:#555;font-size:.85rem}
            footer{color:#555;font-size:.8rem;border-top:1px solid #ddd;margin-top:32px}
            @media print{body{background:#fff}.tile{break-inside:avoid}@page{size:A4;margin:12mm}}
            </style>
            </head>
            <body>
            <header>
            <h1>\(esc(p.name))</h1>
            <p class="sub">\(esc(p.funder))\(p.programme.isEmpty ? "" : " — " + esc(p.programme))\(p.agreement.isEmpty ? "" : " · " + t("umowa nr ", "agreement ") + esc(p.agreement))</p>
            <p class="sub">\(l.period): \(p.periodStart.polish) – \(p.periodEnd.polish)</p>
            </header>
            <main>
            <h2>\(t("Stan realizacji (narastająco)", "Where the project stands (cumulative)"))</h2>
            <div class="tiles">

            """
        for i in indicators {
            let value = values.value(i.code, last, "cumulative", "", "")
            h += tile(name: i.name.text(language), unit: i.unit.text(language), value: value, target: target(i.code, nil))
        }
        for target in project.targets {
            guard let c = target.category, let i = indicators.first(where: { $0.code == target.indicator }) else { continue }
            let value = values.value(i.code, last, "cumulative", c.breakdown, c.value)
            h += tile(
                name: i.name.text(language) + " — " + l.breakdownName(c.breakdown) + ": " + l.category(c.breakdown, c.value),
                unit: i.unit.text(language), value: value, target: target.value)
        }
        h += """
            </div>
            <p class="note">\(t("Pasek: wartość narastająco wobec wartości docelowej z pliku projektu. Kolory: zielony ≥ 100 %, pomarańczowy ≥ 50 %, czerwony < 50 %.", "Bar: cumulative value against the project file's target. Colours: green ≥ 100 %, orange ≥ 50 %, red < 50 %."))</p>
            <h2>\(t("Kwartały", "Quarters"))</h2>
            <table aria-label="\(t("Wartości kwartalne", "Quarterly values"))"><thead><tr><th>\(l.indicator)</th>
            """
        for period in periods { h += "<th class=\"num\">\(esc(pl ? period.labelPL : period.labelEN))</th>" }
        h += "<th class=\"num\">\(l.cumulative)</th></tr></thead><tbody>\n"
        for i in indicators {
            h += "<tr><td>\(esc(i.name.text(language)))</td>"
            for period in periods { h += "<td class=\"num\">\(n(values.value(i.code, period.id, "in_period", "", "")))</td>" }
            h += "<td class=\"num\">\(n(values.value(i.code, last, "cumulative", "", "")))</td></tr>\n"
        }
        h += "</tbody></table>\n<h2>\(t("Podział osób objętych wsparciem (narastająco)", "Persons supported by breakdown (cumulative)"))</h2>\n<div class=\"grid2\">\n"
        if let supported = indicators.first(where: { $0.code == "persons_supported" }) {
            for b in supported.breakdowns {
                h += breakdownTable(supported.code, b, labels: l)
            }
        }
        h += "</div>\n<p class=\"note\">\(esc(l.dedupNote))</p>\n"
        h += dataQuality(labels: l)
        h += """
            </main>
            <footer>
            <p>\(esc(p.name)) · \(l.period) \(p.periodStart.polish) – \(p.periodEnd.polish) · \(t("data raportu", "reporting date")) \(p.periodEnd.polish)</p>
            <p>\(t("Definicje", "Definitions")): \(indicators.map { "\(esc($0.code)) v\($0.version)" }.joined(separator: ", ")) · SHA-256 \(definitionsHash.prefix(16))… · Integra \(integraVersion)</p>
            <p>\(t("Strona zawiera wyłącznie dane zagregowane.", "This page holds aggregates only."))</p>
            </footer>
            </body>
            </html>

            """
        return h
    }

    private func target(_ code: String, _ category: BreakdownCategory?) -> Double? {
        project.targets.first { $0.indicator == code && $0.category == category }?.value
    }

    private func tile(name: String, unit: String, value: Double, target: Double?) -> String {
        var s = "<div class=\"tile\"><div class=\"n\">\(esc(name))</div><div class=\"v\">\(n(value))</div>"
        if let target, target > 0 {
            let ratio = value / target
            let cls = ratio >= 1 ? "ok" : ratio >= 0.5 ? "mid" : "low"
            let pct = Int((min(ratio, 1) * 100).rounded())
            s += "<div>\(t("cel", "target")): \(n(target)) \(esc(unit)) · \(Int((ratio * 100).rounded())) %</div>"
            s += "<div class=\"bar \(cls)\" role=\"img\" aria-label=\"\(Int((ratio * 100).rounded())) %\"><span style=\"width:\(pct)%\"></span></div>"
        } else {
            s += "<div>\(esc(unit))</div>"
        }
        return s + "</div>\n"
    }

    private func breakdownTable(_ code: String, _ breakdown: String, labels l: Labels) -> String {
        var cats = values.categories(code, breakdown).sorted { a, b in
            if a.isEmpty != b.isEmpty { return !a.isEmpty }
            return a < b
        }
        let order: [String]
        switch breakdown {
        case "age_band": order = project.rules.ageBands.map(\.label)
        case "partner": order = project.partners.map(\.id)
        case "activity": order = project.activities.map(\.id)
        case "sex": order = ["K", "M"]
        default: order = []
        }
        if !order.isEmpty {
            // Known categories in definition order, the rest after them, unknown last.
            cats.sort { (order.firstIndex(of: $0) ?? ($0.isEmpty ? 1000 : 999)) < (order.firstIndex(of: $1) ?? ($1.isEmpty ? 1000 : 999)) }
        }
        var s = "<table aria-label=\"\(esc(l.breakdownName(breakdown)))\"><thead><tr><th>\(esc(l.breakdownName(breakdown)))</th><th class=\"num\">\(t("Osoby", "Persons"))</th></tr></thead><tbody>"
        for c in cats {
            s += "<tr><td>\(esc(l.category(breakdown, c)))</td><td class=\"num\">\(n(values.value(code, last, "cumulative", breakdown, c)))</td></tr>"
        }
        s += "<tr class=\"total\"><td>\(esc(l.totalDeduplicated))</td><td class=\"num\">\(n(values.value(code, last, "cumulative", "", "")))</td></tr>"
        return s + "</tbody></table>\n"
    }

    private func dataQuality(labels l: Labels) -> String {
        var s = "<h2>\(t("Jakość danych", "Data quality"))</h2>\n"
        s += "<table aria-label=\"\(t("Pliki", "Files"))\"><thead><tr><th>\(t("Plik", "File"))</th><th>\(t("Partner", "Partner"))</th><th class=\"num\">\(t("Wiersze", "Rows"))</th><th class=\"num\">\(t("Wczytane", "Loaded"))</th><th class=\"num\">\(t("Odrzucone", "Rejected"))</th></tr></thead><tbody>"
        for f in files {
            s += "<tr><td>\(esc(f.path))</td><td>\(esc(project.partner(f.partnerID)?.name ?? f.partnerID))</td><td class=\"num\">\(f.rowsRead)</td><td class=\"num\">\(f.rowsLoaded)</td><td class=\"num\">\(f.rowsRejected)</td></tr>"
        }
        s += "</tbody></table>\n"
        var counts: [String: (Int, String)] = [:]
        for d in diagnostics {
            let c = d.diagnostic.code.rawValue
            counts[c] = ((counts[c]?.0 ?? 0) + 1, d.diagnostic.severity.rawValue)
        }
        s += "<div class=\"grid2\"><table aria-label=\"\(t("Kody diagnostyczne", "Diagnostic codes"))\"><thead><tr><th>\(t("Kod", "Code"))</th><th>\(t("Waga", "Severity"))</th><th class=\"num\">\(t("Liczba", "Count"))</th></tr></thead><tbody>"
        for (code, v) in counts.sorted(by: { $0.value.0 != $1.value.0 ? $0.value.0 > $1.value.0 : $0.key < $1.key }) {
            s += "<tr><td>\(esc(code))</td><td>\(v.1)</td><td class=\"num\">\(v.0)</td></tr>"
        }
        if counts.isEmpty { s += "<tr><td colspan=\"3\">\(t("brak", "none"))</td></tr>" }
        s += "</tbody></table>\n"
        s += "<table aria-label=\"\(t("Osoby", "Persons"))\"><thead><tr><th>\(t("Podstawa połączenia rekordów", "What joined the records"))</th><th class=\"num\">\(t("Osoby", "Persons"))</th></tr></thead><tbody>"
        for (key, pl, en) in [("pesel", "PESEL", "PESEL"), ("name_birth_date", "imię, nazwisko i data urodzenia", "name and birth date"), ("name_only", "tylko imię i nazwisko", "name only")] {
            s += "<tr><td>\(t(pl, en))</td><td class=\"num\">\(evidence[key] ?? 0)</td></tr>"
        }
        s += "<tr class=\"total\"><td>\(t("Osoby ogółem", "All persons"))</td><td class=\"num\">\(persons)</td></tr></tbody></table></div>\n"
        return s
    }

    private func n(_ d: Double) -> String {
        let i = Int(d.rounded())
        let digits = String(abs(i))
        var out = ""
        for (k, ch) in digits.reversed().enumerated() {
            if k > 0 && k % 3 == 0 { out.append("\u{00A0}") }
            out.append(ch)
        }
        return (i < 0 ? "-" : "") + String(out.reversed())
    }

    private func esc(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
