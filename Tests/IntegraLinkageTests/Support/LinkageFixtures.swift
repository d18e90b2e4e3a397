import IntegraCore

@testable import IntegraLinkage

/// Helpers shared by the linker's tests.
enum LinkageFixtures {
    /// A few first-name classes in the form `pipelines/linkage/first-names.yml` gives them (the pipeline loads the
    /// file; this target has no YAML reader).
    static let firstNameClasses: [[String]] = [
        ["Олександр", "Oleksandr", "Ołeksandr", "Александр", "Aleksandr", "Aleksander", "Alexander", "Аляксандр"],
        ["Олексій", "Oleksii", "Ołeksij", "Алексей", "Aleksei", "Aleksiej", "Alexei"],
        ["Микола", "Mykola", "Николай", "Nikolai", "Mikołaj", "Nicholas"],
        ["Сергій", "Serhii", "Сергей", "Sergei", "Siergiej"],
        ["Олена", "Olena", "Елена", "Elena", "Jelena", "Alena", "Helena"],
        ["Іван", "Ivan", "Iwan", "Иван"],
        ["Ірина", "Iryna", "Ирина", "Irina", "Irena"],
        ["Андрій", "Andrii", "Андрей", "Andrei", "Andrzej"],
        ["Тарас", "Taras"],
        ["Ганна", "Hanna", "Анна", "Anna"],
        ["Софія", "Sofiia", "София", "Sofia", "Zofia", "Sopio"],
    ]

    /// Settings for tests: the classes above, and fewer random pairs for u so the debug build stays quick.
    static var settings: LinkageSettings {
        var settings = LinkageSettings()
        settings.firstNameClasses = firstNameClasses
        settings.randomPairsForU = 20_000
        return settings
    }

    /// Each field's level for a pair of records, by field name (`first_name` …, and `pesel`).
    static func levels(_ a: LinkRecord, _ b: LinkRecord, classes: [[String]] = firstNameClasses) -> [String: String] {
        let prepared = PreparedRecords([a, b], firstNameClasses: classes)
        let x = prepared.order.firstIndex(of: 0)!
        let y = prepared.order.firstIndex(of: 1)!
        let pattern = Comparator(records: prepared).pattern(x, y)
        var out: [String: String] = [:]
        for field in ComparisonField.all { out[field.name] = field.levels[Int(pattern[field])] }
        out["pesel"] = ["missing", "exact", "different"][Int(pattern.pesel.rawValue)]
        return out
    }

    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
}
