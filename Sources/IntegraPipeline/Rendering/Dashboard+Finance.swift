import Foundation
import IntegraCore
import IntegraWarehouse

extension DashboardPage {
    /// The finance section (issue 19): spending against plan by quarter, budget lines near or over their plan,
    /// cost per participant. Aggregates only: amounts per quarter, line and partner; never a supplier or a document.
    struct FinanceSection {
        struct Kpi {
            var label: PageText
            var value: PageText
        }

        struct QuarterRow {
            var label: PageText
            var planInQuarter: PageText
            var spentInQuarter: PageText
            var planCumulative: PageText
            var spentCumulative: PageText
            /// Spent cumulative ÷ planned cumulative (plan due by the quarter's end), or "—" without a plan.
            var percent: PageText
            /// The bar of `percent`, 0–100 (a spend above plan fills it).
            var bar: Int
        }

        struct LineRow {
            var line: PageText
            var partner: String
            var plan: PageText
            var spent: PageText
            var percent: PageText
            var statusKey: String
            var status: PageText
        }

        struct CostRow {
            var label: PageText
            var cost: PageText
        }

        /// "stan na 30.06.2023".
        var asOf: PageText
        var kpis: [Kpi]
        var quarters: [QuarterRow]
        var lines: [LineRow]
        var noLines: Bool
        var costs: [CostRow]
        var hasCosts: Bool
        var note: PageText
    }
}

