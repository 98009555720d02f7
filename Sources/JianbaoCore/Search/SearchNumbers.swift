/// The compact number format of posting lists and filter lists: each non-negative integer as base-32 digits,
/// lowest first, one ASCII character each from `0-9A-Za-z-_`; characters 32–63 of the alphabet mean
/// "more digits follow", 0–31 end the number. Small numbers (document id gaps, weights) take one byte.
/// Specified with examples in search-tokenizer-cases.json (`numbers`), decoded by search.js.
public enum SearchNumbers {
    /// The 64 characters.
    public static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".utf8)

    /// Appends `value` (≥ 0) to `out`.
    public static func append(_ value: Int, to out: inout [UInt8]) {
        var v = max(0, value)
        while v >= 32 {
            out.append(alphabet[32 + (v & 31)])
            v >>= 5
        }
        out.append(alphabet[v])
    }

    /// The numbers as text.
    public static func encode(_ values: [Int]) -> String {
        var out: [UInt8] = []
        for v in values { append(v, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The numbers of `text` (nil when it has a character outside the alphabet or ends mid-number).
    public static func decode(_ text: String) -> [Int]? {
        var index = [Int](repeating: -1, count: 128)
        for (k, c) in alphabet.enumerated() { index[Int(c)] = k }
        var out: [Int] = [], value = 0, shift = 0
        for c in text.utf8 {
            guard c < 128, index[Int(c)] >= 0 else { return nil }
            let d = index[Int(c)]
            value |= (d & 31) << shift
            if d >= 32 { shift += 5 } else { out.append(value); value = 0; shift = 0 }
        }
        return shift == 0 ? out : nil
    }
}
