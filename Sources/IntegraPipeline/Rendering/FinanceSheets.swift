import Foundation
import IntegraCore
import IntegraReports
import IntegraWarehouse

/// The finance figures of a run's reporting period with what the finance sheets and the dashboard need to label
/// them: the project's task mapping and the groups unit costs are worked out for (issue 19).
struct FinanceData {
    /// A group of tasks whose cost per participant (or per course hour) a sheet shows, with its label.
    struct CostGroup {
        enum Kind { case participants, courseHours }
        var group: FinanceCostGroup
        var kind: Kind
        var label: LocalizedText
    }

    var figures: FinanceFigures
    var rules: FinanceRules
    var groups: [CostGroup]

    /// The finance figures of `start...end` (only `parts` of them), or nil when the warehouse holds no ledger row and
    /// no budget cell (the finance sheets and the dashboard's finance section are then left out).
    static func gather(
        _ warehouse: Warehouse, project: ProjectDefinition, rules: FinanceRules, start: LocalDate, end: LocalDate,
        parts: FinanceParts = .all
    ) throws -> FinanceData? {
        guard try warehouse.hasFinanceData() else { return nil }
        let groups = costGroups(rules, project: project)
        let figures = try warehouse.financeFigures(
            start: start, end: end, projectStart: project.project.periodStart, projectEnd: project.project.periodEnd,
            rules: rules, groups: groups.map(\.group), parts: parts)
        return FinanceData(figures: figures, rules: rules, groups: groups)
    }

    /// Per activity the tasks that pay for it; activities paid for by the same tasks form one group (their spend
    /// cannot be told apart), counted over the persons of all those tasks' activities. Then one group of the tasks
    /// that pay for language courses, for the cost of a course hour. Tasks with no activity are shared out nowhere.
    static func costGroups(_ rules: FinanceRules, project: ProjectDefinition) -> [CostGroup] {
        var order: [[String]] = []
        var activitiesOf: [[String]: [String]] = [:]
        for activity in project.activities {
            let tasks = rules.tasks.filter { $0.activities.contains(activity.id) }.map(\.task)
            guard !tasks.isEmpty else { continue }
            if activitiesOf[tasks] == nil { order.append(tasks) }
            activitiesOf[tasks, default: []].append(activity.id)
        }
        func taskWords(_ tasks: [String]) -> LocalizedText {
            tasks.count == 1
                ? LocalizedText(pl: "zadanie \(tasks[0])", en: "task \(tasks[0])")
                : LocalizedText(pl: "zadania \(tasks.joined(separator: ", "))", en: "tasks \(tasks.joined(separator: ", "))")
        }
        func names(_ ids: [String]) -> LocalizedText {
            let activities = ids.compactMap { project.activity($0) }
            return LocalizedText(
                pl: activities.map(\.name.pl).joined(separator: ", "), en: activities.map(\.name.en).joined(separator: ", "))
        }
        var groups: [CostGroup] = order.map { tasks in
            let all = rules.tasks.filter { tasks.contains($0.task) }.flatMap(\.activities)
            var seen = Set<String>()
            let activities = all.filter { seen.insert($0).inserted }
            let n = names(activitiesOf[tasks]!), t = taskWords(tasks)
            return CostGroup(
                group: FinanceCostGroup(id: "tasks:" + tasks.joined(separator: ","), tasks: tasks, activities: activities),
                kind: .participants, label: LocalizedText(pl: "\(n.pl) (\(t.pl))", en: "\(n.en) (\(t.en))"))
        }
        let courseActivities = project.activities.filter { $0.kind == "language_course" }.map(\.id)
        let courseTasks = rules.tasks.filter { !Set($0.activities).isDisjoint(with: courseActivities) }.map(\.task)
        if !courseTasks.isEmpty {
            let activities = courseActivities.filter { a in rules.tasks.contains { courseTasks.contains($0.task) && $0.activities.contains(a) } }
            let n = names(activities), t = taskWords(courseTasks)
            groups.append(
                CostGroup(
                    group: FinanceCostGroup(id: "hours", tasks: courseTasks, activities: activities), kind: .courseHours,
                    label: LocalizedText(pl: "\(n.pl) (\(t.pl))", en: "\(n.en) (\(t.en))")))
        }
        return groups
    }

    /// Tasks of the mapping that pay for no activity (project management): in the total cost per participant only.
    var unsharedTasks: [String] { rules.tasks.filter(\.activities.isEmpty).map(\.task) }
}

