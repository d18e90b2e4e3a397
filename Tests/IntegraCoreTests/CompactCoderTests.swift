import Foundation
import Testing

@testable import IntegraCore

/// The compact binary coder: round trips of every shape `Codable` conformances use, the same bytes every time, and
/// errors (never a crash) on bad bytes.
@Suite struct CompactCoderTests {
    // MARK: Round trips

    @Test func integersOfEveryWidthRoundTripAtTheirLimits() throws {
        try expectRoundTrip([Int.min, -129, -128, -1, 0, 1, 127, 128, Int.max])
        try expectRoundTrip([Int8.min, -1, 0, 127, Int8.max])
        try expectRoundTrip([Int16.min, -1, 0, 128, Int16.max])
        try expectRoundTrip([Int32.min, -1, 0, 128, Int32.max])
        try expectRoundTrip([Int64.min, -1, 0, 1 << 53, Int64.max])
        try expectRoundTrip([UInt.min, 127, 128, UInt.max])
        try expectRoundTrip([UInt8.min, 127, 128, UInt8.max])
        try expectRoundTrip([UInt16.min, 128, UInt16.max])
        try expectRoundTrip([UInt32.min, 128, UInt32.max])
        try expectRoundTrip([UInt64.min, 1 << 63, UInt64.max])
        try expectRoundTrip(Int64.min)
        try expectRoundTrip(UInt64.max)
        try expectRoundTrip(Widths())
    }

