import Foundation
import IntegraCore

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import IntegraIngest

/// The reader the byte scanner replaced, kept as an oracle: libxml2 (through `XMLParser`) does the XML, the same
/// cell rules do the rest, so a differential test shows the scanner decodes exactly what libxml2 does.
enum XMLParserReference {
    static func sharedStrings(_ data: Data) -> [String]? {
        let handler = SharedStringsHandler()
        return run(data, handler) ? handler.strings : nil
    }

    static func sheet(_ data: Data, parser: XLSXSheetParser) -> (rows: [TableRow], merged: [CellRange])? {
        let handler = SheetHandler(parser: parser)
        return run(data, handler) && !handler.failed ? (handler.rows, handler.merged) : nil
    }

    private static func run(_ data: Data, _ delegate: any XMLParserDelegate) -> Bool {
        let parser = XMLParser(stream: InputStream(data: data))
        parser.delegate = delegate
        return parser.parse()
    }

    private static func localName(_ name: String) -> Substring {
        name.split(separator: ":").last ?? Substring(name)
    }

    private final class SharedStringsHandler: NSObject, XMLParserDelegate {
        var strings: [String] = []
        private var current = ""
        private var inText = false
        private var inPhonetic = false

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            switch localName(elementName) {
            case "si": current = ""
            case "t": inText = !inPhonetic
            case "rPh": inPhonetic = true
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { current += string }
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            if inText { current += String(decoding: block, as: UTF8.self) }
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            switch localName(elementName) {
            case "si": strings.append(XMLPart.unescapeOOXML(current))
            case "t": inText = false
            case "rPh": inPhonetic = false
            default: break
            }
        }
    }

    private final class SheetHandler: NSObject, XMLParserDelegate {
        let sheet: XLSXSheetParser
        var rows: [TableRow] = []
        var merged: [CellRange] = []
        var failed = false

        private var rowNumber = 0
        private var cells: [CellValue] = []
        private var column = 0
        private var style = 0
        private var type: String?
        private var text = ""
        private var inValue = false
        private var inInlineString = false
        private var inPhonetic = false

        init(parser: XLSXSheetParser) { self.sheet = parser }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            switch localName(elementName) {
            case "row":
                rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
                cells.removeAll()
            case "c":
                column = attributes["r"].flatMap { CellReference.parse($0)?.column } ?? cells.count
                style = attributes["s"].flatMap(Int.init) ?? 0
                type = attributes["t"]
                text = ""
            case "v": inValue = true
            case "is": inInlineString = true
            case "t": inValue = inInlineString && !inPhonetic
            case "rPh": inPhonetic = true
            case "mergeCell":
                if let ref = attributes["ref"], let range = CellReference.range(ref) { merged.append(range) }
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inValue { text += string }
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            if inValue { text += String(decoding: block, as: UTF8.self) }
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            switch localName(elementName) {
            case "v", "t": inValue = false
            case "is": inInlineString = false
            case "rPh": inPhonetic = false
            case "c":
                guard let value = sheet.value(type: type, style: style, text: text) else {
                    failed = true
                    return
                }
                if column >= cells.count {
                    cells.append(contentsOf: repeatElement(CellValue.empty, count: column - cells.count + 1))
                }
                cells[column] = value
            case "row":
                while cells.last == .empty { cells.removeLast() }
                let row = TableRow(number: rowNumber, cells: cells)
                if !row.isBlank { rows.append(row) }
            default: break
            }
        }
    }
}

/// SplitMix64: a small seeded generator, so generated fixtures are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
