import Foundation
import IntegraCore
import IntegraWarehouse

/// Consultations a partner re-sends corrected: a register sent every quarter with all the earlier rows again, some of
/// them corrected (a topic fixed, minutes changed, a name respelled), or a Q1 file beside the full-year file that
/// fixed a row. Identical rows are `CrossFileDuplicates`' business; a corrected row differs, so without this it
/// would count twice.
///
/// Two files of one partner and activity are one register sent twice when at least half the rows of the smaller one
/// (and at least `minimumShared`) are in the other exactly (the same multiset matching as `CrossFileDuplicates`).
/// The newer of the two is the one whose last consultation is later (a cumulative re-send covers more), or, at the
/// same date, the one later in run order. Each row of the older file that the newer does not hold exactly is paired,
/// one to one, with a row of the newer file that is not in the older one and is the same visit: the same date and
/// client (name key), or, for a renamed or anonymous client, the same date and consultant and all but one of topic,
/// language, mode and minutes. The
/// older row is then rejected (`corrected-across-files`, an error so that rows read = loaded + rejected + blank holds)
/// naming the newer file's row, which counts. Rows of the older file with no such partner stay: a row the newer file
/// dropped may have been deleted or may be a visit the newer file lost, and the data cannot say which.
///
/// ```swift
/// let corrections = try ResentCorrections(parts: parts, warehouse: warehouse)
/// for part in parts { try corrections.reject(in: &part) }   // before CrossFileDuplicates
/// ```
struct ResentCorrections {
    /// Old row's raw row id → the newer row's file path and raw row id.
    private(set) var superseded: [Int: (path: String, fileID: Int, rawRowID: Int)] = [:]
    let warehouse: Warehouse

    static let minimumShared = 3

    /// One consultation file of a partner and activity, as the pairing sees it.
    private struct Log {
        var path: String
        var fileID: Int
        var position: Int
        var rows: [ConsultationRow]
        /// Each row's `CrossFileDuplicates.signature`, worked out once for all the pairs the log is in.
        var signatures: [String]
        var last: LocalDate
    }

    init(parts: [NormalisedRecords], warehouse: Warehouse) {
        self.warehouse = warehouse
        var groups: [String: [Log]] = [:]
        for (position, part) in parts.enumerated() {
            guard part.files.count == 1, part.files[0].kind == .consultations, !part.consultations.isEmpty else {
                continue
            }
            let file = part.files[0]
            let key = "\(file.partnerID)\u{1F}\(file.activityID)"
            groups[key, default: []].append(
                Log(
                    path: file.path, fileID: file.id, position: position, rows: part.consultations,
                    signatures: part.consultations.map(CrossFileDuplicates.signature(of:)),
                    last: part.consultations.map(\.date).max()!))
        }
        for key in groups.keys.sorted() {
            let logs = groups[key]!
            guard logs.count > 1 else { continue }
            for x in 0..<(logs.count - 1) {
                for y in (x + 1)..<logs.count {
                    let (a, b) = (logs[x], logs[y])
                    let bIsNewer = (b.last, b.position) > (a.last, a.position)
                    let (older, newer) = bIsNewer ? (a, b) : (b, a)
                    pair(older: older, newer: newer)
                }
            }
        }
    }

