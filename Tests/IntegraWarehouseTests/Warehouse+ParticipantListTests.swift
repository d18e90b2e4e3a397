import IntegraCore
import IntegraTesting
import IntegraWarehouse
import Testing

/// `Warehouse.participantList()` on hand-written records (see `WarehouseFixture` in WarehouseTests.swift). The
/// fixture's files are named `<partner>/<kind>-<n>.csv`, so a consultation file sorts before a roll file.
@Suite struct WarehouseParticipantListTests {
    /// Sets the name and PESEL of participant record `id` (1-based, as the fixture numbers them).
    private static func name(
        _ f: inout WarehouseFixture, _ id: Int, _ first: String, _ last: String, pesel: String? = nil
    ) {
        f.batch.participants[id - 1].firstName = first
        f.batch.participants[id - 1].lastName = last
        f.batch.participants[id - 1].pesel = pesel
    }

    @Test func oneEntryPerSupportedPersonSortedByID() throws {
        var f = WarehouseFixture()
        f.person("P000002", sex: "M", citizenship: "GEO")
        f.person("P000001", sex: "K", born: "1990-05-05")
        f.person("P000003")  // enrolled without a start date and never present: not a participant
        let course = f.course("lead", "A1")
        f.consult("other", "P000002", on: "2023-02-01")
        f.enrol("P000001", course: course, start: "2023-01-10")
        f.enrol("P000003", course: course)
        let warehouse = try f.warehouse()
        let list = try warehouse.participantList()
        #expect(list.map(\.personID) == ["P000001", "P000002"])
        #expect(list[0].sex == "K")
        #expect(list[0].citizenship == "UKR")
        #expect(list[0].birthDate == WarehouseFixture.day("1990-05-05"))
        #expect(list[0].ageAtStart == 32)
        #expect(list[1].ageAtStart == nil)
        #expect(list[1].citizenship == "GEO")
    }

    /// The name comes from the roll record even though the consultation file comes first; the PESEL, missing on
    /// the roll record, from the first record that has one.
    @Test func nameFromTheFirstRollRecordPESELFromTheFirstRecordWithOne() throws {
        var f = WarehouseFixture()
        f.person("P000001")
        let course = f.course("lead", "A1")
        f.consult("lead", "P000001", on: "2023-03-01")  // record 1, lead/consultations-1.csv
        f.enrol("P000001", course: course, start: "2023-02-01")  // record 2, lead/roll-2.csv
        f.consult("other", "P000001", on: "2023-04-01")  // record 3, other/consultations-3.csv
        Self.name(&f, 1, "Olena", "Kowalenko")
        Self.name(&f, 2, "Ołena", "Kowalenko")
        Self.name(&f, 3, "Olena", "Kovalenko", pesel: "02211307589")
        let entry = try #require(try f.warehouse().participantList().first)
        #expect(entry.firstName == "Ołena")
        #expect(entry.lastName == "Kowalenko")
        #expect(entry.pesel == "02211307589")
    }

    /// A person known only from consultations has a name too: their first consultation record's.
    @Test func aConsultationOnlyPersonIsNamedFromTheirFirstRecord() throws {
        var f = WarehouseFixture()
        f.person("P000001")
        f.consult("lead", "P000001", on: "2023-05-01")
        f.consult("other", "P000001", on: "2023-01-15")
        Self.name(&f, 1, "Iwan", "Petrenko", pesel: "44051401359")
        Self.name(&f, 2, "Ivan", "Petrenko")
        let entry = try #require(try f.warehouse().participantList().first)
        #expect(entry.firstName == "Iwan")
        #expect(entry.pesel == "44051401359")
    }

    /// Start = first support of any kind, end = last; the activities in the order the person first received each.
    @Test func datesSpanAllSupportAndActivitiesFollowFirstSupport() throws {
        var f = WarehouseFixture()
        f.person("P000001")
        let course = f.course("lead", "A1")
        f.consult("other", "P000001", on: "2023-01-05")
        let record = f.enrol("P000001", course: course, start: "2023-02-01")
        let sessions = f.sessions(course, ["2023-02-02", "2023-06-29", "2023-06-30"])
        f.attend(record, [(sessions[0], true), (sessions[1], true), (sessions[2], false)])
        let entry = try #require(try f.warehouse().participantList().first)
        #expect(entry.startDate == WarehouseFixture.day("2023-01-05"))
        #expect(entry.endDate == WarehouseFixture.day("2023-06-29"))
        #expect(entry.activities.map(\.id) == ["consult", "course"])
        #expect(entry.activities.map(\.namePL) == ["Konsultacje", "Kurs"])
    }

    /// Anonymous consultations are consultations, never persons: they add nobody to the list.
    @Test func anonymousConsultationsAddNoOne() throws {
        var f = WarehouseFixture()
        f.consult("lead", nil, on: "2023-01-05")
        #expect(try f.warehouse().participantList().isEmpty)
    }
}
