import Foundation

/// One document being written: the bytes, the key table and the values still open.
///
/// Containers write straight into one buffer. A value that is still open is a frame on a stack: the value a
/// `encode(to:)` call is writing, or a nested container, or the value of a `superEncoder()`. A container writes only
/// while its frame is on top of the stack or below frames it then closes (the nested containers and super
/// encoders it made before), which is how synthesized and hand-written conformances use containers; anything else
/// is recorded as a failure and thrown at the end.
final class CompactEncodingState: Encoder {
    struct Frame {
        enum Kind: UInt8 {
            /// Nothing asked for yet; closed as an empty keyed container, as `JSONEncoder` writes `{}`.
            case pending
            case keyed
            case unkeyed
            /// A single-value container, its value not yet written.
            case single
            case singleDone
        }

        var id: UInt32
        var kind: Kind
        /// The key or index of this value in its container (see `CompactFormat.path`).
        var link: Int
        /// Where the container's length placeholder is (see `open`).
        var lengthAt = 0
        var elements = 0
        /// The value's static type, when an `encode(_:)` made the frame.
        var type: Any.Type?
    }

    /// Allocated with `malloc`, so that the finished document's `Data` takes it over with `free` as deallocator.
    @exclusivity(unchecked) private var buffer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var frames: [Frame] = []
    /// The frame whose `encode(to:)` is running: the one `container(keyedBy:)` and its siblings open.
    @exclusivity(unchecked) private var current = 0
    private var nextID: UInt32 = 1
    @exclusivity(unchecked) private var keyIndices: [String: Int] = [:]
    @exclusivity(unchecked) private var keys: [String] = []
    let keyTables = CompactKeyTables()
    /// The first misuse of a container; thrown when the document ends.
    private var failure: EncodingError?
    let userInfo: [CodingUserInfoKey: Any]

    init(userInfo: [CodingUserInfoKey: any Sendable]) {
        self.userInfo = userInfo
        capacity = 4096
        buffer = Self.reallocate(nil, capacity: capacity)
        frames.reserveCapacity(16)
    }

    deinit {
        if capacity > 0 { free(buffer) }
    }

    private static func reallocate(_ buffer: UnsafeMutablePointer<UInt8>?, capacity: Int) -> UnsafeMutablePointer<UInt8>
    {
        guard let memory = realloc(buffer, capacity) else {
            fatalError("Out of memory for a \(capacity)-byte document.")
        }
        return memory.assumingMemoryBound(to: UInt8.self)
    }

    // MARK: The document

