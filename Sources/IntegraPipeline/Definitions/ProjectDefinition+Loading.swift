import Foundation
import IntegraCore
import Yams

/// The fields a source's `columns:` may map, per kind of file.
public enum SourceField {
    public static let person: Set<String> = [
        "first_name", "last_name", "full_name", "birth_date", "pesel", "citizenship", "sex", "phone", "email",
        "document", "arrival_date", "objective", "objective_since", "ukr_status", "employment_date",
    ]
    public static func allowed(for kind: SourceKind) -> Set<String> {
        switch kind {
        case .roll:
            return person.union(["group", "start_date", "end_date", "level_in", "level_out", "row_number"])
        case .attendance:
            return ["first_name", "last_name", "full_name", "row_number", "signature"]
        case .consultations:
            return person.union(["date", "topic", "language", "mode", "minutes", "hours", "consultant", "row_number"])
        case .ledger:
            return ledger
        case .budget:
            return budget
        }
    }

    /// An expenditure ledger's fields (issue 19): the accounting document, its amounts, and where the budget
    /// places it. `partner` is for a ledger holding several partners' rows (else the source's partner).
    public static let ledger: Set<String> = [
        "document_number", "issue_date", "payment_date", "supplier", "supplier_nip", "description", "net", "vat",
        "gross", "eligible", "eligible_vat", "budget_line", "task", "partner", "category", "claim", "row_number",
    ]

    /// The budget's fields (issue 19): one row per task, line and partner; the amount either in one `amount`
    /// column with a `period` column (or none: the whole project), or in period columns (`2024`, `2024Q3`,
    /// `I kw. 2024`) found by their headers.
    public static let budget: Set<String> = [
        "task", "task_name", "budget_line", "line_name", "partner", "category", "amount", "period", "row_number",
    ]

    /// The fields whose written values go through a source's `values:` map; others are read as written (names,
    /// groups), parsed by their own rules (dates, PESEL, phone) or not read at all, so a map there would do nothing.
    static let valueMapped: Set<String> = [
        "sex", "citizenship", "objective", "ukr_status", "level_in", "level_out", "topic", "language", "mode",
        "category",
    ]

    /// The fields a `from_file_name:` or `from_title:` pattern may take, per kind of file: a consultation log has
    /// no course group; a ledger or budget has no activity, and a ledger's file may name its payment claim
    /// (`wydatki-{claim}`).
    public static func patternFields(for kind: SourceKind) -> Set<String> {
        switch kind {
        case .roll, .attendance: ["group", "activity", "partner"]
        case .consultations: ["activity", "partner"]
        case .ledger: ["partner", "claim"]
        case .budget: ["partner"]
        }
    }
}

