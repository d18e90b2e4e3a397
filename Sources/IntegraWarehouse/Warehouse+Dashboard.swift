import Foundation
import GRDB
import IntegraCore

/// A named date range the dashboard shows: a quarter in-period, or the project's start to a quarter's end.
public struct DashboardRange: Sendable, Hashable {
    public var key: String
    public var start: LocalDate
    public var end: LocalDate

    public init(key: String, start: LocalDate, end: LocalDate) {
        self.key = key
        self.start = start
        self.end = end
    }
}

/// Persons supported by one partner in one activity.
public struct PartnerActivityCount: Sendable, Hashable {
    public var partner: String
    public var activity: String
    public var persons: Int

    public init(partner: String, activity: String, persons: Int) {
        self.partner = partner
        self.activity = activity
        self.persons = persons
    }
}

/// What the dashboard needs beyond the indicator values, read from the marts by the SQL files of `sql/dashboard/`.
///
/// ```swift
/// let facts = try warehouse.dashboardFacts(ranges: [DashboardRange(key: "2023Q1", start: q1.start, end: q1.end)])
/// facts.partnerActivity["2023Q1"]   // persons per partner × activity
/// ```
public struct DashboardFacts: Sendable {
    /// Range key → persons per partner × activity (`partner_activity_persons.sql`), sorted by partner, activity.
    public var partnerActivity: [String: [PartnerActivityCount]] = [:]
    /// Range key → partner → dated records (`partner_dated_records.sql`); a partner absent from it has none.
    public var partnerRecords: [String: [String: Int]] = [:]
    /// Identified records (roll rows and named consultations) that linkage joined into persons.
    public var records = 0
    /// Persons those records became.
    public var persons = 0
    /// Pairs left for a coordinator to decide (the linkage review sheet).
    public var reviewPairs = 0
    /// Persons whose records come from more than one input file (a roll and a consultation log, two partners).
    public var personsAcrossFiles = 0

    public init() {}
}

extension Warehouse {
    /// Reads the dashboard's cross tables for each range, and the linkage counts.
    ///
    /// - Throws: ``WarehouseError`` naming the SQL file when a file is missing or SQLite refuses it.
    public func dashboardFacts(ranges: [DashboardRange]) throws -> DashboardFacts {
        let folder = sqlRoot.appendingPathComponent("dashboard", isDirectory: true)
        func sql(_ name: String) throws -> (text: String, file: String) {
            let file = "sql/dashboard/\(name)"
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else {
                throw WarehouseError(file: file, message: "cannot read the file; the definitions are incomplete")
            }
            return (text, file)
        }
        let cross = try sql("partner_activity_persons.sql")
        let dated = try sql("partner_dated_records.sql")
        return try db.read { db in
            var facts = DashboardFacts()
            func rows(_ query: (text: String, file: String), _ range: DashboardRange) throws -> [Row] {
                do {
                    return try Row.fetchAll(
                        db, sql: query.text, arguments: ["start": range.start.iso, "end": range.end.iso])
                } catch let error as DatabaseError {
                    throw WarehouseError(file: query.file, message: error.message ?? "\(error.resultCode)")
                }
            }
            for range in ranges {
                facts.partnerActivity[range.key] = try rows(cross, range).map {
                    PartnerActivityCount(partner: $0["partner"], activity: $0["activity"], persons: $0["persons"])
                }
                var records: [String: Int] = [:]
                for row in try rows(dated, range) { records[row["partner"]] = row["records"] }
                facts.partnerRecords[range.key] = records
            }
            facts.records = try Int.fetchOne(db, sql: "select count(*) from participant_records") ?? 0
            facts.persons = try Int.fetchOne(db, sql: "select count(distinct person_id) from participant_records") ?? 0
            facts.personsAcrossFiles =
                try Int.fetchOne(
                    db,
                    sql: """
                        select count(*) from (select r.person_id from participant_records r
                        join raw_rows w on w.id = r.raw_row_id group by r.person_id
                        having count(distinct w.source_file_id) > 1)
                        """) ?? 0
            // One decision per pair of persons (the review sheet's rows).
            facts.reviewPairs =
                try Int.fetchOne(
                    db, sql: "select count(distinct min(person_a, person_b) || ' ' || max(person_a, person_b)) from link_review")
                ?? 0
            return facts
        }
    }
}