    func encodeDocument<T: Encodable>(_ value: T) throws -> Data {
        writeByte(CompactFormat.magic)
        writeByte(CompactFormat.version)
        try encodeValue(value, link: CompactFormat.noLink)
        if let failure { throw failure }
        writeVarint(UInt64(keys.count))
        for key in keys {
            var key = key
            key.withUTF8 { writeCounted($0) }
        }
        guard count <= CompactFormat.maxSize else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: [], debugDescription: "The document needs more than 2 GiB."))
        }
        if capacity - count > count / 4 {
            buffer = Self.reallocate(buffer, capacity: count)
        }
        // The Data owns the buffer from here.
        capacity = 0
        return Data(bytesNoCopy: buffer, count: count, deallocator: .free)
    }

    /// Writes `value` at the current position, as the value of a new frame unless it is a scalar.
    func encodeValue<T: Encodable>(_ value: T, link: Int) throws {
        if writeScalar(value) { return }
        let level = frames.count
        guard level < CompactFormat.maxDepth else {
            let error = EncodingError.invalidValue(
                value,
                EncodingError.Context(
                    codingPath: codingPath(through: level - 1),
                    debugDescription: "The value nests deeper than \(CompactFormat.maxDepth) levels."))
            failure = failure ?? error
            throw error
        }
        push(kind: .pending, link: link, type: T.self)
        let saved = current
        current = level
        defer {
            close(downTo: level)
            current = saved
        }
        try value.encode(to: self)
    }

    /// Writes the types the format holds directly, without calling their `encode(to:)`; false for other types.
    @inline(__always) private func writeScalar<T>(_ value: T) -> Bool {
        guard let kind = CompactScalarKind(T.self) else { return false }
        switch kind {
        case .string: writeString(unsafeBitCast(value, to: String.self))
        case .int: writeSigned(Int64(unsafeBitCast(value, to: Int.self)))
        case .int64: writeSigned(unsafeBitCast(value, to: Int64.self))
        case .double: writeDouble(unsafeBitCast(value, to: Double.self))
        case .bool: unsafeBitCast(value, to: Bool.self).write(to: self)
        case .data: writeData(unsafeBitCast(value, to: Data.self))
        case .date: writeDouble(unsafeBitCast(value, to: Date.self).timeIntervalSinceReferenceDate)
        case .int32: writeSigned(Int64(unsafeBitCast(value, to: Int32.self)))
        case .uint64: writeUnsigned(unsafeBitCast(value, to: UInt64.self))
        case .float: writeFloat(unsafeBitCast(value, to: Float.self))
        case .int8: writeSigned(Int64(unsafeBitCast(value, to: Int8.self)))
        case .int16: writeSigned(Int64(unsafeBitCast(value, to: Int16.self)))
        case .uint: writeUnsigned(UInt64(unsafeBitCast(value, to: UInt.self)))
        case .uint8: writeUnsigned(UInt64(unsafeBitCast(value, to: UInt8.self)))
        case .uint16: writeUnsigned(UInt64(unsafeBitCast(value, to: UInt16.self)))
        case .uint32: writeUnsigned(UInt64(unsafeBitCast(value, to: UInt32.self)))
        }
        return true
    }

    // MARK: Frames

    @discardableResult
    private func push(kind: Frame.Kind, link: Int, type: Any.Type? = nil) -> (level: Int, id: UInt32) {
        let id = nextID
        nextID = nextID == .max ? 1 : nextID + 1
        frames.append(Frame(id: id, kind: kind, link: link, type: type))
        return (frames.count - 1, id)
    }

    /// Pushes a nested container's frame and writes its tag; nil (a failure recorded) when nesting is too deep.
    private func pushContainer(_ kind: Frame.Kind, link: Int) -> (level: Int, id: UInt32)? {
        guard frames.count < CompactFormat.maxDepth else {
            fail("The value nests deeper than \(CompactFormat.maxDepth) levels.", level: frames.count - 1)
            return nil
        }
        let frame = push(kind: .pending, link: link)
        open(frame.level, as: kind)
        return frame
    }

    /// Writes the container's tag and a placeholder for its length (see `lengthReserve`).
    private func open(_ level: Int, as kind: Frame.Kind) {
        let reserved = Self.lengthReserve(level)
        reserve(1 + reserved)
        buffer[count] = kind == .keyed ? CompactFormat.keyed : CompactFormat.unkeyed
        frames[level].lengthAt = count + 1
        count += 1 + reserved
        frames[level].kind = kind
    }

    /// The bytes reserved for the length of a container at `level`: five at the two outermost levels, whose content
    /// is usually long and would otherwise be moved to make room for its length, else one.
    private static func lengthReserve(_ level: Int) -> Int { level < 2 ? 5 : 1 }

    /// Closes the frames from `level` up: patches container lengths, writes `{}` for values that wrote nothing.
    private func close(downTo level: Int) {
        while frames.count > level {
            let closing = frames.count - 1
            let frame = frames.removeLast()
            switch frame.kind {
            case .pending, .single:
                writeByte(CompactFormat.keyed)
                writeByte(0)
            case .keyed, .unkeyed:
                patchLength(at: frame.lengthAt, reserved: Self.lengthReserve(closing))
            case .singleDone:
                break
            }
        }
    }

    /// Whether the container of frame `level` (made as `id`) may write now; closes the frames above it.
    @inline(__always) func prepare(_ level: Int, _ id: UInt32) -> Bool {
        if level == frames.count - 1 && frames[level].id == id { return true }
        return prepareSlowly(level, id)
    }

    private func prepareSlowly(_ level: Int, _ id: UInt32) -> Bool {
        guard level >= current, level < frames.count, frames[level].id == id else {
            fail(
                "A container was used after its value was encoded, or while another value was being encoded; "
                    + "this encoder writes containers in the order they are nested.",
                level: min(level, frames.count - 1))
            return false
        }
        close(downTo: level + 1)
        return true
    }

    func prepareOrThrow(_ level: Int, _ id: UInt32) throws {
        guard prepare(level, id) else { throw failure! }
    }

    private func fail(_ message: String, level: Int) {
        if failure == nil {
            failure = EncodingError.invalidValue(
                message, EncodingError.Context(codingPath: codingPath(through: level), debugDescription: message))
        }
    }

    /// The coding path of the value of frame `level`.
    func codingPath(through level: Int) -> [any CodingKey] {
        guard level >= 0 else { return [] }
        return CompactFormat.path(frames[...min(level, frames.count - 1)].lazy.map(\.link), keys: keys)
    }

    // MARK: Containers

    func keyedContainer<Key: CodingKey>(level: Int, id: UInt32, _: Key.Type) -> CompactKeyedEncodingContainer<Key> {
        let dead = CompactKeyedEncodingContainer<Key>(state: self, level: level, id: 0)
        guard prepare(level, id) else { return dead }
        switch frames[level].kind {
        case .pending: open(level, as: .keyed)
        case .keyed: break
        default:
            fail("A keyed container was asked for a value that already encoded something else.", level: level)
            return dead
        }
        return CompactKeyedEncodingContainer(state: self, level: level, id: id, table: keyTables.table(Key.self))
    }

    func unkeyedContainer(level: Int, id: UInt32) -> CompactUnkeyedEncodingContainer {
        let dead = CompactUnkeyedEncodingContainer(state: self, level: level, id: 0)
        guard prepare(level, id) else { return dead }
        switch frames[level].kind {
        case .pending: open(level, as: .unkeyed)
        case .unkeyed: break
        default:
            fail("An unkeyed container was asked for a value that already encoded something else.", level: level)
            return dead
        }
        return CompactUnkeyedEncodingContainer(state: self, level: level, id: id)
    }

    func singleValueContainer(level: Int, id: UInt32) -> CompactSingleValueEncodingContainer {
        let dead = CompactSingleValueEncodingContainer(state: self, level: level, id: 0)
        guard prepare(level, id) else { return dead }
        switch frames[level].kind {
        case .pending: frames[level].kind = .single
        case .single, .singleDone: break
        default:
            fail("A single-value container was asked for a value that already encoded a container.", level: level)
            return dead
        }
        return CompactSingleValueEncodingContainer(state: self, level: level, id: id)
    }

    /// Starts a nested keyed or unkeyed container at the current position.
    func nestedContainer(_ kind: Frame.Kind, link: Int) -> (level: Int, id: UInt32) {
        pushContainer(kind, link: link) ?? (frames.count - 1, 0)
    }

    /// The encoder of a value at the current position that the caller encodes later (`superEncoder()`).
    func superEncoder(link: Int) -> any Encoder {
        guard frames.count < CompactFormat.maxDepth else {
            fail("The value nests deeper than \(CompactFormat.maxDepth) levels.", level: frames.count - 1)
            return CompactSuperEncoder(state: self, level: frames.count - 1, id: 0)
        }
        let frame = push(kind: .pending, link: link)
        return CompactSuperEncoder(state: self, level: frame.level, id: frame.id)
    }

    /// Counts an element of the unkeyed container of frame `level`, and returns its index.
    @inline(__always) func nextElement(_ level: Int) -> Int {
        let index = frames[level].elements
        frames[level].elements = index + 1
        return index
    }

    func elementCount(level: Int, id: UInt32) -> Int {
        level < frames.count && frames[level].id == id ? frames[level].elements : 0
    }

    /// Marks the single value of frame `level` as written; throws if it already was.
    func beginSingleValue(_ level: Int, _ id: UInt32) throws {
        try prepareOrThrow(level, id)
        guard frames[level].kind == .single else {
            fail("A single-value container was asked to encode a second value.", level: level)
            throw failure!
        }
        frames[level].kind = .singleDone
    }

    /// Encodes `value` as the single value of frame `level`.
    ///
    /// When that frame is an optional and `value` wrote a nil (or an optional that wraps one), the `some` tag goes
    /// before it, so that `Int??.some(nil)` reads back as itself and not as `nil`.
    func encodeSingle<T: Encodable>(_ value: T, level: Int) throws {
        let start = count
        try encodeValue(value, link: CompactFormat.noLink)
        guard count > start, buffer[start] == CompactFormat.null || buffer[start] == CompactFormat.some,
            let type = frames[level].type, type is any CompactOptionalMarker.Type
        else { return }
        reserve(1)
        UnsafeMutableRawPointer(buffer + start + 1).copyMemory(from: buffer + start, byteCount: count - start)
        buffer[start] = CompactFormat.some
        count += 1
    }

    // MARK: Encoder

    var codingPath: [any CodingKey] { codingPath(through: current) }

    /// The id of the current frame; 0, which no container matches, once the document is written.
    private var currentID: UInt32 { current < frames.count ? frames[current].id : 0 }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(keyedContainer(level: current, id: currentID, Key.self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        unkeyedContainer(level: current, id: currentID)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        singleValueContainer(level: current, id: currentID)
    }

    // MARK: Bytes

    @inline(__always) private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    @inline(never) private func grow(_ needed: Int) {
        capacity = max(capacity * 2, needed)
        buffer = Self.reallocate(buffer, capacity: capacity)
    }

    @inline(__always) func writeByte(_ byte: UInt8) {
        reserve(1)
        buffer[count] = byte
        count += 1
    }

    @inline(__always) private func writeVarintUnchecked(_ value: UInt64) {
        var value = value
        var p = buffer + count
        while value >= 0x80 {
            p.pointee = UInt8(truncatingIfNeeded: value) | 0x80
            p += 1
            value >>= 7
        }
        p.pointee = UInt8(value)
        count = p - buffer + 1
    }

    @inline(__always) func writeVarint(_ value: UInt64) {
        reserve(10)
        writeVarintUnchecked(value)
    }

    @inline(__always) func writeSigned(_ value: Int64) {
        if value >= 0 && value < 128 {
            writeByte(CompactFormat.smallInteger | UInt8(truncatingIfNeeded: value))
        } else {
            reserve(11)
            buffer[count] = CompactFormat.signed
            count += 1
            writeVarintUnchecked(CompactFormat.zigzag(value))
        }
    }

    @inline(__always) func writeUnsigned(_ value: UInt64) {
        if value < 128 {
            writeByte(CompactFormat.smallInteger | UInt8(truncatingIfNeeded: value))
        } else {
            reserve(11)
            buffer[count] = CompactFormat.unsigned
            count += 1
            writeVarintUnchecked(value)
        }
    }

    /// A 128-bit integer: as a 64-bit one when it fits, else its 16 bytes.
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    func writeInteger128<I: FixedWidthInteger>(_ value: I) {
        if let small = Int64(exactly: value) {
            writeSigned(small)
        } else if let small = UInt64(exactly: value) {
            writeUnsigned(small)
        } else {
            reserve(17)
            buffer[count] = I.isSigned ? CompactFormat.signed128 : CompactFormat.unsigned128
            let raw = UnsafeMutableRawPointer(buffer + count + 1)
            raw.storeBytes(of: UInt64(truncatingIfNeeded: value).littleEndian, as: UInt64.self)
            raw.storeBytes(of: UInt64(truncatingIfNeeded: value >> 64).littleEndian, toByteOffset: 8, as: UInt64.self)
            count += 17
        }
    }

    func writeDouble(_ value: Double) {
        reserve(9)
        buffer[count] = CompactFormat.float64
        UnsafeMutableRawPointer(buffer + count + 1).storeBytes(of: value.bitPattern.littleEndian, as: UInt64.self)
        count += 9
    }

    func writeFloat(_ value: Float) {
        reserve(5)
        buffer[count] = CompactFormat.float32
        UnsafeMutableRawPointer(buffer + count + 1).storeBytes(of: value.bitPattern.littleEndian, as: UInt32.self)
        count += 5
    }

    @inline(__always) func writeString(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            if utf8.count < CompactFormat.shortStringLimit {
                reserve(1 + utf8.count)
                buffer[count] = CompactFormat.shortString | UInt8(truncatingIfNeeded: utf8.count)
                count += 1
                writeRaw(utf8)
            } else {
                writeByte(CompactFormat.string)
                writeCounted(utf8)
            }
        }
    }

    func writeData(_ value: Data) {
        writeByte(CompactFormat.bytes)
        value.withUnsafeBytes { writeCounted($0.bindMemory(to: UInt8.self)) }
    }

    /// A varint byte count, then the bytes.
    private func writeCounted(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(10 + bytes.count)
        writeVarintUnchecked(UInt64(bytes.count))
        writeRaw(bytes)
    }

    /// The bytes, with room already reserved.
    @inline(__always) private func writeRaw(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        (buffer + count).initialize(from: base, count: bytes.count)
        count += bytes.count
    }

    /// Writes `key` as its index in the key table, adding it on first use; returns its path link.
    @inline(__always) func writeKey<Key: CodingKey>(_ key: Key, _ table: UnsafeMutablePointer<Int32>?) -> Int {
        let index: Int
        if let table {
            let slot = CompactKeyTables.slot(key)
            if table[slot] >= 0 {
                index = Int(table[slot])
            } else {
                index = keyIndex(key.stringValue)
                table[slot] = Int32(index)
            }
        } else {
            index = keyIndex(key.stringValue)
        }
        writeVarint(UInt64(index))
        return -1 - index
    }

    /// Writes the key `name` (of `superEncoder()`); returns its path link.
    func writeKey(_ name: String) -> Int {
        let index = keyIndex(name)
        writeVarint(UInt64(index))
        return -1 - index
    }

    private func keyIndex(_ name: String) -> Int {
        if let known = keyIndices[name] { return known }
        keys.append(name)
        keyIndices[name] = keys.count - 1
        return keys.count - 1
    }

    /// Writes the length of the container whose placeholder of `reserved` bytes is at `position`, moving the content
    /// when the length needs more bytes or fewer. A content of 16 KiB or more under a five-byte placeholder stays
    /// where it is, behind its length padded to five bytes with continuation bits.
    private func patchLength(at position: Int, reserved: Int) {
        let length = count - position - reserved
        if reserved == 5 && length >= 1 << 14 {
            for i in 0..<5 {
                buffer[position + i] = UInt8(truncatingIfNeeded: length >> (7 * i)) & 0x7F | (i < 4 ? 0x80 : 0)
            }
            return
        }
        var size = 1
        while length >> (7 * size) != 0 { size += 1 }
        if size != reserved {
            reserve(size - reserved)
            UnsafeMutableRawPointer(buffer + position + size).copyMemory(
                from: buffer + position + reserved, byteCount: length)
            count += size - reserved
        }
        var value = length
        for i in 0..<size {
            buffer[position + i] = UInt8(truncatingIfNeeded: value) & 0x7F | (i < size - 1 ? 0x80 : 0)
            value >>= 7
        }
    }
}