extension Dashboard {
    /// An amount as the page shows it: "1 234,56 zł" / "PLN 1,234.56", grouped with non-breaking spaces.
    static func money(_ m: Money) -> PageText {
        let pl = m.polish.replacingOccurrences(of: " ", with: "\u{00A0}") + "\u{00A0}zł"
        let digits = m.plain
        let negative = digits.hasPrefix("-")
        let body = negative ? String(digits.dropFirst()) : digits
        let parts = body.split(separator: ".")
        var grouped = ""
        for (i, ch) in parts[0].enumerated() {
            if i > 0 && (parts[0].count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        return PageText(pl, "PLN\u{00A0}" + (negative ? "-" : "") + grouped + "." + parts[1])
    }

    static func percent(_ ratio: Double) -> PageText {
        let v = (ratio * 1000).rounded() / 10
        let text = v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
        return PageText(text.replacingOccurrences(of: ".", with: ",") + "\u{00A0}%", text + "\u{00A0}%")
    }

    /// The finance section, or nil when the project has no ledgers or budget.
    func financeSection() -> DashboardPage.FinanceSection? {
        guard let finance else { return nil }
        let f = finance.figures
        let sum = { (k: KeyPath<BudgetLineFigures, Money>) in f.lines.reduce(Money.zero) { $0 + $1[keyPath: k] } }
        let plan = sum(\.plan), spent = sum(\.spentCumulative), forecast = sum(\.forecast)
        var kpis: [DashboardPage.FinanceSection.Kpi] = [
            .init(label: PageText("Wydatki kwalifikowalne narastająco", "Eligible spend, cumulative"), value: Self.money(spent)),
            .init(label: PageText("Budżet projektu", "Project budget"), value: Self.money(plan)),
        ]
        if plan.grosze != 0 {
            kpis.append(.init(label: PageText("Wykonanie budżetu", "Budget executed"), value: Self.percent(Double(spent.grosze) / Double(plan.grosze))))
        }
        kpis.append(.init(label: PageText("Prognoza do końca projektu", "Forecast to the project's end"), value: Self.money(forecast)))

        var quarters: [DashboardPage.FinanceSection.QuarterRow] = []
        var previousPlan = Money.zero
        for (q, figures) in financeByQuarter {
            let planTo = figures.lines.reduce(Money.zero) { $0 + $1.planToDate }
            let spentIn = figures.lines.reduce(Money.zero) { $0 + $1.spentInPeriod }
            let spentTo = figures.lines.reduce(Money.zero) { $0 + $1.spentCumulative }
            let ratio = planTo.grosze > 0 ? Double(spentTo.grosze) / Double(planTo.grosze) : nil
            quarters.append(
                .init(
                    label: PageText(q.labelPL, q.labelEN), planInQuarter: Self.money(planTo - previousPlan),
                    spentInQuarter: Self.money(spentIn), planCumulative: Self.money(planTo),
                    spentCumulative: Self.money(spentTo), percent: ratio.map(Self.percent) ?? PageText("—"),
                    bar: ratio.map { max(0, min(100, Int(($0 * 100).rounded()))) } ?? 0))
            previousPlan = planTo
        }

        let flex = finance.rules.flexibility
        let watched = f.lines.filter { $0.plan.grosze > 0 && Double($0.spentCumulative.grosze) >= 0.9 * Double($0.plan.grosze) }
            .sorted { ($0.execution ?? 0) > ($1.execution ?? 0) }
        let lines = watched.map { line -> DashboardPage.FinanceSection.LineRow in
            let overFlex = line.spentCumulative > line.plan + line.plan.share(numerator: flex.numerator, denominator: flex.denominator)
            let (key, status): (String, PageText) =
                overFlex ? ("behind", PageText("✕ ponad dopuszczalne przesunięcie", "✕ beyond the allowed shift"))
                : line.spentCumulative > line.plan ? ("lagging", PageText("▲ ponad plan", "▲ over plan"))
                : ("on-track", PageText("● co najmniej 90 % planu", "● at least 90 % of plan"))
            let name = line.lineName.map { " \($0)" } ?? ""
            return .init(
                line: PageText("Zad. \(line.task), poz. \(line.budgetLine)\(name)", "Task \(line.task), line \(line.budgetLine)\(name)"),
                partner: project.partner(line.partner)?.name ?? line.partner, plan: Self.money(line.plan),
                spent: Self.money(line.spentCumulative), percent: Self.percent(line.execution ?? 0), statusKey: key, status: status)
        }

        // Cost per participant: hidden where the persons behind it are fewer than the page's suppression threshold
        // (the amount ÷ the cost would give the count back).
        let threshold = project.dashboard.suppressBelow
        func shown(_ persons: Int) -> Bool { threshold <= 1 || persons >= threshold || persons == 0 }
        var costs: [DashboardPage.FinanceSection.CostRow] = []
        let byGroup = Dictionary(f.unitCosts.map { ($0.group, $0) }, uniquingKeysWith: { a, _ in a })
        if let total = byGroup[""], let cost = total.costPerPerson, shown(total.persons) {
            costs.append(.init(label: PageText("Koszt na uczestnika — cały projekt", "Cost per participant — whole project"), cost: Self.money(cost)))
        }
        for g in finance.groups {
            guard let u = byGroup[g.group.id] else { continue }
            switch g.kind {
            case .participants:
                if let cost = u.costPerPerson, shown(u.persons) {
                    costs.append(.init(label: PageText("Koszt na uczestnika — \(g.label.pl)", "Cost per participant — \(g.label.en)"), cost: Self.money(cost)))
                }
            case .courseHours:
                if let cost = u.costPerHour {
                    costs.append(.init(label: PageText("Koszt godziny kursu — \(g.label.pl)", "Cost per course hour — \(g.label.en)"), cost: Self.money(cost)))
                }
            }
        }
        let end = periods.reporting.end
        return .init(
            asOf: PageText("stan na \(end.polish)", "as of \(end.iso)"), kpis: kpis, quarters: quarters, lines: lines,
            noLines: lines.isEmpty, costs: costs, hasCosts: !costs.isEmpty,
            note: PageText(
                "Wydatki kwalifikowalne według daty zapłaty. Plan narastająco: część budżetu przypadająca do końca kwartału (kwoty kwartalne lub roczne budżetu, a kwota na cały projekt — proporcjonalnie do dni). Koszt na uczestnika liczy każdą osobę raz; pokazany, gdy osób jest co najmniej \(max(threshold, 1)).",
                "Eligible spend by payment date. Plan cumulative: the part of the budget due by the quarter's end (the budget's quarterly or yearly amounts; a whole-project amount in proportion to days). Cost per participant counts each person once; shown when there are at least \(max(threshold, 1)) persons."))
    }
}
