import Foundation

/// The shared string table (`xl/sharedStrings.xml`) that `t="s"` cells index into.
enum XLSXSharedStrings {
    /// Every `<si>` as plain text: rich-text runs are joined, phonetic runs (`<rPh>`) left out, `_xHHHH_` escapes
    /// decoded.
    static func read(_ data: Data, part: String) throws -> [String] {
        try XMLPart.scan(data, part: part) { scanner in
            var strings: [String] = []
            var text = XMLTextCollector()
            var inText = false
            var inPhonetic = false
            while true {
                switch try scanner.next() {
                case .start(let name):
                    if scanner.matches(name, "t") {
                        inText = !inPhonetic
                    } else if scanner.matches(name, "si") {
                        text.reset()
                    } else if scanner.matches(name, "rPh") {
                        inPhonetic = true
                    } else if scanner.matches(name, "sst"), let count = scanner.attribute("uniqueCount") {
                        let expected = scanner.withValue(of: count) { XLSXSheetParser.integer($0) } ?? 0
                        strings.reserveCapacity(min(max(expected, 0), 1 << 20))
                    }
                case .text(let run):
                    if inText { text.append(run, from: scanner) }
                case .end(let name):
                    if scanner.matches(name, "t") {
                        inText = false
                    } else if scanner.matches(name, "si") {
                        if text.withBytes(in: scanner, \.count) > InputLimits.maxCellBytes {
                            throw InputLimits.cellTooLarge(where: "the shared string \(strings.count) of \(part)")
                        }
                        strings.append(text.withBytes(in: scanner, XMLPart.unescapeOOXML))
                        text.reset()
                    } else if scanner.matches(name, "rPh") {
                        inPhonetic = false
                    }
                case .endOfDocument:
                    return strings
                }
            }
        }
    }
}