    /// Pairs the older file's corrected rows with the newer file's, when the two are one register sent twice.
    private mutating func pair(older log: Log, newer newerLog: Log) {
        let (older, newer) = (log.rows, newerLog.rows)
        var newerBySignature: [String: [Int]] = [:]
        for (k, signature) in newerLog.signatures.enumerated() { newerBySignature[signature, default: []].append(k) }
        var olderLeft: [Int] = []
        var matchedNewer = Set<Int>()
        for (k, signature) in log.signatures.enumerated() {
            if var same = newerBySignature[signature], !same.isEmpty {
                matchedNewer.insert(same.removeFirst())
                newerBySignature[signature] = same
            } else {
                olderLeft.append(k)
            }
        }
        let shared = older.count - olderLeft.count
        guard shared >= Self.minimumShared, Double(shared) * 2 >= Double(min(older.count, newer.count)) else { return }
        var newerLeft = newer.indices.filter { !matchedNewer.contains($0) }
        for visit in [Self.visitByClient] + (0..<4).map(Self.visitByConsultant(leavingOut:)) {
            var byVisit: [String: [Int]] = [:]
            for k in newerLeft { if let v = visit(newer[k]) { byVisit[v, default: []].append(k) } }
            var stillLeft: [Int] = []
            var taken = Set<Int>()
            for k in olderLeft {
                let old = older[k]
                guard superseded[old.rawRowID] == nil else { continue }
                if let v = visit(old), var candidates = byVisit[v], !candidates.isEmpty {
                    let n = candidates.removeFirst()
                    byVisit[v] = candidates
                    taken.insert(n)
                    superseded[old.rawRowID] = (newerLog.path, newerLog.fileID, newer[n].rawRowID)
                } else {
                    stillLeft.append(k)
                }
            }
            olderLeft = stillLeft
            newerLeft.removeAll { taken.contains($0) }
        }
    }

    /// The same visit, told by its client: date and name key (named clients only).
    private static func visitByClient(_ row: ConsultationRow) -> String? {
        guard let identity = row.identity else { return nil }
        return [row.partnerID, row.activityID, row.date.iso, identity.nameKey].joined(separator: "\u{1F}")
    }

    /// The same visit, told by what the consultant wrote of it: date, consultant, and of topic, language, mode and
    /// minutes all but the one corrected (`field`, 0–3).
    private static func visitByConsultant(leavingOut field: Int) -> (ConsultationRow) -> String? {
        { row in
            guard let consultant = row.consultant else { return nil }
            var described = [row.topic ?? "-", row.language ?? "-", row.mode ?? "-", row.minutes.map(String.init) ?? "-"]
            described.remove(at: field)
            return ([row.partnerID, row.activityID, row.date.iso, TextNormalisation.foldForMatching(consultant)]
                + described).joined(separator: "\u{1F}")
        }
    }

    /// Rejects the part's consultations that a newer file re-sends corrected.
    func reject(in part: inout NormalisedRecords) throws {
        guard !superseded.isEmpty, part.files.count == 1, part.files[0].kind == .consultations else { return }
        part.consultations.removeAll { superseded[$0.rawRowID] != nil }
        let path = part.files[0].path
        let here = try CrossFileDuplicates.rowLocations(warehouse, fileID: part.files[0].id, path: path)
        var newerLocations: [Int: [Int: SourceLocation]] = [:]
        for i in part.rowStatus.indices {
            guard let newer = superseded[part.rowStatus[i].rawRowID], part.rowStatus[i].loaded else { continue }
            if newerLocations[newer.fileID] == nil {
                newerLocations[newer.fileID] = try CrossFileDuplicates.rowLocations(
                    warehouse, fileID: newer.fileID, path: newer.path)
            }
            let row = newerLocations[newer.fileID]?[newer.rawRowID]?.row
            let (there, tam) = row.map { ("\(newer.path) row \($0)", "\(newer.path) wiersz \($0)") } ?? (newer.path, newer.path)
            part.rejectRow(
                at: i,
                Diagnostic(
                    .error, .correctedAcrossFiles,
                    "\(there), a newer copy of this register, has this consultation (same date and client, or "
                        + "consultant and topic) with other values — a correction; it counts once, as the newer "
                        + "file writes it, and this row is rejected — send the corrected register only, or check "
                        + "which version is right",
                    at: here[part.rowStatus[i].rawRowID] ?? SourceLocation(file: path),
                    polish: "\(tam), nowsza kopia tego rejestru, ma tę poradę (ta sama data i klient albo konsultant "
                        + "i temat) z innymi wartościami — to poprawka; porada liczy się raz, tak jak zapisano ją w "
                        + "nowszym pliku, a ten wiersz jest odrzucony — przysyłaj tylko poprawiony rejestr albo "
                        + "sprawdź, która wersja jest właściwa"))
        }
    }
}
