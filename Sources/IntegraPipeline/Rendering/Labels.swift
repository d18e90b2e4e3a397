import IntegraCore

/// The fixed words of reports and the dashboard, in Polish and English, and the names of categories.
struct Labels {
    /// A budget line as outputs name it: `poz. 1.1` (`line 1.1`), never the bare number — Polish Excel opens a CSV
    /// field `1.1` as the 1st of January, and the workbook shows what the CSV does.
    static func budgetLine(_ line: String, language: ReportLanguage) -> String {
        line.isEmpty ? line : (language == .pl ? "poz. " : "line ") + line
    }

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
        t("Raport publiczny: liczby od 1 do \(threshold - 1) pokazano jako „<\(threshold)”; ukryto też tyle innych liczb (ukrycie wtórne), by żadnej ukrytej nie dało się odtworzyć z pokazanych — z sumy kategorii, miesięcy, kwartałów, lat, wartości narastającej ani z innego arkusza.",
          "Public report: counts from 1 to \(threshold - 1) are shown as \"<\(threshold)\"; further figures are hidden too (secondary suppression) so that no hidden count can be worked out from the shown ones — from the sum of categories, months, quarters, years, the cumulative figure or another sheet.")
    }
    var codeNote: String {
        t("Kod: kod wskaźnika w formularzu instytucji finansującej; puste pole, gdy formularz nie nadaje kodu.",
          "Code: the indicator's code in the funder's form; empty where the form gives none.")
    }

    /// What a period column holds, for its heading's second line: "w kwartale", "narastająco do końca kwartału",
    /// "cały projekt".
    func periodKind(_ period: ReportingPeriod, scope: String) -> String {
        let cumulative = scope == "cumulative"
        switch period.kind {
        case .month: return cumulative ? t("narastająco do końca miesiąca", "cumulative to the month's end") : t("w miesiącu", "in the month")
        case .quarter: return cumulative ? t("narastająco do końca kwartału", "cumulative to the quarter's end") : t("w kwartale", "in the quarter")
        case .year: return cumulative ? t("narastająco do końca roku", "cumulative to the year's end") : t("w roku", "in the year")
        case .project: return t("cały projekt", "whole project")
        case .custom: return cumulative ? t("narastająco do końca okresu", "cumulative to the period's end") : t("w okresie", "in the period")
        }
    }

    /// A period column's heading: the period, then what it holds ("I kw. 2023" / "w kwartale"); months as 01.2023.
    func periodHeading(_ period: ReportingPeriod, scope: String) -> String {
        let label: String
        switch period.kind {
        case .month: label = (period.start.month < 10 ? "0" : "") + "\(period.start.month).\(period.start.year)"
        case .project: return t("Cały projekt", "Whole project") + "\n\(period.start.polish) – \(period.end.polish)"
        default: label = language == .pl ? period.labelPL : period.labelEN
        }
        return label + "\n" + periodKind(period, scope: scope)
    }

    /// The cumulative column's heading.
    func cumulativeHeading(_ end: LocalDate) -> String {
        t("Narastająco\nod początku projektu\ndo \(end.polish)", "Cumulative\nfrom the project's start\nto \(end.iso)")
    }

    /// The line above a table that says what its figures count.
    func periodLine(_ columns: ReportDefinition.Columns, scope: String, cumulative: Bool, reporting: ReportingPeriod) -> String {
        let start = project.project.periodStart
        let cumulativeText = cumulative
            ? t(" Kolumna „Narastająco”: od początku projektu (\(start.polish)) do \(reporting.end.polish), każda osoba liczona raz.",
                " The \"Cumulative\" column: from the project's start (\(start.iso)) to \(reporting.end.iso), each person counted once.")
            : ""
        if scope == "cumulative" {
            return t("Wartości narastająco: od początku projektu do końca każdego okresu.",
                     "Cumulative figures: from the project's start to the end of each period.") + cumulativeText
        }
        switch columns {
        case .reporting:
            if reporting.kind == .project {
                return t("Wartości za cały projekt (\(reporting.start.polish) – \(reporting.end.polish)), każda osoba liczona raz.",
                         "Figures for the whole project (\(reporting.start.iso) – \(reporting.end.iso)), each person counted once.")
            }
            return t("Wartości w okresie sprawozdawczym (\(reporting.start.polish) – \(reporting.end.polish)).",
                     "Figures within the reporting period (\(reporting.start.iso) – \(reporting.end.iso)).") + cumulativeText
        case .quarters, .months, .years:
            let (each, several, sum) = columns == .quarters
                ? (t("kwartale", "quarter"), t("kilku kwartałach", "several quarters"), t("Suma kwartałów", "The sum of the quarters"))
                : columns == .months
                ? (t("miesiącu", "month"), t("kilku miesiącach", "several months"), t("Suma miesięcy", "The sum of the months"))
                : (t("roku", "year"), t("kilku latach", "several years"), t("Suma lat", "The sum of the years"))
            return t("Każda kolumna okresu podaje wartość w tym \(each). Osoba wsparta w \(several) jest liczona w każdym z nich, dlatego w wierszach liczących osoby \(sum.lowercased()) może być większa niż wartość narastająco (w której osoba liczy się raz).",
                     "Each period column gives the figure within that \(each). A person supported in \(several) is counted in each of them, so in rows that count persons \(sum.lowercased()) can be larger than the cumulative figure (which counts them once).") + cumulativeText
        }
    }

    var agreement: String { t("umowa nr", "agreement no.") }
    var metadataSheet: String { t("Metryczka", "About") }
    var totalDeduplicated: String { t("Ogółem (bez powtórzeń)", "Total (each counted once)") }
    var unknown: String { t("brak danych", "unknown") }
    var toVerifyMark: String { t("[do weryfikacji]", "[to verify]") }
    var signature: [String] { [t("Sporządził(a):", "Prepared by:"), t("Data:", "Date:"), t("Podpis:", "Signature:")] }
    /// Page footer: the sheet's name left, the page number right (Excel's header/footer codes).
    var pageFooter: String { t("&L&9&A&R&9Strona &P z &N", "&L&9&A&R&9Page &P of &N") }
    var dedupNote: String {
        t("Osoba wspierana przez dwóch partnerów lub w dwóch formach wsparcia występuje w wierszu każdego z nich, ale w wierszu „Ogółem” tylko raz.",
          "A person supported by two partners or in two activities appears in each of their rows, but only once in the total row.")
    }
    var toVerifyNote: String {
        t("[do weryfikacji]: definicja nie została jeszcze potwierdzona w dokumencie źródłowym.",
          "[to verify]: the definition is not yet confirmed against its source document.")
    }

    /// A cost category as funders' forms name it.
    func costCategory(_ c: CostCategory) -> String {
        switch c {
        case .personnel: return t("koszty personelu", "personnel costs")
        case .direct: return t("koszty bezpośrednie", "direct costs")
        case .indirect: return t("koszty pośrednie", "indirect costs")
        case .crossFinancing: return t("cross-financing", "cross-financing")
        }
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
        case "task": return t("Zadanie", "Task")
        case "budget_line": return t("Pozycja budżetu", "Budget line")
        case "cost_category": return t("Kategoria kosztu", "Cost category")
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
        case "task": return t("Zadanie \(value)", "Task \(value)")
        case "cost_category": return CostCategory(rawValue: value).map { costCategory($0) } ?? value
        case "activity": return project.activity(value)?.name.text(language) ?? value
        case "citizenship":
            return language == .pl ? (Citizenship.displayNamePL(value).map { "\($0) (\(value))" } ?? value) : value
        default: return value
        }
    }
}
