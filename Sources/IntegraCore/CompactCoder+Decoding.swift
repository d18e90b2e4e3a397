import Foundation

/// Why bytes could not be read as the value asked for; the container that read them makes it a `DecodingError`
/// with its coding path.
enum CompactReadFailure: Error {
    case null
    case mismatch(found: UInt8)
    case corrupted(String)

    static let truncated = CompactReadFailure.corrupted("The data ends in the middle of a value.")

    func decodingError(_ type: Any.Type, _ path: [any CodingKey]) -> DecodingError {
        switch self {
        case .null:
            .valueNotFound(
                type, DecodingError.Context(codingPath: path, debugDescription: "Expected \(type) but found null."))
        case .mismatch(let tag):
            .typeMismatch(
                type,
                DecodingError.Context(
                    codingPath: path,
                    debugDescription: "Expected to decode \(type) but found \(CompactFormat.describe(tag)) instead."))
        case .corrupted(let reason):
            .dataCorrupted(DecodingError.Context(codingPath: path, debugDescription: reason))
        }
    }
}

/// One document being read: a copy of its bytes, its key table, and the value a `init(from:)` call is reading.
///
/// Every read is bounded by the end of the value or container it reads, checked before the bytes are touched, and
/// every length is checked against the bytes left before it is used. Keyed containers are not indexed when they
/// are made: a container remembers (in `hints`, by depth) where the entry after the last one it read starts, and
/// looks for the next key there first, as conformances read keys in the order they wrote them; a key found
/// elsewhere costs a scan of the container, and so does the first absent key of a container (see `search`).
final class CompactDecodingState: Decoder {
    /// The document, and one byte more: a nil that the decoder of a missing `super` key reads.
    private let bytes: UnsafeMutablePointer<UInt8>
    private let count: Int
    @exclusivity(unchecked) private(set) var keys: [String] = []
    @exclusivity(unchecked) private var keyIndices: [String: Int] = [:]
    let keyTables = CompactKeyTables()

    @exclusivity(unchecked) private var valueStart = 0
    @exclusivity(unchecked) private var valueEnd = 0
    @exclusivity(unchecked) private var depth = 0
    /// `links[d]`: how the value at depth `d + 1` was reached from depth `d` (see `CompactFormat.path`).
    private let links: UnsafeMutablePointer<Int>
    /// `hintStarts[d]` is the keyed container at depth `d` last read, `hintNext[d]` where its next entry starts.
    private let hintStarts: UnsafeMutablePointer<Int>
    private let hintNext: UnsafeMutablePointer<Int>
    /// `keyMasks[d]`: bit `k` is set when the keyed container at `keyMaskStarts[d]` holds the key `k` (< 64).
    private let keyMaskStarts: UnsafeMutablePointer<Int>
    private let keyMasks: UnsafeMutablePointer<UInt64>
    /// Entry offsets by key, of large containers read out of order.
    @exclusivity(unchecked) private var indexes: [Int: [Int: Int]] = [:]
    let userInfo: [CodingUserInfoKey: Any]