    @Test func integersOf128BitsRoundTrip() throws {
        guard #available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *) else { return }
        let signed: [Int128] = [
            .min, Int128(Int64.min) - 1, Int128(Int64.min), -1, 0, 127, Int128(Int64.max), Int128(Int64.max) + 1,
            Int128(UInt64.max) + 1, .max,
        ]
        try expectRoundTrip(signed)
        try expectRoundTrip([UInt128.min, 128, UInt128(UInt64.max), UInt128(UInt64.max) + 1, .max])
        try expectRoundTrip(["a": Int128.min, "b": 5])
        try expectRoundTrip(Wide(signed: .min, unsigned: .max, optional: nil))
        try expectRoundTrip(Wide(signed: 1, unsigned: 2, optional: -(1 << 100)))
        #expect(try CompactDecoder().decode(Int128.self, from: CompactEncoder().encode(Int64.min)) == Int128(Int64.min))
        #expect(try CompactDecoder().decode(Int8.self, from: CompactEncoder().encode(Int128(-8))) == -8)
        #expect(throws: DecodingError.self) {
            try CompactDecoder().decode(Int64.self, from: CompactEncoder().encode(Int128.max))
        }
        #expect(throws: DecodingError.self) {
            try CompactDecoder().decode(UInt128.self, from: CompactEncoder().encode(-1))
        }
        #expect(throws: DecodingError.self) {
            try CompactDecoder().decode(UInt128.self, from: CompactEncoder().encode(Int128.min))
        }
        #expect(throws: DecodingError.self) {
            try CompactDecoder().decode(Int128.self, from: CompactEncoder().encode(UInt128.max))
        }
    }

    @Test func floatingPointRoundTripsBitForBit() throws {
        let doubles: [Double] = [
            0, -0.0, 1, -1.5, .pi, .infinity, -.infinity, .greatestFiniteMagnitude, .leastNonzeroMagnitude,
            .leastNormalMagnitude, 0.1 + 0.2, -1e-300,
        ]
        let back = try roundTrip(doubles)
        #expect(back.map(\.bitPattern) == doubles.map(\.bitPattern))
        let floats: [Float] = [
            0, -0.0, 1, .pi, .infinity, -.infinity, .greatestFiniteMagnitude, .leastNonzeroMagnitude,
        ]
        #expect(try roundTrip(floats).map(\.bitPattern) == floats.map(\.bitPattern))
        #expect(try roundTrip(Double.nan).isNaN)
        #expect(try roundTrip(Float.nan).isNaN)
        #expect(try roundTrip(-0.0 as Double).sign == .minus)
    }

    @Test(arguments: [
        "", "a", "zażółć gęślą jaźń", "Łódź", "Привет", "日本語", "👩‍👩‍👧‍👦🇵🇱", "e\u{301}", "\u{E9}", "\u{0}nul",
        "\u{202E}rtl", "\r\n", String(repeating: "x", count: 63), String(repeating: "x", count: 64),
        String(repeating: "ą", count: 40), String(repeating: "long ", count: 5_000),
    ])
    func stringsRoundTripByteForByte(_ string: String) throws {
        let back = try roundTrip(string)
        #expect(Array(back.utf8) == Array(string.utf8))
        let keyed = try roundTrip(["k": string, string: "v"])
        #expect(keyed == ["k": string, string: "v"])
    }

    @Test func boolsDataAndDatesRoundTrip() throws {
        try expectRoundTrip([true, false])
        try expectRoundTrip(Data())
        try expectRoundTrip(Data((0...255).map { UInt8($0) }))
        try expectRoundTrip(Date(timeIntervalSinceReferenceDate: 712_345_678.125))
        try expectRoundTrip([Date(timeIntervalSince1970: 0), Date.distantFuture, Date.distantPast])
        try expectRoundTrip(
            Blobs(data: Data([1, 2, 3]), dates: [Date(timeIntervalSinceReferenceDate: -1)], maybe: nil))
        try expectRoundTrip(Blobs(data: Data(), dates: [], maybe: Data([0])))
    }

    @Test func structsWithOptionalsNestingAndCollectionsRoundTrip() throws {
        try expectRoundTrip(Row.sample(0))
        try expectRoundTrip(Row.sample(1))
        try expectRoundTrip((0..<50).map(Row.sample))
        try expectRoundTrip(Zoo.sample)
        try expectRoundTrip(Zoo.empty)
        try expectRoundTrip([Zoo.sample, Zoo.empty, Zoo.sample])
    }

    @Test func emptyContainersRoundTrip() throws {
        try expectRoundTrip([Int]())
        try expectRoundTrip([[Int]]([[], [], []]))
        try expectRoundTrip([String: Int]())
        try expectRoundTrip(Empty())
        try expectRoundTrip([Empty(), Empty()])
        try expectRoundTrip(AllOptional())
        try expectRoundTrip([AllOptional(), AllOptional(a: 1, b: nil, c: [])])
        // A value that encodes nothing reads as an empty keyed container, as JSONEncoder writes `{}`.
        let nothing = try CompactEncoder().encode([WritesNothing(), WritesNothing()])
        #expect(try CompactDecoder().decode([Empty].self, from: nothing).count == 2)
    }

    /// Containers just under and over the sizes where their length needs another byte, at every nesting level.
    @Test func containersOfEverySizeRoundTrip() throws {
        let sizes = Array(0...3) + Array(120...135) + Array(16_370...16_390) + [70_000]
        for size in sizes {
            let text = String(repeating: "a", count: size)
            try expectRoundTrip([[[text]]])
            try expectRoundTrip(["a": ["b": ["c": text]]])
        }
        try expectRoundTrip((0..<3_000).map(Row.sample))
    }

    @Test func dictionariesRoundTripWhateverTheirKeys() throws {
        try expectRoundTrip(["a": 1, "b": 2, "": 3, "zażółć": 4])
        try expectRoundTrip([1: "one", -5: "minus five", Int.max: "max"])
        try expectRoundTrip([UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!: 1])
        try expectRoundTrip([true: "yes", false: "no"])
        try expectRoundTrip([Color.red: [1], Color.green: []])
        try expectRoundTrip(["nested": ["deeper": [1: [Money(grosze: 5)]]]])
        let large = Dictionary(uniqueKeysWithValues: (0..<2_000).map { ("key \($0)", $0) })
        try expectRoundTrip(large)
    }

    @Test func enumsRoundTripWithAndWithoutAssociatedValues() throws {
        try expectRoundTrip([Color.red, .green, .blue])
        try expectRoundTrip([Level.low, .high])
        try expectRoundTrip([Plain.first, .second])
        let shapes: [Shape] = [
            .point, .circle(radius: 2.5), .rectangle(width: 1, height: -2), .labelled("x", 3), .optional(nil),
            .optional(7), .nested(.circle(radius: 0)), .nested(.nested(.point)),
        ]
        try expectRoundTrip(shapes)
        try expectRoundTrip(Tree.node(.leaf(1), .node(.leaf(2), .leaf(3))))
    }

    /// A type that encodes one bare value, like `Money`, works alone, in arrays, as keyed values and as dictionary
    /// values.
    @Test func singleValueTypesRoundTripEverywhere() throws {
        try expectRoundTrip(Money(grosze: 123_456))
        try expectRoundTrip([Money(grosze: -1), Money(grosze: 0), Money.largest])
        try expectRoundTrip(["a": Money(grosze: 1)])
        try expectRoundTrip(
            Account(balance: Money(grosze: 99), history: [Money(grosze: 1), Money(grosze: -1)], limit: nil))
        try expectRoundTrip([Wrapped(inner: Wrapped2(value: "deep")), Wrapped(inner: Wrapped2(value: ""))])
        // A bare Int64 decodes as Money and back.
        let bare = try CompactEncoder().encode([Int64(5), Int64(-7)])
        #expect(try CompactDecoder().decode([Money].self, from: bare) == [Money(grosze: 5), Money(grosze: -7)])
    }

    /// `Int??.some(nil)` stays itself, where JSON reads it back as `nil`.
    @Test func nestedOptionalsKeepEveryLevel() throws {
        let values: [Int??] = [nil, .some(nil), .some(.some(3))]
        for value in values {
            #expect(try roundTrip(value) == value)
            #expect(try roundTrip(Nested(value: value, deeper: nil)) == Nested(value: value, deeper: nil))
        }
        #expect(try roundTrip(values) == values)
        let deeper: [Int???] = [nil, .some(nil), .some(.some(nil)), .some(.some(.some(1)))]
        #expect(try roundTrip(deeper) == deeper)
        for value in deeper {
            #expect(try roundTrip(value) == value)
            #expect(try roundTrip(Nested(value: nil, deeper: value)) == Nested(value: nil, deeper: value))
        }
        #expect(try roundTrip(["k": Int?.none]) == ["k": nil])
        #expect(try roundTrip([String?.none, "a"]) == [nil, "a"])
    }

    @Test func superEncodersAndNestedContainersRoundTrip() throws {
        let derived = Derived(name: "base", extra: 7, tags: ["a", "b"])
        let back = try roundTrip(derived)
        #expect(back.name == "base" && back.extra == 7 && back.tags == ["a", "b"])
        let keyedSuper = try roundTrip(DerivedForKey(name: "n", extra: -1))
        #expect(keyedSuper.name == "n" && keyedSuper.extra == -1)
        let sameEncoder = try roundTrip(DerivedSameEncoder(name: "shared", extra: 3))
        #expect(sameEncoder.name == "shared" && sameEncoder.extra == 3)
        try expectRoundTrip(Handwritten(numbers: [1, 2, 3], label: "x", flags: [true, false], inner: ["p": 1]))
        try expectRoundTrip(Handwritten(numbers: [], label: nil, flags: [], inner: [:]))
    }

    /// Containers answer `count`, `isAtEnd`, `contains`, `allKeys` and `decodeNil` as the protocols describe.
    @Test func containersAnswerTheirQueries() throws {
        let data = try CompactEncoder().encode(Probe(values: [1, nil, 3], keys: ["b": 2, "a": 1]))
        let probe = try CompactDecoder().decode(Probe.self, from: data)
        #expect(probe.values == [1, nil, 3])
        #expect(probe.count == 3)
        #expect(probe.allKeys == ["values", "keys"])
        #expect(probe.containsMissing == false)
        #expect(probe.keys == ["b": 2, "a": 1])
    }

    @Test func codingPathsAndUserInfoReachConformances() throws {
        var encoder = CompactEncoder()
        encoder.userInfo[PathRecorder.key] = "enc"
        let data = try encoder.encode(["outer": [PathRecorder()]])
        var decoder = CompactDecoder()
        decoder.userInfo[PathRecorder.key] = "dec"
        let back = try decoder.decode([String: [PathRecorder]].self, from: data)
        #expect(back["outer"]?.first?.path == "outer/Index 0")
        #expect(back["outer"]?.first?.info == "dec")
        #expect(back["outer"]?.first?.encodedPath == "outer/Index 0 enc")
    }

    // MARK: The bytes

    @Test func theSameValueGivesTheSameBytes() throws {
        let value = (0..<20).map(Row.sample)
        let first = try CompactEncoder().encode(value)
        for _ in 0..<5 { #expect(try CompactEncoder().encode(value) == first) }
        #expect(try CompactEncoder().encode((0..<20).map(Row.sample)) == first)
        // Decoded and encoded again: the same bytes (values without dictionaries, whose order is their own: two
        // equal dictionaries can list their entries in different orders).
        #expect(try CompactEncoder().encode(CompactDecoder().decode([Row].self, from: first)) == first)
        let zoo = try CompactEncoder().encode(Zoo.sample)
        #expect(try CompactDecoder().decode(Zoo.self, from: CompactEncoder().encode(CompactDecoder().decode(Zoo.self, from: zoo))) == Zoo.sample)
    }

    /// Each key's text is written once however many records use it; keys go in the order they are first used.
    @Test func keysAreWrittenOncePerDocument() throws {
        let data = try CompactEncoder().encode((0..<100).map(Row.sample))
        #expect(occurrences(of: "number", in: data) == 1)
        #expect(occurrences(of: "amount", in: data) == 1)
        let json = try JSONEncoder().encode((0..<100).map(Row.sample))
        #expect(data.count < json.count)
        let small = try CompactEncoder().encode(Point(x: 1, y: 2))
        #expect(Array(small) == [0xCB, 1, 0x09, 4, 0, 0x81, 1, 0x82, 2, 1, 0x78, 1, 0x79])
    }

    // MARK: Property

    /// Many seeded random values, of a type that uses every kind of container, round trip.
    @Test func generatedValuesRoundTrip() throws {
        var random = SeededRandom(seed: 0x5EED)
        for _ in 0..<1_500 {
            let value = Node.random(using: &random, depth: 0)
            let data = try CompactEncoder().encode(value)
            #expect(try CompactDecoder().decode(Node.self, from: data) == value)
        }
        for i in 0..<300 {
            var row = Row.sample(i)
            row.amount = Int64(bitPattern: random.next())
            row.note = random.next() % 2 == 0 ? nil : random.string()
            row.tags = (0..<Int(random.next() % 4)).map { _ in random.string() }
            try expectRoundTrip(row)
        }
    }

    // MARK: Bad bytes

    @Test func everyTruncationThrows() throws {
        let data = try CompactEncoder().encode(Zoo.sample)
        for length in 0..<data.count {
            #expect(throws: DecodingError.self) { try CompactDecoder().decode(Zoo.self, from: data.prefix(length)) }
            #expect(throws: DecodingError.self) { try CompactDecoder().decode(Node.self, from: data.prefix(length)) }
        }
    }

    /// Mutated documents and random bytes decode or throw a `DecodingError`; none crashes or hangs.
    @Test func mutatedAndRandomBytesNeverCrash() throws {
        var random = SeededRandom(seed: 42)
        var documents = [try CompactEncoder().encode(Zoo.sample), try CompactEncoder().encode((0..<5).map(Row.sample))]
        for _ in 0..<20 { documents.append(try CompactEncoder().encode(Node.random(using: &random, depth: 0))) }
        for round in 0..<4_000 {
            var bytes = [UInt8](documents[round % documents.count])
            for _ in 0...(random.next() % 4) { mutate(&bytes, using: &random) }
            expectDecodesOrThrows(Data(bytes))
        }
        for _ in 0..<1_000 {
            let bytes = [0xCB, 1] + (0..<(random.next() % 64)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            expectDecodesOrThrows(Data(bytes))
        }
    }

    /// A length or count larger than the bytes left is refused before anything is allocated for it.
    @Test func hugeLengthsAreRefused() throws {
        let hugeString: [UInt8] = [0xCB, 1, 0x07, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x61, 0x00]
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(String.self, from: Data(hugeString)) }
        let hugeKeyCount: [UInt8] = [0xCB, 1, 0x80, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(Int.self, from: Data(hugeKeyCount)) }
        let longVarint: [UInt8] = [0xCB, 1, 0x03] + [UInt8](repeating: 0xFF, count: 20) + [0x01, 0x00]
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(Int.self, from: Data(longVarint)) }
        let invalidUTF8: [UInt8] = [0xCB, 1, 0x43, 0xF0, 0x9F, 0x98, 0x00]
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(String.self, from: Data(invalidUTF8)) }
        let someChain: [UInt8] = [0xCB, 1] + [UInt8](repeating: 0x0B, count: 1_000)
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(Int??.self, from: Data(someChain)) }
    }

    /// A document nested deeper than the limit throws instead of recursing until the stack overflows.
    @Test func deepNestingIsRefused() throws {
        var value: [UInt8] = [0x0A, 0]
        for _ in 0..<2_000 { value = [0x0A] + varint(value.count) + value }
        let data = Data([0xCB, 1] + value + [0])
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(Nest.self, from: data) }
        var tree = Tree.leaf(0)
        for i in 0..<100 { tree = .node(tree, .leaf(i)) }
        try expectRoundTrip(tree)
        for _ in 0..<300 { tree = .node(tree, .leaf(0)) }
        #expect(throws: EncodingError.self) { try CompactEncoder().encode(tree) }
        // The encoder refuses exactly what the decoder would: 512 nested values, the root included, are allowed.
        #expect(try roundTrip(Levels(depth: 511)).depth == 511)
        #expect(throws: EncodingError.self) { try CompactEncoder().encode(Levels(depth: 512)) }
    }

    // MARK: Errors

    @Test func missingKeysThrowKeyNotFound() throws {
        let data = try CompactEncoder().encode(Point(x: 1, y: 2))
        do {
            _ = try CompactDecoder().decode(Point3.self, from: data)
            Issue.record("decoded a Point3 without z")
        } catch DecodingError.keyNotFound(let key, _) {
            #expect(key.stringValue == "z")
        }
    }

    @Test func mismatchedTypesThrowTypeMismatch() throws {
        let data = try CompactEncoder().encode(["x": "one"])
        do {
            _ = try CompactDecoder().decode(Point.self, from: data)
            Issue.record("decoded a string as an Int")
        } catch DecodingError.typeMismatch(let type, let context) {
            #expect(type is Int.Type)
            #expect(context.codingPath.map(\.stringValue) == ["x"])
        }
        let rows = try CompactEncoder().encode([Row.sample(0), Row.sample(1)])
        do {
            _ = try CompactDecoder().decode([String].self, from: rows)
            Issue.record("decoded rows as strings")
        } catch DecodingError.typeMismatch(let type, let context) {
            #expect(type is String.Type)
            #expect(context.codingPath.map(\.stringValue) == ["Index 0"])
        }
        #expect(throws: DecodingError.self) { try CompactDecoder().decode([Int].self, from: rows) }
        #expect(throws: DecodingError.self) {
            try CompactDecoder().decode(Int.self, from: CompactEncoder().encode(1.5))
        }
        #expect(throws: DecodingError.self) {
            try CompactDecoder().decode(Int8.self, from: CompactEncoder().encode(300))
        }
        #expect(throws: DecodingError.self) {
            try CompactDecoder().decode(UInt.self, from: CompactEncoder().encode(-1))
        }
        #expect(throws: DecodingError.self) {
            try CompactDecoder().decode(Float.self, from: CompactEncoder().encode(0.1))
        }
        #expect(try CompactDecoder().decode(Double.self, from: CompactEncoder().encode(Float(0.5))) == 0.5)
        #expect(try CompactDecoder().decode(UInt8.self, from: CompactEncoder().encode(Int64(200))) == 200)
    }

    @Test func nilForAValueThrowsValueNotFound() throws {
        let data = try CompactEncoder().encode([Int?.none])
        #expect {
            try CompactDecoder().decode([Int].self, from: data)
        } throws: { error in
            guard case DecodingError.valueNotFound = error else { return false }
            return true
        }
    }

    @Test func foreignDataIsCorrupted() throws {
        let json = try JSONEncoder().encode(Point(x: 1, y: 2))
        #expect {
            try CompactDecoder().decode(Point.self, from: json)
        } throws: { error in
            guard case DecodingError.dataCorrupted = error else { return false }
            return true
        }
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(Int.self, from: Data([0xCB, 2, 0x80, 0])) }
        #expect(throws: DecodingError.self) {
            try CompactDecoder().decode(Int.self, from: Data([0xCB, 1, 0x80, 0, 0]))
        }
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(Int.self, from: Data()) }
    }

    /// Containers used out of their nesting order cannot be streamed; that throws instead of writing wrong bytes.
    @Test func interleavedContainersThrow() throws {
        #expect(throws: EncodingError.self) { try CompactEncoder().encode(Interleaved()) }
        #expect(throws: EncodingError.self) { try CompactEncoder().encode(TwoValues()) }
    }

    // MARK: Helpers

    private func roundTrip<T: Codable>(_ value: T) throws -> T {
        try CompactDecoder().decode(T.self, from: CompactEncoder().encode(value))
    }

    private func expectRoundTrip<T: Codable & Equatable>(
        _ value: T, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        #expect(try roundTrip(value) == value, sourceLocation: sourceLocation)
    }

    private func expectDecodesOrThrows(_ data: Data) {
        for decode in [
            { _ = try CompactDecoder().decode(Zoo.self, from: data) },
            { _ = try CompactDecoder().decode(Node.self, from: data) },
            { _ = try CompactDecoder().decode([Row].self, from: data) },
            { _ = try CompactDecoder().decode([String: [Int??]].self, from: data) },
        ] {
            do {
                try decode()
            } catch {
                #expect(error is DecodingError)
            }
        }
    }

    private func mutate(_ bytes: inout [UInt8], using random: inout SeededRandom) {
        guard !bytes.isEmpty else { return }
        let at = Int(random.next() % UInt64(bytes.count))
        switch random.next() % 5 {
        case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next())
        case 1: bytes[at] ^= 1 << (random.next() % 8)
        case 2: bytes.remove(at: at)
        case 3: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
        default: bytes[at] = [0x00, 0x09, 0x0A, 0x0B, 0x7F, 0xFF][Int(random.next() % 6)]
        }
    }

    private func occurrences(of text: String, in data: Data) -> Int {
        let needle = Array(text.utf8)
        let bytes = Array(data)
        return (0...(bytes.count - needle.count)).filter { Array(bytes[$0..<($0 + needle.count)]) == needle }.count
    }

    private func varint(_ value: Int) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        return bytes + [UInt8(value)]
    }
}

