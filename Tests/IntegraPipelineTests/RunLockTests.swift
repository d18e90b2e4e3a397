import Foundation
import IntegraCore
@testable import IntegraPipeline
import IntegraTesting
import Testing

/// Issue 9, item 4 (and item 5's file modes): a second run on the same warehouse refuses with a clear message and
/// changes nothing; the warehouse is readable by its owner only.
@Suite struct RunLockTests {
    @Test func aSecondRunOnTheSameWarehouseRefuses() throws {
        let out = try TestSupport.makeTemporaryDirectory("integra-lock")
        defer { try? FileManager.default.removeItem(at: out) }
        var options = RunOptions()
        options.outputFolder = out
        let project = TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo.yml")
        _ = try Pipeline.run(projectFile: project, options: options)
        let warehouse = out.appendingPathComponent("warehouse.sqlite").path
        let mode = try FileManager.default.attributesOfItem(atPath: warehouse)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let before = try Data(contentsOf: URL(fileURLWithPath: warehouse))
        try {
            let held = try RunLock(warehouse: warehouse)
            do {
                _ = try Pipeline.run(projectFile: project, options: options)
                Issue.record("the second run went ahead")
            } catch let error as RunLockError {
                #expect(error.resource == .warehouse)
                #expect(error.message.contains("inny przebieg integra używa tej hurtowni danych"))
            }
            withExtendedLifetime(held) {}
        }()
        #expect(try Data(contentsOf: URL(fileURLWithPath: warehouse)) == before)
        _ = try Pipeline.run(projectFile: project, options: options)  // released: runs again
    }
}
