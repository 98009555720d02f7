import Foundation

/// Numbers as Chinese readers expect them.
public enum NumberFormat {
    /// `6081`, `2377.35`, `63.01` (no trailing zeros, no exponent).
    public static func plain(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        var s = String(format: "%.4f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// With thousands separators: `10,126`.
    public static func grouped(_ v: Double) -> String {
        let p = plain(abs(v))
        let parts = p.split(separator: ".", maxSplits: 1)
        var intPart = String(parts[0])
        var out = ""
        while intPart.count > 3 {
            out = "," + intPart.suffix(3) + out
            intPart.removeLast(3)
        }
        out = intPart + out
        if parts.count > 1 { out += "." + parts[1] }
        return (v < 0 ? "-" : "") + out
    }

    /// Compact Chinese form for large numbers: 2.6亿, 1.2万; smaller numbers grouped.
    public static func chinese(_ v: Double) -> String {
        let a = abs(v)
        if a >= 1e8 { return trim(v / 1e8) + "亿" }
        if a >= 1e5 { return trim(v / 1e4) + "万" }
        return grouped(v)
    }

    static func trim(_ v: Double) -> String {
        var s = String(format: "%.2f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