// MARK: - Test types

/// SplitMix64: the same values from the same seed on every platform.
private struct SeededRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func string() -> String {
        let alphabet = Array("aąbcćeęzżźłńóś 0123456789Жж日本👍\u{301}\"\\")
        return String((0..<Int(next() % 12)).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
    }
}

/// A value tree that uses every kind of container: keyed (synthesized enum cases), unkeyed, dictionaries of both
/// key kinds, optionals and single values.
private indirect enum Node: Codable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case unsigned(UInt64)
    case small(Int8, UInt16)
    case double(BitExact)
    case string(String)
    case data(Data)
    case money(Money)
    case optional(Node?)
    case doubleOptional(Int??)
    case array([Node])
    case object([String: Node])
    case numbered([Int: Node])
    case record(Row)

    static func random(using random: inout SeededRandom, depth: Int) -> Node {
        let leaf = depth > 3 || random.next() % 3 == 0
        switch random.next() % (leaf ? 10 : 15) {
        case 0: return .null
        case 1: return .bool(random.next() % 2 == 0)
        case 2: return .int(Int64(bitPattern: random.next()) >> (random.next() % 64))
        case 3: return .unsigned(random.next() >> (random.next() % 64))
        case 4: return .small(Int8(truncatingIfNeeded: random.next()), UInt16(truncatingIfNeeded: random.next()))
        case 5:
            let value = Double(bitPattern: random.next())
            return .double(BitExact(value: value.isNaN ? -0.0 : value))
        case 6: return .string(random.string())
        case 7: return .data(Data((0..<(random.next() % 5)).map { _ in UInt8(truncatingIfNeeded: random.next()) }))
        case 8: return .money(Money(grosze: Int64(bitPattern: random.next()) >> 20))
        case 9:
            return .doubleOptional(
                [nil, .some(nil), .some(.some(Int(truncatingIfNeeded: random.next())))][Int(random.next() % 3)])
        case 10: return .optional(random.next() % 2 == 0 ? nil : .random(using: &random, depth: depth + 1))
        case 11: return .array((0..<(random.next() % 4)).map { _ in .random(using: &random, depth: depth + 1) })
        case 12:
            return .object(
                Dictionary(
                    (0..<(random.next() % 4)).map { _ in
                        (random.string(), Node.random(using: &random, depth: depth + 1))
                    }
                ) { a, _ in a })
        case 13:
            return .numbered(
                Dictionary(
                    (0..<(random.next() % 4)).map { _ in
                        (Int(truncatingIfNeeded: random.next()) >> 40, Node.random(using: &random, depth: depth + 1))
                    }
                ) { a, _ in a })
        default: return .record(Row.sample(Int(random.next() % 1000)))
        }
    }
}

