import Foundation
@testable import JianbaoCore

// Frozen copies of the chart text helpers as they were before the byte-level rewrite (commit 8115388).
// The tests in ChartFastPathTests compare the fast paths with these on many generated inputs; keep them unchanged.

/// The original `NumberFormat`, written with Strings.
enum LegacyNumberFormat {
    /// `6081`, `2377.35`, `63.01`, `-3` (at most 4 decimals, no trailing zeros, no exponent below 10^15).
    static func plain(_ v: Double) -> String { fixed(v, maxDecimals: 4) }

    /// With thousands separators: `10,126`, `2,377.35`.
    static func grouped(_ v: Double) -> String { group(plain(v)) }

    /// Compact Chinese form for large numbers: `2.6亿`, `18万`, `1.2万亿`; smaller numbers grouped (`70,000`).
    static func chinese(_ v: Double) -> String {
        guard v.isFinite else { return "—" }
        let a = abs(v)
        if a >= 1e12 { return group(fixed(v / 1e12, maxDecimals: 2)) + "万亿" }
        if a >= 1e8 { return group(fixed(v / 1e8, maxDecimals: 2)) + "亿" }
        if a >= 1e5 { return group(fixed(v / 1e4, maxDecimals: 2)) + "万" }
        return group(fixed(v, maxDecimals: 2))
    }