/// `1.2` before `1.10`: budget numbers compared part by part, numbers as numbers.
func budgetOrder(_ a: String, _ b: String) -> Bool {
    let pa = a.split(separator: "."), pb = b.split(separator: ".")
    for (x, y) in zip(pa, pb) where x != y {
        if let i = Int(x), let j = Int(y) { return i < j }
        return x < y
    }
    return pa.count < pb.count
}

/// Lays out the finance sheets of a report (document list, budget execution, unit costs, indirect costs) from the
/// run's ``FinanceData``, with the same title block as the indicator sheets.
struct FinanceSheetBuilder {
    let project: ProjectDefinition
    let finance: FinanceData
    let periods: ReportPeriods
    let language: ReportLanguage

    private func t(_ pl: String, _ en: String) -> String { language == .pl ? pl : en }
    private var l: Labels { Labels(language: language, project: project) }

    func build(_ sheet: ReportDefinition.Sheet, slug: String, report: ReportDefinition) -> ReportSheet {
        let funder = ReportFunder(project: project, report: report, language: language)
        let reporting = periods.reporting
        let funderLine = funder.funder + (funder.programme.isEmpty ? "" : ", \(funder.programme)")
        let titleLines = [
            report.title.text(language) + (report.toVerify ? " " + l.toVerifyMark : ""),
            "\(project.project.name) — \(funderLine)",
            "\(l.reportingPeriod): \(reporting.start.polish) – \(reporting.end.polish)"
                + (funder.agreement.isEmpty ? "" : "; \(funder.agreementLabel): \(funder.agreement)"),
        ]
        var table: (header: [String], rows: [[ReportCell]], totals: Set<Int>, notes: [String], widths: [Double])
        switch sheet.kind {
        case .expenditureList: table = expenditureList(sheet.financeColumns)
        case .budgetExecution: table = budgetExecution(sheet.financeColumns)
        case .unitCosts: table = unitCosts()
        case .indirectCosts: table = indirectCosts()
        case .indicators: preconditionFailure("an indicator sheet is laid out by ReportBuilder")
        }
        if report.toVerify { table.notes.append(l.toVerifyNote) }
        return ReportSheet(
            slug: slug, name: sheet.name.text(language), titleLines: titleLines + [periodLine(sheet.kind)],
            header: table.header, rows: table.rows, totalRows: table.totals, notes: table.notes, widths: table.widths)
    }

    private var cumulativeEnd: LocalDate { finance.figures.end }
    private var isWholeProject: Bool { periods.reporting.kind == .project }

    private func periodLine(_ kind: ReportDefinition.SheetKind) -> String {
        let r = periods.reporting
        let start = project.project.periodStart
        switch kind {
        case .expenditureList:
            return t("Dokumenty zapłacone w okresie \(r.start.polish) – \(r.end.polish) (według daty zapłaty). Kwoty w zł.",
                     "Documents paid within \(r.start.iso) – \(r.end.iso) (by payment date). Amounts in PLN.")
        case .budgetExecution:
            return t("Kwoty w zł. Wydatki kwalifikowalne według daty zapłaty: w okresie sprawozdawczym i narastająco od początku projektu (\(start.polish)) do \(r.end.polish).",
                     "Amounts in PLN. Eligible expenditure by payment date: within the reporting period and cumulative from the project's start (\(start.iso)) to \(r.end.iso).")
        case .unitCosts, .indirectCosts:
            return t("Narastająco od początku projektu (\(start.polish)) do \(r.end.polish). Kwoty w zł.",
                     "Cumulative from the project's start (\(start.iso)) to \(r.end.iso). Amounts in PLN.")
        case .indicators: return ""
        }
    }

