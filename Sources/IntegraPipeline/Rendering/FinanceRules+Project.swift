import IntegraWarehouse

extension ProjectDefinition {
    /// The finance figures' rules from the project file's `finance:` section (`tasks:` → ``FinanceTaskMapping``,
    /// `indirect_rate:`, `flexibility:`). Until `finance:` is parsed (issue 19, the loading part) a project has
    /// no task mapping, no flat rate and no flexibility.
    var financeRules: FinanceRules { FinanceRules() }
}
