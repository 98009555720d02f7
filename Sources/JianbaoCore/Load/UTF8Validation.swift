/// An exact UTF-8 check (the rules of Unicode and of `String(validating:as:)`: no overlong forms, no surrogates,
/// nothing above U+10FFFF, no truncated sequence) that is fast on the text of Chinese bulletins.
///
/// The standard library's validator looks at one byte at a time (~10 instructions a byte on the content files).
/// Here, runs of ASCII are skipped 8 bytes at a time and three-byte characters whose lead byte is E1–EC or EE–EF
/// (all ideographs and Chinese punctuation) are checked two at a time with one 64-bit load and a mask; every other
/// sequence goes through the full byte-by-byte rules. A build checks the content files with it and then parses their bytes,
/// without making Strings of them (a String would validate them again).
enum UTF8Validation {
    /// Whether `bytes` are well-formed UTF-8.
    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValid($0) }
    }

    /// Whether the bytes of `buffer` are well-formed UTF-8.
    static func isValid(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        // Unaligned loads through a raw pointer, always of bytes inside the buffer (`i + 14 <= n`, `i + 8 <= n`, `i + 4 <= n`).
        // The masks read the bytes of a little-endian word: the byte at `i` is the lowest.
        let raw = UnsafeRawPointer(base)
        let n = buffer.count
        var i = 0
        while i < n {
            // A run of ASCII: 8 bytes at a time, then byte by byte up to the first other byte (fewer than 8).
            while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            while i < n, base[i] < 0x80 { i += 1 }
            // A run of three-byte characters with lead bytes E1–EC, EE–EF: four at a time (two overlapping 64-bit
            // loads of six characters' bytes each), then two, then one.
            while i + 14 <= n {
                let a = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let b = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i + 6, as: UInt64.self))
                guard a & 0x0000_C0C0_F0C0_C0F0 == 0x0000_8080_E080_80E0, b & 0x0000_C0C0_F0C0_C0F0 == 0x0000_8080_E080_80E0,
                      isPlainThreeByteLead(a) && isPlainThreeByteLead(a >> 24) && isPlainThreeByteLead(b) && isPlainThreeByteLead(b >> 24)
                else { break }
                i += 12
            }
            while i + 8 <= n {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                guard word & 0x0000_C0C0_F0C0_C0F0 == 0x0000_8080_E080_80E0,
                      isPlainThreeByteLead(word), isPlainThreeByteLead(word >> 24) else { break }
                i += 6
            }
            if i + 4 <= n {
                let word = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
                if word & 0x00C0_C0F0 == 0x0080_80E0, isPlainThreeByteLead(word) {
                    i += 3
                    continue
                }
            }
            guard i < n else { break }
            if base[i] < 0x80 { continue }
            guard let length = sequenceLength(base, i, n) else { return false }
            i += length
        }
        return true
    }

    /// For a lead byte 1110xxxx in the low byte of `word`: whether it is not E0 or ED, the two lead bytes that
    /// restrict their second byte (against overlong forms and surrogates). Bit k of 0xDFFE is set for every low
    /// nibble k but 0x0 and 0xD.
    @inline(__always)
    private static func isPlainThreeByteLead(_ word: UInt64) -> Bool {
        (0xDFFE as UInt64) &>> (word & 0x0F) & 1 != 0
    }

    /// The length of the well-formed sequence that starts with the non-ASCII byte at `i`, or nil.
    private static func sequenceLength(_ base: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int? {
        let lead = base[i]
        // The range of the second byte (the others are 80–BF) and the length, by lead byte.
        let secondLow: UInt8, secondHigh: UInt8, length: Int
        switch lead {
        case 0xC2...0xDF: (secondLow, secondHigh, length) = (0x80, 0xBF, 2)
        case 0xE0: (secondLow, secondHigh, length) = (0xA0, 0xBF, 3)
        case 0xE1...0xEC, 0xEE...0xEF: (secondLow, secondHigh, length) = (0x80, 0xBF, 3)
        case 0xED: (secondLow, secondHigh, length) = (0x80, 0x9F, 3)
        case 0xF0: (secondLow, secondHigh, length) = (0x90, 0xBF, 4)
        case 0xF1...0xF3: (secondLow, secondHigh, length) = (0x80, 0xBF, 4)
        case 0xF4: (secondLow, secondHigh, length) = (0x80, 0x8F, 4)
        default: return nil
        }
        guard i + length <= n else { return nil }
        let second = base[i + 1]
        guard second >= secondLow, second <= secondHigh else { return nil }
        for k in 2..<length where base[i + k] & 0xC0 != 0x80 { return nil }
        return length
    }
}
