import Foundation
import IntegraCore
import Yams

extension ProjectDefinition {
    /// The `finance:` block (or its defaults when the project has ledgers or a budget but no block), checked: an
    /// eligibility period within sense, rates that are percentages, tasks naming the project's activities.
    static func parseFinance(_ node: YAMLNode?, project: ProjectInfo, activities: [Activity]) throws -> FinanceSettings
    {
        var finance = FinanceSettings(eligibilityStart: project.periodStart, eligibilityEnd: project.periodEnd)
        guard let node else { return finance }
        try node.checkKeys(["eligibility", "vat_eligible", "indirect_rate", "flexibility", "tasks"])
        if let e = node.optional("eligibility") {
            try e.checkKeys(["start", "end"])
            if let start = e.optional("start") { finance.eligibilityStart = try start.date() }
            if let endNode = e.optional("end") {
                finance.eligibilityEnd = try endNode.date()
                guard finance.eligibilityStart <= finance.eligibilityEnd else {
                    throw endNode.error("the eligibility period ends before it starts")
                }
            } else if finance.eligibilityStart > finance.eligibilityEnd {
                throw try e.required("start").error("the eligibility period starts after the project's end")
            }
        }
        if let v = node.optional("vat_eligible") { finance.vatEligible = try v.bool() }
        if let r = node.optional("indirect_rate") {
            finance.indirectRate = try rate(r, what: "the indirect-cost flat rate")
        }
        if let f = node.optional("flexibility") { finance.flexibility = try rate(f, what: "the flexibility") }
        if let t = node.optional("tasks") {
            let known = activities.map(\.id)
            for (key, taskNode) in try t.entries() {
                let id = BudgetCode.task(key)
                guard !id.isEmpty else { throw taskNode.error("a task needs a number, e.g. \"1\"") }
                if let other = finance.tasks.first(where: { $0.id == id }) {
                    throw taskNode.error("task \(id) is listed twice (as \"\(other.id)\" and \"\(key)\")")
                }
                var task = FinanceTask(id: id)
                switch taskNode.node {
                case .scalar:
                    task.name = try taskNode.string()
                default:
                    try taskNode.checkKeys(["name", "activities"])
                    task.name = try taskNode.optional("name")?.string()
                    if let a = taskNode.optional("activities") {
                        for item in try a.items(allowScalar: true) {
                            let activity = try item.string()
                            guard known.contains(activity) else {
                                throw item.error(
                                    "no activity '\(activity)' under activities:; known: \(known.sorted().joined(separator: ", "))"
                                )
                            }
                            if !task.activities.contains(activity) { task.activities.append(activity) }
                        }
                    }
                }
                finance.tasks.append(task)
            }
        }
        return finance
    }

    /// A share written as a percentage (`7%`, `12,5 %`) or a decimal fraction (`0.07`), from 0 to 100 %, exact.
    private static func rate(_ node: YAMLNode, what: String) throws -> Rate {
        let text = try node.string()
        guard let rate = Rate.parse(text) else {
            throw node.error("\(what) is a percentage such as 7% or 12,5% (or a share such as 0.07)")
        }
        guard rate.isAtMostOne else { throw node.error("\(what) is a percentage from 0% to 100%") }
        return rate
    }

    /// A ledger must give the eligible amount, or the amount it is derived from: the net one, or the gross one
    /// when VAT is eligible.
    static func checkLedgerAmounts(_ source: SourceDefinition, node: YAMLNode, finance: FinanceSettings) throws {
        let columns = source.columns
        guard columns["eligible"] == nil else { return }
        let base = finance.vatEligible ? "gross" : "net"
        guard columns[base] == nil else { return }
        throw try node.required("columns").error(
            "a ledger needs its eligible amount: map eligible:, or \(base): to take the eligible amount from it "
                + (finance.vatEligible ? "(VAT is eligible: finance: vat_eligible: true)" : "(VAT is not eligible)"))
    }
}
