/// A forward-only XML tokenizer over the bytes of one workbook part, for the parts that carry the data (sheets and
/// shared strings), where `XMLParser` was the bottleneck.
///
/// It checks well-formedness as it goes (matching end tags, one root, quoted attributes, known entities, valid
/// characters), refuses document type declarations, and never reads outside its buffer: every malformed or
/// truncated input ends in an `XMLSyntaxError`. Text and attribute values come back as byte spans; `appendDecoded`
/// resolves entity and character references and XML's line-end normalisation only when a span needs it.
///
/// The buffer must hold valid UTF-8 and outlive the scanner; `XMLPart.scan` provides both. Copies of a scanner share
/// its stacks, so only one of them may be advanced.
///
/// ```swift
/// var scanner = XMLScanner(bytes)
/// while true {
///     switch try scanner.next() {
///     case .start(let name): if scanner.matches(name, "row") { … }
///     case .text(let text): …
///     case .end: break
///     case .endOfDocument: return
///     }
/// }
/// ```
struct XMLScanner {
    /// Byte offsets `start..<end` into the scanned buffer.
    struct Span: Equatable {
        var start: Int
        var end: Int
        var isEmpty: Bool { start >= end }
    }

    /// Character data between tags, or the content of a CDATA section.
    struct Text: Equatable {
        enum Kind: Equatable {
            /// The bytes are the text.
            case plain
            /// Holds references (`&amp;`) or carriage returns to decode.
            case escaped
            /// A CDATA section with carriage returns; references are literal.
            case cdata
        }

        var span: Span
        var kind: Kind
    }

    struct Attribute {
        var name: Span
        var value: Span
        /// False when the value holds references or white space that attribute-value normalisation changes.
        var isPlain: Bool
    }

    enum Event: Equatable {
        /// An opening tag, or an empty-element tag (`<c/>`), which is followed by its `.end`. `name` is the local
        /// name, without a namespace prefix; the attributes are in `attributes` until the next call.
        case start(name: Span)
        case end(name: Span)
        case text(Text)
        case endOfDocument
    }

    /// Elements nested deeper than this are refused, as libxml2 does, so that the open-element stack stays small.
    static let maxDepth = 256
    /// Spreadsheet elements carry a dozen attributes at most; the cap keeps the duplicate check linear in the input.
    static let maxAttributes = 128

    let bytes: UnsafeRawBufferPointer
    private let storage = Storage()
    private var attributeCount = 0
    private var position = 0
    /// Qualified names of the open elements, innermost last, in `storage.open`.
    private var depth = 0
    private var sawRoot = false
    /// The end event owed for an empty-element tag.
    private var pendingEnd: Span?

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The attributes of the last start tag.
    var attributes: UnsafeBufferPointer<Attribute> {
        UnsafeBufferPointer(start: storage.attributes, count: attributeCount)
    }

    /// Fixed-size stacks for the open elements and the current tag's attributes: both are bounded, and plain
    /// pointers spare the hot loop the uniqueness checks of arrays.
    private final class Storage {
        let attributes = UnsafeMutablePointer<Attribute>.allocate(capacity: XMLScanner.maxAttributes)
        let open = UnsafeMutablePointer<Span>.allocate(capacity: XMLScanner.maxDepth)

        deinit {
            attributes.deallocate()
            open.deallocate()
        }
    }

    // MARK: Events

    mutating func next() throws(XMLSyntaxError) -> Event {
        if let name = pendingEnd {
            pendingEnd = nil
            return .end(name: name)
        }
        let n = bytes.count
        while position < n {
            if bytes[position] != UInt8(ascii: "<") {
                let text = try scanText()
                if depth == 0 {
                    // Outside the root only white space may appear.
                    guard isWhitespace(text.span) else { throw error(.contentOutsideRoot, at: text.span.start) }
                    continue
                }
                return .text(text)
            }
            guard position + 1 < n else { throw error(.truncated, at: position) }
            switch bytes[position + 1] {
            case UInt8(ascii: "/"):
                return .end(name: try scanEndTag())
            case UInt8(ascii: "?"):
                try skip(past: "?>", from: position + 2)
            case UInt8(ascii: "!"):
                if let cdata = try scanDeclarationOrComment() { return .text(cdata) }
            default:
                return .start(name: try scanStartTag())
            }
        }
        guard sawRoot else { throw error(.noRootElement, at: n) }
        guard depth == 0 else { throw error(.truncated, at: n) }
        return .endOfDocument
    }

