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

/// Parsing of the XML parts inside a workbook.
enum XMLPart {
    /// Runs `handler` over `data`, refusing a document type declaration first.
    ///
    /// Uses `XMLParser(stream:)`: `XMLParser(data:)` fails on parts above 10 MB (libxml2's "huge input" limit).
    static func parse(_ data: Data, part: String, handler: XMLPartHandler) throws {
        try refuseDoctype(data, part: part)
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldResolveExternalEntities = false
        parser.delegate = handler
        let ok = parser.parse()
        if let failure = handler.failure { throw failure }
        guard ok, handler.isComplete else {
            throw IngestError(
                .unreadableFile,
                "the part \(part) of the workbook is not well-formed XML (line \(parser.lineNumber)); open the file in "
                    + "Excel or LibreOffice and save it again as .xlsx",
                underlying: parser.parserError)
        }
    }

    /// Throws when the part declares a document type: entity definitions can expand to gigabytes ("billion
    /// laughs"), and no spreadsheet program writes one.
    static func refuseDoctype(_ data: Data, part: String) throws {
        if containsDoctype(data) {
            throw IngestError(
                .xmlDoctypeRefused,
                "the part \(part) of the workbook declares an XML document type, which spreadsheet programs never "
                    + "write and which can hide an entity-expansion attack; the file is refused. Open it in Excel or "
                    + "LibreOffice and save it again as .xlsx")
        }
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
        // Checked on the UTF-8 bytes: `String.contains(_:)` goes through NSString here and dominated the profile.
        var sawUnderscore = false
        guard
            text.utf8.contains(where: { byte in
                defer { sawUnderscore = byte == UInt8(ascii: "_") }
                return sawUnderscore && byte == UInt8(ascii: "x")
            })
        else { return text }
        var out = ""
        var scalars = Array(text.unicodeScalars)[...]
        while let first = scalars.first {
            if first == "_", scalars.count >= 7, scalars[scalars.startIndex + 1] == "x",
                scalars[scalars.startIndex + 6] == "_",
                let code = UInt32(String(String.UnicodeScalarView(scalars.dropFirst(2).prefix(4))), radix: 16),
                let scalar = Unicode.Scalar(code)
            {
                out.unicodeScalars.append(scalar)
                scalars = scalars.dropFirst(7)
            } else {
                out.unicodeScalars.append(first)
                scalars = scalars.dropFirst()
            }
        }
        return out
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
