/// Trimming of UTF-8 text held as bytes, with exactly the result of `String.trimmingWhitespace()`, but without
/// decoding (and validating) the text into a String in the usual case.
enum UTF8Trim {
    /// `bytes` (valid UTF-8) without leading and trailing whitespace, in an array of its own size.
    ///
    /// The usual case is text that ends with line feeds and otherwise begins and ends with a character that always
    /// starts its own grapheme cluster and is not whitespace (`String.keepsEnd`): then only the line feeds go, as
    /// they would character by character. Anything else takes the String path.
    static func trimmingWhitespace(_ bytes: [UInt8]) -> [UInt8] {
        var end = bytes.count
        while end > 0 && bytes[end - 1] == 0x0A { end -= 1 }
        if end == 0 { return [] }
        if let first = scalar(bytes, startingAt: 0), let last = lastScalar(bytes, endingAt: end),
           String.keepsEnd(first), String.keepsEnd(last) {
            return Array(bytes[0..<end])
        }
        return Array(String(decoding: bytes, as: UTF8.self).trimmingWhitespace().utf8)
    }

    /// The scalar whose first byte is at `i`, or nil when the bytes there are not a well-formed sequence.
    static func scalar(_ bytes: [UInt8], startingAt i: Int) -> Unicode.Scalar? {
        let b0 = bytes[i]
        let length: Int, initial: UInt32
        switch b0 {
        case 0..<0x80: return Unicode.Scalar(b0)
        case 0xC2...0xDF: length = 2; initial = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: length = 3; initial = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: length = 4; initial = UInt32(b0 & 0x07)
        default: return nil
        }
        guard i + length <= bytes.count else { return nil }
        var v = initial
        for k in 1..<length {
            let b = bytes[i + k]
            guard b & 0xC0 == 0x80 else { return nil }
            v = v << 6 | UInt32(b & 0x3F)
        }
        return Unicode.Scalar(v)
    }

    /// The scalar that ends just before `end`, or nil when it is not well-formed.
    static func lastScalar(_ bytes: [UInt8], endingAt end: Int) -> Unicode.Scalar? {
        var start = end - 1
        while start > 0 && end - start < 4 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        guard let s = scalar(bytes, startingAt: start), UTF8.width(s) == end - start else { return nil }
        return s
    }
}
