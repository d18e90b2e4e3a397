import Foundation
import IntegraCore
import IntegraLinkage
import Testing

@testable import IntegraPipeline

/// `integra link`'s input: a flat CSV of person records, read into normalised link records.
struct FlatRecordsTests {
    func read(_ text: String) throws -> FlatRecords {
        try FlatRecords.read(data: Data(text.utf8))
    }

    @Test func cellsAreNormalisedAndBadValuesCountedNotKept() throws {
        let flat = try read(
            """
            record_id,partner,first_name,last_name,birth_date,sex,citizenship,pesel,passport,phone,email
            a1,przystan,Olena,Kovalenko,12.03.1990,K,Ukraina,44051401359,fa 123456,+48 600 100 200,Olena@Example.PL
            a2,nadija,Олена,Коваленко,1990-03-12,ж,Україна,44051401358,,,not-an-email

            """)
        #expect(flat.records.map(\.key) == ["a1", "a2"])
        let a = flat.records[0], b = flat.records[1]
        #expect(a.birthDate == LocalDate(year: 1990, month: 3, day: 12) && b.birthDate == a.birthDate)
        #expect(a.sex == "K" && b.sex == "K")
        #expect(a.citizenship == "UKR" && b.citizenship == "UKR")
        #expect(a.pesel == "44051401359")
        #expect(b.pesel == nil)  // bad checksum: not kept
        #expect(a.phone == "+48600100200")
        #expect(a.email == "olena@example.pl" && b.email == nil)
        #expect(flat.ignoredValues["pesel"] == 1 && flat.ignoredValues["email"] == 1)
    }

    @Test(arguments: [
        ("first_name,last_name\nOlena,Kovalenko\n", "missing-column"),
        ("record_id,first_name\n,Olena\n", "missing-record-id"),
        ("record_id,first_name\nx,Olena\nx,Iryna\n", "duplicate-record-id"),
        ("", "missing-column"),
    ])
    func structuralProblemsAreRefusedWithTheirCode(_ text: String, _ code: String) {
        let error = #expect(throws: FlatRecordsError.self) { try read(text) }
        #expect(error?.code.rawValue == code)
    }

    @Test func clustersAreWrittenAsPersonIDsInOrderOfFirstRecord() {
        let csv = FlatRecords.clustersCSV(keys: ["r1", "r2", "r3", "r4"], clusterOfRecord: [7, 3, 7, 9])
        #expect(csv == "record_id,person_id\nr1,P000001\nr2,P000002\nr3,P000001\nr4,P000003\n")
    }
}