/// A `Double` equal only to the same bits (so -0.0 is not 0).
private struct BitExact: Codable, Equatable {
    var value: Double

    static func == (a: BitExact, b: BitExact) -> Bool { a.value.bitPattern == b.value.bitPattern }
}

/// The row of the benchmark: a ledger row as the pipeline stores it.
private struct Row: Codable, Equatable {
    var id: Int
    var file: String
    var row: Int
    var partner: String
    var number: String
    var date: String?
    var amount: Int64
    var vat: Int64?
    var note: String?
    var tags: [String]

    static func sample(_ i: Int) -> Row {
        Row(
            id: i, file: "partners/sie/ledger-2023Q\(i % 4 + 1).xlsx", row: i + 2, partner: ["FRS", "Łódź"][i % 2],
            number: "FV/\(i)/2023", date: i % 3 == 0 ? nil : "2023-01-1\(i % 10)", amount: Int64(i) * 1_234_567 - 500,
            vat: i % 2 == 0 ? Int64(i) * 23 : nil, note: i % 5 == 0 ? "zapłacono" : nil,
            tags: i % 4 == 0 ? [] : ["koszt", "bezpośredni"])
    }
}

private struct Widths: Codable, Equatable {
    var i = Int.min, i8 = Int8.min, i16 = Int16.max, i32 = Int32.min, i64 = Int64.max
    var u = UInt.max, u8 = UInt8.max, u16 = UInt16.max, u32 = UInt32.max, u64 = UInt64.max
    var f: Float = -1.25, d = Double.greatestFiniteMagnitude, b = true, s = "s"
    var oi: Int? = -1, oi8: Int8? = nil, oi16: Int16? = 5, oi32: Int32? = nil, oi64: Int64? = Int64.min
    var ou: UInt? = nil, ou8: UInt8? = 255, ou16: UInt16? = nil, ou32: UInt32? = 7, ou64: UInt64? = UInt64.max
    var of: Float? = 0.5, od: Double? = nil, ob: Bool? = false, os: String? = ""
}

