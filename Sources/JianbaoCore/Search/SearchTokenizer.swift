import Foundation

/// The search tokenizer. Its rules are specified once, as cases in
/// `Tests/JianbaoCoreTests/Fixtures/search-tokenizer-cases.json`, which the Swift tests and the
/// browser code's tests (templates/assets/search.js) both check:
///
/// - every Unicode scalar is lower-cased, NFKD-decomposed and stripped of combining marks
///   (so `ＡＢＣ１２３` becomes `abc123`, `é` becomes `e`, full-width punctuation becomes ASCII punctuation);
/// - Chinese characters (Han, 〇, 々, kana) form runs; the index gets every character and every
///   overlapping bigram of a run; a query uses the bigrams, or the character of a one-character run;
/// - letters and decimal digits form words; a dot stays inside a word only between two digits (`2377.35`);
/// - everything else separates.
public enum SearchTokenizer {
    /// Tokens to index for `text`, in order of appearance (duplicates kept).
    public static func indexTokens(_ text: String) -> [String] {
        var out: [String] = []
        forEachIndexToken(text) { out.append($0.text) }
        return out
    }

    /// Calls `body` with each token to index for `text`, in order (without making strings for Chinese tokens).
    public static func forEachIndexToken(_ text: String, _ body: (SearchToken) -> Void) {
        forEachSegment(text) { segment, isCJK in
            guard isCJK else { body(.word(String(String.UnicodeScalarView(segment)))); return }
            var i = segment.startIndex
            while i < segment.endIndex {
                body(.character(segment[i].value))
                if i + 1 < segment.endIndex { body(.bigram(segment[i].value, segment[i + 1].value)) }
                i += 1
            }
        }
    }

    /// Tokens a query looks up, in order of appearance (duplicates kept).
    public static func queryTokens(_ text: String) -> [String] {
        var out: [String] = []
        forEachSegment(text) { segment, isCJK in
            guard isCJK, segment.count > 1 else { out.append(String(String.UnicodeScalarView(segment))); return }
            var i = segment.startIndex
            while i + 1 < segment.endIndex {
                out.append(SearchToken.bigram(segment[i].value, segment[i + 1].value).text)
                i += 1
            }
        }
        return out
    }

    /// True when `token` is a single Chinese character (stored in the character shards, not the term shards).
    public static func isCharacterToken(_ token: String) -> Bool {
        let s = token.unicodeScalars
        return s.count == 1 && isCJK(s.first!)
    }

    /// Calls `body` with each Chinese run (`true`) and each word (`false`) of the folded text.
    static func forEachSegment(_ text: String, _ body: (ArraySlice<Unicode.Scalar>, Bool) -> Void) {
        let f = fold(text)
        let n = f.count
        var i = 0
        while i < n {
            let c = f[i]
            if isCJK(c) {
                var j = i + 1
                while j < n && isCJK(f[j]) { j += 1 }
                body(f[i..<j], true)
                i = j
            } else if isWordScalar(c) {
                var j = i + 1
                while j < n {
                    if isWordScalar(f[j]) { j += 1; continue }
                    if f[j] == "." && isDigit(f[j - 1]) && j + 1 < n && isDigit(f[j + 1]) { j += 1; continue }
                    break
                }
                body(f[i..<j], false)
                i = j
            } else {
                i += 1
            }
        }
    }

    /// The folded scalars of `text`: lower-cased, NFKD, combining marks removed.
    public static func fold(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars { appendFolded(s, to: &out) }
        return out
    }

    @inline(__always)
    static func appendFolded(_ s: Unicode.Scalar, to out: inout [Unicode.Scalar]) {
        let v = s.value
        if v < 0x80 {
            if v >= 0x41 && v <= 0x5A { out.append(Unicode.Scalar(v + 32)!) } else { out.append(s) }
            return
        }
        // Unified ideographs have no decomposition and no case.
        if (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x20000 && v <= 0x2FFFF) || (v >= 0x30000 && v <= 0x323AF) {
            out.append(s)
            return
        }
        if v < 0x10000 {
            let entry = FoldTable.shared.entries[Int(v)]
            switch entry {
            case FoldTable.removed: return
            case FoldTable.multiple: out.append(contentsOf: FoldTable.shared.multiple[v] ?? [])
            default: out.append(Unicode.Scalar(entry)!)
            }
            return
        }
        out.append(contentsOf: slowFold(s))
    }

