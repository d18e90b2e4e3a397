import Foundation
import IntegraCore
import IntegraLinkage

/// A coordinators' decisions file: pairs of records (by key, as `integra explain person` and the review sheet show
/// them) that are, or are not, the same person. Every run honours it before any score.
///
/// ```yaml
/// must_link:
///   - { a: "demo/przystan/lista-uczestnikow-2023.csv#12", b: "demo/centrum/rejestr-porad-2023.csv#30", note: "confirmed by phone" }
/// cannot_link:
///   - { a: "demo/nadija/uczestnicy-warsztatow.csv#4", b: "demo/nadija/uczestnicy-warsztatow.csv#5", note: "twins" }
/// ```
enum DecisionsFile {
    static func load(_ url: URL, displayPath: String) throws -> LinkDecisions {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw DefinitionError(file: displayPath, keyPath: "", message: "cannot read the decisions file")
        }
        if text.allSatisfy({ $0.isWhitespace }) { return LinkDecisions() }
        let root = try YAMLNode.parse(text, file: displayPath)
        try root.checkKeys(["must_link", "cannot_link"])
        func pairs(_ key: String) throws -> [LinkDecisions.Pair] {
            try root.optional(key)?.items().map { item in
                try item.checkKeys(["a", "b", "note"])
                let a = try item.required("a").string(), b = try item.required("b").string()
                guard a != b else { throw item.error("a record is always the same person as itself") }
                return LinkDecisions.Pair(a, b, note: try item.optional("note")?.string())
            } ?? []
        }
        let decisions = LinkDecisions(mustLink: try pairs("must_link"), cannotLink: try pairs("cannot_link"))
        let must = Set(decisions.mustLink.map { [$0.a, $0.b].sorted() })
        if let clash = decisions.cannotLink.first(where: { must.contains([$0.a, $0.b].sorted()) }) {
            throw try root.required("cannot_link").error("the pair \(clash.a) / \(clash.b) is also under must_link")
        }
        return decisions
    }
}