/// The encoder `superEncoder()` returns: the value of one frame, which the caller encodes after the call.
final class CompactSuperEncoder: Encoder {
    let state: CompactEncodingState
    let level: Int
    let id: UInt32

    init(state: CompactEncodingState, level: Int, id: UInt32) {
        self.state = state
        self.level = level
        self.id = id
    }

    var codingPath: [any CodingKey] { state.codingPath(through: level) }
    var userInfo: [CodingUserInfoKey: Any] { state.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(state.keyedContainer(level: level, id: id, Key.self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        state.unkeyedContainer(level: level, id: id)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        state.singleValueContainer(level: level, id: id)
    }
}

struct CompactKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let state: CompactEncodingState
    let level: Int
    /// 0 for a container that could not be made (the failure is recorded): it writes nothing.
    let id: UInt32
    /// The key indexes of `Key`'s values (see `CompactKeyTables`).
    var table: UnsafeMutablePointer<Int32>? = nil

    var codingPath: [any CodingKey] { state.codingPath(through: level) }

    @inline(__always) private func scalar(_ value: some CompactScalar, _ key: Key) throws {
        try state.prepareOrThrow(level, id)
        _ = state.writeKey(key, table)
        value.write(to: state)
    }

    mutating func encodeNil(forKey key: Key) throws {
        try state.prepareOrThrow(level, id)
        _ = state.writeKey(key, table)
        state.writeByte(CompactFormat.null)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try scalar(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try scalar(value, key) }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: Int128, forKey key: Key) throws { try scalar(value, key) }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: UInt128, forKey key: Key) throws { try scalar(value, key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try state.prepareOrThrow(level, id)
        let link = state.writeKey(key, table)
        try state.encodeValue(value, link: link)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        guard state.prepare(level, id) else {
            return KeyedEncodingContainer(CompactKeyedEncodingContainer<NestedKey>(state: state, level: level, id: 0))
        }
        let nested = state.nestedContainer(.keyed, link: state.writeKey(key, table))
        return KeyedEncodingContainer(
            CompactKeyedEncodingContainer<NestedKey>(
                state: state, level: nested.level, id: nested.id, table: state.keyTables.table(NestedKey.self)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        guard state.prepare(level, id) else {
            return CompactUnkeyedEncodingContainer(state: state, level: level, id: 0)
        }
        let nested = state.nestedContainer(.unkeyed, link: state.writeKey(key, table))
        return CompactUnkeyedEncodingContainer(state: state, level: nested.level, id: nested.id)
    }

    mutating func superEncoder() -> any Encoder {
        superEncoder(name: CompactKey.superKey.stringValue)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        guard state.prepare(level, id) else { return CompactSuperEncoder(state: state, level: level, id: 0) }
        return state.superEncoder(link: state.writeKey(key, table))
    }

    private func superEncoder(name: String) -> any Encoder {
        guard state.prepare(level, id) else { return CompactSuperEncoder(state: state, level: level, id: 0) }
        return state.superEncoder(link: state.writeKey(name))
    }
}

struct CompactUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let state: CompactEncodingState
    let level: Int
    let id: UInt32

    var codingPath: [any CodingKey] { state.codingPath(through: level) }
    var count: Int { state.elementCount(level: level, id: id) }

    @inline(__always) private func scalar(_ value: some CompactScalar) throws {
        try state.prepareOrThrow(level, id)
        _ = state.nextElement(level)
        value.write(to: state)
    }

    mutating func encodeNil() throws {
        try state.prepareOrThrow(level, id)
        _ = state.nextElement(level)
        state.writeByte(CompactFormat.null)
    }

    mutating func encode(_ value: Bool) throws { try scalar(value) }
    mutating func encode(_ value: String) throws { try scalar(value) }
    mutating func encode(_ value: Double) throws { try scalar(value) }
    mutating func encode(_ value: Float) throws { try scalar(value) }
    mutating func encode(_ value: Int) throws { try scalar(value) }
    mutating func encode(_ value: Int8) throws { try scalar(value) }
    mutating func encode(_ value: Int16) throws { try scalar(value) }
    mutating func encode(_ value: Int32) throws { try scalar(value) }
    mutating func encode(_ value: Int64) throws { try scalar(value) }
    mutating func encode(_ value: UInt) throws { try scalar(value) }
    mutating func encode(_ value: UInt8) throws { try scalar(value) }
    mutating func encode(_ value: UInt16) throws { try scalar(value) }
    mutating func encode(_ value: UInt32) throws { try scalar(value) }
    mutating func encode(_ value: UInt64) throws { try scalar(value) }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: Int128) throws { try scalar(value) }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: UInt128) throws { try scalar(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try state.prepareOrThrow(level, id)
        try state.encodeValue(value, link: state.nextElement(level))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        guard state.prepare(level, id) else {
            return KeyedEncodingContainer(CompactKeyedEncodingContainer<NestedKey>(state: state, level: level, id: 0))
        }
        let nested = state.nestedContainer(.keyed, link: state.nextElement(level))
        return KeyedEncodingContainer(
            CompactKeyedEncodingContainer<NestedKey>(
                state: state, level: nested.level, id: nested.id, table: state.keyTables.table(NestedKey.self)))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        guard state.prepare(level, id) else {
            return CompactUnkeyedEncodingContainer(state: state, level: level, id: 0)
        }
        let nested = state.nestedContainer(.unkeyed, link: state.nextElement(level))
        return CompactUnkeyedEncodingContainer(state: state, level: nested.level, id: nested.id)
    }

    mutating func superEncoder() -> any Encoder {
        guard state.prepare(level, id) else { return CompactSuperEncoder(state: state, level: level, id: 0) }
        return state.superEncoder(link: state.nextElement(level))
    }
}

struct CompactSingleValueEncodingContainer: SingleValueEncodingContainer {
    let state: CompactEncodingState
    let level: Int
    let id: UInt32