extension ProjectDefinition {
    /// Reads and checks a project file; every problem names the file, line and key.
    ///
    /// ```swift
    /// let project = try ProjectDefinition.load(from: URL(fileURLWithPath: "pipelines/demo.yml"))
    /// ```
    public static func load(from url: URL, displayPath: String? = nil) throws -> ProjectDefinition {
        let name = displayPath ?? url.path
        let text: String
        do {
            let data = try Data(contentsOf: url)
            guard let s = String(data: data, encoding: .utf8) else {
                throw DefinitionError(file: name, keyPath: "", message: "the file is not UTF-8 text")
            }
            text = s
        } catch let e as DefinitionError {
            throw e
        } catch {
            throw DefinitionError(file: name, keyPath: "", message: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(text, file: name)
    }

    /// Parses project-file text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws -> ProjectDefinition {
        let root = try YAMLNode.parse(text, file: file)
        try root.checkKeys([
            "version", "project", "partners", "activities", "sources", "participants", "linkage", "targets", "reports",
            "warehouse", "dashboard", "finance",
        ])
        if let v = root.optional("version"), try v.int() != 1 {
            throw v.error("this Integra reads project files of version 1")
        }
        let project = try parseProject(root.required("project"))
        let partnerNodes = try root.required("partners").items()
        let partners = try partnerNodes.map(parsePartner)
        try unique(partners.map(\.id), nodes: partnerNodes, what: "partner id")
        if !partners.contains(where: { $0.role == .leader }) {
            throw try root.required("partners").error("one partner must have role: leader (the project's leader)")
        }
        let activities = try root.required("activities").entries().map(parseActivity)
        let sourceNodes = try root.required("sources").items()
        let sources = try sourceNodes.map { node in
            try parseSource(node, partners: Set(partners.map(\.id)), activities: Set(activities.map(\.id)))
        }
        try unique(sources.map(\.id), nodes: sourceNodes, what: "source id")
        let rules = try root.optional("participants").map(parseRules) ?? ParticipantRules()
        let linkage = try root.optional("linkage").map(parseLinkage) ?? LinkageRules()
        var targets: [Target] = [], partnerTargets: [PartnerTarget] = []
        for node in try root.optional("targets")?.items() ?? [] {
            let context = CategoryContext(partners: partners, activities: activities, ageBands: rules.ageBands)
            switch try parseTarget(node, partners: partners, context: context) {
            case .project(let t): targets.append(t)
            case .partner(let t): partnerTargets.append(t)
            }
        }
        var reports: [String] = []
        var reportAgreements: [String: String] = [:]
        for item in try root.optional("reports")?.items(allowScalar: true) ?? [] {
            // A path, or `{ report: path, agreement: "…" }` for a report under an agreement of its own.
            if case .mapping = item.node {
                try item.checkKeys(["report", "agreement"])
                let path = try item.required("report").string()
                reports.append(path)
                if let agreement = try item.optional("agreement")?.string(), !agreement.isEmpty {
                    reportAgreements[path] = agreement
                }
            } else {
                reports.append(try item.string())
            }
        }
        let warehouse = try root.optional("warehouse")?.string()
        var definition = ProjectDefinition(
            project: project, partners: partners, activities: activities, sources: sources, rules: rules,
            linkage: linkage, targets: targets, reports: reports, reportAgreements: reportAgreements,
            warehouse: warehouse, file: file)
        definition.partnerTargets = partnerTargets
        if let node = root.optional("dashboard") { definition.dashboard = try parseDashboard(node) }
        let financeNode = root.optional("finance")
        if financeNode != nil || sources.contains(where: \.kind.isFinance) {
            let finance = try parseFinance(financeNode, project: project, activities: activities)
            definition.finance = finance
            for (source, node) in zip(sources, sourceNodes) where source.kind == .ledger {
                try checkLedgerAmounts(source, node: node, finance: finance)
            }
        }
        return definition
    }

    /// Throws at the second use of an id, naming where it was first used.
    private static func unique(_ ids: [String], nodes: [YAMLNode], what: String) throws {
        var seen: [String: Int] = [:]
        for (i, id) in ids.enumerated() {
            if let first = seen[id] {
                let firstLine = nodes[first].node.mark.map { " (line \($0.line))" } ?? ""
                throw try nodes[i].required("id").error("\(what) '\(id)' is already used by item \(first + 1)\(firstLine)")
            }
            seen[id] = i
        }
    }

    private static func identifier(_ node: YAMLNode) throws -> String {
        let s = try node.string()
        let ok = !s.isEmpty && s.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
        guard ok else { throw node.error("identifiers use lower-case letters, digits, '-' and '_' only") }
        return s
    }

    private static func parseProject(_ node: YAMLNode) throws -> ProjectInfo {
        try node.checkKeys(["id", "name", "funder", "programme", "agreement", "period"])
        let period = try node.required("period")
        try period.checkKeys(["start", "end", "long"])
        let start = try period.required("start").date()
        let endNode = try period.required("end")
        let end = try endNode.date()
        guard start <= end else { throw endNode.error("the period ends before it starts") }
        // A typo (`end: 2203`) would run for minutes over centuries of empty months: such a period must be confirmed.
        if try period.optional("long")?.bool() != true {
            let years = Double(end.daysSinceEpoch - start.daysSinceEpoch + 1) / 365.25
            if start.year < ProjectInfo.plausibleYears.lowerBound || end.year > ProjectInfo.plausibleYears.upperBound {
                throw (start.year < ProjectInfo.plausibleYears.lowerBound ? try period.required("start") : endNode).error(
                    "\(start.iso) – \(end.iso) lies outside \(ProjectInfo.plausibleYears.lowerBound)–"
                        + "\(ProjectInfo.plausibleYears.upperBound); correct the date, or confirm it with long: true under period:")
            }
            if years > ProjectInfo.longestPlausibleYears {
                throw endNode.error(
                    "the period \(start.iso) – \(end.iso) is \(Int(years.rounded(.down))) years long (more than "
                        + "\(Int(ProjectInfo.longestPlausibleYears))); correct the date, or confirm it with long: true under period:")
            }
        }
        return ProjectInfo(
            id: try identifier(node.required("id")),
            name: try node.required("name").string(),
            funder: try node.required("funder").string(),
            programme: try node.optional("programme")?.string() ?? "",
            agreement: try node.optional("agreement")?.string() ?? "",
            periodStart: start, periodEnd: end)
    }

    private static func parsePartner(_ node: YAMLNode) throws -> Partner {
        try node.checkKeys(["id", "name", "role"])
        let role = try node.optional("role")?.oneOf(Partner.Role.allCases.map(\.rawValue)) ?? "partner"
        return Partner(
            id: try identifier(node.required("id")), name: try node.required("name").string(),
            role: Partner.Role(rawValue: role) ?? .partner)
    }

    private static func parseSource(_ node: YAMLNode, partners: Set<String>, activities: Set<String>) throws
        -> SourceDefinition
    {
        try node.checkKeys([
            "id", "partner", "kind", "activity", "files", "encoding", "delimiter", "sheets", "header_row", "columns",
            "title", "marks", "values", "date_formats", "optional", "from_file_name", "from_title",
        ])
        let partnerNode = try node.required("partner")
        let partner = try partnerNode.string()
        guard partners.contains(partner) else {
            throw partnerNode.error("no partner with id '\(partner)'; partners: \(partners.sorted().joined(separator: ", "))")
        }
        let kind = SourceKind(rawValue: try node.required("kind").oneOf(SourceKind.allCases.map(\.rawValue)))!
        var activity = ""
        if kind.isFinance {
            // Money is not an activity's: a ledger's rows name their task and budget line instead.
            if let a = node.optional("activity") {
                throw a.error(
                    "a \(kind.rawValue) source has no activity: its rows name their task and budget line; remove activity:")
            }
        } else {
            let activityNode = try node.required("activity")
            activity = try activityNode.string()
            guard activities.contains(activity) else {
                throw activityNode.error(
                    "no activity '\(activity)' under activities:; known: \(activities.sorted().joined(separator: ", "))")
            }
        }
        var delimiter: Character?
        if let d = node.optional("delimiter") {
            let s = try d.string()
            switch s {
            case ",", ";", "|": delimiter = Character(s)
            case "\t", "tab", "\\t": delimiter = "\t"
            default: throw d.error("expected one of , ; | tab")
            }
        }
        var columns: [String: [String]] = [:]
        let columnsNode = try node.required("columns")
        let allowedFields = SourceField.allowed(for: kind)
        try columnsNode.checkKeys(allowedFields)
        for (field, headers) in try columnsNode.entries() {
            columns[field] = try headers.strings()
        }
        let hasName = columns["full_name"] != nil || (columns["first_name"] != nil && columns["last_name"] != nil)
        if !hasName && !kind.isFinance {
            throw columnsNode.error("map full_name, or both first_name and last_name")
        }
        if kind == .ledger {
            let missing = ["document_number", "payment_date", "task", "budget_line"].filter { columns[$0] == nil }
            if !missing.isEmpty {
                throw columnsNode.error(
                    "a ledger needs \(missing.joined(separator: ", ")): map the column(s) under columns: (the document "
                        + "number, the payment date that places it in a period, and the task and budget line it is "
                        + "charged to)")
            }
        }
        if kind == .budget {
            let missing = ["task", "budget_line", "category"].filter { columns[$0] == nil }
            if !missing.isEmpty {
                throw columnsNode.error(
                    "a budget needs \(missing.joined(separator: ", ")): map the column(s) under columns:")
            }
            if columns["period"] != nil && columns["amount"] == nil {
                throw columnsNode.error(
                    "period: needs amount: (one amount column, its period in another); without amount: the periods "
                        + "are found as column headers (2024, 2024Q1, I kw. 2024)")
            }
        }
        if kind == .consultations, columns["date"] == nil { throw columnsNode.error("consultations need a date column") }
        var title: [String: [String]] = [:]
        if let t = node.optional("title") {
            try t.checkKeys(["group", "course", "trainer", "month"])
            for (field, labels) in try t.entries() { title[field] = try labels.strings() }
        }
        let fromFileName = try pattern(node.optional("from_file_name"), kind: kind)
        let fromTitle = try pattern(node.optional("from_title"), kind: kind)
        if let fromFileName, let fromTitle,
            let both = fromFileName.fields.first(where: fromTitle.fields.contains)
        {
            throw try node.required("from_title").error(
                "{\(both)} is taken from the file name too (from_file_name:); take it from one of them")
        }
        // Where the course group comes from: exactly one place, so two places can never disagree.
        if kind == .roll || kind == .attendance {
            var groupFrom: [String] = []
            if kind == .roll, columns["group"] != nil { groupFrom.append("a column (columns: group)") }
            if title["group"] != nil { groupFrom.append("a title label (title: group)") }
            if fromTitle?.fields.contains("group") == true { groupFrom.append("a title line (from_title:)") }
            if fromFileName?.fields.contains("group") == true { groupFrom.append("the file name (from_file_name:)") }
            if groupFrom.isEmpty {
                let ways =
                    "from the file name (from_file_name: \"kurs_{group}_lista\") or from a title line "
                    + "(from_title: \"grupa {group}\")"
                if kind == .roll {
                    throw columnsNode.error(
                        "a course roll needs the course group each person is in: map a group column, or take it \(ways)")
                }
                throw node.error(
                    "an attendance sheet needs its course group: a title label (title: { group: Grupa }), or take it \(ways)")
            }
            if groupFrom.count > 1 {
                throw node.error(
                    "the course group is taken from \(groupFrom.joined(separator: " and ")); take it from one place only")
            }
        }
        var marks = MarkVocabulary()
        if let m = node.optional("marks") {
            try m.checkKeys(["present", "absent", "excused"])
            marks.present = try m.optional("present")?.strings() ?? []
            marks.absent = try m.optional("absent")?.strings() ?? []
            marks.excused = try m.optional("excused")?.strings() ?? []
        }
        var values: [String: [String: String]] = [:]
        if let v = node.optional("values") {
            let captured = Set((fromFileName?.fields ?? []) + (fromTitle?.fields ?? []))
            try checkValueFields(v, kind: kind, allowed: allowedFields, captured: captured)
            for (field, mapNode) in try v.entries() {
                var map: [String: String] = [:]
                for (canonical, written) in try mapNode.entries() {
                    let ids = field == "activity" ? activities : field == "partner" ? partners : nil
                    if let ids, !ids.contains(canonical) {
                        throw written.error(
                            "'\(canonical)' is no \(field) id; known: \(ids.sorted().joined(separator: ", "))")
                    }
                    for w in try written.strings() { map[TextNormalisation.foldForMatching(w)] = canonical }
                }
                values[field] = map
            }
        }
        var headerRow: Int?
        if let h = node.optional("header_row") {
            headerRow = try h.int()
            guard (1...1_048_576).contains(headerRow!) else { throw h.error("rows are numbered from 1 to 1048576") }
        }
        var source = SourceDefinition(
            id: try identifier(node.required("id")), partner: partner, kind: kind, activity: activity,
            files: try node.required("files").strings(),
            encoding: try node.optional("encoding")?.string(), delimiter: delimiter,
            sheets: try node.optional("sheets")?.strings() ?? [], headerRow: headerRow, columns: columns,
            title: title, marks: marks, values: values,
            dateFormats: try node.optional("date_formats")?.strings() ?? [], fromFileName: fromFileName,
            fromTitle: fromTitle)
        source.optional = try node.optional("optional")?.bool() ?? false
        return source
    }

    /// A `from_file_name:` or `from_title:` pattern, checked: known fields only, and only those the kind reads.
    private static func pattern(_ node: YAMLNode?, kind: SourceKind) throws -> FieldPattern? {
        guard let node else { return nil }
        let pattern: FieldPattern
        do {
            pattern = try FieldPattern(try node.string())
        } catch let problem as FieldPattern.Problem {
            throw node.error(problem.message)
        }
        let allowed = SourceField.patternFields(for: kind)
        if let field = pattern.fields.first(where: { !allowed.contains($0) }) {
            throw node.error(
                "{\(field)} is not read from \(kind.rawValue) files; a pattern here takes "
                    + allowed.sorted().map { "{\($0)}" }.joined(separator: ", "))
        }
        return pattern
    }

    /// Refuses a `values:` map that would do nothing: for a field the source does not map, or whose values are not
    /// looked up in a map (a name, a group, a date), naming the key's line.
    private static func checkValueFields(
        _ node: YAMLNode, kind: SourceKind, allowed: Set<String>, captured: Set<String>
    ) throws {
        guard case .mapping(let mapping) = node.node else { throw node.error("expected a mapping (key: value lines)") }
        var mapped = SourceField.valueMapped.intersection(allowed).union(captured.subtracting(["group", "claim"]))
        // A ledger or budget with a partner column may map its written forms to partner ids.
        if kind.isFinance { mapped.insert("partner") }
        for pair in mapping {
            let field = pair.key.string ?? ""
            guard !mapped.contains(field) else { continue }
            let why: String
            if field == "group" {
                why = "a group is read as written; take it from a column, from_file_name: or from_title:"
            } else if field == "activity" || field == "partner" {
                why = "it applies to a {\(field)} that from_file_name: or from_title: takes, and no pattern here takes one"
            } else if allowed.contains(field) {
                why = "\(field) is not read through a value map"
            } else {
                why = "\(field) is not read from \(kind.rawValue) files"
            }
            let fields = mapped.sorted().joined(separator: ", ")
            throw DefinitionError(
                file: node.file, line: pair.key.mark?.line, column: pair.key.mark?.column,
                keyPath: "\(node.path).\(field)",
                message: "values: for \(field) would do nothing: \(why)"
                    + (fields.isEmpty ? "" : "; values: applies to \(fields)"))
        }
    }

    private static func parseActivity(_ key: String, _ node: YAMLNode) throws -> Activity {
        if case .scalar = node.node { return Activity(id: key, name: try node.localized()) }
        try node.checkKeys(["pl", "en", "kind", "priority", "completion_threshold", "support_starts", "session_hours"])
        let pl = try node.required("pl").string()
        var activity = Activity(id: key, name: LocalizedText(pl: pl, en: try node.optional("en")?.string() ?? pl))
        activity.kind = try node.optional("kind")?.oneOf(Activity.kinds) ?? "other"
        activity.priority = try node.optional("priority")?.string()
        if let t = node.optional("completion_threshold") { activity.completionThreshold = try share(t) }
        if let s = node.optional("support_starts") {
            activity.supportStarts = Activity.SupportStart(rawValue: try s.oneOf(Activity.SupportStart.allCases.map(\.rawValue)))
        }
        if let h = node.optional("session_hours") {
            let hours = try h.double()
            guard hours >= 0, hours <= 24 else { throw h.error("hours of one session, between 0 and 24") }
            activity.sessionHours = hours
        }
        return activity
    }

    private static func share(_ node: YAMLNode) throws -> Double {
        let v = try node.double()
        guard v > 0, v <= 1 else { throw node.error("a share between 0 and 1 (or a percentage such as 80%)") }
        return v
    }

    private static func parseRules(_ node: YAMLNode) throws -> ParticipantRules {
        try node.checkKeys(["completion_threshold", "roll_start_is_support", "age_bands", "objective", "ukr_arrival_since"])
        var rules = ParticipantRules()
        if let t = node.optional("completion_threshold") {
            rules.completionThreshold = try t.double()
            guard rules.completionThreshold > 0, rules.completionThreshold <= 1 else {
                throw t.error("a share between 0 and 1 (or a percentage such as 80%)")
            }
        }
        if let r = node.optional("roll_start_is_support") { rules.rollStartIsSupport = try r.bool() }
        if let bands = node.optional("age_bands") { rules.ageBands = try parseAgeBands(bands) }
        if let o = node.optional("objective") {
            rules.objective = try o.oneOf(FundingObjective.allCases.map(\.rawValue))
        }
        if let d = node.optional("ukr_arrival_since") { rules.ukrArrivalSince = try d.date() }
        return rules
    }

    private static func parseDashboard(_ node: YAMLNode) throws -> DashboardSettings {
        try node.checkKeys(["suppress_below"])
        var settings = DashboardSettings()
        if let n = node.optional("suppress_below") {
            settings.suppressBelow = try n.int()
            guard (0...DashboardSettings.largestThreshold).contains(settings.suppressBelow) else {
                throw n.error(
                    "a whole number from 0 to \(DashboardSettings.largestThreshold) (5 hides counts 1–4; 0 hides none)")
            }
        }
        return settings
    }

    private static func parseLinkage(_ node: YAMLNode) throws -> LinkageRules {
        try node.checkKeys([
            "match_threshold", "review_floor", "max_block_size", "review_sheet_limit", "first_names", "decisions",
        ])
        var rules = LinkageRules()
        func probability(_ key: String) throws -> Double? {
            guard let n = node.optional(key) else { return nil }
            let v = try n.double()
            guard v > 0, v < 1 else { throw n.error("a probability between 0 and 1 (e.g. 0.95 or 95%)") }
            return v
        }
        rules.matchThreshold = try probability("match_threshold") ?? rules.matchThreshold
        rules.reviewFloor = try probability("review_floor") ?? rules.reviewFloor
        if rules.reviewFloor > rules.matchThreshold {
            throw try node.required("review_floor").error("the review floor must not exceed match_threshold")
        }
        if let b = node.optional("max_block_size") {
            rules.maxBlockSize = try b.int()
            guard (2...1_000_000).contains(rules.maxBlockSize) else { throw b.error("a whole number from 2 to 1000000") }
        }
        if let l = node.optional("review_sheet_limit") {
            rules.reviewSheetLimit = try l.int()
            guard (1...1_000_000).contains(rules.reviewSheetLimit) else { throw l.error("a whole number from 1 to 1000000") }
        }
        rules.firstNames = try node.optional("first_names")?.string() ?? rules.firstNames
        rules.decisions = try node.optional("decisions")?.string()
        return rules
    }

    /// Age bands, youngest first, that give every age exactly one band: the first from 0 (no `min:`), each next
    /// starting the year after the previous ends, the last open (no `max:`). A gap would count people as of
    /// unknown age, an overlap would put them in the first band that fits.
    static func parseAgeBands(_ node: YAMLNode) throws -> [AgeBand] {
        let items = try node.items()
        guard !items.isEmpty else { throw node.error("give at least one band, e.g. - { label: \"18+\", min: 18 }") }
        var bands: [AgeBand] = []
        for (i, item) in items.enumerated() {
            try item.checkKeys(["label", "min", "max"])
            func age(_ key: String) throws -> Int? {
                guard let n = item.optional(key) else { return nil }
                let v = try n.int()
                guard (0...150).contains(v) else { throw n.error("an age from 0 to 150") }
                return v
            }
            let labelNode = try item.required("label")
            let band = AgeBand(label: try labelNode.string(), min: try age("min"), max: try age("max"))
            if band.label.trimmingCharacters(in: .whitespaces).isEmpty { throw labelNode.error("a band needs a label") }
            if let lo = band.min, let hi = band.max, lo > hi { throw item.error("min is above max") }
            if let same = bands.firstIndex(where: { $0.label == band.label }) {
                throw labelNode.error("the label '\(band.label)' is already used by band \(same + 1)")
            }
            let from = band.min ?? 0
            if let previous = bands.last {
                guard let previousMax = previous.max else {
                    throw item.error("band '\(previous.label)' has no max:, so it already covers every age above its min")
                }
                if from > previousMax + 1 {
                    throw item.error(
                        "ages \(previousMax + 1)–\(from - 1) fall in no band: '\(previous.label)' ends at \(previousMax) and "
                            + "'\(band.label)' starts at \(from); give min: \(previousMax + 1)")
                }
                if from <= previousMax {
                    throw item.error(
                        "'\(band.label)' (from \(from)) overlaps '\(previous.label)' (to \(previousMax)); give min: \(previousMax + 1)")
                }
            } else if from != 0 {
                throw item.error("ages 0–\(from - 1) fall in no band: the first band starts at 0 (leave out min:)")
            }
            if i == items.count - 1, let hi = band.max {
                throw item.error("ages above \(hi) fall in no band: the last band is open (leave out max:)")
            }
            bands.append(band)
        }
        return bands
    }

    /// Refuses a target on an indicator the catalogue lacks, or on a breakdown the indicator is not broken down by
    /// (its figure would always read 0).
    func checkTargets(indicators: [IndicatorDefinition], file: String) throws {
        for target in targets {
            func fail(_ key: String, _ message: String) -> DefinitionError {
                DefinitionError(file: file, line: target.line, keyPath: "\(target.keyPath).\(key)", message: message)
            }
            guard let indicator = indicators.first(where: { $0.code == target.indicator }) else {
                throw fail("indicator", "no indicator '\(target.indicator)' in sql/indicators")
            }
            if let c = target.category, !indicator.breakdowns.contains(c.breakdown) {
                throw fail(
                    "where",
                    "indicator \(indicator.code) has no '\(c.breakdown)' breakdown (its YAML lists "
                        + "\(indicator.breakdowns.isEmpty ? "none" : indicator.breakdowns.joined(separator: ", ")))")
            }
        }
    }

    private enum ParsedTarget {
        case project(Target)
        case partner(PartnerTarget)
    }

    /// A project target (`indicator`, optional `where`, `value`) or a partner's (`indicator`, `partner`, `value`).
    /// What a target's `where:` is checked against: the project's own ids and bands.
    private struct CategoryContext {
        var partners: [Partner]
        var activities: [Activity]
        var ageBands: [AgeBand]
    }

    /// The category a target's `where:` names, if it is one the breakdown can have; otherwise the known ones are
    /// listed (a target on `citizenship: Ukraina` would always read 0 %, the figures being under `UKR`).
    private static func knownCategory(_ breakdown: String, _ node: YAMLNode, _ context: CategoryContext) throws -> String {
        let value = try node.string()
        let known: [String]?
        switch breakdown {
        case "sex": known = Sex.allCases.map(\.rawValue)
        case "age_band": known = context.ageBands.map(\.label)
        case "citizenship": known = Citizenship.knownCodes
        case "partner": known = context.partners.map(\.id)
        case "activity": known = context.activities.map(\.id)
        case "objective": known = FundingObjective.allCases.map(\.rawValue)
        case "priority":
            var priorities: [String] = []
            for p in context.activities.compactMap(\.priority) where !priorities.contains(p) { priorities.append(p) }
            known = priorities
        case "topic", "language", "mode": known = nil  // the vocabulary's, checked when the run loads it
        default:
            throw node.error(
                "unknown breakdown '\(breakdown)'; known: \(IndicatorDefinition.knownBreakdowns.keys.sorted().joined(separator: ", "))")
        }
        guard let known, !known.contains(value) else { return value }
        var message = "'\(value)' is no \(breakdown) category"
        if breakdown == "citizenship", let code = Citizenship.isoAlpha3(value) {
            message += " (citizenships are ISO 3166 alpha-3 codes: write \(code))"
        }
        throw node.error(message + "; known: " + (known.isEmpty ? "none" : known.joined(separator: ", ")))
    }

    private static func parseTarget(_ node: YAMLNode, partners: [Partner], context: CategoryContext) throws -> ParsedTarget {
        try node.checkKeys(["indicator", "where", "partner", "value"])
        let indicator = try node.required("indicator").string()
        let valueNode = try node.required("value")
        let value = try valueNode.double()
        guard value >= 0, value <= Target.largest else {
            throw valueNode.error("a target is a number from 0 to \(Int(Target.largest))")
        }
        if let p = node.optional("partner") {
            guard value > 0 else { throw valueNode.error("a partner's target is a number above 0") }
            if node.optional("where") != nil {
                throw p.error("a partner's target is for the indicator's total: give partner: or where:, not both")
            }
            let id = try p.string()
            guard partners.contains(where: { $0.id == id }) else {
                throw p.error(
                    "no partner '\(id)' in partners: (\(partners.map(\.id).joined(separator: ", ")))")
            }
            return .partner(
                PartnerTarget(
                    indicator: indicator, partner: id, value: value, keyPath: node.path, line: node.node.mark?.line))
        }
        var category: BreakdownCategory?
        if let w = node.optional("where") {
            let entries = try w.entries()
            guard entries.count == 1, let (breakdown, valueNode) = entries.first else {
                throw w.error("give exactly one breakdown, e.g. where: { citizenship: UKR }")
            }
            category = BreakdownCategory(breakdown: breakdown, value: try knownCategory(breakdown, valueNode, context))
        }
        var target = Target(indicator: indicator, category: category, value: value)
        target.keyPath = node.path
        target.line = node.node.mark?.line
        return .project(target)
    }
}