    /// Folds one scalar the slow way (Foundation).
    static func slowFold(_ s: Unicode.Scalar) -> [Unicode.Scalar] {
        let lower = String(Character(s)).lowercased()
        let decomposed = lower.decomposedStringWithCompatibilityMapping
        return decomposed.unicodeScalars.filter { !isMark($0) }
    }

    static func isMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Chinese and Japanese characters that form bigram runs.
    public static func isCJK(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        switch v {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x323AF: return true
        case 0x3005, 0x3007, 0x3021...0x3029: return true // 々 〇 〡…〩
        case 0x3041...0x3096, 0x309D...0x309F: return true // hiragana
        case 0x30A1...0x30FA, 0x30FC...0x30FF: return true // katakana (not ・)
        default: return false
        }
    }

    /// Letters and decimal digits that are not Chinese characters.
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) }
        if isCJK(s) { return false }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber: return true
        default: return false
        }
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 0x30 && v <= 0x39 }
        return s.properties.generalCategory == .decimalNumber
    }
}

/// What each scalar of the Basic Multilingual Plane is to the tokenizer, computed once.
final class ScalarClasses: @unchecked Sendable {
    static let separator: UInt8 = 0, cjk: UInt8 = 1, letter: UInt8 = 2, digit: UInt8 = 3
    static let shared = ScalarClasses()

    /// The class of each BMP scalar value, in memory of its own that lives as long as the process (the table is
    /// shared and never freed).
    let pointer: UnsafePointer<UInt8>

    private init() {
        let table = (0..<0x10000).map { v in Unicode.Scalar(UInt32(v)).map(ScalarClasses.classify) ?? ScalarClasses.separator }
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: table.count)
        p.initialize(from: table, count: table.count)
        pointer = UnsafePointer(p)
    }

    /// `cjk`, `digit` (a decimal digit), `letter` (another word scalar) or `separator`.
    static func classify(_ s: Unicode.Scalar) -> UInt8 {
        if SearchTokenizer.isCJK(s) { return cjk }
        if SearchTokenizer.isWordScalar(s) { return SearchTokenizer.isDigit(s) ? digit : letter }
        return separator
    }
}

/// Folding results for the Basic Multilingual Plane, computed once.
final class FoldTable: @unchecked Sendable {
    static let removed: UInt32 = 0xFFFF_FFFF
    static let multiple: UInt32 = 0xFFFF_FFFE
    static let shared = FoldTable()

    /// Folded scalar value, `removed` or `multiple`, by BMP scalar value.
    let entries: [UInt32]
    /// Results of more than one scalar.
    let multiple: [UInt32: [Unicode.Scalar]]

    /// `entries`, in memory of its own that lives as long as the process (the table is shared and never freed).
    let pointer: UnsafePointer<UInt32>

    private init() {
        (entries, multiple) = FoldTable.compute()
        let p = UnsafeMutablePointer<UInt32>.allocate(capacity: entries.count)
        p.initialize(from: entries, count: entries.count)
        pointer = UnsafePointer(p)
    }

