import Foundation

/// Numbers as Chinese readers expect them, formatted with fixed rules (integer arithmetic, never the locale).
/// Non-finite input never reaches the output: it is written as `—`.
public enum NumberFormat {
    /// `6081`, `2377.35`, `63.01`, `-3` (at most 4 decimals, no trailing zeros, no exponent below 10^15).
    public static func plain(_ v: Double) -> String { fixed(v, maxDecimals: 4) }

    /// With thousands separators: `10,126`, `2,377.35`.
    public static func grouped(_ v: Double) -> String { group(plain(v)) }

    /// Compact Chinese form for large numbers: `2.6亿`, `18万`, `1.2万亿`; smaller numbers grouped (`70,000`).
    public static func chinese(_ v: Double) -> String {
        guard v.isFinite else { return "—" }
        let a = abs(v)
        if a >= 1e12 { return group(fixed(v / 1e12, maxDecimals: 2)) + "万亿" }
        if a >= 1e8 { return group(fixed(v / 1e8, maxDecimals: 2)) + "亿" }
        if a >= 1e5 { return group(fixed(v / 1e4, maxDecimals: 2)) + "万" }
        return group(fixed(v, maxDecimals: 2))
    }

    /// `v` rounded half away from zero to at most `maxDecimals` (0…6) decimals, trailing zeros removed.
    /// Magnitudes of 10^15 and above use Swift's shortest round-trip form (`1e+20`), which is locale-free too.
    public static func fixed(_ v: Double, maxDecimals: Int) -> String {
        guard v.isFinite else { return "—" }
        let a = abs(v)
        if a >= 1e15 { return v.description }
        var decimals = min(max(maxDecimals, 0), 6)
        // Keep the scaled integer inside Int64.
        while decimals > 0, a * pow10(decimals) >= 9e18 { decimals -= 1 }
        let scaled = (a * pow10(decimals)).rounded(.toNearestOrAwayFromZero)
        guard scaled.isFinite, scaled < 9.2e18 else { return v.description }
        let q = Int64(scaled)
        if q == 0 { return "0" }
        let unit = Int64(pow10(decimals))
        var s = String(q / unit)
        let frac = q % unit
        if decimals > 0, frac != 0 {
            var digits = String(frac)
            digits = String(repeating: "0", count: decimals - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            s += "." + digits
        }
        return (v < 0 ? "-" : "") + s
    }

    /// Inserts thousands separators into the integer part of a plainly written number.
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

    static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<max(n, 0) { r *= 10 }
        return r
    }
}
