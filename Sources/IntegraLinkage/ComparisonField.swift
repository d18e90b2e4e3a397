/// The fields the model weighs and the levels a pair of records can fall in for each.
///
/// A pair's levels are packed into one `UInt32` (its comparison pattern): four bits for each name, three for every
/// other field, level 0 meaning the value is missing on either side, then two bits for PESEL. Levels are numbered
/// from the strongest agreement down, the first that holds being the pair's level — except the surname's
/// `equivalent-form`, numbered last but tested right after `skeleton`.
enum ComparisonField: Int, CaseIterable, Sendable {
    case firstName, lastName, birthDate, sex, citizenship, document, phone, email

    /// The name used in contributions and the model table (the column names of `integra link`'s input).
    var name: String {
        switch self {
        case .firstName: "first_name"
        case .lastName: "last_name"
        case .birthDate: "birth_date"
        case .sex: "sex"
        case .citizenship: "citizenship"
        case .document: "document"
        case .phone: "phone"
        case .email: "email"
        }
    }

    /// Level names, index 1 first (index 0 is `missing`).
    var levels: [String] {
        switch self {
        case .firstName:
            [
                "missing", "exact", "skeleton", "equivalent-name", "typo", "similar", "phonetic", "different",
                "different-name",
            ]
        case .lastName:
            [
                "missing", "exact", "skeleton", "swapped", "typo", "similar", "phonetic", "different",
                "equivalent-form",
            ]
        case .birthDate: ["missing", "exact", "day-month-swapped", "typo", "year-month", "close", "different"]
        case .sex, .citizenship, .document, .phone, .email: ["missing", "exact", "different"]
        }
    }

    /// Levels other than `missing`.
    var levelCount: Int { levels.count - 1 }

    var shift: UInt32 {
        switch self {
        case .firstName: 0
        case .lastName: 4
        default: UInt32(8 + (rawValue - 2) * 3)
        }
    }

    var mask: UInt32 { self == .firstName || self == .lastName ? 0xF : 0x7 }

    /// `allCases`, built once (the synthesised `allCases` makes a new array at each call).
    static let all: [ComparisonField] = allCases

    static let peselShift: UInt32 = 26
}

/// Name levels (both first and last name use these numbers; `equivalent-name` and `swapped` share 3).
enum NameLevel {
    static let exact: UInt8 = 1
    static let skeleton: UInt8 = 2
    static let equivalent: UInt8 = 3
    static let swapped: UInt8 = 3
    static let typo: UInt8 = 4
    static let similar: UInt8 = 5
    static let phonetic: UInt8 = 6
    static let different: UInt8 = 7
    /// First names only: another name, not another spelling — both are known names (in `firstNameClasses`) of
    /// different classes (Oleksii, Oleksandr), or the two have little in common (Jaro–Winkler below
    /// `unlikeSimilarity`: Karthik, Anil). A mistyped name usually stays above it (Тетчна, Tetiana: 0.82) and is
    /// `different`.
    static let differentName: UInt8 = 8
    /// Surnames only: one East Slavic surname in its Belarusian and its Russian form (Bandarenka, Bondarenko;
    /// Kazlou, Kozlov; Kavaliova, Kovaleva), `NameCatalogue.slavicForm`.
    static let equivalentForm: UInt8 = 8

    /// Jaro–Winkler on skeletons at or above this is a typo (one letter wrong in a name of ten: Kovalenko, Kowalemko).
    static let typoSimilarity = 0.92
    /// … and at or above this, a looser likeness (two letters, or a dropped syllable).
    static let similarSimilarity = 0.85
    /// Below this, two first names are unlike enough to be two names (`differentName`).
    static let unlikeSimilarity = 0.75
}

enum DateLevel {
    static let exact: UInt8 = 1
    static let dayMonthSwapped: UInt8 = 2
    static let typo: UInt8 = 3
    static let yearMonth: UInt8 = 4
    /// Two slips: two digits wrong, or day and month swapped with a digit wrong (1970-06-04, 1971-04-06).
    static let close: UInt8 = 5
    static let different: UInt8 = 6
}

/// Whether both records carry a PESEL and whether the numbers agree.
enum PESELState: UInt8 {
    case missing = 0, equal = 1, different = 2
}

/// A comparison pattern: every field's level and the PESEL state of one pair.
struct ComparisonPattern: Hashable, Comparable, Sendable {
    var bits: UInt32

    init(bits: UInt32 = 0) { self.bits = bits }

    subscript(field: ComparisonField) -> UInt8 {
        get { UInt8((bits >> field.shift) & field.mask) }
        set { bits = (bits & ~(field.mask << field.shift)) | (UInt32(newValue) << field.shift) }
    }

    var pesel: PESELState {
        get { PESELState(rawValue: UInt8((bits >> ComparisonField.peselShift) & 3))! }
        set {
            bits =
                (bits & ~(3 << ComparisonField.peselShift)) | (UInt32(newValue.rawValue) << ComparisonField.peselShift)
        }
    }

    static func < (a: ComparisonPattern, b: ComparisonPattern) -> Bool { a.bits < b.bits }
}