    init(data: Data, userInfo: [CodingUserInfoKey: any Sendable]) throws {
        guard data.count <= CompactFormat.maxSize else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: [], debugDescription: "The document is larger than 2 GiB."))
        }
        self.userInfo = userInfo
        count = data.count
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: count + 1)
        data.withUnsafeBytes { raw in
            if let base = raw.baseAddress, raw.count > 0 {
                bytes.initialize(from: base.assumingMemoryBound(to: UInt8.self), count: raw.count)
            }
        }
        bytes[count] = CompactFormat.null
        self.bytes = bytes
        links = .allocate(capacity: CompactFormat.maxDepth + 1)
        hintStarts = .allocate(capacity: CompactFormat.maxDepth + 1)
        hintStarts.initialize(repeating: -1, count: CompactFormat.maxDepth + 1)
        hintNext = .allocate(capacity: CompactFormat.maxDepth + 1)
        hintNext.initialize(repeating: 0, count: CompactFormat.maxDepth + 1)
        keyMaskStarts = .allocate(capacity: CompactFormat.maxDepth + 1)
        keyMaskStarts.initialize(repeating: -1, count: CompactFormat.maxDepth + 1)
        keyMasks = .allocate(capacity: CompactFormat.maxDepth + 1)
        keyMasks.initialize(repeating: 0, count: CompactFormat.maxDepth + 1)
        do {
            try readHeader()
        } catch {
            throw error.decodingError(Any.self, [])
        }
    }

    deinit {
        bytes.deallocate()
        links.deallocate()
        hintStarts.deallocate()
        hintNext.deallocate()
        keyMaskStarts.deallocate()
        keyMasks.deallocate()
    }

    /// Checks the magic bytes and reads the key table after the root value.
    private func readHeader() throws(CompactReadFailure) {
        guard count >= 3, bytes[0] == CompactFormat.magic else {
            throw .corrupted("The data is not a compact-coded document.")
        }
        guard bytes[1] == CompactFormat.version else {
            throw .corrupted("The document is of format version \(bytes[1]); this decoder reads version 1.")
        }
        valueStart = 2
        valueEnd = try skip(2, count)
        var p = valueEnd
        let keyCount = try readVarint(&p, count)
        // Each key takes at least one byte, so a count above the bytes left is corrupt, not a reason to allocate.
        guard keyCount <= UInt64(count - p) else { throw .corrupted("The key table counts more keys than it holds.") }
        keys.reserveCapacity(Int(keyCount))
        keyIndices.reserveCapacity(Int(keyCount))
        for index in 0..<Int(keyCount) {
            let length = try readLength(&p, count)
            let key = try makeString(p, length)
            p += length
            guard keyIndices.updateValue(index, forKey: key) == nil else {
                throw .corrupted("The key table holds a key twice.")
            }
            keys.append(key)
        }
        guard p == count else { throw .corrupted("The document has bytes after its key table.") }
    }

    func decodeDocument<T: Decodable>(_ type: T.Type) throws -> T {
        try decodeValue(T.self, valueStart, valueEnd, depth: 0, link: CompactFormat.noLink)
    }

    // MARK: Values

    /// Decodes the value in `start..<end`, reached from depth `depth` by `link`.
    func decodeValue<T: Decodable>(_ type: T.Type, _ start: Int, _ end: Int, depth: Int, link: Int) throws -> T {
        links[depth] = link
        // Data written by its own encode(to:), as an unkeyed container of bytes, goes to Data(from:).
        if let kind = CompactScalarKind(T.self), kind != .data || bytes[start] != CompactFormat.unkeyed {
            do {
                var p = start
                return try readScalar(kind, T.self, &p, end)
            } catch {
                throw error.decodingError(T.self, path(depth + 1))
            }
        }
        guard depth < CompactFormat.maxDepth else { throw tooDeep(depth + 1) }
        let saved = (valueStart, valueEnd, self.depth)
        (valueStart, valueEnd, self.depth) = (start, end, depth + 1)
        defer { (valueStart, valueEnd, self.depth) = saved }
        return try T(from: self)
    }

    /// Reads a value of a type the format holds directly, without calling its `init(from:)`.
    @inline(__always) private func readScalar<T>(_ kind: CompactScalarKind, _: T.Type, _ p: inout Int, _ end: Int)
        throws(CompactReadFailure) -> T
    {
        switch kind {
        case .string: unsafeBitCast(try readString(&p, end), to: T.self)
        case .int: unsafeBitCast(try readInteger(Int.self, &p, end), to: T.self)
        case .int64: unsafeBitCast(try readInteger(Int64.self, &p, end), to: T.self)
        case .double: unsafeBitCast(try readDouble(&p, end), to: T.self)
        case .bool: unsafeBitCast(try readBool(&p, end), to: T.self)
        case .data: unsafeBitCast(try readData(&p, end), to: T.self)
        case .date: unsafeBitCast(Date(timeIntervalSinceReferenceDate: try readDouble(&p, end)), to: T.self)
        case .int32: unsafeBitCast(try readInteger(Int32.self, &p, end), to: T.self)
        case .uint64: unsafeBitCast(try readInteger(UInt64.self, &p, end), to: T.self)
        case .float: unsafeBitCast(try readFloat(&p, end), to: T.self)
        case .int8: unsafeBitCast(try readInteger(Int8.self, &p, end), to: T.self)
        case .int16: unsafeBitCast(try readInteger(Int16.self, &p, end), to: T.self)
        case .uint: unsafeBitCast(try readInteger(UInt.self, &p, end), to: T.self)
        case .uint8: unsafeBitCast(try readInteger(UInt8.self, &p, end), to: T.self)
        case .uint16: unsafeBitCast(try readInteger(UInt16.self, &p, end), to: T.self)
        case .uint32: unsafeBitCast(try readInteger(UInt32.self, &p, end), to: T.self)
        }
    }

    /// The coding path of the value at depth `depth`.
    func path(_ depth: Int) -> [any CodingKey] {
        CompactFormat.path(UnsafeBufferPointer(start: links, count: depth), keys: keys)
    }

    func path(_ depth: Int, key: some CodingKey) -> [any CodingKey] {
        path(depth) + [key]
    }

    func tooDeep(_ depth: Int) -> DecodingError {
        .dataCorrupted(
            DecodingError.Context(
                codingPath: path(depth),
                debugDescription: "The document nests deeper than \(CompactFormat.maxDepth) levels."))
    }

    // MARK: Decoder

    var codingPath: [any CodingKey] { path(depth) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        try keyedContainer(Key.self, valueStart, valueEnd, depth: depth)
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try unkeyedContainer(valueStart, valueEnd, depth: depth)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        CompactSingleValueDecodingContainer(state: self, start: valueStart, end: valueEnd, depth: depth)
    }

    // MARK: Containers

    func keyedContainer<Key: CodingKey>(_: Key.Type, _ start: Int, _ end: Int, depth: Int) throws
        -> KeyedDecodingContainer<Key>
    {
        let content: Int
        let length: Int
        do {
            content = try openContainer(CompactFormat.keyed, start, end)
            length = end - content
        } catch .null {
            throw DecodingError.valueNotFound(
                KeyedDecodingContainer<Key>.self,
                DecodingError.Context(
                    codingPath: path(depth), debugDescription: "Expected a keyed container but found null."))
        } catch {
            throw error.decodingError([String: Any].self, path(depth))
        }
        hintStarts[depth] = content
        hintNext[depth] = content
        return KeyedDecodingContainer(
            CompactKeyedDecodingContainer<Key>(
                state: self, start: content, end: content + length, depth: depth, table: keyTables.table(Key.self)))
    }

    func unkeyedContainer(_ start: Int, _ end: Int, depth: Int) throws -> CompactUnkeyedDecodingContainer {
        let content: Int
        do {
            content = try openContainer(CompactFormat.unkeyed, start, end)
        } catch .null {
            throw DecodingError.valueNotFound(
                (any UnkeyedDecodingContainer).self,
                DecodingError.Context(
                    codingPath: path(depth), debugDescription: "Expected an unkeyed container but found null."))
        } catch {
            throw error.decodingError([Any].self, path(depth))
        }
        return CompactUnkeyedDecodingContainer(state: self, position: content, end: end, depth: depth)
    }

    /// Where the content of the container of tag `tag` in `start..<end` starts; it ends at `end`.
    private func openContainer(_ tag: UInt8, _ start: Int, _ end: Int) throws(CompactReadFailure) -> Int {
        var p = start
        let found = try readTag(&p, end)
        guard found == tag else { throw found == CompactFormat.null ? .null : .mismatch(found: found) }
        let length = try readLength(&p, end)
        guard p + length == end else { throw .corrupted("A container's length disagrees with its value's.") }
        return p
    }

    /// An entry of a keyed container: its key index, and where its value starts.
    typealias Entry = (key: Int, start: Int)

    /// The entry of `key` in the keyed container `start..<end` at depth `depth`; `table` holds `Key`'s key
    /// indexes. Looks first where the entry after the last one read starts (see `consumed`).
    @inline(__always) func entry<Key: CodingKey>(
        _ key: Key, _ table: UnsafeMutablePointer<Int32>?, _ start: Int, _ end: Int, depth: Int
    ) throws(CompactReadFailure) -> Entry? {
        guard let table else { return try entry(key.stringValue, start, end, depth: depth) }
        let slot = CompactKeyTables.slot(key)
        var wanted = table[slot]
        if wanted == CompactKeyTables.unknown {
            wanted = keyIndices[key.stringValue].map { Int32($0) } ?? CompactKeyTables.absent
            table[slot] = wanted
        }
        guard wanted >= 0 else { return nil }
        if hintStarts[depth] == start, hintNext[depth] < end {
            var p = hintNext[depth]
            if try readKey(&p, end) == wanted { return (Int(wanted), p) }
        }
        return try search(Int(wanted), start, end, depth: depth)
    }

    /// The entry of the key `name`, for keys that are not in a table.
    func entry(_ name: String, _ start: Int, _ end: Int, depth: Int) throws(CompactReadFailure) -> Entry? {
        if hintStarts[depth] == start, hintNext[depth] < end {
            var p = hintNext[depth]
            let key = try readKey(&p, end)
            if keys[key] == name { return (key, p) }
        }
        guard let wanted = keyIndices[name] else { return nil }
        return try search(wanted, start, end, depth: depth)
    }

    /// Records that the keyed container `start…` at `depth` was read up to `next`, where the next lookup starts.
    @inline(__always) func consumed(depth: Int, start: Int, next: Int) {
        hintStarts[depth] = start
        hintNext[depth] = next
    }

    /// Finds the key `wanted` by scanning the container, or through its index when it has one.
    ///
    /// The first scan of a container notes which of the first 64 keys of the key table it holds (in `keyMasks`),
    /// so that looking up the other optional fields a record leaves out costs no further scan.
    private func search(_ wanted: Int, _ start: Int, _ end: Int, depth: Int) throws(CompactReadFailure) -> Entry? {
        let masked = wanted < 64
        if masked && keyMaskStarts[depth] == start && keyMasks[depth] & (1 << UInt64(wanted)) == 0 { return nil }
        if !indexes.isEmpty, let index = indexes[start] {
            guard var p = index[wanted] else { return nil }
            _ = try readKey(&p, end)
            return (wanted, p)
        }
        var p = start
        var entries = 0
        var mask: UInt64 = 0
        var match: Entry?
        while p < end {
            let key = try readKey(&p, end)
            if key == wanted {
                match = (wanted, p)
                break
            }
            if key < 64 { mask |= 1 << UInt64(key) }
            p = try skip(p, end)
            entries += 1
        }
        if match == nil {
            keyMaskStarts[depth] = start
            keyMasks[depth] = mask
        }
        if entries >= 32 { try index(start, end) }
        return match
    }

    /// Indexes a large keyed container that is read out of order, so that each lookup does not scan it again.
    private func index(_ start: Int, _ end: Int) throws(CompactReadFailure) {
        var index: [Int: Int] = [:]
        var p = start
        while p < end {
            let entry = p
            let key = try readKey(&p, end)
            if index[key] == nil { index[key] = entry }
            p = try skip(p, end)
        }
        indexes[start] = index
    }

    /// The key indexes of the keyed container `start..<end`, in order, each once; as far as they can be read.
    func keyIndexes(_ start: Int, _ end: Int) -> [Int] {
        var result: [Int] = []
        var seen = Set<Int>()
        var p = start
        while p < end {
            guard let key = try? readKey(&p, end), let next = try? skip(p, end) else { break }
            if seen.insert(key).inserted { result.append(key) }
            p = next
        }
        return result
    }

    /// The number of values from `start` to `end`; nil if they cannot be read.
    func valueCount(_ start: Int, _ end: Int) -> Int? {
        var n = 0
        var p = start
        while p < end {
            guard let next = try? skip(p, end) else { return nil }
            p = next
            n += 1
        }
        return n
    }

    @inline(__always) func byte(at position: Int) -> UInt8 { bytes[position] }

    /// The decoder of the value in `start..<end` at `depth`, reached by `link` (`superDecoder()`).
    func superDecoder(_ start: Int, _ end: Int, depth: Int, link: Int) throws -> any Decoder {
        guard depth < CompactFormat.maxDepth else { throw tooDeep(depth) }
        links[depth] = link
        return CompactSuperDecoder(state: self, start: start, end: end, depth: depth + 1)
    }

    /// The decoder of a missing `super` key: a nil, as `JSONDecoder` gives.
    func superDecoderOfNil(depth: Int) throws -> any Decoder {
        try superDecoder(count, count + 1, depth: depth, link: CompactFormat.noLink)
    }

    /// Records the link to a nested container at `depth + 1`; throws when that is too deep.
    func enterNested(depth: Int, link: Int) throws {
        guard depth < CompactFormat.maxDepth else { throw tooDeep(depth) }
        links[depth] = link
    }

    // MARK: Bytes

    @inline(__always) private func readTag(_ p: inout Int, _ end: Int) throws(CompactReadFailure) -> UInt8 {
        guard p < end else { throw .truncated }
        let tag = bytes[p]
        p += 1
        return tag
    }

    @inline(__always) func readVarint(_ p: inout Int, _ end: Int) throws(CompactReadFailure) -> UInt64 {
        guard p < end else { throw .truncated }
        let first = bytes[p]
        p += 1
        if first < 0x80 { return UInt64(first) }
        return try readVarintSlowly(UInt64(first & 0x7F), &p, end)
    }

    private func readVarintSlowly(_ first: UInt64, _ p: inout Int, _ end: Int) throws(CompactReadFailure) -> UInt64 {
        var result = first
        var shift: UInt64 = 7
        // Nine more bytes at most: the tenth may only hold the 64th bit.
        while shift < 63 {
            guard p < end else { throw .truncated }
            let byte = bytes[p]
            p += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        guard p < end else { throw .truncated }
        let last = bytes[p]
        p += 1
        guard last <= 1 else { throw .corrupted("A number is longer than 64 bits.") }
        return result | UInt64(last) << 63
    }

    /// A varint byte count that fits in the bytes left before `end`.
    @inline(__always) private func readLength(_ p: inout Int, _ end: Int) throws(CompactReadFailure) -> Int {
        let length = try readVarint(&p, end)
        guard length <= UInt64(end - p) else { throw .truncated }
        return Int(length)
    }

    /// The key index of an entry, which a value must follow.
    @inline(__always) private func readKey(_ p: inout Int, _ end: Int) throws(CompactReadFailure) -> Int {
        let key = try readVarint(&p, end)
        guard key < UInt64(keys.count) else { throw .corrupted("A key refers past the key table.") }
        guard p < end else { throw .truncated }
        return Int(key)
    }

    /// Where the value at `start` ends, which must be at or before `end`.
    func skip(_ start: Int, _ end: Int) throws(CompactReadFailure) -> Int {
        var p = start
        while true {
            let tag = try readTag(&p, end)
            switch tag {
            case CompactFormat.smallInteger...:
                return p
            case CompactFormat.shortString...:
                let length = Int(tag - CompactFormat.shortString)
                guard length <= end - p else { throw .truncated }
                return p + length
            case CompactFormat.null, CompactFormat.falseValue, CompactFormat.trueValue:
                return p
            case CompactFormat.signed, CompactFormat.unsigned:
                _ = try readVarint(&p, end)
                return p
            case CompactFormat.float64:
                guard end - p >= 8 else { throw .truncated }
                return p + 8
            case CompactFormat.float32:
                guard end - p >= 4 else { throw .truncated }
                return p + 4
            case CompactFormat.string, CompactFormat.bytes, CompactFormat.keyed, CompactFormat.unkeyed:
                let length = try readLength(&p, end)
                return p + length
            case CompactFormat.signed128, CompactFormat.unsigned128:
                guard end - p >= 16 else { throw .truncated }
                return p + 16
            case CompactFormat.some:
                continue
            default:
                throw .corrupted("Unknown tag 0x\(String(tag, radix: 16)).")
            }
        }
    }

    func readBool(_ p: inout Int, _ end: Int) throws(CompactReadFailure) -> Bool {
        let tag = try readTag(&p, end)
        switch tag {
        case CompactFormat.trueValue: return true
        case CompactFormat.falseValue: return false
        case CompactFormat.null: throw .null
        default: throw .mismatch(found: tag)
        }
    }

    @inline(__always) func readInteger<I: FixedWidthInteger>(_: I.Type, _ p: inout Int, _ end: Int)
        throws(CompactReadFailure) -> I
    {
        let tag = try readTag(&p, end)
        if tag >= CompactFormat.smallInteger { return I(truncatingIfNeeded: tag &- CompactFormat.smallInteger) }
        switch tag {
        case CompactFormat.signed:
            let value = CompactFormat.unzigzag(try readVarint(&p, end))
            guard let result = I(exactly: value) else {
                throw .corrupted("The number \(value) does not fit in \(I.self).")
            }
            return result
        case CompactFormat.unsigned:
            let value = try readVarint(&p, end)
            guard let result = I(exactly: value) else {
                throw .corrupted("The number \(value) does not fit in \(I.self).")
            }
            return result
        case CompactFormat.signed128, CompactFormat.unsigned128:
            throw .corrupted("A 128-bit number does not fit in \(I.self).")
        case CompactFormat.null: throw .null
        default: throw .mismatch(found: tag)
        }
    }

    /// An `Int128` or `UInt128`, written in 16 bytes or, when it fits, as a 64-bit number.
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    func readInteger128<I: FixedWidthInteger>(_: I.Type, _ p: inout Int, _ end: Int) throws(CompactReadFailure) -> I {
        guard p < end, bytes[p] == CompactFormat.signed128 || bytes[p] == CompactFormat.unsigned128 else {
            return try readInteger(I.self, &p, end)
        }
        guard end - p >= 17 else { throw .truncated }
        let raw = UnsafeRawPointer(bytes + p + 1)
        let low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        let high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        let result =
            bytes[p] == CompactFormat.signed128
            ? I(exactly: Int128(Int64(bitPattern: high)) << 64 | Int128(low))
            : I(exactly: UInt128(high) << 64 | UInt128(low))
        guard let result else { throw .corrupted("A 128-bit number does not fit in \(I.self).") }
        p += 17
        return result
    }

    func readDouble(_ p: inout Int, _ end: Int) throws(CompactReadFailure) -> Double {
        let tag = try readTag(&p, end)
        switch tag {
        case CompactFormat.float64:
            guard end - p >= 8 else { throw .truncated }
            let bits = UnsafeRawPointer(bytes + p).loadUnaligned(as: UInt64.self)
            p += 8
            return Double(bitPattern: UInt64(littleEndian: bits))
        case CompactFormat.float32:
            guard end - p >= 4 else { throw .truncated }
            let bits = UnsafeRawPointer(bytes + p).loadUnaligned(as: UInt32.self)
            p += 4
            return Double(Float(bitPattern: UInt32(littleEndian: bits)))
        case CompactFormat.null: throw .null
        default: throw .mismatch(found: tag)
        }
    }

    func readFloat(_ p: inout Int, _ end: Int) throws(CompactReadFailure) -> Float {
        if p < end && bytes[p] == CompactFormat.float32 {
            guard end - p >= 5 else { throw .truncated }
            let bits = UnsafeRawPointer(bytes + p + 1).loadUnaligned(as: UInt32.self)
            p += 5
            return Float(bitPattern: UInt32(littleEndian: bits))
        }
        let value = try readDouble(&p, end)
        let narrowed = Float(value)
        guard Double(narrowed) == value || value.isNaN else {
            throw .corrupted("The number \(value) does not fit in Float.")
        }
        return narrowed
    }

    func readString(_ p: inout Int, _ end: Int) throws(CompactReadFailure) -> String {
        let tag = try readTag(&p, end)
        let length: Int
        if tag >= CompactFormat.shortString && tag < CompactFormat.smallInteger {
            length = Int(tag - CompactFormat.shortString)
            guard length <= end - p else { throw .truncated }
        } else if tag == CompactFormat.string {
            length = try readLength(&p, end)
        } else {
            throw tag == CompactFormat.null ? .null : .mismatch(found: tag)
        }
        let string = try makeString(p, length)
        p += length
        return string
    }

    /// The string of the `length` UTF-8 bytes at `start`; throws if they are not valid UTF-8.
    @inline(__always) private func makeString(_ start: Int, _ length: Int) throws(CompactReadFailure) -> String {
        let utf8 = UnsafeBufferPointer(start: bytes + start, count: length)
        var string = String(decoding: utf8, as: UTF8.self)
        // String(decoding:) repairs invalid UTF-8; a repaired string is not what was written.
        let exact = string.withUTF8 { decoded in
            decoded.count == length && (length == 0 || memcmp(decoded.baseAddress!, bytes + start, length) == 0)
        }
        guard exact else { throw .corrupted("A string is not valid UTF-8.") }
        return string
    }

    func readData(_ p: inout Int, _ end: Int) throws(CompactReadFailure) -> Data {
        let tag = try readTag(&p, end)
        guard tag == CompactFormat.bytes else { throw tag == CompactFormat.null ? .null : .mismatch(found: tag) }
        let length = try readLength(&p, end)
        let data = Data(bytes: bytes + p, count: length)
        p += length
        return data
    }
}

