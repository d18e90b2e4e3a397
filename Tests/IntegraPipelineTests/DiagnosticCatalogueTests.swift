import Foundation
import IntegraCore
import IntegraTesting
import Testing

/// Issue 16, item 7: one catalogue words every diagnostic in Polish and English — what is wrong and what to fix —
/// for data-quality.xlsx, diagnostics.csv, rejected_rows.csv, the terminal and the dashboard.
@Suite struct DiagnosticCatalogueTests {
    /// Every `DiagnosticCode = "…"` declared in Sources/, read from the source files so a new code cannot be missed.
    static let declaredCodes: Set<String> = {
        let root = TestSupport.repositoryRoot.appendingPathComponent("Sources")
        var codes: Set<String> = []
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            guard let text = try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8) else {
                continue
            }
            for match in text.matches(of: /DiagnosticCode = "([a-z0-9-]+)"/) { codes.insert(String(match.1)) }
        }
        return codes
    }()

    @Test func everyCodeHasAPolishAndEnglishProblemAndHint() {
        #expect(Self.declaredCodes.count >= 50)
        for code in Self.declaredCodes.sorted() {
            guard let entry = DiagnosticCatalogue.entries[DiagnosticCode(rawValue: code)] else {
                Issue.record("\(code) is not in the diagnostic catalogue")
                continue
            }
            for text in [entry.problem.pl, entry.problem.en, entry.hint.pl, entry.hint.en] {
                #expect(text.count >= 10, "\(code): \"\(text)\" is too short to help")
            }
            #expect(entry.problem.pl != entry.problem.en && entry.hint.pl != entry.hint.en, "\(code) is translated")
        }
        #expect(Set(DiagnosticCatalogue.entries.keys.map(\.rawValue)) == Self.declaredCodes, "no stale entries")
    }

    /// The README's table of codes lists the same codes the catalogue explains.
    @Test func theReadmeListsEveryCatalogueCode() throws {
        let readme = try String(
            contentsOf: TestSupport.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let listed = Set(readme.matches(of: /\n\| `([a-z0-9-]+)` \| (?:error|warning|note)/).map { String($0.1) })
        #expect(listed == Set(DiagnosticCatalogue.entries.keys.map(\.rawValue)))
    }

    @Test func severitiesAndKindsArePolishByDefault() {
        #expect(Diagnostic.Severity.error.name.pl == "błąd")
        #expect(Diagnostic.Severity.warning.name.pl == "ostrzeżenie")
        #expect(Diagnostic.Severity.note.name.text(english: true) == "note")
        #expect(SourceKind.consultations.name.pl == "rejestr porad")
    }

    /// The terminal line: catalogue wording in Polish, the stage's message in English, a value only on request.
    @Test func aDiagnosticRendersInEitherLanguage() {
        let d = Diagnostic(
            .error, .invalidDate, "not a date Integra can read; write dd.mm.yyyy; the row is rejected",
            at: SourceLocation(file: "a.csv", row: 4, column: "Data"), value: "31.02.2023")
        #expect(
            d.rendered(english: false, showValues: false)
                == "a.csv:4:\"Data\": błąd[invalid-date]: Nie można odczytać daty — Wpisz datę jako dd.mm.rrrr; data porady jest wymagana (wiersz odrzucony), inne daty są pomijane."
        )
        #expect(d.rendered(english: true, showValues: false) == d.description)
        #expect(!d.rendered(english: false, showValues: false).contains("31.02.2023"))
        #expect(d.rendered(english: false, showValues: true).hasSuffix("(wartość: \"31.02.2023\")"))
    }
}