    // MARK: Reading spans

    /// True when the local name `span` is `literal` (ASCII).
    @inline(__always)
    func matches(_ span: Span, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard span.end - span.start == count else { return false }
        let chars = literal.utf8Start
        for k in 0..<count where bytes[span.start + k] != chars[k] { return false }
        return true
    }

    /// The attribute of the current start tag named `literal` (unprefixed), if any.
    @inline(__always)
    func attribute(_ literal: StaticString) -> Attribute? {
        for attribute in attributes where matches(attribute.name, literal) { return attribute }
        return nil
    }

    /// Calls `body` with the value of `attribute` as the application sees it: references resolved, white space
    /// normalised to spaces.
    func withValue<R>(of attribute: Attribute, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if attribute.isPlain { return try body(UnsafeRawBufferPointer(rebasing: bytes[slice(attribute.value)])) }
        var decoded: [UInt8] = []
        appendDecoded(attribute.value, isAttribute: true, to: &decoded)
        return try decoded.withUnsafeBytes(body)
    }

    /// The value of `attribute` as a string.
    func string(_ attribute: Attribute) -> String {
        withValue(of: attribute) { String(decoding: $0, as: UTF8.self) }
    }

    /// Appends the characters of `text` to `out`: references resolved, `\r\n` and `\r` turned into `\n`.
    func appendDecoded(_ text: Text, to out: inout [UInt8]) {
        switch text.kind {
        case .plain: out.append(contentsOf: bytes[slice(text.span)])
        case .escaped, .cdata: appendDecoded(text.span, isAttribute: false, references: text.kind == .escaped, to: &out)
        }
    }

    /// The 1-based line of a byte offset, for error messages.
    func line(of offset: Int) -> Int {
        var line = 1
        for i in 0..<min(max(offset, 0), bytes.count) where bytes[i] == UInt8(ascii: "\n") { line += 1 }
        return line
    }

    // MARK: Markup

    private mutating func scanStartTag() throws(XMLSyntaxError) -> Span {
        if sawRoot && depth == 0 { throw error(.contentOutsideRoot, at: position) }
        let (qualified, local) = try scanName(from: position + 1)
        var i = qualified.end
        attributeCount = 0
        let n = bytes.count
        while true {
            let afterSpace = skipWhitespace(from: i)
            let sawSpace = afterSpace > i
            i = afterSpace
            guard i < n else { throw error(.truncated, at: i) }
            switch bytes[i] {
            case UInt8(ascii: ">"):
                position = i + 1
                try push(qualified)
                return local
            case UInt8(ascii: "/"):
                guard i + 1 < n else { throw error(.truncated, at: i) }
                guard bytes[i + 1] == UInt8(ascii: ">") else { throw error(.malformedTag, at: i) }
                position = i + 2
                sawRoot = true
                pendingEnd = local
                return local
            default:
                guard sawSpace else { throw error(.malformedTag, at: i) }
                guard attributeCount < Self.maxAttributes else { throw error(.tooManyAttributes, at: i) }
                let attribute = try scanAttribute(from: i)
                for other in attributes where equal(other.name, attribute.name) {
                    throw error(.duplicateAttribute, at: i)
                }
                (storage.attributes + attributeCount).initialize(to: attribute)
                attributeCount += 1
                i = attribute.value.end + 1
            }
        }
    }