    private func heading(_ column: ReportDefinition.FinanceColumn) -> String {
        if let h = column.header { return h.text(language) }
        switch column.field {
        case .number: return t("Lp.", "No.")
        case .partner: return t("Partner", "Partner")
        case .documentNumber: return t("Numer dokumentu", "Document no.")
        case .issueDate: return t("Data wystawienia", "Issue date")
        case .paymentDate: return t("Data zapłaty", "Payment date")
        case .supplier: return t("Wystawca (kontrahent)", "Supplier")
        case .supplierNIP: return t("NIP wystawcy", "Supplier NIP")
        case .description: return t("Nazwa towaru lub usługi", "Goods or service")
        case .net: return t("Kwota netto", "Net")
        case .vat: return t("VAT", "VAT")
        case .gross: return t("Kwota brutto", "Gross")
        case .eligible: return t("Wydatki kwalifikowalne", "Eligible")
        case .eligibleVAT: return t("w tym VAT", "of which VAT")
        case .task: return t("Zadanie", "Task")
        case .budgetLine: return t("Pozycja budżetu", "Budget line")
        case .category: return t("Kategoria kosztu", "Cost category")
        case .source: return t("Plik źródłowy i wiersz", "Source file and row")
        case .lineName: return t("Nazwa pozycji", "Line")
        case .plan: return t("Budżet (plan)", "Budget (plan)")
        case .planToDate: return t("Plan do końca okresu", "Plan to the period's end")
        case .spentPeriod: return isWholeProject ? t("Wydatki w okresie", "Spent in the period") : t("Wydatki w okresie\n\(periods.reporting.labelPL)", "Spent in\n\(periods.reporting.labelEN)")
        case .spentCumulative: return t("Wydatki narastająco", "Spent cumulative")
        case .execution: return t("% wykonania", "% executed")
        case .remaining: return t("Pozostało do wydania", "Remaining")
        case .forecast: return t("Prognoza do końca projektu", "Forecast to the project's end")
        }
    }

    /// Widths in characters, for A4 landscape at ≥ 8 pt with the 15 columns of a document list: money columns are
    /// widened to their widest amount when the workbook is written (`PrintLayout.fitted`).
    private func width(_ field: FinanceColumnField) -> Double {
        switch field {
        case .number: return 4
        case .partner: return 14
        case .documentNumber: return 13
        case .issueDate, .paymentDate: return 10
        case .supplier: return 18
        case .supplierNIP: return 11
        case .description, .lineName: return 20
        case .task: return 7
        case .budgetLine: return 8
        case .category: return 12
        case .source: return 24
        case .execution: return 9
        default: return field.isMoney ? 12 : 10
        }
    }

    private func partnerName(_ id: String) -> String { project.partner(id)?.name ?? id }
    private func category(_ c: CostCategory?) -> String { c.map { l.costCategory($0) } ?? "" }

    private func expenditureList(_ columns: [ReportDefinition.FinanceColumn]) -> (
        header: [String], rows: [[ReportCell]], totals: Set<Int>, notes: [String], widths: [Double]
    ) {
        let entries = finance.figures.expenditures
        var rows: [[ReportCell]] = entries.enumerated().map { i, e in
            columns.map { c -> ReportCell in
                func money(_ m: Money?) -> ReportCell { m.map { .money($0.grosze) } ?? .empty }
                func text(_ s: String?) -> ReportCell { s.map { .text($0) } ?? .empty }
                switch c.field {
                case .number: return .integer(Double(i + 1))
                case .partner: return .text(partnerName(e.partner))
                case .documentNumber: return .text(e.documentNumber)
                case .issueDate: return text(e.issueDate?.polish)
                case .paymentDate: return text(e.paymentDate?.polish)
                case .supplier: return text(e.supplier)
                case .supplierNIP: return text(e.supplierNIP)
                case .description: return text(e.description)
                case .net: return money(e.net)
                case .vat: return money(e.vat)
                case .gross: return money(e.gross)
                case .eligible: return money(e.eligible)
                case .eligibleVAT: return money(e.eligibleVAT)
                case .task: return .text(e.task)
                case .budgetLine: return .text(Labels.budgetLine(e.budgetLine, language: language))
                case .category: return .text(category(e.category))
                case .source: return .text(e.file + (e.sheet.map { "[\($0)]" } ?? "") + ":\(e.row)")
                default: return .empty
                }
            }
        }
        // One total row: each amount column summed (an amount a row does not give counts 0).
        var total: [ReportCell] = columns.map { _ in .empty }
        for (c, column) in columns.enumerated() where column.field.isMoney {
            let sum = entries.reduce(Int64(0)) { acc, e in
                switch column.field {
                case .net: return acc + (e.net?.grosze ?? 0)
                case .vat: return acc + (e.vat?.grosze ?? 0)
                case .gross: return acc + (e.gross?.grosze ?? 0)
                case .eligible: return acc + e.eligible.grosze
                case .eligibleVAT: return acc + (e.eligibleVAT?.grosze ?? 0)
                default: return acc
                }
            }
            total[c] = .money(sum)
        }
        // The label in the first text column wide enough for it (not the narrow Lp.).
        if let label = columns.firstIndex(where: { !$0.field.isMoney && $0.field != .number }) ?? columns.firstIndex(where: { !$0.field.isMoney }) {
            total[label] = .text(t("Razem", "Total"))
        }
        rows.append(total)
        var notes = [
            t("Dokumenty ujęte według daty zapłaty (kasowo); korekty (faktury korygujące, noty) ze znakiem minus w okresie ich zapłaty. Wiersze odrzucone przy kontroli (np. brak daty zapłaty, podwójne ujęcie faktury) nie są wykazane — zob. diagnostics.csv.",
              "Documents by payment date (cash basis); corrections (credit notes) negative, in the period they were paid. Rows rejected by the checks (e.g. no payment date, an invoice claimed twice) are not listed — see diagnostics.csv."),
        ]
        if columns.contains(where: { $0.field == .supplier }) {
            notes.append(t("Zawiera nazwy wystawców, w tym osób fizycznych: dane osobowe — przekazywać tylko instytucji finansującej.",
                           "Holds suppliers' names, natural persons' among them: personal data — send to the funder only."))
        }
        return (columns.map(heading), rows, [rows.count - 1], notes, columns.map { width($0.field) })
    }