    /// `v` rounded half away from zero to at most `maxDecimals` (0…6) decimals, trailing zeros removed.
    /// Magnitudes of 10^15 and above use Swift's shortest round-trip form (`1e+20`), which is locale-free too.
    static func fixed(_ v: Double, maxDecimals: Int) -> String {
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

/// `ValueScale.number` and `.label` as originally written, on top of `LegacyNumberFormat`.
enum LegacyValueScale {
    static func number(_ vs: ValueScale, _ v: Double, decimals: Int = 2) -> String {
        let x = v * vs.unitMultiplier / vs.divisor
        guard x.isFinite else { return LegacyNumberFormat.group(LegacyNumberFormat.fixed(v, maxDecimals: decimals)) }
        return LegacyNumberFormat.group(LegacyNumberFormat.fixed(x, maxDecimals: decimals))
    }

    static func label(_ vs: ValueScale, _ v: Double, decimals: Int = 2) -> String { number(vs, v, decimals: decimals) + vs.suffix + vs.baseUnit }
}

/// The original `SVGText`, working on Characters.
enum LegacySVGText {
    /// A coordinate with at most one decimal, never NaN or infinite (those become 0).
    static func n(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let c = min(max(x, -1e6), 1e6)
        let r = (c * 10).rounded(.toNearestOrAwayFromZero)
        let i = Int(r)
        if i % 10 == 0 { return String(i / 10) }
        let sign = i < 0 ? "-" : ""
        let a = abs(i)
        return "\(sign)\(a / 10).\(a % 10)"
    }

    /// Whether a character takes a full em (CJK ideographs, kana, hangul, full-width forms, CJK punctuation, curly quotes).
    static func isWide(_ ch: Character) -> Bool {
        guard let v = ch.unicodeScalars.first?.value else { return false }
        switch v {
        case 0x1100...0x115F, 0x2018...0x201F, 0x2026, 0x2E80...0x303F, 0x3040...0x33FF, 0x3400...0x4DBF,
             0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Estimated advance of one character at 1px font size.
    static func advance(_ ch: Character) -> Double {
        if isWide(ch) { return 1.0 }
        if ch.isNumber { return 0.58 }
        if ch == " " { return 0.3 }
        if ch.isUppercase { return 0.68 }
        if ch.isLowercase { return 0.54 }
        if ".,:;'|!ilI".contains(ch) { return 0.3 }
        if ch == "%" { return 0.85 }
        return 0.62
    }

    /// Estimated width of `s` at font `size`.
    static func width(_ s: String, size: Double) -> Double {
        s.reduce(0) { $0 + advance($1) } * size
    }

    /// Characters that must not begin a line (Chinese line-breaking rules, 避头点).
    static let noLineStart: Set<Character> = ["，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "”", "’", "】", "…", ",", ".", ")", "%", "％"]

    /// Characters after which a line break reads naturally.
    static let softBreakAfter: Set<Character> = ["年", "月", "日", "、", "，", "；", "：", "）", "·", "/", "—"]

    /// Characters before which a line break reads naturally (opening brackets and quotes).
    static let softBreakBefore: Set<Character> = ["（", "《", "“", "(", "【"]

    /// Breaks `s` into at most `maxLines` lines no wider than `width`; the last line ends in `…` when text was cut.
    static func wrap(_ s: String, width: Double, size: Double, maxLines: Int) -> (lines: [String], truncated: Bool) {
        let text = s.replacingOccurrences(of: "\n", with: " ")
        guard maxLines > 0 else { return ([], !text.isEmpty) }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0.0
        var chars = Array(text)
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            let w = advance(ch) * size
            if currentWidth + w > width, !current.isEmpty, !noLineStart.contains(ch) {
                // Prefer breaking Latin words at a space, and Chinese after 年/月/、 etc. when that keeps a fair first part.
                if !isWide(ch), ch != " ", let sp = current.lastIndex(of: " "), current.distance(from: current.startIndex, to: sp) > 0 {
                    let rest = String(current[current.index(after: sp)...])
                    current = String(current[..<sp])
                    chars.insert(contentsOf: Array(rest), at: i)
                } else if let bp = current.lastIndex(where: { softBreakBefore.contains($0) }),
                          current.distance(from: current.startIndex, to: bp) >= max(2, current.count / 2) {
                    let rest = String(current[bp...])
                    current = String(current[..<bp])
                    chars.insert(contentsOf: Array(rest), at: i)
                } else if let bp = current.lastIndex(where: { softBreakAfter.contains($0) }),
                          current.distance(from: current.startIndex, to: bp) + 1 >= max(2, current.count / 3),
                          current.index(after: bp) < current.endIndex {
                    let rest = String(current[current.index(after: bp)...])
                    current = String(current[...bp])
                    chars.insert(contentsOf: Array(rest), at: i)
                }
                lines.append(current)
                current = ""
                currentWidth = 0
                if lines.count == maxLines { break }
                if ch == " " { i += 1; continue }
                continue
            }
            current.append(ch)
            currentWidth += w
            i += 1
        }
        if lines.count < maxLines, !current.isEmpty { lines.append(current); current = "" }
        let truncated = i < chars.count
        if truncated, !lines.isEmpty {
            lines[lines.count - 1] = truncate(lines[lines.count - 1] + String(chars[i...]), width: width, size: size).text
        }
        return (lines, truncated)
    }

    /// `s` cut to fit `width` with a trailing `…` when needed.
    static func truncate(_ s: String, width: Double, size: Double) -> (text: String, truncated: Bool) {
        if self.width(s, size: size) <= width { return (s, false) }
        let ellipsis = advance("…") * size
        var out = ""
        var w = 0.0
        for ch in s {
            let a = advance(ch) * size
            if w + a + ellipsis > width { break }
            out.append(ch)
            w += a
        }
        return (out.trimmingCharacters(in: .whitespaces) + "…", true)
    }

    /// The largest font size not above `maxSize` (and not below `minSize`) at which `s` fits `width`.
    static func fit(_ s: String, width: Double, maxSize: Double, minSize: Double) -> Double {
        let w1 = self.width(s, size: 1)
        guard w1 > 0 else { return maxSize }
        return max(minSize, min(maxSize, (width / w1).rounded(.down)))
    }

    /// A `<text>` element. `attrs` are written as given (already escaped); `content` is escaped here.
    static func text(_ content: String, x: Double, y: Double, cls: String, anchor: String = "start", attrs: String = "") -> String {
        var a = "<text x=\"\(n(x))\" y=\"\(n(y))\" class=\"\(cls)\""
        if anchor != "start" { a += " text-anchor=\"\(anchor)\"" }
        if !attrs.isEmpty { a += " " + attrs }
        return a + ">\(HTML.escape(content))</text>"
    }
}
