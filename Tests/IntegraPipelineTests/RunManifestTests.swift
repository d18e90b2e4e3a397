import Foundation
import IntegraCore
import IntegraTesting
import Testing

@testable import IntegraPipeline

/// Issue 16, item 9: lean audit files. run.json keeps hashes and row accounting and records the hashes of
/// figures.json (every figure) and of the warehouse; indicators-long.csv is one row per category with a period type.
@Suite struct RunManifestTests {
    @Test func runJSONRecordsTheFiguresFileAndTheWarehouse() throws {
        let demo = try DemoCopy("integra-manifest")
        defer { demo.remove() }
        let summary = try demo.run()
        let manifestData = try Data(contentsOf: demo.url("out/run.json"))
        let manifest = try RunManifest.decode(manifestData)
        #expect(manifest.schema == "integra-run/2")
        #expect(!String(decoding: manifestData, as: UTF8.self).contains("\"in_period\""), "no figure in run.json")
        #expect(manifestData.count < 64 * 1024)

        let figuresData = try Data(contentsOf: demo.url("out/figures.json"))
        #expect(manifest.figures.path == "figures.json")
        #expect(manifest.figures.sha256 == SHA256Hex.of(figuresData))
        let figures = try RunManifest.Figure.decode(json: figuresData)
        #expect(figures == summary.figures)
        #expect(figures.count > 1000)

        let warehouse = try #require(manifest.warehouse)
        #expect(warehouse.path == "warehouse.sqlite")
        #expect(warehouse.sha256 == SHA256Hex.of(try Data(contentsOf: demo.url("out/warehouse.sqlite"))))
        #expect(manifest.inputs.reduce(0) { $0 + $1.rowsRead } > 0)
    }

    @Test func theLongTableIsLeanAndSaysEachPeriodsType() throws {
        let demo = try DemoCopy("integra-long")
        defer { demo.remove() }
        let summary = try demo.run()
        let text = String(
            decoding: try Data(contentsOf: demo.url("out/reports/indicators-long.csv")).dropFirst(3), as: UTF8.self)
        let rows = text.split(separator: "\r\n").map {
            $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(
            rows[0] == ["Kod wskaźnika", "Okres", "Rodzaj okresu", "Przekrój", "Kategoria", "W okresie", "Narastająco"])
        let body = rows.dropFirst()
        // The demo's project is the year 2023: the year is not written again beside the project.
        #expect(!body.contains { $0[1] == "2023" })
        #expect(body.contains { $0[1] == "project" && $0[2] == "projekt" })
        #expect(Set(body.map { $0[2] }) == ["miesiąc", "kwartał", "projekt"])
        #expect(!body.contains { $0[3].contains("age_band") || $0[3] == "sex" })
        #expect(body.contains { $0[3] == "Wiek (0–17, 18+)" })
        // Names live in the dictionary, once each.
        let dictionary = String(
            decoding: try Data(contentsOf: demo.url("out/reports/indicators-dictionary.csv")).dropFirst(3),
            as: UTF8.self)
        #expect(dictionary.contains("persons_supported;Liczba osób objętych wsparciem;osoby"))
        #expect(!text.contains("Liczba osób objętych wsparciem"))
        // Each value of the table is one of the run's figures.
        let byKey = Dictionary(
            summary.figures.map { ("\($0.indicator)|\($0.period)|\($0.scope)|\($0.breakdown)", $0.value) },
            uniquingKeysWith: { a, _ in a })
        // Money is in złoty in the table and in grosze among the figures.
        for row in body where row[3] == "ogółem" {
            let scale = row[0].hasPrefix("fin_") ? 100.0 : 1.0
            func value(_ field: String) -> Double? {
                Double(field.replacingOccurrences(of: ",", with: ".")).map { scale == 1 ? $0 : ($0 * scale).rounded() }
            }
            #expect(value(row[5]) == byKey["\(row[0])|\(row[1])|in_period|"])
            if row[2] != "miesiąc" {
                #expect(value(row[6]) == byKey["\(row[0])|\(row[1])|cumulative|"])
            }
        }
    }
}
