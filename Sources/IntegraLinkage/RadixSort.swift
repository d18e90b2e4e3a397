/// Least-significant-digit radix sort on 64-bit keys, 16 bits a pass, stable, skipping passes where every key has
/// the same digit. The linker sorts tens of millions of pair and key values; this is several times faster than the
/// comparison sort there.
enum RadixSort {
    static func sort(_ values: inout [UInt64]) {
        sort(&values, key: { $0 })
    }

    static func sort<Element>(_ values: inout [Element], key: (Element) -> UInt64) {
        guard values.count > 1 else { return }
        var buffer = values
        var inputIsValues = true
        var counts = [Int](repeating: 0, count: 1 << 16)
        for pass in 0..<4 {
            let shift = UInt64(pass * 16)
            for i in counts.indices { counts[i] = 0 }
            let source = inputIsValues ? values : buffer
            for value in source { counts[Int((key(value) >> shift) & 0xFFFF)] += 1 }
            if counts.contains(source.count) { continue }
            var total = 0
            for i in counts.indices {
                let c = counts[i]
                counts[i] = total
                total += c
            }
            if inputIsValues {
                buffer.withUnsafeMutableBufferPointer { out in
                    for value in values {
                        let digit = Int((key(value) >> shift) & 0xFFFF)
                        out[counts[digit]] = value
                        counts[digit] += 1
                    }
                }
            } else {
                values.withUnsafeMutableBufferPointer { out in
                    for value in buffer {
                        let digit = Int((key(value) >> shift) & 0xFFFF)
                        out[counts[digit]] = value
                        counts[digit] += 1
                    }
                }
            }
            inputIsValues.toggle()
        }
        if !inputIsValues { values = buffer }
    }
}