    private func scanAttribute(from start: Int) throws(XMLSyntaxError) -> Attribute {
        let n = bytes.count
        let (name, _) = try scanName(from: start)
        var i = skipWhitespace(from: name.end)
        guard i < n else { throw error(.truncated, at: i) }
        guard bytes[i] == UInt8(ascii: "=") else { throw error(.malformedTag, at: i) }
        i = skipWhitespace(from: i + 1)
        guard i < n else { throw error(.truncated, at: i) }
        let quote = bytes[i]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { throw error(.malformedTag, at: i) }
        i += 1
        let valueStart = i
        var isPlain = true
        while i < n {
            let b = bytes[i]
            if b == quote {
                return Attribute(name: name, value: Span(start: valueStart, end: i), isPlain: isPlain)
            }
            if b < 0x20 {
                guard b == 0x09 || b == 0x0A || b == 0x0D else { throw error(.invalidCharacter, at: i) }
                isPlain = false
            } else if b == UInt8(ascii: "&") {
                i = try skipReference(at: i)
                isPlain = false
                continue
            } else if b == UInt8(ascii: "<") {
                throw error(.malformedTag, at: i)
            }
            i += 1
        }
        throw error(.truncated, at: n)
    }

    private mutating func scanEndTag() throws(XMLSyntaxError) -> Span {
        let (qualified, local) = try scanName(from: position + 2)
        let i = skipWhitespace(from: qualified.end)
        guard i < bytes.count else { throw error(.truncated, at: i) }
        guard bytes[i] == UInt8(ascii: ">") else { throw error(.malformedTag, at: i) }
        guard depth > 0, equal(storage.open[depth - 1], qualified) else {
            throw error(.mismatchedEndTag, at: position)
        }
        depth -= 1
        position = i + 1
        return local
    }

    /// `<!--…-->` is skipped, `<![CDATA[…]]>` returned, `<!DOCTYPE` refused; nothing else may start with `<!`.
    private mutating func scanDeclarationOrComment() throws(XMLSyntaxError) -> Text? {
        let start = position
        if hasPrefix("<!--", at: start) {
            try skip(past: "-->", from: start + 4)
            return nil
        }
        if hasPrefix("<![CDATA[", at: start) {
            guard depth > 0 else { throw error(.contentOutsideRoot, at: start) }
            let contentStart = start + 9
            try skip(past: "]]>", from: contentStart)
            let span = Span(start: contentStart, end: position - 3)
            var kind = Text.Kind.plain
            for i in slice(span) {
                let b = bytes[i]
                if b == 0x0D {
                    kind = .cdata
                } else if b < 0x20, b != 0x09, b != 0x0A {
                    throw error(.invalidCharacter, at: i)
                }
            }
            return span.isEmpty ? nil : Text(span: span, kind: kind)
        }
        if hasPrefix("<!DOCTYPE", at: start) || hasPrefix("<!ENTITY", at: start) {
            throw error(.doctype, at: start)
        }
        throw error(.malformedTag, at: start)
    }

