/// Jaro–Winkler similarity of two strings, compared by Unicode scalar: 1 for equal strings, 0 for nothing in common.
///
/// Jaro counts the letters two strings share within a window of half the longer length and how many of them are out
/// of order; Winkler adds 0.1 of the remaining distance for each of up to four equal leading letters, when the Jaro
/// similarity is above 0.7 (as jellyfish and Splink's DuckDB backend do).
///
/// ```swift
/// JaroWinkler.similarity("martha", "marhta")  // 0.9611…
/// JaroWinkler.similarity("shevchenko", "shevchemko")  // 0.96
/// ```
public enum JaroWinkler {
    public static func similarity(_ a: String, _ b: String) -> Double {
        let x = a.unicodeScalars.map(\.value)
        let y = b.unicodeScalars.map(\.value)
        return x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in similarity(x, y) } }
    }

    static func similarity(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        let jaro = jaroSimilarity(a, b)
        guard jaro > 0.7 else { return jaro }
        var prefix = 0
        while prefix < min(4, a.count, b.count), a[prefix] == b[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }

    private static func jaroSimilarity(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Double {
        if a.count <= 64, b.count <= 64 { return jaroSimilarityShort(a, b) }
        let window = max(0, max(a.count, b.count) / 2 - 1)
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: a.count + b.count) { flags in
            flags.initialize(repeating: false)
            var matches = 0
            for i in 0..<a.count {
                let low = max(0, i - window)
                let high = min(b.count - 1, i + window)
                if low > high { continue }
                for j in low...high where !flags[a.count + j] && a[i] == b[j] {
                    flags[i] = true
                    flags[a.count + j] = true
                    matches += 1
                    break
                }
            }
            guard matches > 0 else { return 0 }
            var transpositions = 0
            var j = 0
            for i in 0..<a.count where flags[i] {
                while !flags[a.count + j] { j += 1 }
                if a[i] != b[j] { transpositions += 1 }
                j += 1
            }
            return jaro(matches: matches, transpositions: transpositions, a.count, b.count)
        }
    }

    /// The same for names of up to 64 letters, with the matched letters kept as bits (names always are).
    private static func jaroSimilarityShort(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>)
        -> Double
    {
        let window = max(0, max(a.count, b.count) / 2 - 1)
        var matchedA: UInt64 = 0
        var matchedB: UInt64 = 0
        var matches = 0
        for i in 0..<a.count {
            let low = max(0, i - window)
            let high = min(b.count - 1, i + window)
            if low > high { continue }
            let letter = a[i]
            for j in low...high where matchedB & (1 << UInt64(j)) == 0 && letter == b[j] {
                matchedA |= 1 << UInt64(i)
                matchedB |= 1 << UInt64(j)
                matches += 1
                break
            }
        }
        guard matches > 0 else { return 0 }
        var transpositions = 0
        var restA = matchedA
        var restB = matchedB
        while restA != 0 {
            let i = restA.trailingZeroBitCount
            let j = restB.trailingZeroBitCount
            if a[i] != b[j] { transpositions += 1 }
            restA &= restA - 1
            restB &= restB - 1
        }
        return jaro(matches: matches, transpositions: transpositions, a.count, b.count)
    }

    private static func jaro(matches: Int, transpositions: Int, _ lengthA: Int, _ lengthB: Int) -> Double {
        let m = Double(matches)
        return (m / Double(lengthA) + m / Double(lengthB) + (m - Double(transpositions) / 2) / m) / 3
    }
}
