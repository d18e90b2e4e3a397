import Foundation
import IntegraCore
import IntegraWarehouse

/// What a run keeps once its records are in the warehouse: the file accounting, and the counts the summary and
/// manifest report. Load's output; the records themselves are released with ``LinkedPersons``.
struct LoadedWarehouse: StageOutput {
    var files: [SourceFileRecord]
    var persons: Int
    /// Persons by the evidence that joined their records (`pesel`, `name_birth_date`, `name_only`…).
    var evidence: [String: Int]
    var reviewPairs: Int
    /// How many persons fewer there would be if every review pair were one person (joins of a union–find).
    var reviewJoins: Int
    /// Files normalise could not read at all.
    var failedFiles: Int
    /// Data rows loaded or rejected.
    var rows: Int
    /// The finance figures read beside link (``FinanceTrack``), for render.
    var money: FinanceTrack.Read? = nil
    /// The finance reports begun beside load, by id: their sheets that need no person written (``FinanceWorkbooks``).
    var workbooks: [String: FinanceWorkbooks.Begun] = [:]

    var handled: (count: Int?, unit: String) { (rows, "rows") }
}

/// Load: the project's partners and activities, the accounting, the run's diagnostics, the persons and every
/// record derived from the stored rows into the warehouse's tables, in one transaction (`Warehouse.load`), and each
/// record's person id for the next run.
struct LoadStage: PipelineStage {
    static let stage = RunStage.load

    func run(_ linked: LinkedPersons, in context: inout StageContext) throws -> LoadedWarehouse {
        let project = context.definitions.project
        // The finance reports' document lists and budget tables on the other core while load writes on this one.
        // (Only in a run that writes outputs: a chain tried without a staging folder writes nothing.)
        let workbooks = try context.staging.flatMap { staging in
            try FinanceWorkbooks.start(
                context.definitions, money: linked.money, warehouse: context.warehouse,
                reportsDir: staging.folder.appendingPathComponent("reports", isDirectory: true))
        }
        defer { workbooks?.waitForEnd() }
        var batch = WarehouseBatch()
        batch.partners = project.partnerRows
        batch.activities = project.activities.map {
            ActivityRow(
                id: $0.id, namePL: $0.name.pl, nameEN: $0.name.en, kind: $0.kind, priority: $0.priority,
                completionThreshold: project.rules.completionThreshold($0),
                supportStarts: project.rules.supportStarts($0).rawValue, sessionHours: $0.sessionHours)
        }
        batch.files = linked.accounting.files
        batch.rowStatus = linked.accounting.rowStatus
        batch.diagnostics = context.diagnostics.sorted()
        batch.persons = linked.persons
        batch.courses = linked.courses
        batch.participants = linked.participants
        batch.sessions = linked.sessions
        batch.marks = linked.marks
        batch.consultations = linked.consultations
        batch.expenditures = linked.expenditures
        batch.budget = linked.budget
        batch.financeLoaded = linked.financeLoaded
        batch.periods = context.definitions.computed
        batch.links = linked.links
        batch.review = linked.review
        batch.model = linked.model
        try context.warehouse.load(batch)
        try context.warehouse.savePersonIDs(linked.assignedIDs)
        var evidence: [String: Int] = [:]
        for p in linked.persons { evidence[p.evidence.rawValue, default: 0] += 1 }
        let begun = try workbooks?.value() ?? [:]
        return LoadedWarehouse(
            files: linked.accounting.files, persons: linked.persons.count, evidence: evidence,
            reviewPairs: Set(linked.review.map { [$0.personA, $0.personB].sorted() }).count,
            reviewJoins: Pipeline.joins(linked.review.map { ($0.personA, $0.personB) }),
            failedFiles: linked.accounting.failedFiles, rows: linked.accounting.rowStatus.count, money: linked.money,
            workbooks: begun)
    }
}

extension ProjectDefinition {
    /// The project's partners as the warehouse's `partners` table holds them.
    var partnerRows: [(id: String, name: String, role: String)] { partners.map { ($0.id, $0.name, $0.role.rawValue) } }
}
