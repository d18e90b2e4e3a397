import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The shared string table (`xl/sharedStrings.xml`) that `t="s"` cells index into.
enum XLSXSharedStrings {
    /// Every `<si>` as plain text: rich-text runs are joined, phonetic runs (`<rPh>`) left out.
    static func read(_ data: Data, part: String) throws -> [String] {
        let handler = SharedStringsHandler()
        try XMLPart.parse(data, part: part, handler: handler)
        return handler.strings
    }
}

private final class SharedStringsHandler: XMLPartHandler {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inPhonetic = false

    override func start(_ name: Substring, attributes: [String: String], parser: XMLParser) {
        switch name {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        case "sst":
            if let count = attributes["uniqueCount"].flatMap(Int.init), count > 0 {
                strings.reserveCapacity(min(count, 1 << 20))
            }
        default: break
        }
    }

    override func characters(_ string: String) {
        if inText { current += string }
    }

    override func end(_ name: Substring, parser: XMLParser) {
        switch name {
        case "si": strings.append(XMLPart.unescapeOOXML(current))
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }
}