/// The decoder `superDecoder()` returns: the value in `start..<end`, at `depth`.
final class CompactSuperDecoder: Decoder {
    let state: CompactDecodingState
    let start: Int
    let end: Int
    let depth: Int

    init(state: CompactDecodingState, start: Int, end: Int, depth: Int) {
        self.state = state
        self.start = start
        self.end = end
        self.depth = depth
    }

    var codingPath: [any CodingKey] { state.path(depth) }
    var userInfo: [CodingUserInfoKey: Any] { state.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        try state.keyedContainer(Key.self, start, end, depth: depth)
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try state.unkeyedContainer(start, end, depth: depth)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        CompactSingleValueDecodingContainer(state: state, start: start, end: end, depth: depth)
    }
}

struct CompactKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let state: CompactDecodingState
    let start: Int
    let end: Int
    let depth: Int
    /// The key indexes of `Key`'s values (see `CompactKeyTables`).
    let table: UnsafeMutablePointer<Int32>?

    var codingPath: [any CodingKey] { state.path(depth) }

    var allKeys: [Key] {
        state.keyIndexes(start, end).compactMap { Key(stringValue: state.keys[$0]) }
    }

    private func entry(_ key: Key) throws -> CompactDecodingState.Entry? {
        do {
            return try state.entry(key, table, start, end, depth: depth)
        } catch {
            throw error.decodingError(Any.self, state.path(depth, key: key))
        }
    }

    private func requiredEntry(_ key: Key) throws -> CompactDecodingState.Entry {
        guard let found = try entry(key) else {
            throw DecodingError.keyNotFound(
                key,
                DecodingError.Context(
                    codingPath: codingPath,
                    debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return found
    }

    /// Where the value of `entry` ends; the next lookup starts there.
    private func consume(_ entry: CompactDecodingState.Entry, _ key: Key) throws -> Int {
        do {
            let next = try state.skip(entry.start, end)
            state.consumed(depth: depth, start: start, next: next)
            return next
        } catch {
            throw error.decodingError(Any.self, state.path(depth, key: key))
        }
    }

    @inline(__always) private func scalar<S: CompactScalar>(_ type: S.Type, _ key: Key) throws -> S {
        try read(S.self, requiredEntry(key), key)
    }

    @inline(__always) private func scalarIfPresent<S: CompactScalar>(_ type: S.Type, _ key: Key) throws -> S? {
        guard let found = try entry(key) else { return nil }
        guard state.byte(at: found.start) != CompactFormat.null else {
            state.consumed(depth: depth, start: start, next: found.start + 1)
            return nil
        }
        return try read(S.self, found, key)
    }

    @inline(__always) private func read<S: CompactScalar>(
        _ type: S.Type, _ found: CompactDecodingState.Entry, _ key: Key
    )
        throws -> S
    {
        do {
            var p = found.start
            let value = try S.read(from: state, &p, end)
            state.consumed(depth: depth, start: start, next: p)
            return value
        } catch {
            throw error.decodingError(S.self, state.path(depth, key: key))
        }
    }

    func contains(_ key: Key) -> Bool {
        (try? entry(key)) != nil
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        state.byte(at: try requiredEntry(key).start) == CompactFormat.null
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try scalar(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try scalar(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try scalar(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try scalar(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try scalar(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try scalar(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try scalar(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try scalar(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try scalar(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try scalar(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try scalar(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try scalar(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try scalar(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try scalar(type, key) }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    func decode(_ type: Int128.Type, forKey key: Key) throws -> Int128 { try scalar(type, key) }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    func decode(_ type: UInt128.Type, forKey key: Key) throws -> UInt128 { try scalar(type, key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let found = try requiredEntry(key)
        let valueEnd = try consume(found, key)
        return try state.decodeValue(T.self, found.start, valueEnd, depth: depth, link: -1 - found.key)
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try scalarIfPresent(type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try scalarIfPresent(type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try scalarIfPresent(type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try scalarIfPresent(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try scalarIfPresent(type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try scalarIfPresent(type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try scalarIfPresent(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try scalarIfPresent(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try scalarIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try scalarIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try scalarIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try scalarIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try scalarIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try scalarIfPresent(type, key) }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    func decodeIfPresent(_ type: Int128.Type, forKey key: Key) throws -> Int128? { try scalarIfPresent(type, key) }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    func decodeIfPresent(_ type: UInt128.Type, forKey key: Key) throws -> UInt128? {
        try scalarIfPresent(type, key)
    }

    /// A nil at `key` is nil, as usual, unless `T` is itself an optional: then it is `T`'s nil, so that an
    /// `Int??` property holding `.some(nil)` reads back as that (its `.none` is an absent key).
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let found = try entry(key) else { return nil }
        let valueEnd = try consume(found, key)
        if state.byte(at: found.start) == CompactFormat.null && !(T.self is any CompactOptionalMarker.Type) {
            return nil
        }
        return try state.decodeValue(T.self, found.start, valueEnd, depth: depth, link: -1 - found.key)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let found = try requiredEntry(key)
        let valueEnd = try consume(found, key)
        try state.enterNested(depth: depth, link: -1 - found.key)
        return try state.keyedContainer(NestedKey.self, found.start, valueEnd, depth: depth + 1)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let found = try requiredEntry(key)
        let valueEnd = try consume(found, key)
        try state.enterNested(depth: depth, link: -1 - found.key)
        return try state.unkeyedContainer(found.start, valueEnd, depth: depth + 1)
    }

    func superDecoder() throws -> any Decoder {
        try superDecoder(name: CompactKey.superKey.stringValue, key: nil)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try superDecoder(name: key.stringValue, key: key)
    }

    private func superDecoder(name: String, key: Key?) throws -> any Decoder {
        let found: CompactDecodingState.Entry?
        if let key {
            found = try entry(key)
        } else {
            do {
                found = try state.entry(name, start, end, depth: depth)
            } catch {
                throw error.decodingError(Any.self, state.path(depth, key: CompactKey.superKey))
            }
        }
        guard let found else { return try state.superDecoderOfNil(depth: depth) }
        let next: Int
        do {
            next = try state.skip(found.start, end)
        } catch {
            throw error.decodingError(Any.self, state.path(depth, key: CompactKey(stringValue: name)))
        }
        state.consumed(depth: depth, start: start, next: next)
        return try state.superDecoder(found.start, next, depth: depth, link: -1 - found.key)
    }
}

struct CompactUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let state: CompactDecodingState
    // 32-bit offsets (documents are under 2 GiB) keep the container within an existential's inline buffer.
    private var position: Int32
    private let endPosition: Int32
    private var index: Int32 = 0
    private let depth32: Int32

    init(state: CompactDecodingState, position: Int, end: Int, depth: Int) {
        self.state = state
        self.position = Int32(position)
        endPosition = Int32(end)
        depth32 = Int32(depth)
    }

    private var depth: Int { Int(depth32) }
    private var end: Int { Int(endPosition) }

    var codingPath: [any CodingKey] { state.path(depth) }
    var count: Int? { state.valueCount(Int(position), end).map { $0 + Int(index) } }
    var isAtEnd: Bool { position >= endPosition }
    var currentIndex: Int { Int(index) }

    private func atEnd(_ type: Any.Type) -> DecodingError {
        .valueNotFound(
            type,
            DecodingError.Context(
                codingPath: state.path(depth, key: CompactKey(index: currentIndex)),
                debugDescription: "Unkeyed container is at end."))
    }

    /// The bounds of the next value.
    private func next(_ type: Any.Type) throws -> (start: Int, end: Int) {
        guard !isAtEnd else { throw atEnd(type) }
        do {
            return (Int(position), try state.skip(Int(position), end))
        } catch {
            throw error.decodingError(type, state.path(depth, key: CompactKey(index: currentIndex)))
        }
    }

    private mutating func advance(to next: Int) {
        position = Int32(next)
        index += 1
    }

    @inline(__always) private mutating func scalar<S: CompactScalar>(_ type: S.Type) throws -> S {
        guard !isAtEnd else { throw atEnd(type) }
        do {
            var p = Int(position)
            let value = try S.read(from: state, &p, end)
            advance(to: p)
            return value
        } catch {
            throw error.decodingError(S.self, state.path(depth, key: CompactKey(index: currentIndex)))
        }
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw atEnd(Any?.self) }
        guard state.byte(at: Int(position)) == CompactFormat.null else { return false }
        advance(to: Int(position) + 1)
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try scalar(type) }
    mutating func decode(_ type: String.Type) throws -> String { try scalar(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try scalar(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try scalar(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try scalar(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try scalar(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try scalar(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try scalar(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try scalar(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try scalar(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try scalar(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try scalar(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try scalar(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try scalar(type) }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func decode(_ type: Int128.Type) throws -> Int128 { try scalar(type) }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func decode(_ type: UInt128.Type) throws -> UInt128 { try scalar(type) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try next(T.self)
        let result = try state.decodeValue(T.self, value.start, value.end, depth: depth, link: currentIndex)
        advance(to: value.end)
        return result
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let value = try next(KeyedDecodingContainer<NestedKey>.self)
        try state.enterNested(depth: depth, link: currentIndex)
        let container = try state.keyedContainer(NestedKey.self, value.start, value.end, depth: depth + 1)
        advance(to: value.end)
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let value = try next((any UnkeyedDecodingContainer).self)
        try state.enterNested(depth: depth, link: currentIndex)
        let container = try state.unkeyedContainer(value.start, value.end, depth: depth + 1)
        advance(to: value.end)
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let value = try next((any Decoder).self)
        let decoder = try state.superDecoder(value.start, value.end, depth: depth, link: currentIndex)
        advance(to: value.end)
        return decoder
    }
}

struct CompactSingleValueDecodingContainer: SingleValueDecodingContainer {
    let state: CompactDecodingState
    let start: Int
    let end: Int
    let depth: Int

    var codingPath: [any CodingKey] { state.path(depth) }

    @inline(__always) private func scalar<S: CompactScalar>(_ type: S.Type) throws -> S {
        do {
            var p = start
            return try S.read(from: state, &p, end)
        } catch {
            throw error.decodingError(S.self, codingPath)
        }
    }

    func decodeNil() -> Bool { state.byte(at: start) == CompactFormat.null }

    func decode(_ type: Bool.Type) throws -> Bool { try scalar(type) }
    func decode(_ type: String.Type) throws -> String { try scalar(type) }
    func decode(_ type: Double.Type) throws -> Double { try scalar(type) }
    func decode(_ type: Float.Type) throws -> Float { try scalar(type) }
    func decode(_ type: Int.Type) throws -> Int { try scalar(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try scalar(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try scalar(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try scalar(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try scalar(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try scalar(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try scalar(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try scalar(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try scalar(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try scalar(type) }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    func decode(_ type: Int128.Type) throws -> Int128 { try scalar(type) }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    func decode(_ type: UInt128.Type) throws -> UInt128 { try scalar(type) }

    /// Reads past the `some` tag that an optional writes before a nil it wraps (see `encodeSingle`).
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        var valueStart = start
        if state.byte(at: valueStart) == CompactFormat.some {
            valueStart += 1
            guard valueStart < end else { throw CompactReadFailure.truncated.decodingError(T.self, codingPath) }
        }
        return try state.decodeValue(T.self, valueStart, end, depth: depth, link: CompactFormat.noLink)
    }
}