    /// The table, folding the scalars that need Foundation in one batch: each one's lower case (as
    /// `SearchTokenizer.slowFold`), joined with line feeds, decomposed (NFKD) in one call, and split again.
    /// Decomposition maps each scalar on its own and reorders only runs of combining marks, which a line feed
    /// (a starter) ends, so each piece is that scalar's own decomposition; one call instead of ~28,000 (each
    /// converting its string for ICU). Should the pieces not line up (no scalar decomposes to a line feed), each
    /// scalar is folded on its own. Hangul syllables (11,172, no case, no marks) are decomposed by the Unicode
    /// standard's arithmetic. A test compares the result with `computeOneByOne`.
    static func compute() -> (entries: [UInt32], multiple: [UInt32: [Unicode.Scalar]]) {
        var entries = [UInt32](repeating: FoldTable.removed, count: 0x10000)
        var multiple: [UInt32: [Unicode.Scalar]] = [:]
        var pending: [UInt32] = []
        var lowered = ""
        for v in UInt32(0)..<0x10000 {
            guard let s = Unicode.Scalar(v) else { continue } // surrogates
            if let f = trivialFold(v, s) { entries[Int(v)] = f; continue }
            if v >= 0xAC00 && v < 0xAC00 + 11172 { // a Hangul syllable: decomposed by the standard's algorithm
                let index = v - 0xAC00, t = index % 28
                var jamo = [Unicode.Scalar(0x1100 + index / 588)!, Unicode.Scalar(0x1161 + (index % 588) / 28)!]
                if t != 0 { jamo.append(Unicode.Scalar(0x11A7 + t)!) }
                store(jamo, of: v, &entries, &multiple)
                continue
            }
            if !pending.isEmpty { lowered += "\n" }
            pending.append(v)
            lowered += String(Character(s)).lowercased()
        }
        var pieces: [[Unicode.Scalar]] = [[]]
        pieces.reserveCapacity(pending.count)
        for f in lowered.decomposedStringWithCompatibilityMapping.unicodeScalars {
            if f == "\n" { pieces.append([]) } else if !SearchTokenizer.isMark(f) { pieces[pieces.count - 1].append(f) }
        }
        if pieces.count == pending.count {
            for (v, piece) in zip(pending, pieces) { store(piece, of: v, &entries, &multiple) }
        } else {
            for v in pending { store(SearchTokenizer.slowFold(Unicode.Scalar(v)!), of: v, &entries, &multiple) }
        }
        return (entries, multiple)
    }

    /// The table folding each scalar on its own (`SearchTokenizer.slowFold`), as before; for the tests.
    static func computeOneByOne() -> (entries: [UInt32], multiple: [UInt32: [Unicode.Scalar]]) {
        var entries = [UInt32](repeating: FoldTable.removed, count: 0x10000)
        var multiple: [UInt32: [Unicode.Scalar]] = [:]
        for v in UInt32(0)..<0x10000 {
            guard let s = Unicode.Scalar(v) else { continue } // surrogates
            if let f = trivialFold(v, s) { entries[Int(v)] = f; continue }
            store(SearchTokenizer.slowFold(s), of: v, &entries, &multiple)
        }
        return (entries, multiple)
    }

    /// The folding of `s` (value `v`) when it needs no Foundation: ASCII (letters to lower case), unified
    /// ideographs, private use and unassigned scalars fold to themselves. Nil for the others.
    private static func trivialFold(_ v: UInt32, _ s: Unicode.Scalar) -> UInt32? {
        guard v < 0x80 || (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0xE000 && v <= 0xF8FF)
                || s.properties.generalCategory == .unassigned else { return nil }
        return (0x41...0x5A).contains(v) ? v + 32 : v
    }

    /// Records the folded scalars `f` of `v`: none (`removed`), one, or several (`multiple`, listed in `multiple`).
    private static func store(_ f: [Unicode.Scalar], of v: UInt32, _ entries: inout [UInt32],
                              _ multiple: inout [UInt32: [Unicode.Scalar]]) {
        if f.isEmpty { entries[Int(v)] = FoldTable.removed }
        else if f.count == 1 { entries[Int(v)] = f[0].value }
        else { entries[Int(v)] = FoldTable.multiple; multiple[v] = f }
    }
}

/// One index token: a Chinese character, a bigram of two, or a word.
public enum SearchToken: Hashable, Sendable {
    /// A single Chinese character (scalar value).
    case character(UInt32)
    /// Two adjacent Chinese characters.
    case bigram(UInt32, UInt32)
    /// A folded word or number.
    case word(String)

    /// The token as text.
    public var text: String {
        switch self {
        case .character(let c): return String(Character(Unicode.Scalar(c)!))
        case .bigram(let a, let b):
            var v = String.UnicodeScalarView()
            v.append(Unicode.Scalar(a)!); v.append(Unicode.Scalar(b)!)
            return String(v)
        case .word(let w): return w
        }
    }

    static let bigramFlag: UInt64 = 1 << 42

    /// A Chinese token from its packed form: a character `c`, or `bigramFlag | a << 21 | b`.
    init(packed: UInt64) {
        if packed & SearchToken.bigramFlag != 0 {
            self = .bigram(UInt32((packed >> 21) & 0x1F_FFFF), UInt32(packed & 0x1F_FFFF))
        } else {
            self = .character(UInt32(packed))
        }
    }

    /// Single characters live in the `c` shards, everything else in the `t` shards.
    public var isCharacter: Bool { if case .character = self { return true } else { return false } }
}