@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
private struct Wide: Codable, Equatable {
    var signed: Int128
    var unsigned: UInt128
    var optional: Int128?
}

private struct Blobs: Codable, Equatable {
    var data: Data
    var dates: [Date]
    var maybe: Data?
}

private struct Point: Codable, Equatable {
    var x: Int
    var y: Int
}

private struct Point3: Codable, Equatable {
    var x: Int
    var y: Int
    var z: Int
}

private struct Empty: Codable, Equatable {}

private struct AllOptional: Codable, Equatable {
    var a: Int?
    var b: String?
    var c: [Int]?
}

private struct WritesNothing: Encodable {
    func encode(to encoder: any Encoder) throws {}
}

private enum Color: String, Codable, CodingKeyRepresentable {
    case red, green, blue
}

private enum Level: Int, Codable {
    case low = 1
    case high = 10
}

private enum Plain: Codable {
    case first, second
}

private indirect enum Shape: Codable, Equatable {
    case point
    case circle(radius: Double)
    case rectangle(width: Double, height: Double)
    case labelled(String, Int)
    case optional(Int?)
    case nested(Shape)
}

private indirect enum Tree: Codable, Equatable {
    case leaf(Int)
    case node(Tree, Tree)
}

private struct Account: Codable, Equatable {
    var balance: Money
    var history: [Money]
    var limit: Money?
}