    private func budgetExecution(_ columns: [ReportDefinition.FinanceColumn]) -> (
        header: [String], rows: [[ReportCell]], totals: Set<Int>, notes: [String], widths: [Double]
    ) {
        let partnerRank = Dictionary(project.partners.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let lines = finance.figures.lines.sorted {
            if $0.task != $1.task { return budgetOrder($0.task, $1.task) }
            if $0.budgetLine != $1.budgetLine { return budgetOrder($0.budgetLine, $1.budgetLine) }
            return (partnerRank[$0.partner] ?? .max, $0.partner) < (partnerRank[$1.partner] ?? .max, $1.partner)
        }
        let cumulativeColumn = columns.firstIndex { $0.field == .spentCumulative }
        let planColumn = columns.firstIndex { $0.field == .plan }
        // A total row's label goes in the line name column (the widest), else in the task column.
        let labelColumn: FinanceColumnField = columns.contains { $0.field == .lineName } ? .lineName : .task
        func row(_ f: BudgetLineFigures, label: String?) -> [ReportCell] {
            columns.enumerated().map { c, column -> ReportCell in
                switch column.field {
                case .task: return labelColumn == .task ? .text(label ?? f.task) : .text(f.task)
                case .budgetLine: return label == nil ? .text(Labels.budgetLine(f.budgetLine, language: language)) : .empty
                case .lineName: return .text(label ?? f.lineName ?? "")
                case .category: return label == nil ? .text(category(f.category)) : .empty
                case .partner: return label == nil ? .text(partnerName(f.partner)) : .empty
                case .plan: return .money(f.plan.grosze)
                case .planToDate: return .money(f.planToDate.grosze)
                case .spentPeriod: return .money(f.spentInPeriod.grosze)
                case .spentCumulative: return .money(f.spentCumulative.grosze)
                case .remaining: return .money(f.remaining.grosze)
                case .forecast: return .money(f.forecast.grosze)
                case .execution:
                    guard let ratio = f.execution else { return .empty }
                    if let n = cumulativeColumn, let d = planColumn { return .ratio(ratio, numerator: n, denominator: d) }
                    return .percent(ratio)
                default: return .empty
                }
            }
        }
        func sum(_ items: [BudgetLineFigures], task: String) -> BudgetLineFigures {
            func add(_ k: KeyPath<BudgetLineFigures, Money>) -> Money { Money(grosze: items.reduce(0) { $0 + $1[keyPath: k].grosze }) }
            return BudgetLineFigures(
                partner: "", task: task, taskName: nil, budgetLine: "", lineName: nil, category: nil, plan: add(\.plan),
                planToDate: add(\.planToDate), spentInPeriod: add(\.spentInPeriod), spentCumulative: add(\.spentCumulative),
                remaining: add(\.remaining), forecast: add(\.forecast))
        }
        var rows: [[ReportCell]] = []
        var totals = Set<Int>()
        var tasks: [String] = []
        for f in lines where !tasks.contains(f.task) { tasks.append(f.task) }
        for task in tasks {
            let of = lines.filter { $0.task == task }
            for f in of { rows.append(row(f, label: nil)) }
            let name = of.compactMap(\.taskName).first
            totals.insert(rows.count)
            rows.append(row(sum(of, task: task), label: t("Razem zadanie \(task)", "Total task \(task)") + (name.map { ": \($0)" } ?? "")))
        }
        totals.insert(rows.count)
        rows.append(row(sum(lines, task: ""), label: t("Ogółem", "Total")))
        var notes = [
            t("Budżet (plan): kwota pozycji z budżetu umowy na cały projekt (gdy budżet podaje kwoty roczne lub kwartalne — ich suma). % wykonania = wydatki narastająco ÷ budżet; pozostało = budżet − wydatki narastająco.",
              "Budget (plan): the line's amount in the agreement's budget for the whole project (the sum of its years or quarters where the budget gives those). % executed = spent cumulative ÷ budget; remaining = budget − spent cumulative."),
            t("Prognoza do końca projektu = wydatki narastająco × liczba dni projektu ÷ liczba dni od początku projektu do końca okresu (obecne tempo). Każde dzielenie zaokrąglone do pełnych groszy (połówki w górę, od zera); wiersze „Razem” i „Ogółem” są sumami wierszy powyżej.",
              "Forecast to the project's end = spent cumulative × the project's days ÷ the days from the project's start to the period's end (the current pace). Every division rounded to the grosz (halves away from zero); the total rows are sums of the rows above."),
        ]
        let flex = finance.rules.flexibility
        let over = lines.filter { $0.plan.grosze > 0 && $0.spentCumulative > $0.plan + $0.plan.share(numerator: flex.numerator, denominator: flex.denominator) }
        if !over.isEmpty {
            let list = over.map { "\(Labels.budgetLine($0.budgetLine, language: language)) (\(partnerName($0.partner)))" }.joined(separator: ", ")
            notes.append(t("Pozycje przekroczone ponad dopuszczalne przesunięcie (\(Self.percent(flex, language: language))): \(list) — potrzebny aneks do umowy.",
                           "Lines over their plan beyond the allowed shift (\(Self.percent(flex, language: language))): \(list) — an annex to the agreement is needed."))
        }
        return (columns.map(heading), rows, totals, notes, columns.map { width($0.field) })
    }

    /// A rate as a percentage from its exact fraction: "7 %", "12,5 %" ("12.5 %" in English).
    static func percent(_ rate: Rate, language: ReportLanguage = .pl) -> String {
        let hundred = rate.numerator * 100
        if hundred % rate.denominator == 0 { return "\(hundred / rate.denominator) %" }
        return language.decimal("%.1f", Double(hundred) / Double(rate.denominator)) + " %"
    }

    private func unitCosts() -> (header: [String], rows: [[ReportCell]], totals: Set<Int>, notes: [String], widths: [Double]) {
        let header = [
            t("Wskaźnik kosztu", "Cost figure"), t("Wydatki kwalifikowalne narastająco", "Eligible spend cumulative"),
            t("Dzielnik", "Divisor"), t("Jednostka dzielnika", "Divisor unit"), t("Koszt jednostkowy (zł)", "Unit cost (PLN)"),
        ]
        let byGroup = Dictionary(finance.figures.unitCosts.map { ($0.group, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [[ReportCell]] = []
        func money(_ m: Money?) -> ReportCell { m.map { .money($0.grosze) } ?? .empty }
        if let total = byGroup[""] {
            rows.append([
                .text(t("Koszt na uczestnika — cały projekt", "Cost per participant — whole project")), .money(total.spent.grosze),
                .integer(Double(total.persons)), .text(t("osoby", "persons")), money(total.costPerPerson),
            ])
        }
        for g in finance.groups {
            guard let f = byGroup[g.group.id] else { continue }
            switch g.kind {
            case .participants:
                rows.append([
                    .text(t("Koszt na uczestnika — ", "Cost per participant — ") + g.label.text(language)),
                    .money(f.spent.grosze), .integer(Double(f.persons)), .text(t("osoby", "persons")), money(f.costPerPerson),
                ])
            case .courseHours:
                rows.append([
                    .text(t("Koszt godziny kursu — ", "Cost per course hour — ") + g.label.text(language)),
                    .money(f.spent.grosze), .decimal(Double(f.centihours) / 100), .text(t("godziny", "hours")), money(f.costPerHour),
                ])
            }
        }
        var notes = [
            t("Koszt na uczestnika = wydatki kwalifikowalne narastająco ÷ liczba osób objętych wsparciem (każda osoba liczona raz, także gdy wspierało ją kilku partnerów). Dla formy wsparcia: wydatki zadań, które ją finansują (finance.tasks w pliku projektu) ÷ osoby wsparte w formach wsparcia tych zadań.",
              "Cost per participant = eligible spend cumulative ÷ persons supported (each person once, also when several partners supported them). For an activity: the spend of the tasks that pay for it (finance.tasks in the project file) ÷ the persons supported in those tasks' activities."),
            t("Koszt godziny kursu = wydatki zadań finansujących kursy językowe ÷ godziny zajęć odbytych (zajęcia, na których ktoś był obecny, × godziny zajęć formy wsparcia). Dzielenia zaokrąglone do pełnych groszy (połówki od zera).",
              "Cost per course hour = the spend of the tasks paying for language courses ÷ the hours of sessions held (sessions anyone attended × the activity's session hours). Divisions rounded to the grosz (halves away from zero)."),
        ]
        if !finance.unsharedTasks.isEmpty {
            let list = finance.unsharedTasks.joined(separator: ", ")
            notes.append(t("Zadania bez form wsparcia (\(list), np. zarządzanie projektem) są tylko w koszcie na uczestnika całego projektu: nie są rozdzielane na formy wsparcia.",
                           "Tasks paying for no activity (\(list), e.g. project management) are in the whole project's cost per participant only: they are not shared out over activities."))
        }
        if finance.rules.tasks.isEmpty {
            notes.append(t("Plik projektu nie przypisuje zadań do form wsparcia (finance.tasks): podano tylko koszt na uczestnika całego projektu.",
                           "The project file maps no tasks to activities (finance.tasks): only the whole project's cost per participant is given."))
        }
        return (header, rows, [], notes, [46, 16, 10, 12, 16])
    }

    private func indirectCosts() -> (header: [String], rows: [[ReportCell]], totals: Set<Int>, notes: [String], widths: [Double]) {
        let header = [
            t("Partner", "Partner"), t("Koszty bezpośrednie (personel i bezpośrednie)", "Direct costs (personnel and direct)"),
            t("Stawka ryczałtu", "Flat rate"), t("Limit kosztów pośrednich", "Indirect-cost limit"),
            t("Koszty pośrednie", "Indirect costs"), t("Limit − koszty pośrednie", "Limit − indirect costs"), t("Status", "Status"),
        ]
        guard let rate = finance.rules.indirectRate else {
            return (header, [], [], [t("Umowa nie przewiduje ryczałtu kosztów pośrednich (finance.indirect_rate w pliku projektu).",
                                     "The agreement sets no flat rate of indirect costs (finance.indirect_rate in the project file).")],
                    [24, 16, 10, 16, 16, 16, 14])
        }
        let partnerRank = Dictionary(project.partners.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let items = finance.figures.indirect.sorted { (partnerRank[$0.partner] ?? .max, $0.partner) < (partnerRank[$1.partner] ?? .max, $1.partner) }
        var rows: [[ReportCell]] = items.map { f in
            [
                .text(partnerName(f.partner)), .money(f.direct.grosze), .percent(rate.value), .money(f.limit.grosze),
                .money(f.indirect.grosze), .money((f.limit - f.indirect).grosze),
                .text(f.indirect > f.limit ? t("ponad limit", "over the limit") : t("w limicie", "within the limit")),
            ]
        }
        let direct = items.reduce(Money.zero) { $0 + $1.direct }, indirect = items.reduce(Money.zero) { $0 + $1.indirect }
        let limit = items.reduce(Money.zero) { $0 + $1.limit }
        rows.append([.text(t("Ogółem", "Total")), .money(direct.grosze), .percent(rate.value), .money(limit.grosze), .money(indirect.grosze), .money((limit - indirect).grosze), .empty])
        let notes = [
            t("Limit = \(Self.percent(rate, language: language)) kosztów bezpośrednich partnera (koszty personelu i bezpośrednie; bez cross-financingu), zaokrąglony do pełnych groszy (połówki od zera); narastająco od początku projektu. Przekroczenie zgłasza też kontrola indirect-over-flat-rate.",
              "Limit = \(Self.percent(rate, language: language)) of the partner's direct costs (personnel and direct; cross-financing excluded), rounded to the grosz (halves away from zero); cumulative from the project's start. The check indirect-over-flat-rate reports an excess too."),
        ]
        return (header, rows, [rows.count - 1], notes, [24, 16, 10, 16, 16, 16, 14])
    }
}
