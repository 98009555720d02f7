/// Left/right-flanking rules for emphasis delimiter runs, in plain CommonMark (as cmark-gfm
/// implements it) and with the "CJK-friendly" amendment (tats-u/markdown-cjk-friendly), where a
/// run next to CJK punctuation or a Han/Kana/Hangul character can still open and close.
enum CJKFlanking {
    /// How the character on one side of a delimiter run counts for the flanking rules.
    enum Side: Equatable {
        /// Unicode whitespace, or the start/end of the line.
        case whitespace
        /// A punctuation character that is not a CJK character (ASCII punctuation, “”, …).
        case punctuation
        /// A CJK punctuation character (。，、「」（）…).
        case cjkPunctuation
        /// Any other CJK character (Han, Kana, Hangul…).
        case cjk
        /// An ideographic variation selector (U+E0100–U+E01EF), which follows a Han character.
        case ideographicSelector
        /// Anything else (letters, digits, symbols).
        case other

        /// Punctuation in CommonMark's sense (CJK or not).
        var isPunctuation: Bool { self == .punctuation || self == .cjkPunctuation }
        /// A CJK character, punctuation or not.
        var isCJK: Bool { self == .cjk || self == .cjkPunctuation }
    }

    /// Whether a run can open and close emphasis.
    struct Flags: Equatable {
        var canOpen: Bool
        var canClose: Bool
    }

    /// The class of the character just before a run: `scalars` are the text before it, nearest last.
    /// A trailing non-emoji variation selector (U+FE00–U+FE0E) is skipped, so `X` + selector counts as `X`.
    static func sideBefore<S: BidirectionalCollection>(_ scalars: S) -> Side where S.Element == Unicode.Scalar {
        guard let last = scalars.last else { return .whitespace }
        if (0xFE00...0xFE0E).contains(last.value) {
            let rest = scalars.dropLast()
            return rest.last.map(classify) ?? .other
        }
        return classify(last)
    }

    /// The class of the character just after a run.
    static func sideAfter<S: Collection>(_ scalars: S) -> Side where S.Element == Unicode.Scalar {
        guard let first = scalars.first else { return .whitespace }
        return classify(first)
    }

    /// The class of one scalar.
    static func classify(_ s: Unicode.Scalar) -> Side {
        if isWhitespace(s) { return .whitespace }
        if (0xE0100...0xE01EF).contains(s.value) { return .ideographicSelector }
        let cjk = isCJK(s)
        if isPunctuation(s) { return cjk ? .cjkPunctuation : .punctuation }
        return cjk ? .cjk : .other
    }

    /// Unicode whitespace as cmark-gfm sees it: space separators, tab, line feed, form feed, carriage return.
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x0A, 0x0C, 0x0D, 0x20: return true
        default: return s.properties.generalCategory == .spaceSeparator
        }
    }

    /// ASCII punctuation or a Unicode `P*` character (cmark-gfm's definition).
    static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            switch s.value {
            case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
            default: return false
            }
        }
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// A CJK character in the amendment's sense: East Asian Width W, F or H (emoji excluded), or Hangul.
    /// Ambiguous-width quotes such as “” are not CJK characters; they count as ordinary punctuation.
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x11FF,            // Hangul Jamo
             0x2329...0x232A,            // angle brackets
             0x2E80...0x2FDF,            // CJK radicals, Kangxi radicals
             0x2FF0...0x303E,            // ideographic description, CJK symbols and punctuation
             0x3041...0x3247,            // Kana, Bopomofo, Hangul compatibility Jamo, Kanbun, strokes, enclosed
             0x3250...0x4DBF,            // enclosed CJK, compatibility, extension A
             0x4DC0...0x4DFF,            // Yijing hexagrams
             0x4E00...0xA4CF,            // unified ideographs, Yi
             0xA960...0xA97F,            // Hangul Jamo extended A
             0xAC00...0xD7FF,            // Hangul syllables, Jamo extended B
             0xF900...0xFAFF,            // compatibility ideographs
             0xFE10...0xFE19,            // vertical forms
             0xFE30...0xFE6F,            // compatibility forms, small form variants
             0xFF00...0xFF60,            // full-width forms
             0xFF61...0xFFDC,            // half-width Katakana and Hangul
             0xFFE0...0xFFE6, 0xFFE8...0xFFEE,
             0x16FE0...0x18CFF,          // ideographic symbols, Tangut, Khitan
             0x1AFF0...0x1B2FF,          // Kana supplement and extensions, Nushu
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    // MARK: CommonMark

    /// CommonMark 0.29 left-flanking (cmark-gfm).
    static func leftFlanking(before b: Side, after a: Side) -> Bool {
        a != .whitespace && (!a.isPunctuation || b == .whitespace || b.isPunctuation)
    }

    /// CommonMark 0.29 right-flanking (cmark-gfm).
    static func rightFlanking(before b: Side, after a: Side) -> Bool {
        b != .whitespace && (!b.isPunctuation || a == .whitespace || a.isPunctuation)
    }

    // MARK: CJK-friendly amendment

    /// Left-flanking: not followed by whitespace, and either not followed by non-CJK punctuation, or
    /// preceded by whitespace, non-CJK punctuation, a CJK character or an ideographic variation selector.
    static func cjkLeftFlanking(before b: Side, after a: Side) -> Bool {
        if a == .whitespace { return false }
        if a != .punctuation { return true }
        return b == .whitespace || b == .punctuation || b.isCJK || b == .ideographicSelector
    }

    /// Right-flanking: not preceded by whitespace, and either not preceded by non-CJK punctuation, or
    /// followed by whitespace, non-CJK punctuation or a CJK character.
    static func cjkRightFlanking(before b: Side, after a: Side) -> Bool {
        if b == .whitespace { return false }
        if b != .punctuation { return true }
        return a == .whitespace || a == .punctuation || a.isCJK
    }

    /// Whether a run of `char` between `b` and `a` can open/close, with or without the CJK amendment.
    static func flags(_ char: Unicode.Scalar, before b: Side, after a: Side, cjk: Bool) -> Flags {
        let left = cjk ? cjkLeftFlanking(before: b, after: a) : leftFlanking(before: b, after: a)
        let right = cjk ? cjkRightFlanking(before: b, after: a) : rightFlanking(before: b, after: a)
        if char == "_" {
            return Flags(canOpen: left && (!right || b.isPunctuation), canClose: right && (!left || a.isPunctuation))
        }
        return Flags(canOpen: left, canClose: right)
    }
}
