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
        if let first = firstScalar(bytes, endingAt: end), let last = lastScalar(bytes, endingAt: end),
           String.keepsEnd(first), String.keepsEnd(last) {
            return bytes[0..<end].exactCopy() // not Array(_:), which shares the storage when nothing is cut
        }
        return Array(String(decoding: bytes, as: UTF8.self).trimmingWhitespace().utf8)
    }

    /// The first scalar of `bytes[0..<end]` (valid UTF-8, not empty).
    static func firstScalar(_ bytes: [UInt8], endingAt end: Int) -> Unicode.Scalar? {
        String(decoding: bytes[0..<min(end, 4)], as: UTF8.self).unicodeScalars.first
    }

    /// The last scalar of `bytes[0..<end]` (valid UTF-8, not empty). Cutting four bytes back may split an
    /// earlier scalar, which decodes as U+FFFD in front; the last one is whole.
    static func lastScalar(_ bytes: [UInt8], endingAt end: Int) -> Unicode.Scalar? {
        String(decoding: bytes[max(0, end - 4)..<end], as: UTF8.self).unicodeScalars.last
    }
}
