import Foundation
import IntegraCore
import IntegraReports
import IntegraWarehouse

/// A participant-list layout from `reports/<id>.yml` (`kind: participant_list`): the columns a funder's system
/// imports, in its order, each filled from one field Integra knows, and the file's dialect.
///
/// ```yaml
/// id: participants-sm-efs
/// kind: participant_list
/// version: 1
/// title: { pl: Uczestnicy projektu — import SM EFS, en: Project participants — SM EFS import }
/// source: "research/funders.md §4 …"
/// to_verify: true
/// dialect: { delimiter: ";", encoding: utf-8-bom, date_format: yyyy-MM-dd, yes_no: [Tak, Nie],
///            female: Kobieta, male: Mężczyzna, participant_type: Indywidualny }
/// free_movement_citizenships: [AUT, BEL, …]
/// columns:
///   - { header: Numer projektu, value: project.agreement }
///   - { header: Imię, value: first_name }
/// ```
public struct ParticipantListDefinition: Sendable {
    /// The fields a column can show. `blank` is a column Integra has no data for (address, education, …).
    public enum Field: String, Sendable, CaseIterable {
        case projectAgreement = "project.agreement"
        case citizenshipName = "citizenship_name"
        case participantType = "participant_type"
        case firstName = "first_name"
        case lastName = "last_name"
        case pesel
        case noPESEL = "no_pesel"
        case personID = "person_id"
        case sex
        case ageAtStart = "age_at_start"
        case startDate = "start_date"
        case endDate = "end_date"
        case thirdCountryNational = "third_country_national"
        case foreignOrigin = "foreign_origin"
        case supportKinds = "support_kinds"
        case blank
    }

    public struct Column: Sendable, Hashable {
        public var header: String
        public var value: Field
    }

    /// How the file is written and how values are spelled.
    public struct Dialect: Sendable, Hashable {
        public var delimiter: Character
        public var encoding: TextEncoding
        /// `yyyy-MM-dd` or `dd.MM.yyyy`.
        public var dateFormat: String
        public var yes: String
        public var no: String
        public var female: String
        public var male: String
        /// The constant of `participant_type` columns (SM EFS: `Indywidualny`).
        public var participantType: String

        var csv: CSVDialect { CSVDialect(delimiter: delimiter, encoding: encoding, decimalSeparator: ",") }

        func format(_ date: LocalDate) -> String {
            guard dateFormat == "dd.MM.yyyy" else { return date.iso }
            let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
            return "\(two(date.day)).\(two(date.month)).\(date.year)"
        }
    }

    public var id: String
    public var version: Int
    public var title: LocalizedText
    public var source: String
    public var toVerify: Bool
    public var dialect: Dialect
    /// Citizenships (alpha-3) whose holders are not third-country nationals besides Poland's: EU, EEA, Switzerland.
    public var freeMovementCitizenships: Set<String>
    public var columns: [Column]
    /// Path of the definition, relative to the definitions root.
    public var file: String

    static let dateFormats = ["yyyy-MM-dd", "dd.MM.yyyy"]
    static let encodings: [String: TextEncoding] = [
        "utf-8": .utf8, "utf-8-bom": .utf8BOM, "windows-1250": .windows1250,
    ]

    /// The definition at `root/path` when its `kind` is `participant_list`, nil for any other report file, so a
    /// project's `reports:` list can name both kinds.
    public static func loadIfParticipantList(_ path: String, root: URL) throws -> ParticipantListDefinition? {
        let node = try parse(path, root: root)
        guard try node.optional("kind")?.string() == "participant_list" else { return nil }
        return try load(node, path: path)
    }

    /// Loads `root/path`; throws a ``DefinitionError`` naming the line and key of the first problem.
    public static func load(_ path: String, root: URL) throws -> ParticipantListDefinition {
        try load(try parse(path, root: root), path: path)
    }