private struct Wrapped: Codable, Equatable {
    var inner: Wrapped2

    init(inner: Wrapped2) { self.inner = inner }
    init(from decoder: any Decoder) throws { inner = try decoder.singleValueContainer().decode(Wrapped2.self) }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(inner)
    }
}

private struct Wrapped2: Codable, Equatable {
    var value: String

    init(value: String) { self.value = value }
    init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(String.self) }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

private struct Nested: Codable, Equatable {
    var value: Int??
    var deeper: Int???
}

/// Every field kind in one struct.
private struct Zoo: Codable, Equatable {
    var name: String
    var count: Int
    var ratio: Double
    var flag: Bool
    var optionalName: String?
    var missing: Int?
    var numbers: [Int]
    var matrix: [[Double]]
    var byName: [String: Point]
    var byNumber: [Int: String]
    var colors: [Color: Int]
    var shapes: [Shape]
    var money: [Money]
    var blob: Data
    var when: Date
    var rows: [Row]
    var nested: Nested
    var empty: Empty
    var pairs: [Bool: Int8]

    static var sample: Zoo {
        Zoo(
            name: "zoo ✓", count: -42, ratio: -0.0, flag: true, optionalName: "here", missing: nil,
            numbers: [0, 1, -1, 1 << 40], matrix: [[], [1.5], [2, -3]], byName: ["p": Point(x: 1, y: -1)],
            byNumber: [1: "one", 200: "two hundred"], colors: [.blue: 3], shapes: [.point, .labelled("a", 1)],
            money: [Money(grosze: 100), Money(grosze: -5)], blob: Data([0, 255, 7]),
            when: Date(timeIntervalSinceReferenceDate: 1_000), rows: [Row.sample(1), Row.sample(3)],
            nested: Nested(value: .some(nil), deeper: .some(.some(nil))), empty: Empty(), pairs: [true: -1])
    }

