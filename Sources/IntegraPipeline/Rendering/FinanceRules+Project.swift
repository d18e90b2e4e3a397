import IntegraWarehouse

extension ProjectDefinition {
    /// The finance figures' rules from the project file's `finance:` section: `tasks:` (what each task pays for, for
    /// the cost per participant of an activity), `indirect_rate:` and `flexibility:`. A project without the section
    /// has no task mapping, no flat rate and no flexibility.
    var financeRules: FinanceRules {
        guard let finance else { return FinanceRules() }
        return FinanceRules(
            tasks: finance.tasks.map { FinanceTaskMapping(task: $0.id, name: $0.name, activities: $0.activities) },
            indirectRate: finance.indirectRate, flexibility: finance.flexibility)
    }
}
