import Foundation

/// Small pure helpers for writing SVG: coordinates, estimated text widths, wrapping and truncation.
/// Widths are estimates (a CJK character is 1em, digits about 0.56em), good enough to lay out labels
/// without a font engine; layouts leave some slack for that reason.
///
/// Text made only of "simple" scalars (printable ASCII, CJK ideographs and punctuation, kana, hangul syllables,
/// full-width forms: see `simpleAdvance`) is measured, wrapped and cut scalar by scalar, because each such scalar
/// is a Character of its own whatever its neighbours. Any other text takes the Character path, which defines
/// the results; tests compare the two on every simple scalar and on mixed random text.
enum SVGText {
    /// A coordinate with at most one decimal, never NaN or infinite (those become 0).
    static func n(_ x: Double) -> String {
        var b = MarkupBuffer(capacity: 12)
        b.appendCoordinate(x)
        return b.string
    }

    // MARK: Character path (the definition)

    /// Whether a character takes a full em (CJK ideographs, kana, hangul, full-width forms, CJK punctuation, curly quotes).
    static func isWide(_ ch: Character) -> Bool {
        guard let v = ch.unicodeScalars.first?.value else { return false }
        return isWide(scalar: v)
    }

    /// `isWide` of a character that begins with the scalar `v`.
    @inline(__always)
    static func isWide(scalar v: UInt32) -> Bool {
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

    /// Characters that must not begin a line (Chinese line-breaking rules, 避头点).
    static let noLineStart: Set<Character> = ["，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "”", "’", "】", "…", ",", ".", ")", "%", "％"]

    /// Characters after which a line break reads naturally.
    static let softBreakAfter: Set<Character> = ["年", "月", "日", "、", "，", "；", "：", "）", "·", "/", "—"]

    /// Characters before which a line break reads naturally (opening brackets and quotes).
    static let softBreakBefore: Set<Character> = ["（", "《", "“", "(", "【"]

    // MARK: Scalar path

    /// The advance of `v` when it is a simple scalar, else nil. A simple scalar forms a Character on its own next
    /// to any other simple scalar (no combining marks, joiners, variation selectors, prepended or leading jamo,
    /// regional indicators, controls) and is canonically equivalent to no other scalar (no CJK compatibility
    /// ideographs), so Character comparisons and properties reduce to the scalar. The values are `advance`'s.
    @inline(__always)
    static func simpleAdvance(_ v: UInt32) -> Double? {
        if v < 0x80 {
            switch v {
            case 0x20: return 0.3
            case 0x30...0x39: return 0.58
            case 0x41...0x5A: return 0.68
            case 0x61...0x7A: return 0.54
            case 0x2E, 0x2C, 0x3A, 0x3B, 0x27, 0x7C, 0x21: return 0.3  // . , : ; ' | !
            case 0x25: return 0.85  // %
            case 0x21...0x7E: return 0.62
            default: return nil  // controls
            }
        }
        switch v {
        case 0x2018...0x201F, 0x2026, 0x2E80...0x3029, 0x3030...0x3098, 0x309B...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x2F7FF,
             0x2FA20...0x3FFFD:
            return 1.0
        case 0xB7, 0x2010...0x2017, 0x2020...0x2025, 0x2027:
            return 0.62
        default:
            return nil
        }
    }

    /// Whether the simple scalar `v` is one of `noLineStart`.
    @inline(__always)
    static func isNoLineStart(_ v: UInt32) -> Bool {
        switch v {
        case 0x25, 0x29, 0x2C, 0x2E, 0x2019, 0x201D, 0x2026, 0x3001, 0x3002, 0x300B, 0x300D, 0x300F, 0x3011,
             0xFF01, 0xFF05, 0xFF09, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF1F:
            return true
        default:
            return false
        }
    }

    /// Whether the simple scalar `v` is one of `softBreakAfter`.
    @inline(__always)
    static func isSoftBreakAfter(_ v: UInt32) -> Bool {
        switch v {
        case 0x2F, 0xB7, 0x2014, 0x3001, 0x5E74, 0x65E5, 0x6708, 0xFF09, 0xFF0C, 0xFF1A, 0xFF1B: return true
        default: return false
        }
    }

    /// Whether the simple scalar `v` is one of `softBreakBefore`.
    @inline(__always)
    static func isSoftBreakBefore(_ v: UInt32) -> Bool {
        switch v {
        case 0x28, 0x201C, 0x300A, 0x3010, 0xFF08: return true
        default: return false
        }
    }

    /// Whether `trimmingCharacters(in: .whitespaces)` removes the simple scalar `v`.
    @inline(__always)
    static func isSimpleSpace(_ v: UInt32) -> Bool { v == 0x20 || v == 0x3000 }

    /// The scalars of `s` when all of them are simple, else nil.
    static func simpleScalars(_ s: String) -> [UInt32]? {
        var out: [UInt32] = []
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            guard simpleAdvance(u.value) != nil else { return nil }
            out.append(u.value)
        }
        return out
    }