    static var empty: Zoo {
        Zoo(
            name: "", count: 0, ratio: 0, flag: false, optionalName: nil, missing: nil, numbers: [], matrix: [],
            byName: [:], byNumber: [:], colors: [:], shapes: [], money: [], blob: Data(),
            when: Date(timeIntervalSinceReferenceDate: 0), rows: [], nested: Nested(value: nil, deeper: nil),
            empty: Empty(), pairs: [:])
    }
}

/// A class that encodes its superclass through `superEncoder()`.
private class Base: Codable {
    var name: String

    init(name: String) { self.name = name }

    private enum CodingKeys: String, CodingKey { case name }
}

private final class Derived: Base {
    var extra: Int
    var tags: [String]

    init(name: String, extra: Int, tags: [String]) {
        self.extra = extra
        self.tags = tags
        super.init(name: name)
    }

    private enum CodingKeys: String, CodingKey { case extra, tags }

    required init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        extra = try container.decode(Int.self, forKey: .extra)
        tags = try container.decode([String].self, forKey: .tags)
        try super.init(from: container.superDecoder())
    }

    override func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(extra, forKey: .extra)
        try super.encode(to: container.superEncoder())
        // Written after the super encoder's value, which this closes.
        try container.encode(tags, forKey: .tags)
    }
}

/// A class that encodes its superclass under a key of its own, and an unkeyed `superEncoder()` inside it.
private final class DerivedForKey: Base {
    var extra: Int

    init(name: String, extra: Int) {
        self.extra = extra
        super.init(name: name)
    }

    private enum CodingKeys: String, CodingKey { case base, extra, list }

    required init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var list = try container.nestedUnkeyedContainer(forKey: .list)
        extra = try Int(from: list.superDecoder())
        try super.init(from: container.superDecoder(forKey: .base))
    }

    override func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try super.encode(to: container.superEncoder(forKey: .base))
        var list = container.nestedUnkeyedContainer(forKey: .list)
        try extra.encode(to: list.superEncoder())
    }
}

/// A class that hands its own encoder to its superclass, which asks it for the same keyed container again.
private final class DerivedSameEncoder: Base {
    var extra: Int

    init(name: String, extra: Int) {
        self.extra = extra
        super.init(name: name)
    }

    private enum CodingKeys: String, CodingKey { case extra }

    required init(from decoder: any Decoder) throws {
        extra = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .extra)
        try super.init(from: decoder)
    }

    override func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(extra, forKey: .extra)
        try super.encode(to: encoder)
    }
}

/// Nested keyed and unkeyed containers written by hand.
private struct Handwritten: Codable, Equatable {
    var numbers: [Int]
    var label: String?
    var flags: [Bool]
    var inner: [String: Int]

