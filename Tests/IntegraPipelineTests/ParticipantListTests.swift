import Foundation
import IntegraCore
import IntegraReports
import IntegraTesting
import IntegraWarehouse
import Testing

@testable import IntegraPipeline

/// The SM EFS participant list: the shipped layout `reports/participants-sm-efs.yml` rendered from hand-written
/// entries (how the entries are chosen from the warehouse: IntegraWarehouseTests/Warehouse+ParticipantListTests).
@Suite struct ParticipantListTests {
    static let root = TestSupport.repositoryRoot
    static let layout = "reports/participants-sm-efs.yml"

    static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static let course = ParticipantListEntry.Activity(
        id: "polish_course", namePL: "Kurs języka polskiego", nameEN: "Polish course")
    static let consult = ParticipantListEntry.Activity(
        id: "consultation", namePL: "Konsultacje", nameEN: "Consultations")

    /// P2: Ukrainian woman with PESEL, course then consultations. P1: German man without PESEL or birth date.
    /// P3: nothing known but the name.
    static let entries = [
        ParticipantListEntry(
            personID: "P000002", firstName: "Ołena", lastName: "Kowalenko", pesel: "02211307589", sex: "K",
            citizenship: "UKR", birthDate: day("2002-01-13"), ageAtStart: 21, startDate: day("2023-02-01"),
            endDate: day("2023-06-29"), activities: [course, consult]),
        ParticipantListEntry(
            personID: "P000001", firstName: "Hans", lastName: "Müller; Schmidt", pesel: nil, sex: "M",
            citizenship: "DEU", birthDate: nil, ageAtStart: nil, startDate: day("2023-01-05"),
            endDate: day("2023-01-05"), activities: [consult]),
        ParticipantListEntry(
            personID: "P000003", firstName: "Amir", lastName: "Haddad", pesel: nil, sex: nil, citizenship: nil,
            birthDate: nil, ageAtStart: nil, startDate: day("2023-03-03"), endDate: day("2023-03-03"),
            activities: [consult]),
    ]

    static func list() throws -> ParticipantList {
        ParticipantList(definition: try ParticipantListDefinition.load(layout, root: root), agreement: "RMW/2023/0042")
    }