    private static func parse(_ path: String, root: URL) throws -> YAMLNode {
        guard let text = try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) else {
            throw DefinitionError(file: path, keyPath: "", message: "cannot read the report definition")
        }
        return try YAMLNode.parse(text, file: path)
    }

    private static func load(_ node: YAMLNode, path: String) throws -> ParticipantListDefinition {
        try node.checkKeys([
            "id", "kind", "version", "title", "source", "to_verify", "dialect", "free_movement_citizenships",
            "columns",
        ])
        _ = try node.required("kind").oneOf(["participant_list"])
        let d = try node.required("dialect")
        try d.checkKeys(["delimiter", "encoding", "date_format", "yes_no", "female", "male", "participant_type"])
        let delimiterNode = try d.required("delimiter")
        let delimiterText = try delimiterNode.string()
        guard delimiterText.count == 1, let delimiter = delimiterText.first, delimiter != "\"", !delimiter.isNewline
        else { throw delimiterNode.error("expected one character other than a quote or a line break") }
        let encoding = try d.required("encoding").oneOf(encodings.keys.sorted())
        // A list, not `yes:`/`no:` keys, which YAML 1.1 readers take for booleans.
        let yesNoNode = try d.required("yes_no")
        let yesNo = try yesNoNode.items().map { try $0.string() }
        guard yesNo.count == 2 else { throw yesNoNode.error("expected the words for yes and no, e.g. [Tak, Nie]") }
        let dialect = Dialect(
            delimiter: delimiter, encoding: encodings[encoding]!,
            dateFormat: try d.required("date_format").oneOf(dateFormats), yes: yesNo[0], no: yesNo[1],
            female: try d.required("female").string(),
            male: try d.required("male").string(), participantType: try d.required("participant_type").string())

        let codesNode = try node.required("free_movement_citizenships")
        var codes: Set<String> = []
        for item in try codesNode.items() {
            let code = try item.string().uppercased()
            guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw item.error("expected an ISO 3166-1 alpha-3 code such as DEU")
            }
            codes.insert(code)
        }

        let columnsNode = try node.required("columns")
        let columns = try columnsNode.items().map { c -> Column in
            try c.checkKeys(["header", "value"])
            let value = try c.required("value").oneOf(Field.allCases.map(\.rawValue))
            return Column(header: try c.required("header").string(), value: Field(rawValue: value)!)
        }
        if columns.isEmpty { throw columnsNode.error("a participant list needs at least one column") }

        return ParticipantListDefinition(
            id: try node.required("id").string(), version: try node.required("version").int(),
            title: try node.required("title").localized(), source: try node.required("source").string(),
            toVerify: try node.optional("to_verify")?.bool() ?? false, dialect: dialect,
            freeMovementCitizenships: codes, columns: columns, file: path)
    }
}

/// Renders participants in a ``ParticipantListDefinition``'s layout: one row per participant, sorted by person id.
///
/// The file holds names and PESELs: ``write(_:to:)`` creates it readable by its owner only (mode 0600), and the
/// run manifest lists it as personal.
///
/// ```swift
/// let list = ParticipantList(definition: try ParticipantListDefinition.load("reports/participants-sm-efs.yml",
///                                                                         root: root),
///                            agreement: project.project.agreement)
/// try list.write(try warehouse.participantList(), to: reports.appendingPathComponent("participants-sm-efs.csv"))
/// ```
public struct ParticipantList: Sendable {
    public var definition: ParticipantListDefinition
    /// The project's agreement (grant) number, for `project.agreement` columns.
    public var agreement: String

    public init(definition: ParticipantListDefinition, agreement: String) {
        self.definition = definition
        self.agreement = agreement
    }

    /// The header row, then one row per entry, in person-id order.
    public func rows(_ entries: [ParticipantListEntry]) -> [[String]] {
        let header = definition.columns.map(\.header)
        let sorted = entries.sorted { $0.personID < $1.personID }
        return [header] + sorted.map { entry in definition.columns.map { value($0.value, of: entry) } }
    }

    /// The file's bytes in the definition's dialect.
    public func encode(_ entries: [ParticipantListEntry]) throws -> Data {
        try CSVTableWriter(dialect: definition.dialect.csv).encode(rows(entries))
    }

    /// Writes the list to `url` atomically, readable by its owner only (mode 0600) from the first byte.
    public func write(_ entries: [ParticipantListEntry], to url: URL) throws {
        try CSVTableWriter(dialect: definition.dialect.csv).write(rows(entries), to: url, ownerOnly: true)
    }

    func value(_ field: ParticipantListDefinition.Field, of entry: ParticipantListEntry) -> String {
        let d = definition.dialect
        let yesNo = { (flag: Bool) in flag ? d.yes : d.no }
        switch field {
        case .projectAgreement: return agreement
        case .citizenshipName:
            guard let code = entry.citizenship else { return "" }
            return Citizenship.displayNamePL(code) ?? code
        case .participantType: return d.participantType
        case .firstName: return entry.firstName
        case .lastName: return entry.lastName
        case .pesel: return entry.pesel ?? ""
        case .noPESEL: return yesNo(entry.pesel == nil)
        case .personID: return entry.personID
        case .sex: return entry.sex == "K" ? d.female : entry.sex == "M" ? d.male : ""
        case .ageAtStart: return entry.ageAtStart.map(String.init) ?? ""
        case .startDate: return d.format(entry.startDate)
        case .endDate: return d.format(entry.endDate)
        case .thirdCountryNational:
            guard let code = entry.citizenship else { return "" }
            return yesNo(code != "POL" && !definition.freeMovementCitizenships.contains(code))
        case .foreignOrigin:
            // Polish citizens may be of foreign origin too (a parent born abroad), which no record says: blank.
            guard let code = entry.citizenship, code != "POL" else { return "" }
            return d.yes
        case .supportKinds: return entry.activities.map(\.namePL).joined(separator: "; ")
        case .blank: return ""
        }
    }
}
