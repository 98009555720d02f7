import Foundation

/// A JSON value for the search index, written deterministically: object keys sorted by their UTF-8 bytes,
/// no whitespace, and `<`, `>`, `&`, U+2028 and U+2029 escaped so the text is safe anywhere in HTML.
public indirect enum SearchJSON: Equatable, Sendable {
    /// An integer.
    case int(Int)
    /// A string.
    case string(String)
    /// An array.
    case array([SearchJSON])
    /// An object.
    case object([String: SearchJSON])
    /// An array of integers (postings), stored compactly.
    case ints([Int])

    /// The encoded text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The encoded bytes.
    public var data: Data { Data(bytes) }

    /// The encoded bytes, as an array.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        SearchJSON.append(self, to: &out)
        return out
    }

    static func append(_ v: SearchJSON, to out: inout [UInt8]) {
        switch v {
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .string(let s): appendString(s, to: &out)
        case .ints(let a):
            out.append(UInt8(ascii: "["))
            for (k, i) in a.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: String(i).utf8)
            }
            out.append(UInt8(ascii: "]"))
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (k, e) in a.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                append(e, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (k, key) in o.keys.sorted(by: SearchJSON.keyOrder).enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                append(o[key]!, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Key order: by UTF-8 bytes (no Unicode normalization, so it is the same everywhere).
    /// (Compared with `memcmp` where both are contiguous: iterating `utf8` costs ~30 instructions a byte.)
    public static func keyOrder(_ a: String, _ b: String) -> Bool {
        let order: Bool?? = a.utf8.withContiguousStorageIfAvailable { p in
            b.utf8.withContiguousStorageIfAvailable { q in
                let n = min(p.count, q.count)
                let c = n == 0 ? 0 : memcmp(p.baseAddress!, q.baseAddress!, n)
                return c != 0 ? c < 0 : p.count < q.count
            }
        }
        if let order = order ?? nil { return order }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Bytes that need escaping in a string literal (besides U+2028 and U+2029, which start with 0xE2).
    static let special: [Bool] = (0..<256).map { c in c < 0x20 || c == 0x7F || c == 0x22 || c == 0x5C || c == 0x3C || c == 0x3E || c == 0x26 || c == 0xE2 }

    /// Appends `s` as a JSON string literal, copying the runs that need no escaping at once.
    static func appendString(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { appendString(utf8: $0, to: &out) }
    }

    /// Appends the UTF-8 text `utf8` as a JSON string literal (see `appendString(_:to:)`).
    ///
    /// Sixteen bytes are tested at once (`specialMask`), sixty-four per step: most steps of an article hold no
    /// special byte, and are copied with the run they belong to; in a step that holds some, only those bytes are
    /// looked at. Then the last blocks of sixteen, and the last bytes one by one.
    static func appendString(utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        guard let base = utf8.baseAddress else { out.append(UInt8(ascii: "\"")); return }
        let n = utf8.count
        var i = 0, run = 0
        /// Escapes the bytes at `start + k` for each set bit k of `bits`, in order.
        @inline(__always) func escapeMarked(_ bits: UInt64, from start: Int) {
            var bits = bits
            while bits != 0 {
                let j = start + bits.trailingZeroBitCount
                bits &= bits &- 1
                // An escape of U+2028 or U+2029 also takes the two bytes after 0xE2, which are not special (no bit
                // of theirs is set, in this step or the next).
                if let next = escape(utf8, at: j, after: run, to: &out) { run = next }
            }
        }
        let raw = UnsafeRawPointer(base)
        while i + 64 <= n {
            // In bounds: i + 64 <= n. Unaligned loads of sixteen bytes.
            let m0 = specialMask(raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self))
            let m1 = specialMask(raw.loadUnaligned(fromByteOffset: i + 16, as: SIMD16<UInt8>.self))
            let m2 = specialMask(raw.loadUnaligned(fromByteOffset: i + 32, as: SIMD16<UInt8>.self))
            let m3 = specialMask(raw.loadUnaligned(fromByteOffset: i + 48, as: SIMD16<UInt8>.self))
            // A mask is sixteen bytes of 0 or 0xFF, read as two words (same size, every bit pattern valid).
            let any = unsafeBitCast(m0 .| m1 .| m2 .| m3, to: SIMD2<UInt64>.self)
            if any[0] | any[1] != 0 {
                escapeMarked(bits(m0) | bits(m1) << 16 | bits(m2) << 32 | bits(m3) << 48, from: i)
            }
            i += 64
        }
        while i + 16 <= n {
            escapeMarked(bits(specialMask(raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self))), from: i)
            i += 16
        }
        // The last bytes, one by one (from after the escape of a U+2028 or U+2029 that ran past the last block).
        i = max(i, run)
        special.withUnsafeBufferPointer { special in
            while i < n {
                let c = base[i]
                // A scalar of three bytes from U+3000 on (Chinese text): none of its bytes is special. (A constant
                // step: a step computed from the byte would make each load wait for the one before.)
                if c >= 0xE3 && c < 0xF0 { i += 3; continue }
                guard special[Int(c)] else { i += 1; continue }
                if let next = escape(utf8, at: i, after: run, to: &out) { run = next; i = next } else { i += 1 }
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<n]))
        out.append(UInt8(ascii: "\""))
    }

    /// The lanes of `mask` that are set, as the bits 0-15 of a word (lane k at bit k).
    @inline(__always)
    static func bits(_ mask: SIMDMask<SIMD16<Int8>>) -> UInt64 {
        // Sixteen bytes of 0 or 0xFF, read as two words (same size, every bit pattern valid), as little-endian so that
        // lane 0 is the low byte on any machine.
        let words = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        // The high bit of byte k (bit 8k + 7) times 2^(49 - 7k) lands on bit 56 + k; the other products land on
        // other bits, all distinct, so nothing carries into the top byte.
        @inline(__always) func gather(_ word: UInt64) -> UInt64 {
            ((UInt64(littleEndian: word) & 0x8080_8080_8080_8080) &* 0x0002_0408_1020_4081) >> 56
        }
        return gather(words[0]) | gather(words[1]) << 8
    }

    /// Each byte of `block` that is in `special`: a byte is `<` or `>` exactly when `b | 0x02 == 0x3E`, and `"` or
    /// `&` exactly when `b | 0x04 == 0x26`.
    @inline(__always)
    static func specialMask(_ block: SIMD16<UInt8>) -> SIMDMask<SIMD16<Int8>> {
        typealias Bytes = SIMD16<UInt8>
        // Vector operands throughout: a comparison with a scalar goes through generic code, a loop over the lanes.
        let control: SIMDMask<SIMD16<Int8>> = block .< Bytes(repeating: 0x20)
        let angle: SIMDMask<SIMD16<Int8>> = block | Bytes(repeating: 0x02) .== Bytes(repeating: 0x3E)
        let quoteAmp: SIMDMask<SIMD16<Int8>> = block | Bytes(repeating: 0x04) .== Bytes(repeating: 0x26)
        let backslash: SIMDMask<SIMD16<Int8>> = block .== Bytes(repeating: 0x5C)
        let delete: SIMDMask<SIMD16<Int8>> = block .== Bytes(repeating: 0x7F)
        let e2: SIMDMask<SIMD16<Int8>> = block .== Bytes(repeating: 0xE2)
        return control .| angle .| quoteAmp .| backslash .| delete .| e2
    }

    /// Appends the text from `run` to the special byte at `j` and the byte's escape; returns the index after the
    /// escaped bytes, or nil (and appends nothing) when the byte is a 0xE2 that starts no U+2028 or U+2029.
    @inline(__always)
    static func escape(_ utf8: UnsafeBufferPointer<UInt8>, at j: Int, after run: Int, to out: inout [UInt8]) -> Int? {
        let c = utf8[j], n = utf8.count
        if c == 0xE2 && !(j + 2 < n && utf8[j + 1] == 0x80 && (utf8[j + 2] == 0xA8 || utf8[j + 2] == 0xA9)) { return nil }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<j]))
        out.append(UInt8(ascii: "\\"))
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(c)
        case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
        case 0xE2:
            appendUnicodeEscape(utf8[j + 2] == 0xA8 ? 0x2028 : 0x2029, to: &out)
            return j + 3
        default: appendUnicodeEscape(Int(c), to: &out)
        }
        return j + 1
    }

    /// Appends `u` followed by the four hex digits of `v` (the backslash is already written).
    static func appendUnicodeEscape(_ v: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "u"))
        out.append(hex[(v >> 12) & 0xF]); out.append(hex[(v >> 8) & 0xF])
        out.append(hex[(v >> 4) & 0xF]); out.append(hex[v & 0xF])
    }
}
