import IntegraCore

/// The fixed words of reports and the dashboard, in Polish and English, and the names of categories.
struct Labels {
    let language: ReportLanguage
    let project: ProjectDefinition

    private func t(_ pl: String, _ en: String) -> String { language == .pl ? pl : en }

    var code: String { t("Kod", "Code") }
    var indicator: String { t("Wskaźnik", "Indicator") }
    var unit: String { t("Jednostka", "Unit") }
    var cumulative: String { t("Narastająco", "Cumulative") }
    var target: String { t("Wartość docelowa", "Target") }
    var achieved: String { t("% realizacji", "% achieved") }
    var period: String { t("Okres realizacji", "Project period") }
    var reportingPeriod: String { t("Okres sprawozdawczy", "Reporting period") }
    func cumulativeTo(_ end: LocalDate) -> String { t("Narastająco do \(end.polish)", "Cumulative to \(end.iso)") }
    func suppressionNote(_ threshold: Int) -> String {
        t("Raport publiczny: liczby od 1 do \(threshold - 1) pokazano jako „<\(threshold)”; gdy w grupie ukryta byłaby tylko jedna, ukryto też najmniejszą kolejną (ukrycie wtórne).",
          "Public report: counts from 1 to \(threshold - 1) are shown as \"<\(threshold)\"; where only one would be hidden in a group, the next smallest is hidden too (secondary suppression).")
    }
    var codeNote: String {
        t("Kod: kod wskaźnika w formularzu instytucji finansującej, jeśli go ma; inaczej kod Integry (sql/indicators).",
          "Code: the indicator's code in the funder's form where it has one; otherwise Integra's code (sql/indicators).")
    }

    func periodNote(_ columns: ReportDefinition.Columns, scope: String, cumulative: Bool, reporting: ReportingPeriod) -> String {
        let kind: String
        switch columns {
        case .months: kind = t("miesięcy", "month")
        case .quarters: kind = t("kwartałów", "quarter")
        case .years: kind = t("lat", "year")
        case .reporting: kind = t("okresu sprawozdawczego", "reporting period")
        }
        var note = scope == "in_period"
            ? t("Kolumny \(kind): wartości w danym okresie (osoba liczona raz w okresie).", "The \(kind) columns: values within each period (a person counted once per period).")
            : t("Kolumny \(kind): wartości narastająco od początku projektu do końca okresu.", "The \(kind) columns: running totals from the project's start to each period's end.")
        if cumulative {
            note += " " + t("Narastająco: od początku projektu (\(project.project.periodStart.polish)) do \(reporting.end.polish).",
                            "Cumulative: from the project's start (\(project.project.periodStart.iso)) to \(reporting.end.iso).")
        }
        return note
    }
    var agreement: String { t("umowa nr", "agreement no.") }
    var metadataSheet: String { t("Metryczka", "About") }
    var totalDeduplicated: String { t("Ogółem (bez powtórzeń)", "Total (each counted once)") }
    var unknown: String { t("brak danych", "unknown") }
    var toVerifyMark: String { t("[do weryfikacji]", "[to verify]") }
    var dedupNote: String {
        t("Osoba wspierana przez dwóch partnerów lub w dwóch formach wsparcia występuje w wierszu każdego z nich, ale w wierszu „Ogółem” tylko raz.",
          "A person supported by two partners or in two activities appears in each of their rows, but only once in the total row.")
    }
    var toVerifyNote: String {
        t("[do weryfikacji]: definicja nie została jeszcze potwierdzona w dokumencie źródłowym.",
          "[to verify]: the definition is not yet confirmed against its source document.")
    }

    func breakdownName(_ key: String) -> String {
        switch key {
        case "sex": return t("Płeć", "Sex")
        case "age_band": return t("Wiek w chwili przystąpienia", "Age at start")
        case "citizenship": return t("Obywatelstwo", "Citizenship")
        case "partner": return t("Partner", "Partner")
        case "activity": return t("Forma wsparcia", "Activity")
        case "topic": return t("Temat", "Topic")
        case "language": return t("Język", "Language")
        case "mode": return t("Forma kontaktu", "Mode")
        case "objective": return t("Cel szczegółowy FAMI", "FAMI objective")
        case "priority": return t("Priorytet programu", "Programme priority")
        default: return key
        }
    }

    func category(_ breakdown: String, _ value: String) -> String {
        if value.isEmpty { return unknown }
        switch breakdown {
        case "sex": return value == "K" ? t("Kobiety", "Women") : value == "M" ? t("Mężczyźni", "Men") : value
        case "partner": return project.partner(value)?.name ?? value
        case "objective":
            return value == "integration" ? t("Integracja / legalna migracja", "Integration / legal migration")
                : value == "asylum" ? t("Azyl", "Asylum") : value
        case "priority": return t("Priorytet \(value)", "Priority \(value)")
        case "activity": return project.activity(value)?.name.text(language) ?? value
        case "citizenship":
            return language == .pl ? (Citizenship.displayNamePL(value).map { "\($0) (\(value))" } ?? value) : value
        default: return value
        }
    }
}
