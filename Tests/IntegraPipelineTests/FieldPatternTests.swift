import IntegraCore
@testable import IntegraPipeline
import Testing

/// `from_file_name:` and `from_title:` patterns: parsing, whole-name and in-line matching.
@Suite struct FieldPatternTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var pattern: String
        var subject: String
        var expected: [String: String]?
        var testDescription: String { "\(pattern) on \(subject)" }
    }

    @Test(arguments: [
        Case(pattern: "kurs_{group}_lista", subject: "kurs_2024Q1-A0-a_lista", expected: ["group": "2024Q1-A0-a"]),
        Case(pattern: "kurs_{group}_lista", subject: "KURS_PL-A2_Lista", expected: ["group": "PL-A2"]),
        // Literal text compared ignoring case and diacritics; the value as written.
        Case(pattern: "obecnosci-{group}", subject: "Obecności-PL-A1", expected: ["group": "PL-A1"]),
        Case(pattern: "obecności-{group}", subject: "obecnosci-Łódź-1", expected: ["group": "Łódź-1"]),
        Case(pattern: "kurs_{group}_*", subject: "kurs_A1_lista_2024", expected: ["group": "A1"]),
        Case(pattern: "*_{group}_lista", subject: "2024_kurs_B2_lista", expected: ["group": "kurs_B2"]),
        Case(pattern: "{partner}_{group}", subject: "nadija_W-1", expected: ["partner": "nadija", "group": "W-1"]),
        Case(pattern: "{activity}-{group}", subject: "warsztaty-W1", expected: ["activity": "warsztaty", "group": "W1"]),
        Case(pattern: "{group}", subject: "PL A1", expected: ["group": "PL A1"]),
        // The whole name must match.
        Case(pattern: "kurs_{group}_lista", subject: "kurs_A1_lista_kopia", expected: nil),
        Case(pattern: "kurs_{group}_lista", subject: "kurs__lista", expected: nil),
        Case(pattern: "kurs_{group}", subject: "lista_A1", expected: nil),
    ])
    func wholeName(_ c: Case) throws {
        #expect(try FieldPattern(c.pattern).matchWhole(c.subject) == c.expected)
    }

    @Test(arguments: [
        Case(
            pattern: "grupa {group}", subject: "Lista obecności – kurs języka polskiego, grupa 2024Q1-A0-a",
            expected: ["group": "2024Q1-A0-a"]),
        Case(pattern: "grupa {group}", subject: "GRUPA PL/A1. Semestr letni", expected: ["group": "PL/A1"]),
        Case(pattern: "Grupa {group}", subject: "Kurs, grupa A1.", expected: ["group": "A1"]),
        Case(pattern: "група {group}", subject: "Список, група Б-2", expected: ["group": "Б-2"]),
        Case(pattern: "grupa nr {group}", subject: "grupa  nr 5 (poniedziałki)", expected: ["group": "5"]),
        Case(pattern: "kurs {activity}, grupa {group}", subject: "Kurs polski, grupa A1", expected: ["activity": "polski", "group": "A1"]),
        // A word boundary before the pattern: "podgrupa" is not "grupa".
        Case(pattern: "grupa {group}", subject: "podgrupa 5", expected: nil),
        Case(pattern: "grupa {group}", subject: "Lista obecności, grupa", expected: nil),
        Case(pattern: "grupa {group}", subject: "Lista obecności", expected: nil),
        Case(pattern: "grupa {group}", subject: "", expected: nil),
    ])
    func titleLine(_ c: Case) throws {
        #expect(try FieldPattern(c.pattern).matchAnywhere(c.subject) == c.expected)
    }

    @Test(arguments: [
        ("kurs_lista", "takes no field"),
        ("kurs_{grupa}_lista", "unknown field {grupa}"),
        ("kurs_{group_lista", "not closed"),
        ("kurs_group}_lista", "without its '{'"),
        ("{group}_{group}", "appears twice"),
        ("{group}{activity}", "literal text between"),
        ("kurs_{group}*", "literal text between"),
        ("", "takes no field"),
    ])
    func badPatterns(pattern: String, message: String) {
        #expect {
            try FieldPattern(pattern)
        } throws: { error in
            (error as? FieldPattern.Problem)?.message.contains(message) == true
        }
    }

    @Test func fieldsAndExample() throws {
        let pattern = try FieldPattern("{partner}_kurs_{group}_*")
        #expect(pattern.fields == ["partner", "group"])
        #expect(pattern.example == "<partner>_kurs_<group>_…")
    }
}