    private mutating func scanText() throws(XMLSyntaxError) -> Text {
        let start = position
        let n = bytes.count
        var i = start
        var kind = Text.Kind.plain
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "<") { break }
            if b == UInt8(ascii: "&") {
                i = try skipReference(at: i)
                kind = .escaped
                continue
            }
            if b < 0x20 {
                if b == 0x0D {
                    kind = .escaped
                } else if b != 0x09 && b != 0x0A {
                    throw error(.invalidCharacter, at: i)
                }
            }
            i += 1
        }
        position = i
        return Text(span: Span(start: start, end: i), kind: kind)
    }

    private mutating func push(_ qualified: Span) throws(XMLSyntaxError) {
        guard depth < Self.maxDepth else { throw error(.tooDeep, at: position) }
        (storage.open + depth).initialize(to: qualified)
        depth += 1
        sawRoot = true
    }

    /// A name and its local part (after the last `:`).
    private func scanName(from start: Int) throws(XMLSyntaxError) -> (qualified: Span, local: Span) {
        let n = bytes.count
        var i = start
        var localStart = start
        while i < n, Self.isNameByte(bytes[i]) {
            if bytes[i] == UInt8(ascii: ":") { localStart = i + 1 }
            i += 1
        }
        guard i > start else { throw error(i < n ? .malformedTag : .truncated, at: i) }
        guard localStart < i, !(0x30...0x39).contains(bytes[start]) else { throw error(.malformedTag, at: start) }
        return (Span(start: start, end: i), Span(start: localStart, end: i))
    }

    /// Letters, digits, `_ : - .` and every byte of a multi-byte UTF-8 character, as a bit set.
    @inline(__always)
    private static func isNameByte(_ b: UInt8) -> Bool {
        let set: UInt64
        switch b >> 6 {
        case 0: set = 0x07FF_6000_0000_0000  // - . 0-9 :
        case 1: set = 0x07FF_FFFE_87FF_FFFE  // A-Z _ a-z
        default: return true
        }
        return set >> (b & 63) & 1 == 1
    }

    // MARK: References

    /// Checks the reference starting at `&` and returns the offset after its `;`.
    private func skipReference(at ampersand: Int) throws(XMLSyntaxError) -> Int {
        guard let (_, end) = reference(at: ampersand) else { throw error(.badReference, at: ampersand) }
        return end
    }

    /// The character a reference stands for and the offset after it; nil when it is not a predefined entity or a
    /// character reference to a character XML allows.
    private func reference(at ampersand: Int) -> (Unicode.Scalar, Int)? {
        let n = bytes.count
        var i = ampersand + 1
        if i < n, bytes[i] == UInt8(ascii: "#") {
            // Character references may have any number of leading zeros, so their value is bounded, not their length.
            i += 1
            var radix: UInt32 = 10
            if i < n, bytes[i] == UInt8(ascii: "x") {
                radix = 16
                i += 1
            }
            var value: UInt32 = 0
            let digitsStart = i
            while i < n, let digit = Self.digitValue(bytes[i], radix: radix) {
                value = value * radix + digit
                guard value <= 0x10FFFF else { return nil }
                i += 1
            }
            guard i > digitsStart, i < n, bytes[i] == UInt8(ascii: ";"),
                let scalar = Unicode.Scalar(value), Self.isXMLCharacter(scalar)
            else { return nil }
            return (scalar, i + 1)
        }
        // The longest predefined entity is 4 letters.
        let nameStart = i
        while i < n, i - nameStart <= 4, bytes[i] != UInt8(ascii: ";") { i += 1 }
        guard i < n, bytes[i] == UInt8(ascii: ";") else { return nil }
        let name = Span(start: nameStart, end: i)
        let scalar: Unicode.Scalar
        if matches(name, "amp") {
            scalar = "&"
        } else if matches(name, "lt") {
            scalar = "<"
        } else if matches(name, "gt") {
            scalar = ">"
        } else if matches(name, "quot") {
            scalar = "\""
        } else if matches(name, "apos") {
            scalar = "'"
        } else {
            return nil
        }
        return (scalar, i + 1)
    }

    @inline(__always)
    private static func digitValue(_ b: UInt8, radix: UInt32) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: return UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: return UInt32(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// XML 1.0's `Char`: no control characters but tab, line feed and carriage return, no U+FFFE or U+FFFF.
    private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Decodes a span the scanner has already checked. Attribute values also turn tabs and line ends into spaces.
    private func appendDecoded(
        _ span: Span, isAttribute: Bool, references: Bool = true, to out: inout [UInt8]
    ) {
        var i = span.start
        let end = min(span.end, bytes.count)
        out.reserveCapacity(out.count + end - i)
        while i < end {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "&") where references:
                guard let (scalar, after) = reference(at: i) else {
                    out.append(b)
                    i += 1
                    continue
                }
                out.append(contentsOf: UTF8.encode(scalar)!)
                i = after
                continue
            case 0x0D:
                // `\r\n` and a lone `\r` are both one line end.
                if i + 1 < end, bytes[i + 1] == 0x0A { i += 1 }
                out.append(isAttribute ? 0x20 : 0x0A)
            case 0x09, 0x0A:
                out.append(isAttribute ? 0x20 : b)
            default:
                out.append(b)
            }
            i += 1
        }
    }

    // MARK: Helpers

    @inline(__always)
    private func slice(_ span: Span) -> Range<Int> {
        let start = min(max(span.start, 0), bytes.count)
        return start..<min(max(span.end, start), bytes.count)
    }

    private func equal(_ a: Span, _ b: Span) -> Bool {
        guard a.end - a.start == b.end - b.start else { return false }
        for k in 0..<(a.end - a.start) where bytes[a.start + k] != bytes[b.start + k] { return false }
        return true
    }

    private func skipWhitespace(from start: Int) -> Int {
        var i = start
        while i < bytes.count, Self.isWhitespace(bytes[i]) { i += 1 }
        return i
    }

    @inline(__always)
    private static func isWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
    }

    private func isWhitespace(_ span: Span) -> Bool {
        slice(span).allSatisfy { Self.isWhitespace(bytes[$0]) }
    }

    private func hasPrefix(_ literal: StaticString, at start: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard start + count <= bytes.count else { return false }
        return matches(Span(start: start, end: start + count), literal)
    }

    /// Moves `position` past the next `terminator` at or after `start`.
    private mutating func skip(past terminator: StaticString, from start: Int) throws(XMLSyntaxError) {
        let count = terminator.utf8CodeUnitCount
        var i = start
        while i + count <= bytes.count {
            if hasPrefix(terminator, at: i) {
                position = i + count
                return
            }
            i += 1
        }
        throw error(.truncated, at: bytes.count)
    }

    private func error(_ reason: XMLSyntaxError.Reason, at offset: Int) -> XMLSyntaxError {
        XMLSyntaxError(reason: reason, offset: offset)
    }
}

