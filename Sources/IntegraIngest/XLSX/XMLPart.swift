import Foundation
import IntegraCore

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A SAX handler for one XML part of a workbook; it can stop the parse with an `IngestError`.
///
/// Subclasses override `start`, `end` and `characters`, which receive element names without their namespace prefix.
/// The handler also checks that the root element was closed: a stream parser accepts a truncated part silently.
class XMLPartHandler: NSObject, XMLParserDelegate {
    private(set) var failure: IngestError?
    /// The part being parsed, for messages; set by `XMLPart.parse`.
    fileprivate(set) var part = ""
    private var depth = 0
    private var sawRoot = false

    /// True once the root element has been opened and closed again.
    var isComplete: Bool { sawRoot && depth == 0 }

    func start(_ name: Substring, attributes: [String: String], parser: XMLParser) {}
    func end(_ name: Substring, parser: XMLParser) {}
    func characters(_ string: String) {}

    /// Records `error` and stops the parser; `XMLPart.parse` rethrows it.
    func fail(_ error: IngestError, _ parser: XMLParser) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }

    final func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        depth += 1
        sawRoot = true
        // The same bound as the sheet scanner's; no workbook part comes near it.
        guard depth <= XMLScanner.maxDepth else {
            return fail(
                XMLPart.notWellFormed(
                    part: part, line: parser.lineNumber, reason: "elements nested more than \(XMLScanner.maxDepth) deep"),
                parser)
        }
        start(XMLPart.localName(elementName), attributes: attributes, parser: parser)
    }

    final func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        depth -= 1
        end(XMLPart.localName(elementName), parser: parser)
    }

    final func parser(_ parser: XMLParser, foundCharacters string: String) {
        characters(string)
    }
}

/// Parsing of the XML parts inside a workbook: the small ones (workbook, relationships, styles) through `XMLParser`
/// with an `XMLPartHandler`, the large ones (sheets, shared strings) through `scan` and an `XMLScanner`, which is
/// several times faster.
enum XMLPart {
    /// Runs `handler` over `data`, refusing a document type declaration first.
    ///
    /// Uses `XMLParser(stream:)`: `XMLParser(data:)` fails on parts above 10 MB (libxml2's "huge input" limit).
    static func parse(_ data: Data, part: String, handler: XMLPartHandler) throws {
        try refuseDoctype(data, part: part)
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldResolveExternalEntities = false
        parser.delegate = handler
        handler.part = part
        let ok = parser.parse()
        if let failure = handler.failure { throw failure }
        guard ok, handler.isComplete else {
            throw notWellFormed(part: part, line: parser.lineNumber, underlying: parser.parserError)
        }
    }

    /// Throws when the part declares a document type: entity definitions can expand to gigabytes ("billion
    /// laughs"), and no spreadsheet program writes one.
    static func refuseDoctype(_ data: Data, part: String) throws {
        if containsDoctype(data) { throw doctypeRefused(part: part) }
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

    static func containsDoctype(_ data: Data) -> Bool {
        let looksUTF16 =
            data.count >= 2
            && (data.prefix(2).contains(0) || data.prefix(2) == Data([0xFF, 0xFE])
                || data.prefix(2) == Data([0xFE, 0xFF]))
        if looksUTF16 {
            let encoding: String.Encoding =
                data.first == 0 || data.prefix(2) == Data([0xFE, 0xFF]) ? .utf16BigEndian : .utf16LittleEndian
            // Undecodable UTF-16 cannot be checked, so it is treated as unsafe.
            guard let text = String(data: data, encoding: encoding) else { return true }
            return text.contains("<!DOCTYPE")
        }
        let pattern = Array("DOCTYPE".utf8)
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let n = raw.count
            var i = 1
            // `!` is rare in sheet XML, so look for it and check the neighbours.
            while i < n {
                if raw[i] == UInt8(ascii: "!"), raw[i - 1] == UInt8(ascii: "<"), i + pattern.count < n {
                    var k = 0
                    while k < pattern.count, raw[i + 1 + k] == pattern[k] { k += 1 }
                    if k == pattern.count { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// The element name without its namespace prefix: `x:c` → `c`.
    @inline(__always)
    static func localName(_ name: String) -> Substring {
        guard let colon = name.utf8.firstIndex(of: UInt8(ascii: ":")) else { return Substring(name) }
        return name[name.index(after: colon)...]
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

    override func start(_ name: Substring, attributes: [String: String], parser: XMLParser) {
        if wanted.contains(name) { elements.append((name, attributes)) }
    }
}