    var codingPath: [any CodingKey] { state.codingPath(through: level) }

    @inline(__always) private func scalar(_ value: some CompactScalar) throws {
        try state.beginSingleValue(level, id)
        value.write(to: state)
    }

    mutating func encodeNil() throws {
        try state.beginSingleValue(level, id)
        state.writeByte(CompactFormat.null)
    }

    mutating func encode(_ value: Bool) throws { try scalar(value) }
    mutating func encode(_ value: String) throws { try scalar(value) }
    mutating func encode(_ value: Double) throws { try scalar(value) }
    mutating func encode(_ value: Float) throws { try scalar(value) }
    mutating func encode(_ value: Int) throws { try scalar(value) }
    mutating func encode(_ value: Int8) throws { try scalar(value) }
    mutating func encode(_ value: Int16) throws { try scalar(value) }
    mutating func encode(_ value: Int32) throws { try scalar(value) }
    mutating func encode(_ value: Int64) throws { try scalar(value) }
    mutating func encode(_ value: UInt) throws { try scalar(value) }
    mutating func encode(_ value: UInt8) throws { try scalar(value) }
    mutating func encode(_ value: UInt16) throws { try scalar(value) }
    mutating func encode(_ value: UInt32) throws { try scalar(value) }
    mutating func encode(_ value: UInt64) throws { try scalar(value) }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: Int128) throws { try scalar(value) }

    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: UInt128) throws { try scalar(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try state.beginSingleValue(level, id)
        try state.encodeSingle(value, level: level)
    }
}