/// Why a part is not well-formed XML, and where.
struct XMLSyntaxError: Error, Equatable {
    enum Reason: String {
        case truncated = "the part ends inside an element"
        case noRootElement = "there is no root element"
        case contentOutsideRoot = "there is content after the root element"
        case malformedTag = "a tag is malformed"
        case mismatchedEndTag = "an end tag does not match the open element"
        case duplicateAttribute = "an attribute is repeated"
        case badReference = "an entity or character reference is not defined"
        case invalidCharacter = "there is a control character XML does not allow"
        case invalidUTF8 = "the text is not valid UTF-8"
        case tooDeep = "elements are nested too deeply"
        case tooManyAttributes = "an element has too many attributes"
        case doctype = "a document type is declared"
    }

    var reason: Reason
    var offset: Int
}

extension XMLScanner {
    /// True when `bytes` is well-formed UTF-8 (no overlong forms, surrogates or values above U+10FFFF). Checked once
    /// per part, so that every span the scanner hands out decodes without repair, as libxml2 required.
    static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let n = bytes.count
        var i = 0
        while i < n {
            // Sheet XML is mostly ASCII: skip it eight bytes at a time.
            while i + 8 <= n, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < n else { break }
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: (length, low) = (3, 0xA0)
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: (length, high) = (3, 0x9F)
            case 0xF0: (length, low) = (4, 0x90)
            case 0xF1...0xF3: length = 4
            case 0xF4: (length, high) = (4, 0x8F)
            default: return false
            }
            guard i + length <= n, (low...high).contains(bytes[i + 1]) else { return false }
            for k in 2..<length where !(0x80...0xBF).contains(bytes[i + k]) { return false }
            i += length
        }
        return true
    }
}

/// The character data of one element, gathered from its text events. The usual single unescaped run is kept as a
/// span of the scanned buffer; only references, line ends and split runs are copied.
struct XMLTextCollector {
    private var single: XMLScanner.Span?
    private var buffer: [UInt8] = []
    private var isBuffered = false

    mutating func reset() {
        single = nil
        isBuffered = false
    }

    @inline(__always)
    mutating func append(_ text: XMLScanner.Text, from scanner: XMLScanner) {
        if !isBuffered && single == nil && text.kind == .plain {
            single = text.span
            return
        }
        if !isBuffered {
            buffer.removeAll(keepingCapacity: true)
            isBuffered = true
            if let single {
                scanner.appendDecoded(XMLScanner.Text(span: single, kind: .plain), to: &buffer)
                self.single = nil
            }
        }
        scanner.appendDecoded(text, to: &buffer)
    }

    /// Calls `body` with the collected UTF-8 bytes (empty when there was no text).
    @inline(__always)
    func withBytes<R>(in scanner: XMLScanner, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if isBuffered { return try buffer.withUnsafeBytes(body) }
        guard let single else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeRawBufferPointer(rebasing: scanner.bytes[single.start..<single.end]))
    }
}
