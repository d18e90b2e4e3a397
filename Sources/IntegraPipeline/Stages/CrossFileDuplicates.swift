import IntegraCore
import IntegraWarehouse

/// The same rows in two files of one partner, counted once: a log re-saved with other line endings (other bytes,
/// the same rows), a Q1 file beside the full-year file, a roll re-sent as XLSX beside its CSV.
///
/// Rows are compared by what normalising made of them, so a date written `12.03.2024` in one file and as a date
/// cell in the other is the same, and the column order and the running number (`Lp.`) do not matter:
/// - a consultation by partner, activity, date, topic, language, mode, minutes, its client's identity (name
///   key, PESEL, birth date, sex, citizenship, contacts…) and its consultant, ignoring case and diacritics (the
///   same anonymous call in two consultants' logs is two calls); anonymous consultations too;
/// - a course-roll row by partner, activity, group and every field of the person and the enrolment.
///
/// Multiset semantics: a row written k times in file A and k times in file B is k rows; written k times in A and
/// m > k times in B, m rows. Files are taken in run order, and the later file's copies are rejected with
/// `duplicate-across-files` (an error, so that read = loaded + rejected + blank holds) naming the file that keeps
/// the row. Rows of one file are never compared with each other here (that is `duplicate-row`).
///
/// ```swift
/// var duplicates = CrossFileDuplicates(warehouse: warehouse)
/// for part in parts { try duplicates.reject(in: &part) }   // in file order
/// ```
struct CrossFileDuplicates {
    let warehouse: Warehouse
    /// For each row signature, the paths of the files holding the rows counted so far (one entry per row).
    private var kept: [String: [String]] = [:]

    init(warehouse: Warehouse) {
        self.warehouse = warehouse
    }

    /// Rejects the rows of one file's result (one file, as the normalise stage makes them) that files before it
    /// hold already, and counts its other rows.
    mutating func reject(in part: inout NormalisedRecords) throws {
        guard part.files.count == 1, part.files[0].kind != .attendance else { return }
        let path = part.files[0].path
        var occurrences: [String: Int] = [:]
        var rejected: [Int: String] = [:]  // raw row id → the file that keeps the row
        func count(_ signature: String, rawRowID: Int) -> Bool {
            let j = occurrences[signature, default: 0]
            occurrences[signature] = j + 1
            let before = kept[signature, default: []]
            if j < before.count {
                rejected[rawRowID] = before[j]
                return false
            }
            kept[signature, default: []].append(path)
            return true
        }
        switch part.files[0].kind {
        case .consultations:
            part.consultations.removeAll { !count(Self.signature(of: $0), rawRowID: $0.rawRowID) }
        case .roll:
            part.identities.removeAll { $0.kind == .roll && !count(Self.signature(of: $0), rawRowID: $0.rawRowID) }
        case .attendance, .ledger, .budget:
            break
        }
        guard !rejected.isEmpty else { return }

        let what = part.files[0].kind == .roll ? "roll row (same group, person and dates)" : "consultation"
        let co = part.files[0].kind == .roll ? "Ten sam wiersz listy (ta sama grupa, osoba i daty)" : "Ta sama porada"
        let locations = try Self.rowLocations(warehouse, fileID: part.files[0].id, path: path)
        for i in part.rowStatus.indices {
            guard let other = rejected[part.rowStatus[i].rawRowID] else { continue }
            part.rejectRow(
                at: i,
                Diagnostic(
                    .error, .duplicateAcrossFiles,
                    "the same \(what) is in \(other), another file of this partner; it counts once, from "
                        + "\(other), and this row is rejected — keep each row in one file only (delete the "
                        + "re-saved copy, or the rows one period's file repeats from the other)",
                    at: locations[part.rowStatus[i].rawRowID] ?? SourceLocation(file: path),
                    polish: "\(co) jest też w pliku \(other) tego partnera; liczy się raz, z pliku \(other), a ten "
                        + "wiersz jest odrzucony — trzymaj każdy wiersz w jednym pliku (usuń ponownie zapisaną kopię "
                        + "albo wiersze, które plik jednego okresu powtarza z drugiego)"))
        }
    }

    /// Sheet and row number of every stored row of a file, by raw row id (read only for files with rejected rows).
    static func rowLocations(_ warehouse: Warehouse, fileID: Int, path: String) throws -> [Int: SourceLocation] {
        var result: [Int: SourceLocation] = [:]
        for sheet in try warehouse.sheets(fileID: fileID) {
            for (number, id) in sheet.rawRowIDs {
                result[id] = SourceLocation(file: path, sheet: sheet.table.name, row: number)
            }
        }
        return result
    }

    /// Everything a consultation row was normalised to, and its consultant, apart from where it was read.
    static func signature(of c: ConsultationRow) -> String {
        join([
            c.partnerID, c.activityID, c.date.iso, c.topic, c.language, c.mode, c.minutes.map(String.init),
            c.identity.map(person), c.consultant.map(TextNormalisation.foldForMatching),
        ])
    }

    /// Everything a course-roll row was normalised to, apart from where it was read.
    static func signature(of r: IdentityRecord) -> String {
        join([
            r.partnerID, r.activityID, r.group, person(r), r.startDate?.iso, r.endDate?.iso, r.levelIn, r.levelOut,
        ])
    }

    private static func person(_ r: IdentityRecord) -> String {
        join([
            r.nameKey, r.pesel, r.birthDate?.iso, r.birthDateAmbiguous ? "?" : "", r.sex, r.citizenship,
            r.arrivalDate?.iso, r.objective, r.objectiveSince?.iso, r.ukrStatus.map { $0 ? "1" : "0" },
            r.employmentDate?.iso, r.phone, r.email, r.document,
        ])
    }

    /// Fields joined with a separator no cell holds; an absent field differs from an empty one.
    private static func join(_ fields: [String?]) -> String {
        fields.map { $0.map { "=" + $0 } ?? "-" }.joined(separator: "\u{1F}")
    }
}
