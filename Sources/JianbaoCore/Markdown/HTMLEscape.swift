/// HTML escaping of text as cmark-gfm's renderer does it (`houdini_escape_html0`, not in secure mode): `"`, `&`, `<`
/// and `>` become `&quot;`, `&amp;`, `&lt;` and `&gt;`; every other byte (`'` and `/` included) is kept.
enum HTMLEscape {
    /// Appends `bytes` (UTF-8) escaped to `out`.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        var start = 0, i = 0
        // Sixteen bytes at a time: most runs of Chinese text hold none of the four.
        while i + 16 <= n {
            let chunk = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
            if mayHoldSpecial(chunk) {
                for j in i..<(i + 16) where isSpecial(base[j]) {
                    if j > start { out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: j - start)) }
                    appendEntity(base[j], to: &out)
                    start = j + 1
                }
            }
            i += 16
        }
        while i < n {
            if isSpecial(base[i]) {
                if i > start { out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: i - start)) }
                appendEntity(base[i], to: &out)
                start = i + 1
            }
            i += 1
        }
        if n > start { out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: n - start)) }
    }

    /// One of `"`, `&`, `<`, `>`.
    @inline(__always)
    static func isSpecial(_ b: UInt8) -> Bool { b == 0x22 || b == 0x26 || b == 0x3C || b == 0x3E }

    /// True when some byte of `chunk` is one of the four: a byte `b` is `<` or `>` exactly when `b | 0x02 == 0x3E`,
    /// and `"` or `&` exactly when `b | 0x04 == 0x26`.
    @inline(__always)
    static func mayHoldSpecial(_ chunk: SIMD16<UInt8>) -> Bool {
        let angle: SIMDMask<SIMD16<Int8>> = chunk | SIMD16<UInt8>(repeating: 0x02) .== SIMD16<UInt8>(repeating: 0x3E)
        let quoteAmp: SIMDMask<SIMD16<Int8>> = chunk | SIMD16<UInt8>(repeating: 0x04) .== SIMD16<UInt8>(repeating: 0x26)
        // `any(_:)` is not inlined (a call to a generic `min()` per chunk); a mask is sixteen bytes of 0 or 0xFF, so it is
        // read as two words instead (same size, every bit pattern valid).
        let words = unsafeBitCast(angle .| quoteAmp, to: SIMD2<UInt64>.self)
        return words[0] | words[1] != 0
    }

    @inline(__always)
    static func appendEntity(_ b: UInt8, to out: inout [UInt8]) {
        switch b {
        case 0x22: out.append(contentsOf: "&quot;".utf8)
        case 0x26: out.append(contentsOf: "&amp;".utf8)
        case 0x3C: out.append(contentsOf: "&lt;".utf8)
        default: out.append(contentsOf: "&gt;".utf8)
        }
    }
}
