import Foundation
import IntegraCore
import Yams

/// First-name equivalence classes (Олександр, Oleksandr, Aleksandr, Aleksander, Alexander…) from
/// `pipelines/linkage/first-names.yml`: a list of classes, each a list of names, optionally under `classes:`.
enum FirstNameClasses {
    static func load(_ url: URL, displayPath: String) throws -> [[String]] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw DefinitionError(file: displayPath, keyPath: "", message: "cannot read the first-name classes")
        }
        let root = try YAMLNode.parse(text, file: displayPath)
        let list: YAMLNode
        if case .mapping = root.node {
            list = try root.required("classes")
        } else {
            list = root
        }
        return try list.items().map { item in
            if case .mapping = item.node {
                return try item.required("names").strings()
            }
            return try item.strings()
        }
    }
}
