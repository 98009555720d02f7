import Foundation

/// Small pure helpers for writing SVG: coordinates, estimated text widths, wrapping and truncation.
/// Widths are estimates (a CJK character is 1em, digits about 0.56em), good enough to lay out labels
/// without a font engine; layouts leave some slack for that reason.
enum SVGText {
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