    @Test func theShippedLayoutHasTheFortyThreeSMEFSColumnsInOrder() throws {
        let definition = try ParticipantListDefinition.load(Self.layout, root: Self.root)
        #expect(definition.columns.count == 43)
        #expect(definition.toVerify)
        #expect(definition.source.contains("THIRD-PARTY"))
        let headers = definition.columns.map(\.header)
        #expect(
            Array(headers.prefix(11)) == [
                "Numer projektu", "Obywatelstwo", "Rodzaj uczestnika", "Nazwa instytucji", "Imię", "Nazwisko",
                "PESEL/Inny identyfikator", "brak PESEL", "Techniczny identyfikator", "Płeć", "Wiek",
            ])
        #expect(headers[21] == "Data rozpoczęcia udziału w projekcie")
        #expect(headers[33] == "Osoba obcego pochodzenia")
        #expect(headers[34] == "Obywatel państwa trzeciego")
        #expect(headers.last == "Uwagi")
        #expect(definition.freeMovementCitizenships.contains("DEU"))
        #expect(!definition.freeMovementCitizenships.contains("UKR"))
    }

    /// UTF-8 with BOM, `;`, CRLF; the header in the layout's order; a field holding `;` is quoted.
    @Test func theCSVBytesFollowTheSMEFSFileRules() throws {
        let data = try Self.list().encode(Self.entries)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.count == 5)  // header, three persons, and the empty string after the last CRLF
        #expect(lines[0].hasPrefix("Numer projektu;Obywatelstwo;Rodzaj uczestnika;Nazwa instytucji;Imię;Nazwisko;"))
        #expect(lines[0].split(separator: ";", omittingEmptySubsequences: false).count == 43)
        #expect(lines[1].contains(";\"Müller; Schmidt\";"))
        #expect(lines[4] == "")
    }

    /// Rows in person-id order, each field in the dialect's words.
    @Test func rowsSpellValuesInTheLayoutsDialect() throws {
        let rows = try Self.list().rows(Self.entries)
        let header = rows[0]
        func column(_ row: [String], _ name: String, occurrence: Int = 0) -> String {
            row[header.indices.filter { header[$0] == name }[occurrence]]
        }
        #expect(rows.dropFirst().map { column($0, "Techniczny identyfikator") } == ["P000001", "P000002", "P000003"])
        let (hans, olena, amir) = (rows[1], rows[2], rows[3])

        #expect(column(olena, "Numer projektu") == "RMW/2023/0042")
        #expect(column(olena, "Obywatelstwo") == "Ukraina")
        #expect(column(olena, "Rodzaj uczestnika") == "Indywidualny")
        #expect(column(olena, "Imię") == "Ołena")
        #expect(column(olena, "PESEL/Inny identyfikator") == "02211307589")
        #expect(column(olena, "brak PESEL") == "Nie")
        #expect(column(olena, "Płeć") == "Kobieta")
        #expect(column(olena, "Wiek") == "21")
        #expect(column(olena, "Data rozpoczęcia udziału w projekcie") == "2023-02-01")
        #expect(column(olena, "Data zakończenia udziału w projekcie") == "2023-06-29")
        #expect(column(olena, "Data rozpoczęcia udziału we wsparciu") == "2023-02-01")
        #expect(column(olena, "Rodzaj przyznanego wsparcia") == "Kurs języka polskiego; Konsultacje")
        #expect(column(olena, "Osoba obcego pochodzenia") == "Tak")
        #expect(column(olena, "Obywatel państwa trzeciego") == "Tak")
        #expect(column(olena, "Wykształcenie") == "")

        // An EU citizen: of foreign origin, not a third-country national. A country without a Polish name here
        // is written as its code.
        #expect(column(hans, "Obywatelstwo") == "DEU")
        #expect(column(hans, "Płeć") == "Mężczyzna")
        #expect(column(hans, "brak PESEL") == "Tak")
        #expect(column(hans, "PESEL/Inny identyfikator") == "")
        #expect(column(hans, "Wiek") == "")
        #expect(column(hans, "Osoba obcego pochodzenia") == "Tak")
        #expect(column(hans, "Obywatel państwa trzeciego") == "Nie")

        // Nothing known: empty, never a guess.
        for name in ["Obywatelstwo", "Płeć", "Osoba obcego pochodzenia", "Obywatel państwa trzeciego"] {
            #expect(column(amir, name) == "", "\(name)")
        }
    }

    /// A Polish citizen is not a third-country national; whether they are of foreign origin no record says.
    @Test func aPolishCitizen() throws {
        var pole = Self.entries[0]
        pole.citizenship = "POL"
        let row = try Self.list().rows([pole])[1]
        #expect(row[1] == "Polska")
        #expect(row[33] == "")
        #expect(row[34] == "Nie")
    }

    /// The file holds personal data: readable by its owner only, from the moment it exists.
    @Test func theFileIsWrittenForItsOwnerOnly() throws {
        let folder = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("participants-sm-efs.csv")
        try Self.list().write(Self.entries, to: url)
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try Data(contentsOf: url) == Self.list().encode(Self.entries))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["participants-sm-efs.csv"])
    }

    /// A report file of another kind is not a participant list; the loader says so by returning nil.
    @Test func onlyParticipantListFilesLoadAsOne() throws {
        #expect(
            try ParticipantListDefinition.loadIfParticipantList("reports/generic-quarterly.yml", root: Self.root) == nil
        )
        #expect(
            try ParticipantListDefinition.loadIfParticipantList(Self.layout, root: Self.root)?.id
                == "participants-sm-efs")
    }

    /// A typo in a layout names the file, line and key.
    @Test(arguments: [
        ("value: pesel }", "value: pesel_number }", "columns[6].value", "expected one of"),
        ("encoding: utf-8-bom", "encoding: latin-1", "dialect.encoding", "expected one of"),
        ("date_format: yyyy-MM-dd", "date_format: MM/dd/yyyy", "dialect.date_format", "expected one of"),
        ("ROU, SVK", "ROU, SLOVAKIA", "free_movement_citizenships[23]", "alpha-3"),
        ("kind: participant_list", "kind: participant_list\ncolour: red", "colour", "unknown key"),
    ])
    func aBrokenLayoutIsRefused(old: String, new: String, keyPath: String, message: String) throws {
        let folder = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("reports"), withIntermediateDirectories: true)
        let text = try String(contentsOf: Self.root.appendingPathComponent(Self.layout), encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new)
            .write(to: folder.appendingPathComponent(Self.layout), atomically: true, encoding: .utf8)
        let error = #expect(throws: DefinitionError.self) {
            try ParticipantListDefinition.load(Self.layout, root: folder)
        }
        #expect(error?.keyPath == keyPath)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
        #expect(error?.line != nil)
    }
}
