import Foundation
import IntegraCore
import IntegraTesting
import IntegraWarehouse
import Testing

@testable import IntegraPipeline

/// The keys of the normalised records the warehouse keeps per file version, and their reuse: a source's key changes
/// with what normalising its files reads, and only with that; records stored under a key are returned as they were.
@Suite struct NormalisationInputsTests {
    static let root = TestSupport.repositoryRoot

    static let project = """
        version: 1
        project:
          id: t
          name: T
          funder: F
          period: { start: 2024-01-01, end: 2025-12-31 }
        partners:
          - { id: lead, name: Lider, role: leader }
        activities:
          course: Kurs
        sources:
          - id: roll
            partner: lead
            kind: roll
            activity: course
            files: "lista-*.csv"
            columns: { last_name: Nazwisko, first_name: Imię }
          - id: log
            partner: lead
            kind: consultations
            activity: course
            files: "porady-*.csv"
            columns: { date: Data, full_name: Klient }
        targets:
          - { indicator: participants, value: 100 }

        """

    func keys(_ text: String, vocabulary: Data? = Data("a".utf8)) -> [String: String] {
        NormalisationInputs.of(projectText: text, vocabulary: vocabulary).bySource
    }

    @Test func aSourcesKeyChangesWithItsMappingOnly() {
        let before = keys(Self.project)
        #expect(before.keys.sorted() == ["log", "roll"])
        let after = keys(Self.project.replacingOccurrences(of: "full_name: Klient", with: "full_name: Klientka"))
        #expect(after["log"] != before["log"])
        #expect(after["roll"] == before["roll"])
    }

    @Test func whatNoNormalisationReadsChangesNoKey() {
        let before = keys(Self.project)
        #expect(keys(Self.project.replacingOccurrences(of: "value: 100", with: "value: 120")) == before)
        #expect(keys(Self.project + "linkage: { match_threshold: 0.95 }\n") == before)
    }

    @Test func thePeriodPartnersActivitiesAndVocabularyChangeEveryKey() {
        let before = keys(Self.project)
        for changed in [
            keys(Self.project.replacingOccurrences(of: "end: 2025-12-31", with: "end: 2026-06-30")),
            keys(Self.project.replacingOccurrences(of: "name: Lider", with: "name: Lider projektu")),
            keys(Self.project.replacingOccurrences(of: "course: Kurs", with: "course: Kurs polskiego")),
            keys(Self.project, vocabulary: Data("b".utf8)),
            keys(Self.project, vocabulary: nil),
        ] {
            #expect(changed["roll"] != before["roll"] && changed["log"] != before["log"])
        }
    }

    /// On the demo: the first run stores one entry per file and the records it stored are what normalising gives;
    /// a second run with the same keys returns the stored records (here without the vocabulary, which would find
    /// otherwise had the files been normalised again), and a changed key normalises again.
    @Test func storedRecordsAreReturnedForTheSameKeys() throws {
        let projectFile = Self.root.appendingPathComponent("pipelines/demo.yml")
        let project = try ProjectDefinition.load(from: projectFile, displayPath: "demo.yml")
        let warehouse = try Warehouse.create(at: nil, sqlRoot: Self.root.appendingPathComponent("sql"))
        let run = try warehouse.beginRun(
            projectID: "demo", projectSHA256: String(repeating: "0", count: 64), toolVersion: "test")
        let ingested = try IngestStage(
            project: project, base: projectFile.deletingLastPathComponent(), warehouse: warehouse, run: run
        ).ingest(project.sources)
        let vocabulary = try HeaderVocabulary.load(root: Self.root)
        let inputs = NormalisationInputs.of(
            projectText: try String(contentsOf: projectFile, encoding: .utf8), vocabulary: Data("v".utf8))

        let plain = try NormaliseStage(project: project, warehouse: warehouse, vocabulary: vocabulary)
            .run(ingested.files)
        let first = try NormaliseStage(project: project, warehouse: warehouse, vocabulary: vocabulary, stored: inputs)
            .run(ingested.files)
        #expect(String(reflecting: first) == String(reflecting: plain))
        for (source, file) in ingested.files {
            let key = try #require(inputs.bySource[source.id])
            #expect(try warehouse.normalisedFile(fileID: file.id, path: file.path, inputs: key) != nil)
        }

        let withoutVocabulary = try NormaliseStage(project: project, warehouse: warehouse).run(ingested.files)
        #expect(String(reflecting: withoutVocabulary) != String(reflecting: plain))
        let reused = try NormaliseStage(project: project, warehouse: warehouse, stored: inputs).run(ingested.files)
        #expect(String(reflecting: reused) == String(reflecting: plain))

        let otherKeys = NormalisationInputs.of(
            projectText: try String(contentsOf: projectFile, encoding: .utf8), vocabulary: nil)
        let renormalised = try NormaliseStage(project: project, warehouse: warehouse, stored: otherKeys)
            .run(ingested.files)
        #expect(String(reflecting: renormalised) == String(reflecting: withoutVocabulary))
    }
}