    /// A String of scalar values (each a valid scalar).
    static func string(_ scalars: ArraySlice<UInt32>) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: scalars.count * 4) { buf in
            var n = 0
            for v in scalars {
                switch v {
                case 0..<0x80:
                    buf[n] = UInt8(v); n += 1
                case 0x80..<0x800:
                    buf[n] = 0xC0 | UInt8(v >> 6); buf[n + 1] = 0x80 | UInt8(v & 0x3F); n += 2
                case 0x800..<0x10000:
                    buf[n] = 0xE0 | UInt8(v >> 12); buf[n + 1] = 0x80 | UInt8((v >> 6) & 0x3F)
                    buf[n + 2] = 0x80 | UInt8(v & 0x3F); n += 3
                default:
                    buf[n] = 0xF0 | UInt8(v >> 18); buf[n + 1] = 0x80 | UInt8((v >> 12) & 0x3F)
                    buf[n + 2] = 0x80 | UInt8((v >> 6) & 0x3F); buf[n + 3] = 0x80 | UInt8(v & 0x3F); n += 4
                }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buf[..<n]), as: UTF8.self)
        }
    }

    // MARK: Measuring, wrapping, cutting

    /// Estimated width of `s` at font `size`.
    static func width(_ s: String, size: Double) -> Double {
        var total = 0.0
        for u in s.unicodeScalars {
            guard let a = simpleAdvance(u.value) else { return s.reduce(0) { $0 + advance($1) } * size }
            total += a
        }
        return total * size
    }

    /// `width(_:size:)` of the text whose UTF-8 bytes are `utf8` (valid UTF-8).
    static func width(utf8: UnsafeBufferPointer<UInt8>, size: Double) -> Double {
        var total = 0.0
        for b in utf8 {
            // ASCII bytes are whole scalars; anything else takes the String road.
            guard b < 0x80, let a = simpleAdvance(UInt32(b)) else { return width(String(decoding: utf8, as: UTF8.self), size: size) }
            total += a
        }
        return total * size
    }

    /// Breaks `s` into at most `maxLines` lines no wider than `width`; the last line ends in `…` when text was cut.
    static func wrap(_ s: String, width: Double, size: Double, maxLines: Int) -> (lines: [String], truncated: Bool) {
        guard maxLines > 0 else { return ([], !s.isEmpty) }
        // One pass: all simple, and does it fit on one line? (The loop below, up to its first break.)
        var lineWidth = 0.0, count = 0, fits = true
        for u in s.unicodeScalars {
            guard let a = simpleAdvance(u.value) else { return wrapCharacters(s, width: width, size: size, maxLines: maxLines) }
            guard fits else { continue }
            let w = a * size
            if lineWidth + w > width, count > 0, !isNoLineStart(u.value) { fits = false; continue }
            lineWidth += w
            count += 1
        }
        if fits { return (s.isEmpty ? [] : [s], false) }
        return wrapScalars(simpleScalars(s)!, width: width, size: size, maxLines: maxLines)
    }

    /// `wrapCharacters` for text of simple scalars, with scalar indices for Character indices. The line being laid
    /// out is `text[start..<i]`. Where `wrapCharacters` moves the text after a break point back into its queue,
    /// this moves `i` back to that point: the same characters come next either way.
    private static func wrapScalars(_ text: [UInt32], width: Double, size: Double, maxLines: Int) -> (lines: [String], truncated: Bool) {
        var lines: [String] = []
        var start = 0
        var lineWidth = 0.0
        var i = 0
        while i < text.count {
            let ch = text[i]
            let w = simpleAdvance(ch)! * size
            if lineWidth + w > width, i > start, !isNoLineStart(ch) {
                let line = text[start..<i]
                var end = i
                if !isWide(scalar: ch), ch != 0x20, let sp = line.lastIndex(of: 0x20), sp > start {
                    end = sp; i = sp + 1
                } else if let bp = line.lastIndex(where: isSoftBreakBefore), bp - start >= max(2, line.count / 2) {
                    end = bp; i = bp
                } else if let bp = line.lastIndex(where: isSoftBreakAfter), bp - start + 1 >= max(2, line.count / 3), bp + 1 < i {
                    end = bp + 1; i = bp + 1
                }
                lines.append(string(text[start..<end]))
                lineWidth = 0
                if lines.count == maxLines { break }
                if ch == 0x20 { i += 1 }
                start = i
                continue
            }
            lineWidth += w
            i += 1
        }
        if lines.count < maxLines, i > start { lines.append(string(text[start..<i])) }
        let truncated = i < text.count
        if truncated, !lines.isEmpty {
            lines[lines.count - 1] = truncate(lines[lines.count - 1] + string(text[i...]), width: width, size: size).text
        }
        return (lines, truncated)
    }

    /// `wrap` for any text, Character by Character.
    static func wrapCharacters(_ s: String, width: Double, size: Double, maxLines: Int) -> (lines: [String], truncated: Bool) {
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
        guard let scalars = simpleScalars(s) else { return truncateCharacters(s, width: width, size: size) }
        let ellipsis = simpleAdvance(0x2026)! * size
        var end = 0
        var w = 0.0
        for v in scalars {
            let a = simpleAdvance(v)! * size
            if w + a + ellipsis > width { break }
            end += 1
            w += a
        }
        var start = 0
        while start < end, isSimpleSpace(scalars[start]) { start += 1 }
        while end > start, isSimpleSpace(scalars[end - 1]) { end -= 1 }
        return (string(scalars[start..<end]) + "…", true)
    }

    /// `truncate` for any text, Character by Character.
    static func truncateCharacters(_ s: String, width: Double, size: Double) -> (text: String, truncated: Bool) {
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

    // MARK: Writing

    /// A `<text>` element. `attrs` are written as given (already escaped); `content` is escaped here.
    static func text(_ content: String, x: Double, y: Double, cls: String, anchor: String = "start", attrs: String = "") -> String {
        var b = MarkupBuffer(capacity: 96)
        b.append("<text x=\"")
        b.appendCoordinate(x)
        b.append("\" y=\"")
        b.appendCoordinate(y)
        b.append("\" class=\"")
        b.append(contentsOf: cls)
        b.append("\"")
        if anchor != "start" { b.append(" text-anchor=\""); b.append(contentsOf: anchor); b.append("\"") }
        if !attrs.isEmpty { b.append(" "); b.append(contentsOf: attrs) }
        appendTextEnd(content, to: &b)
        return b.string
    }

    /// Appends what `text` returns, up to the attributes: `<text x="…" y="…" class="…"`, and ` text-anchor="…"`
    /// unless `anchor` is nil. The caller adds any attributes (each with a leading space), then `appendTextEnd`.
    @inline(__always)
    static func appendTextStart(x: Double, y: Double, cls: StaticString, anchor: StaticString? = nil, to out: inout MarkupBuffer) {
        out.append("<text x=\"")
        out.appendCoordinate(x)
        out.append("\" y=\"")
        out.appendCoordinate(y)
        out.append("\" class=\"")
        out.append(cls)
        out.append(byte: UInt8(ascii: "\""))
        if let anchor {
            out.append(" text-anchor=\"")
            out.append(anchor)
            out.append(byte: UInt8(ascii: "\""))
        }
    }

    /// Appends `>`, the escaped content and `</text>`.
    @inline(__always)
    static func appendTextEnd(_ content: String, to out: inout MarkupBuffer) {
        out.append(byte: UInt8(ascii: ">"))
        out.appendEscaped(content)
        out.append("</text>")
    }

    /// Appends `text(content, x:, y:, cls:, anchor:)` with a ` fill="#555555"`-style muted fill when `muted`.
    static func appendText(_ content: String, x: Double, y: Double, cls: StaticString, anchor: StaticString? = nil,
                           muted: Bool = false, to out: inout MarkupBuffer) {
        appendTextStart(x: x, y: y, cls: cls, anchor: anchor, to: &out)
        if muted { out.appendAttribute("fill", ChartPalette.muted) }
        appendTextEnd(content, to: &out)
    }
}