    private enum CodingKeys: String, CodingKey { case numbers, label, more }
    private enum MoreKeys: String, CodingKey { case flags, inner }

    init(numbers: [Int], label: String?, flags: [Bool], inner: [String: Int]) {
        self.numbers = numbers
        self.label = label
        self.flags = flags
        self.inner = inner
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var list = try container.nestedUnkeyedContainer(forKey: .numbers)
        numbers = []
        while !list.isAtEnd { numbers.append(try list.decode(Int.self)) }
        label = try container.decodeIfPresent(String.self, forKey: .label)
        let more = try container.nestedContainer(keyedBy: MoreKeys.self, forKey: .more)
        var flagList = try more.nestedUnkeyedContainer(forKey: .flags)
        var flagsRead: [Bool] = []
        while !flagList.isAtEnd {
            var pair = try flagList.nestedUnkeyedContainer()
            flagsRead.append(try pair.decode(Bool.self))
        }
        flags = flagsRead
        let innerContainer = try more.nestedContainer(keyedBy: CompactKey.self, forKey: .inner)
        inner = [:]
        for key in innerContainer.allKeys { inner[key.stringValue] = try innerContainer.decode(Int.self, forKey: key) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var list = container.nestedUnkeyedContainer(forKey: .numbers)
        for number in numbers { try list.encode(number) }
        try container.encodeIfPresent(label, forKey: .label)
        var more = container.nestedContainer(keyedBy: MoreKeys.self, forKey: .more)
        var flagList = more.nestedUnkeyedContainer(forKey: .flags)
        for flag in flags {
            var pair = flagList.nestedUnkeyedContainer()
            try pair.encode(flag)
        }
        var innerContainer = more.nestedContainer(keyedBy: CompactKey.self, forKey: .inner)
        for (key, value) in inner.sorted(by: { $0.key < $1.key }) {
            try innerContainer.encode(value, forKey: CompactKey(stringValue: key))
        }
    }
}

/// Records what its containers say about themselves.
private struct Probe: Codable {
    var values: [Int?]
    var keys: [String: Int]
    var count: Int? = nil
    var allKeys: [String] = []
    var containsMissing = true

    init(values: [Int?], keys: [String: Int]) {
        self.values = values
        self.keys = keys
    }

    private enum CodingKeys: String, CodingKey { case values, keys, missing }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        allKeys = container.allKeys.map(\.stringValue)
        containsMissing = container.contains(.missing)
        var list = try container.nestedUnkeyedContainer(forKey: .values)
        count = list.count
        values = []
        while !list.isAtEnd {
            let index = list.currentIndex
            values.append(try list.decodeNil() ? nil : try list.decode(Int.self))
            #expect(list.currentIndex == index + 1)
        }
        #expect(list.count == 3)
        keys = try container.decode([String: Int].self, forKey: .keys)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var list = container.nestedUnkeyedContainer(forKey: .values)
        for value in values {
            if let value { try list.encode(value) } else { try list.encodeNil() }
        }
        #expect(list.count == values.count)
        var keyed = container.nestedContainer(keyedBy: CompactKey.self, forKey: .keys)
        for key in ["b", "a"] { try keyed.encode(keys[key]!, forKey: CompactKey(stringValue: key)) }
    }
}

/// Records the coding path and user info it is encoded and decoded with.
private struct PathRecorder: Codable {
    static let key = CodingUserInfoKey(rawValue: "recorder")!

    var path = ""
    var info = ""
    var encodedPath = ""

    init() {}

    init(from decoder: any Decoder) throws {
        path = decoder.codingPath.map(\.stringValue).joined(separator: "/")
        info = decoder.userInfo[Self.key] as? String ?? ""
        encodedPath = try decoder.singleValueContainer().decode(String.self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        let path = encoder.codingPath.map(\.stringValue).joined(separator: "/")
        try container.encode(path + " " + (encoder.userInfo[Self.key] as? String ?? ""))
    }
}

/// Nested arrays as deep as the bytes say.
private struct Nest: Decodable {
    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        if !container.isAtEnd { _ = try container.decode(Nest.self) }
    }
}

/// `depth` unkeyed containers nested in one another, each a value of its own.
private struct Levels: Codable {
    var depth: Int

    init(depth: Int) { self.depth = depth }

    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        depth = container.isAtEnd ? 0 : try container.decode(Levels.self).depth + 1
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        if depth > 0 { try container.encode(Levels(depth: depth - 1)) }
    }
}

/// Writes to a nested container after opening its sibling.
private struct Interleaved: Encodable {
    private enum CodingKeys: String, CodingKey { case a, b }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var a = container.nestedUnkeyedContainer(forKey: .a)
        var b = container.nestedUnkeyedContainer(forKey: .b)
        try b.encode(2)
        try a.encode(1)
    }
}

/// Writes two values through one single-value container.
private struct TwoValues: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(1)
        try container.encode(2)
    }
}
