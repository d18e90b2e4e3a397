import Foundation
import IntegraCore

/// A handler for one of the small XML parts of a workbook (workbook, relationships, styles); it can stop the parse
/// with an `IngestError`.
///
/// Subclasses override `start`, `end` and `characters`, which receive element names without their namespace prefix
/// and attribute names as written (`r:id`).
class XMLPartHandler {
    private(set) var failure: IngestError?

    func start(_ name: Substring, attributes: [String: String]) {}
    func end(_ name: Substring) {}
    func characters(_ string: String) {}

    /// Records `error` and stops the parse; `XMLPart.parse` rethrows it.
    func fail(_ error: IngestError) {
        if failure == nil { failure = error }
    }
}

/// Parsing of the XML parts inside a workbook, all through `XMLScanner`: the small ones (workbook, relationships,
/// styles) with an `XMLPartHandler`, the large ones (sheets, shared strings) with `scan`.
///
/// The small parts were read with Foundation's `XMLParser` until `Fuzz/fuzz-xlsx` found that swift-corelibs-foundation
/// traps on an element name that is not valid UTF-8 (`_NSXMLParserStartElementNs`), crashing the process; the
/// scanner checks the encoding first, refuses document types and bounds nesting, for every part alike.
enum XMLPart {
    /// Runs `handler` over `data`; throws `xml-doctype-refused` for a document type declaration and
    /// `unreadable-file` for anything that is not well-formed.
    static func parse(_ data: Data, part: String, handler: XMLPartHandler) throws {
        try scan(data, part: part) { scanner in
            func text(_ span: XMLScanner.Span) -> String {
                String(decoding: UnsafeRawBufferPointer(rebasing: scanner.bytes[span.start..<span.end]), as: UTF8.self)
            }
            while handler.failure == nil {
                switch try scanner.next() {
                case .start(let name):
                    var attributes: [String: String] = [:]
                    for attribute in scanner.attributes { attributes[text(attribute.name)] = scanner.string(attribute) }
                    handler.start(Substring(text(name)), attributes: attributes)
                case .text(let run):
                    var bytes: [UInt8] = []
                    scanner.appendDecoded(run, to: &bytes)
                    handler.characters(String(decoding: bytes, as: UTF8.self))
                case .end(let name):
                    handler.end(Substring(text(name)))
                case .endOfDocument:
                    return
                }
            }
        }
        if let failure = handler.failure { throw failure }
    }

    static func doctypeRefused(part: String) -> IngestError {
        IngestError(
            .xmlDoctypeRefused,
            "the part \(part) of the workbook declares an XML document type, which spreadsheet programs never "
                + "write and which can hide an entity-expansion attack; the file is refused. Open it in Excel or "
                + "LibreOffice and save it again as .xlsx")
    }

    static func notWellFormed(
        part: String, line: Int, reason: String? = nil, underlying: (any Error)? = nil
    ) -> IngestError {
        IngestError(
            .unreadableFile,
            "the part \(part) of the workbook is not well-formed XML (line \(line)\(reason.map { ": " + $0 } ?? "")); "
                + "open the file in Excel or LibreOffice and save it again as .xlsx",
            underlying: underlying)
    }

    /// Decodes OOXML's `_xHHHH_` escapes for characters XML cannot hold (`_x000D_` is a carriage return).
    static func unescapeOOXML(_ text: String) -> String {
        var text = text
        return text.withUTF8 { unescapeOOXML(UnsafeRawBufferPointer($0)) }
    }

    /// `unescapeOOXML` on UTF-8 bytes, making the string in one go; escapes that are not four hex digits naming a
    /// Unicode scalar stay as they are.
    static func unescapeOOXML(_ bytes: UnsafeRawBufferPointer) -> String {
        let n = bytes.count
        var first = 0
        while first + 6 < n, !isEscape(bytes, at: first) { first += 1 }
        guard first + 6 < n else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(n)
        out.append(contentsOf: bytes[0..<first])
        var i = first
        while i < n {
            if i + 6 < n, isEscape(bytes, at: i) {
                var code: UInt32 = 0
                for k in 2..<6 { code = code << 4 | hexValue(bytes[i + k]) }
                if let scalar = Unicode.Scalar(code) {
                    out.append(contentsOf: UTF8.encode(scalar)!)
                    i += 7
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `_x` + four hex digits + `_` at `i`; the caller checks that `i + 6` is in range.
    @inline(__always)
    private static func isEscape(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Bool {
        bytes[i] == UInt8(ascii: "_") && bytes[i + 1] == UInt8(ascii: "x") && bytes[i + 6] == UInt8(ascii: "_")
            && (2..<6).allSatisfy { hexValue(bytes[i + $0]) < 16 }
    }

    @inline(__always)
    private static func hexValue(_ b: UInt8) -> UInt32 {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
        default: return 16
        }
    }

    /// Runs `body` with a scanner over `data` for the large parts (sheets, shared strings). UTF-16 parts are
    /// transcoded first; syntax errors become `IngestError`s naming the part and line, never showing cell text.
    static func scan<R>(_ data: Data, part: String, _ body: (inout XMLScanner) throws -> R) throws -> R {
        if let utf8 = try transcodedFromUTF16(data, part: part) {
            return try utf8.withUnsafeBytes { try scan(UnsafeRawBufferPointer($0), part: part, body) }
        }
        return try data.withUnsafeBytes { try scan($0, part: part, body) }
    }

    private static func scan<R>(
        _ raw: UnsafeRawBufferPointer, part: String, _ body: (inout XMLScanner) throws -> R
    ) throws -> R {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let bytes = raw.starts(with: bom) ? UnsafeRawBufferPointer(rebasing: raw[3...]) : raw
        var scanner = XMLScanner(bytes)
        do {
            guard XMLScanner.isValidUTF8(bytes) else {
                throw XMLSyntaxError(reason: .invalidUTF8, offset: 0)
            }
            return try body(&scanner)
        } catch let error as XMLSyntaxError {
            if error.reason == .doctype { throw doctypeRefused(part: part) }
            throw notWellFormed(part: part, line: scanner.line(of: error.offset), reason: error.reason.rawValue)
        }
    }

    /// The part as UTF-8 when it is UTF-16 (byte-order mark, or a NUL in its first two bytes), otherwise nil.
    private static func transcodedFromUTF16(_ data: Data, part: String) throws -> [UInt8]? {
        let head = [UInt8](data.prefix(2))
        guard head.count == 2, head.contains(0) || head == [0xFF, 0xFE] || head == [0xFE, 0xFF] else { return nil }
        let encoding: String.Encoding = head[0] == 0 || head == [0xFE, 0xFF] ? .utf16BigEndian : .utf16LittleEndian
        guard var text = String(data: data, encoding: encoding) else {
            throw notWellFormed(part: part, line: 1, reason: XMLSyntaxError.Reason.invalidUTF8.rawValue)
        }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return Array(text.utf8)
    }
}

/// Collects the attributes of chosen elements (by local name) from small parts: rels, workbook.
final class AttributeCollector: XMLPartHandler {
    private let wanted: Set<Substring>
    private(set) var elements: [(name: Substring, attributes: [String: String])] = []

    init(_ wanted: Set<Substring>) { self.wanted = wanted }

    override func start(_ name: Substring, attributes: [String: String]) {
        if wanted.contains(name) { elements.append((name, attributes)) }
    }
}
