import Foundation

/// How Integra writes and reads its JSON records (`run.json`, frozen periods): snake_case keys, sorted, pretty,
/// one trailing newline — the same bytes for the same content.
enum SnakeCaseJSON {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// Reads what ``encode(_:)`` wrote. Foundation's `convertFromSnakeCase` turns `project_sha256` into
    /// `projectSha256`, not the property `projectSHA256`, so the keys are mapped here.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in
            var camel = ""
            var upper = false
            for c in path.last!.stringValue {
                if c == "_" {
                    upper = true
                } else {
                    camel.append(upper ? Character(c.uppercased()) : c)
                    upper = false
                }
            }
            return Key(camel.replacingOccurrences(of: "Sha256", with: "SHA256"))
        }
        return try decoder.decode(type, from: data)
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
