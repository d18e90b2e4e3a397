import Foundation
import IntegraCore
import IntegraTesting
import Testing

@testable import IntegraPipeline

/// The same consultations (or roll rows) in two files of one partner count once, the later file's copies
/// rejected with `duplicate-across-files` naming the other file.
@Suite(.serialized)
struct CrossFileDuplicatesTests {
    static let log = "demo/centrum/rejestr-porad-2023.csv"

    func expectAccountingHolds(_ summary: RunSummary) {
        for f in summary.files { #expect(f.rowsRead == f.rowsLoaded + f.rowsRejected + f.rowsBlank, "\(f.path)") }
    }

    /// Runs the demo as it is, then with `change` made, and expects the same figures.
    func expectSameFigures(_ name: String, _ change: (DemoCopy) throws -> Void) throws -> (RunSummary, RunSummary) {
        let demo = try DemoCopy(name)
        defer { demo.remove() }
        let before = try demo.run()
        try change(demo)
        let after = try demo.run(out: "out2")
        #expect(after.figureLines == before.figureLines)
        expectAccountingHolds(after)
        return (before, after)
    }

    @Test func aLogResavedWithOtherLineEndingsCountsOnce() throws {
        let copy = "demo/centrum/rejestr-porad-2023-zapis2.csv"
        let (before, after) = try expectSameFigures("integra-resaved") { demo in
            try demo.write(try demo.lines(Self.log).joined(separator: "\n") + "\n", to: copy)
        }
        let loaded = try #require(before.file(Self.log)).rowsLoaded
        let duplicates = after.diagnostics(.duplicateAcrossFiles)
        #expect(duplicates.count == loaded)
        #expect(duplicates.allSatisfy { $0.severity == .error && $0.location?.row != nil })
        // The later file in run order keeps none of its rows; the message names the other one.
        let later = try #require(duplicates.first?.location?.file)
        let other = later == copy ? Self.log : copy
        #expect(duplicates.allSatisfy { $0.location?.file == later && $0.message.contains(other) })
        #expect(after.file(later)?.rowsLoaded == 0)
    }

    @Test func aQuarterFileBesideTheFullYearFileCountsOnce() throws {
        let quarter = "demo/centrum/rejestr-porad-2023Q1.csv"
        let (_, after) = try expectSameFigures("integra-quarter") { demo in
            let lines = try demo.lines(Self.log)
            let q1 = lines.dropFirst().filter { ["01", "02", "03"].contains($0.dropFirst(3).prefix(2)) }
            #expect(q1.count >= 5)
            try demo.write(([lines[0]] + q1).joined(separator: "\r\n") + "\r\n", to: quarter)
        }
        #expect(!after.diagnostics(.duplicateAcrossFiles).isEmpty)
    }

    /// A register re-sent with earlier rows corrected: the Q1 file as first sent, the full-year log with the topic of
    /// two named clients' Q1 visits and the minutes of an anonymous call fixed. Each consultation counts once, as the
    /// newer (full-year) file writes it; the Q1 file's old versions are rejected naming the newer row.
    @Test func aRegisterResentWithCorrectionsCountsEachConsultationOnce() throws {
        let quarter = "demo/centrum/rejestr-porad-2023Q1.csv"
        let demo = try DemoCopy("integra-corrected")
        defer { demo.remove() }
        let before = try demo.run()
        let lines = try demo.lines(Self.log)
        func isQ1(_ line: String) -> Bool { ["01", "02", "03"].contains(line.dropFirst(3).prefix(2)) }
        let q1 = lines.dropFirst().filter(isQ1)
        try demo.write(([lines[0]] + q1).joined(separator: "\r\n") + "\r\n", to: quarter)
        var corrected = lines
        var named = 0
        var anonymous = 0
        for i in corrected.indices.dropFirst() where isQ1(corrected[i]) {
            var cells = corrected[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if !cells[2].isEmpty, named < 2 {
                cells[6] = cells[6] == "zdrowie" ? "praca" : "zdrowie"
                named += 1
            } else if cells[2].isEmpty, anonymous < 1 {
                cells[8] = String((Int(cells[8]) ?? 30) + 15)
                anonymous += 1
            } else {
                continue
            }
            corrected[i] = cells.joined(separator: ",")
        }
        #expect(named == 2 && anonymous == 1)
        try demo.write(corrected.joined(separator: "\n") + "\n", to: Self.log)
        let after = try demo.run(out: "out2")
        expectAccountingHolds(after)
        let counts = { (summary: RunSummary) in summary.figureLines.filter { $0.hasPrefix("consultations|") } }
        #expect(!counts(before).isEmpty)
        #expect(counts(after) == counts(before))
        let fixes = after.diagnostics(.correctedAcrossFiles)
        #expect(fixes.count == 3)
        #expect(fixes.allSatisfy { $0.location?.file == quarter && $0.message.contains(Self.log) })
        // Every other Q1 row is the year file's exactly: the quarter file keeps nothing.
        #expect(after.file(quarter)?.rowsLoaded == 0)
        #expect(after.diagnostics(.duplicateAcrossFiles).count >= q1.count - 4)
    }

    /// A register re-sent every quarter with all the earlier rows again, some corrected on the way: the Q1 file, the
    /// first half-year with one Q1 topic corrected, the full year with one more Q1 row corrected. Each consultation
    /// counts once, as the newest copy writes it.
    @Test func aRegisterResentEveryQuarterWithCorrectionsCountsEachConsultationOnce() throws {
        let demo = try DemoCopy("integra-cumulative")
        defer { demo.remove() }
        let before = try demo.run()
        let lines = try demo.lines(Self.log)
        func months(_ m: [String]) -> (String) -> Bool { { m.contains(String($0.dropFirst(3).prefix(2))) } }
        let q1 = months(["01", "02", "03"]), h1 = months(["01", "02", "03", "04", "05", "06"])
        // Named Q1 rows, in file order: the first is corrected in the half-year file, the second in the year file.
        let named = lines.indices.dropFirst().filter {
            q1(lines[$0]) && !lines[$0].split(separator: ",", omittingEmptySubsequences: false)[2].isEmpty
        }
        #expect(named.count >= 2)
        func corrected(_ line: String) -> String {
            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[6] = cells[6] == "zdrowie" ? "praca" : "zdrowie"
            return cells.joined(separator: ",")
        }
        var half = lines, year = lines
        half[named[0]] = corrected(lines[named[0]])
        year[named[0]] = half[named[0]]
        year[named[1]] = corrected(lines[named[1]])
        try demo.write(([lines[0]] + lines.dropFirst().filter(q1)).joined(separator: "\n") + "\n",
                       to: "demo/centrum/rejestr-porad-2023-1kw.csv")
        try demo.write(([half[0]] + half.dropFirst().filter(h1)).joined(separator: "\n") + "\n",
                       to: "demo/centrum/rejestr-porad-2023-2kw.csv")
        try demo.write(year.joined(separator: "\n") + "\n", to: Self.log)
        let after = try demo.run(out: "out2")
        expectAccountingHolds(after)
        let counts = { (summary: RunSummary) in summary.figureLines.filter { $0.hasPrefix("consultations|") } }
        #expect(counts(after) == counts(before))
        #expect(after.diagnostics(.correctedAcrossFiles).count >= 2)
    }

    @Test func aRollResentWithItsColumnsInAnotherOrderCountsOnce() throws {
        let roll = "demo/nadija/uczestnicy-warsztatow.csv"
        let resent = "demo/nadija/uczestnicy-ponownie.csv"
        let (_, after) = try expectSameFigures("integra-roll-resent") { demo in
            let lines = try demo.lines(roll)
            #expect(!lines.joined().contains("\""))
            // The first two columns swapped, and CRLF line ends.
            let swapped = lines.map { line -> String in
                var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                fields.swapAt(0, 1)
                return fields.joined(separator: ",")
            }
            try demo.write(swapped.joined(separator: "\r\n") + "\r\n", to: resent)
        }
        #expect(!after.diagnostics(.duplicateAcrossFiles).isEmpty)
    }

    /// A row written k times in file A and k times in file B is k rows; more times in B, as many as in B.
    @Test func duplicatesAcrossFilesAreCountedAsAMultiset() throws {
        let head = "Data,Konsultant,Imię i nazwisko klienta,Data ur.,Obywatelstwo,Język,Temat,Forma,Czas (min),Cel FAMI"
        let call = "02.02.2023,K. Nowicka,,,,UA,praca,telefon,15,"
        let demo = try DemoCopy("integra-multiset")
        defer { demo.remove() }
        try demo.write([head, call, call].joined(separator: "\n") + "\n", to: "demo/centrum/rejestr-porad-a.csv")
        try demo.write([head, call, call, call].joined(separator: "\n") + "\n", to: "demo/centrum/rejestr-porad-b.csv")
        try demo.write([head, call].joined(separator: "\n") + "\n", to: "demo/centrum/rejestr-porad-c.csv")
        let summary = try demo.run()
        #expect(summary.file("demo/centrum/rejestr-porad-a.csv")?.rowsLoaded == 2)
        #expect(summary.file("demo/centrum/rejestr-porad-b.csv")?.rowsLoaded == 1)
        #expect(summary.file("demo/centrum/rejestr-porad-c.csv")?.rowsLoaded == 0)
        #expect(summary.diagnostics(.duplicateAcrossFiles).count == 3)
        expectAccountingHolds(summary)
    }

    /// Two consultants' logs of one partner: the same anonymous call taken by each is two consultations.
    @Test func theSameCallByAnotherConsultantIsAnotherConsultation() throws {
        let head = "Data,Konsultant,Imię i nazwisko klienta,Data ur.,Obywatelstwo,Język,Temat,Forma,Czas (min),Cel FAMI"
        let demo = try DemoCopy("integra-consultants")
        defer { demo.remove() }
        try demo.write(
            [head, "02.02.2023,K. Nowicka,,,,UA,praca,telefon,15,"].joined(separator: "\n") + "\n",
            to: "demo/centrum/rejestr-porad-a.csv")
        try demo.write(
            [head, "02.02.2023,M. Wiśniewski,,,,UA,praca,telefon,15,"].joined(separator: "\n") + "\n",
            to: "demo/centrum/rejestr-porad-b.csv")
        let summary = try demo.run()
        #expect(summary.file("demo/centrum/rejestr-porad-a.csv")?.rowsLoaded == 1)
        #expect(summary.file("demo/centrum/rejestr-porad-b.csv")?.rowsLoaded == 1)
        #expect(summary.diagnostics(.duplicateAcrossFiles).isEmpty)
    }
}
