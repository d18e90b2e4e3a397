import Foundation
import IntegraCore
import Yams

/// What normalising a file reads besides its stored rows, as one hash per source: the key under which the warehouse
/// keeps a file version's normalised records for the next run (`stg_normalised_files`, migration 0005).
///
/// A source's hash covers its own entry under `sources:` (kind, partner, activity, `files:`, `sheets:`, header,
/// `columns:`, `from_file_name:`, `from_title:`, groups), the project's `project:` (the period), `partners:` and
/// `activities:` (the ids file names and titles are matched with), `pipelines/vocabulary.yml` and the normaliser's
/// version; a ledger's or budget's also covers `finance:` (its rows are checked against the eligibility period and
/// VAT rule as they are normalised). A change to any of them normalises the source's files again; a change elsewhere
/// in the project file (targets, reports, linkage) does not.
struct NormalisationInputs: Sendable {
    /// Raised when a change to the normaliser gives other records for the same inputs, or stores them in another
    /// form, so that no stored ones are reused (3: records stored with ``CompactEncoder`` instead of JSON).
    static let version = 3
    /// Per source id.
    let bySource: [String: String]

    /// The hashes of the project file's sources; none (nothing reused) when the file cannot be read as YAML,
    /// which the project's loader will have reported.
    static func of(projectText: String, vocabulary: Data?) -> NormalisationInputs {
        guard let root = try? Yams.compose(yaml: projectText), case .mapping(let mapping) = root else {
            return NormalisationInputs(bySource: [:])
        }
        func text(_ key: String) -> String {
            mapping[key].flatMap { try? Yams.serialize(node: $0, sortKeys: true) } ?? ""
        }
        let shared = [
            "normaliser \(version), integra \(integraVersion)", "project:", text("project"), "partners:",
            text("partners"), "activities:", text("activities"), "vocabulary:",
            vocabulary.map(SHA256Hex.of) ?? "none",
        ].joined(separator: "\n")
        var bySource: [String: String] = [:]
        for node in mapping["sources"]?.sequence ?? [] {
            guard let id = node.mapping?["id"]?.string,
                let source = try? Yams.serialize(node: node, sortKeys: true)
            else { continue }
            // A ledger's rows are checked against the finance rules (eligibility, VAT) as they are normalised.
            let kind = node.mapping?["kind"]?.string
            let finance = kind == "ledger" || kind == "budget" ? "\nfinance:\n" + text("finance") : ""
            bySource[id] = SHA256Hex.of(Data((shared + "\nsource:\n" + source + finance).utf8))
        }
        return NormalisationInputs(bySource: bySource)
    }
}
