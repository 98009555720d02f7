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

/// The magnitude a chart writes its numbers in: one scale for a whole chart so that labels compare
/// (`7万`, `18万`, `12万` rather than `70,000` next to `18万`). Never smaller than the editor's own unit
/// (`万元` stays at least 万).
struct ValueScale: Sendable {
    /// Divides a value (already in base units) for display.
    let divisor: Double
    /// `""`, `万`, `亿`, `万亿`.
    let suffix: String
    /// The unit without its 万/亿 prefix (`元` for `万元`).
    let baseUnit: String
    /// What one unit of the editor's number is worth in base units (1e4 for `万元`).
    let unitMultiplier: Double

    init(maxAbs: Double, unit: String) {
        var mult = 1.0, base = unit
        if unit.count > 1 || unit == "万" || unit == "亿" {
            if unit.hasPrefix("万亿") { mult = 1e12; base = String(unit.dropFirst(2)) }
            else if unit.hasPrefix("亿") { mult = 1e8; base = String(unit.dropFirst()) }
            else if unit.hasPrefix("万") { mult = 1e4; base = String(unit.dropFirst()) }
        }
        let m = maxAbs.isFinite ? abs(maxAbs) * mult : 0
        let scales: [(Double, String)] = [(1e12, "万亿"), (1e8, "亿"), (1e4, "万"), (1, "")]
        var chosen = (1.0, "")
        if unit == "%" || unit == "‰" {
            chosen = (1, "")
        } else {
            for (d, s) in scales {
                let threshold = d == 1e4 ? 1e5 : d
                if m >= threshold || d <= mult { chosen = (d, s); break }
            }
        }
        divisor = chosen.0
        suffix = chosen.1
        baseUnit = base
        unitMultiplier = mult
    }

    /// The unit as shown next to scaled numbers: `万份`, `亿元`, `%`.
    var unitLabel: String { suffix + baseUnit }

    /// The scaled number: `18`, `2,377.35`.
    func number(_ v: Double, decimals: Int = 2) -> String {
        let x = v * unitMultiplier / divisor
        guard x.isFinite else { return NumberFormat.group(NumberFormat.fixed(v, maxDecimals: decimals)) }
        return NumberFormat.group(NumberFormat.fixed(x, maxDecimals: decimals))
    }

    /// The scaled number with its unit: `18万份`, `63.01%`.
    func label(_ v: Double, decimals: Int = 2) -> String { number(v, decimals: decimals) + unitLabel }
}
