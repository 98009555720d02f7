/// Numbers as Chinese readers expect them, formatted with fixed rules (integer arithmetic, never the locale).
/// Non-finite input never reaches the output: it is written as `—`.
///
/// The digits are written byte by byte into a small stack buffer (`write(_:maxDecimals:grouped:into:)`);
/// the String functions and `MarkupBuffer.appendNumber` share that one routine.
public enum NumberFormat {
    /// `6081`, `2377.35`, `63.01`, `-3` (at most 4 decimals, no trailing zeros, no exponent below 10^15).
    public static func plain(_ v: Double) -> String { string(v, maxDecimals: 4, grouped: false) }

    /// With thousands separators: `10,126`, `2,377.35`.
    public static func grouped(_ v: Double) -> String { string(v, maxDecimals: 4, grouped: true) }

    /// Compact Chinese form for large numbers: `2.6亿`, `18万`, `1.2万亿`; smaller numbers grouped (`70,000`).
    public static func chinese(_ v: Double) -> String {
        guard v.isFinite else { return "—" }
        let a = abs(v)
        if a >= 1e12 { return string(v / 1e12, maxDecimals: 2, grouped: true) + "万亿" }
        if a >= 1e8 { return string(v / 1e8, maxDecimals: 2, grouped: true) + "亿" }
        if a >= 1e5 { return string(v / 1e4, maxDecimals: 2, grouped: true) + "万" }
        return string(v, maxDecimals: 2, grouped: true)
    }

    /// `v` rounded half away from zero to at most `maxDecimals` (0…6) decimals, trailing zeros removed.
    /// Magnitudes of 10^15 and above use Swift's shortest round-trip form (`1e+20`), which is locale-free too.
    public static func fixed(_ v: Double, maxDecimals: Int) -> String { string(v, maxDecimals: maxDecimals, grouped: false) }

    /// Longest text `write` produces: sign, 16 digits, 5 separators, point, 6 decimals.
    static let maxWritten = 32

    /// `fixed` (and with `grouped`, `group(fixed(…))`) as a String.
    static func string(_ v: Double, maxDecimals: Int, grouped: Bool) -> String {
        if let s = slowPath(v, maxDecimals: maxDecimals, grouped: grouped) { return s }
        // Formatted on the stack, so that short results become small Strings without a heap block.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxWritten) { buf in
            let n = write(v, maxDecimals: maxDecimals, grouped: grouped, into: buf)
            return String(decoding: UnsafeBufferPointer(rebasing: buf[..<n]), as: UTF8.self)
        }
    }

    /// The text for the rare values `write` leaves out (10^15 and above): Swift's `description`, grouped when it has no exponent.
    static func slowPath(_ v: Double, maxDecimals: Int, grouped: Bool) -> String? {
        guard v.isFinite, abs(v) >= 1e15 else { return nil }
        return grouped ? group(v.description) : v.description
    }

    /// Writes `fixed(v, maxDecimals:)` (grouped like `group` when asked) into `out`, which has room for `maxWritten`
    /// bytes, and returns the number of bytes. Only for values `slowPath` returns nil for.
    ///
    /// Same arithmetic as the String version always had: scale by 10^decimals in Double, round half away from zero,
    /// then split the integer into whole and fractional digits.
    static func write(_ v: Double, maxDecimals: Int, grouped: Bool, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        guard v.isFinite else {
            out[0] = 0xE2; out[1] = 0x80; out[2] = 0x94  // —
            return 3
        }
        let a = abs(v)
        var decimals = min(max(maxDecimals, 0), 6)
        // Keep the scaled integer inside Int64 (a < 10^15 here, so this loop stops early or not at all).
        while decimals > 0, a * pow10(decimals) >= 9e18 { decimals -= 1 }
        let scaled = (a * pow10(decimals)).rounded(.toNearestOrAwayFromZero)
        let q = UInt64(scaled)
        if q == 0 { out[0] = UInt8(ascii: "0"); return 1 }
        let unit = UInt64(pow10(decimals))
        let whole = q / unit
        var frac = q % unit
        var n = 0
        if v < 0 { out[0] = UInt8(ascii: "-"); n = 1 }
        // Whole part, right to left, with a separator before every third digit from the right.
        var digits = 0, t = whole
        repeat { digits += 1; t /= 10 } while t > 0
        let width = grouped ? digits + (digits - 1) / 3 : digits
        var i = n + width, w = whole, k = 0
        repeat {
            if grouped, k > 0, k % 3 == 0 { i -= 1; out[i] = UInt8(ascii: ",") }
            i -= 1; out[i] = 48 + UInt8(w % 10); w /= 10; k += 1
        } while w > 0
        n += width
        if decimals > 0, frac != 0 {
            var d = decimals
            while frac % 10 == 0 { frac /= 10; d -= 1 }
            out[n] = UInt8(ascii: ".")
            var j = n + d
            for _ in 0..<d { out[j] = 48 + UInt8(frac % 10); frac /= 10; j -= 1 }
            n += d + 1
        }
        return n
    }

    /// Inserts thousands separators into the integer part of a plainly written number (only used for the
    /// `description` form of values of 10^15 and above; `write` groups as it goes).
    static func group(_ p: String) -> String {
        // Byte checks: `String.contains(String)` goes through Foundation and dominated chart rendering.
        guard !p.utf8.contains(UInt8(ascii: "e")), !p.utf8.contains(0xE2) else { return p }
        var body = Substring(p)
        var sign = ""
        if body.hasPrefix("-") { sign = "-"; body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var intPart = String(parts[0])
        var out = ""
        while intPart.count > 3 {
            out = "," + intPart.suffix(3) + out
            intPart.removeLast(3)
        }
        out = intPart + out
        if parts.count > 1 { out += "." + parts[1] }
        return sign + out
    }

    /// 10^n for n in 0…6, exactly (each is a whole number well inside Double's exact range).
    @inline(__always)
    static func pow10(_ n: Int) -> Double {
        switch n {
        case 0: return 1
        case 1: return 10
        case 2: return 100
        case 3: return 1_000
        case 4: return 10_000
        case 5: return 100_000
        default: return 1_000_000
        }
    }
}

extension MarkupBuffer {
    /// Appends `NumberFormat.fixed(v, maxDecimals:)`, grouped like `NumberFormat.grouped` when asked.
    mutating func appendNumber(_ v: Double, maxDecimals: Int = 4, grouped: Bool = true) {
        if let s = NumberFormat.slowPath(v, maxDecimals: maxDecimals, grouped: grouped) { append(contentsOf: s); return }
        write(maxCount: NumberFormat.maxWritten) { NumberFormat.write(v, maxDecimals: maxDecimals, grouped: grouped, into: $0) }
    }
}
