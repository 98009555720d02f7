import Foundation

/// The Markdown source of a document by line, used to tell real delimiter characters (`*`, `_`, `~`
/// written as such) from ones that came from a backslash escape or an entity: cmark-gfm merges
/// adjacent text nodes, so `\*` and an unmatched `*` look the same in the tree.
struct CJKSourceMap {
    /// UTF-8 bytes of each line (without the line ending), index 0 = line 1.
    private let lines: [ArraySlice<UInt8>]

    /// Splits `source` at `\n`, `\r\n` and `\r`, as cmark does.
    init(_ source: String) {
        self.init(utf8: ArraySlice(source.utf8))
    }

    /// `init(_:)` on the UTF-8 bytes of a text. The lines are slices of `source` itself (no copy; like every
    /// slice, each is indexed from its own `startIndex`).
    init(utf8 source: ArraySlice<UInt8>) {
        let first = source.startIndex, end = source.endIndex
        var out: [ArraySlice<UInt8>] = []
        var start = first
        // Without a carriage return (the usual case) lines are found with memchr. Offsets in `buf` are from `first`.
        let newlines: [Int]? = source.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress, memchr(base, 0x0D, buf.count) == nil else { return buf.isEmpty ? [] : nil }
            var found: [Int] = []
            var from = 0
            while from < buf.count, let p = memchr(base + from, 0x0A, buf.count - from) {
                let at = UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self) - base
                found.append(first + at)
                from = at + 1
            }
            return found
        }
        if let newlines {
            out.reserveCapacity(newlines.count + 1)
            for at in newlines {
                out.append(source[start..<at])
                start = at + 1
            }
            out.append(source[start..<end])
            lines = out
            return
        }
        var i = first
        while i < end {
            let b = source[i]
            if b == 0x0A || b == 0x0D {
                out.append(source[start..<i])
                if b == 0x0D, i + 1 < end, source[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        out.append(source[start..<end])
        lines = out
    }

    /// The bytes of a 1-based line, or nil when out of range.
    func line(_ n: Int) -> ArraySlice<UInt8>? {
        guard n >= 1, n <= lines.count else { return nil }
        return lines[n - 1]
    }

    /// The byte at a 1-based line and column.
    func byte(line n: Int, column: Int) -> UInt8? {
        guard let l = line(n), column >= 1, column <= l.count else { return nil }
        return l[l.startIndex + column - 1]
    }

    /// True when the line ends with a backslash (a hard line break, after which cmark's inline
    /// positions are no longer right).
    func endsWithBackslash(line n: Int) -> Bool {
        guard let l = line(n) else { return false }
        var count = 0
        var i = l.endIndex
        while i > l.startIndex, l[i - 1] == 0x5C { count += 1; i -= 1 }
        return count % 2 == 1
    }

    /// 0-based byte offset where a paragraph continuation line's content starts: after container
    /// prefixes (`>`) and indentation. Such a line cannot start with `>` itself (that opens a quote).
    func contentStart(line n: Int) -> Int? {
        guard let l = line(n) else { return nil }
        guard let i = l.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x3E }) else { return nil }
        return i - l.startIndex
    }

    /// Whether lines `first...last` hold a `*`, `_` or `~` at all (true when the lines are unknown). A block
    /// without one has no emphasis for the pass to change.
    func mayHaveDelimiters(lines first: Int, _ last: Int) -> Bool {
        guard first >= 1, last >= first, last <= lines.count else { return true }
        for n in first...last {
            let found = lines[n - 1].withUnsafeBufferPointer { buf -> Bool in
                guard let base = buf.baseAddress else { return false }
                return memchr(base, 0x2A, buf.count) != nil || memchr(base, 0x5F, buf.count) != nil || memchr(base, 0x7E, buf.count) != nil
            }
            if found { return true }
        }
        return false
    }

    /// The delimiter characters that lines `first...last` write as a backslash escape or an entity
    /// (all three when the lines are unknown).
    func escapedDelimiters(lines first: Int, _ last: Int) -> Set<UInt8> {
        guard first >= 1, last >= first, last <= lines.count else { return [0x2A, 0x5F, 0x7E] }
        var out = Set<UInt8>()
        for n in first...last {
            // Only a backslash or an `&` (an entity) writes a delimiter other than as itself: most lines have neither.
            let plain = lines[n - 1].withUnsafeBufferPointer { buf -> Bool in
                guard let base = buf.baseAddress else { return true }
                return memchr(base, 0x5C, buf.count) == nil && memchr(base, 0x26, buf.count) == nil
            }
            if plain { continue }
            for entry in CJKSourceMap.skeleton(lines[n - 1]) where !entry.real { out.insert(entry.char) }
        }
        return out
    }

    static func isDelimiter(_ b: UInt8) -> Bool { b == 0x2A || b == 0x5F || b == 0x7E }

    /// Appends the offsets of the `*`, `_` and `~` bytes of `buf`, in order. Eight bytes are tested at a time
    /// (texts are long and delimiters rare); a word that holds one is then looked at byte by byte.
    static func appendDelimiterOffsets(_ buf: UnsafeBufferPointer<UInt8>, to offsets: inout [Int]) {
        guard let base = buf.baseAddress else { return }
        let n = buf.count
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i + 8 <= n {
            // In bounds: i + 8 <= n. An unaligned load of eight bytes; their order in the word does not matter.
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            // `(x - 0x01…) & ~x & 0x80…` is nonzero exactly when some byte of x is zero, here some byte of w equal to c.
            @inline(__always) func has(_ c: UInt64) -> Bool {
                let x = w ^ (ones &* c)
                return (x &- ones) & ~x & highs != 0
            }
            if has(0x2A) || has(0x5F) || has(0x7E) {
                for k in i..<(i + 8) where isDelimiter(base[k]) { offsets.append(k) }
            }
            i += 8
        }
        while i < n {
            if isDelimiter(base[i]) { offsets.append(i) }
            i += 1
        }
    }

    /// Whether `text` holds a `*`, `_` or `~` (memchr over the UTF-8 bytes).
    static func containsDelimiter(_ text: ArraySlice<UInt8>) -> Bool {
        text.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return false }
            return memchr(base, 0x2A, buf.count) != nil || memchr(base, 0x5F, buf.count) != nil || memchr(base, 0x7E, buf.count) != nil
        }
    }

    /// The delimiter characters of a piece of source, in order, each with whether it is written as
    /// itself (`real`) rather than as `\*` or `&#42;`.
    static func skeleton(_ span: ArraySlice<UInt8>) -> [(char: UInt8, real: Bool, offset: Int, length: Int)] {
        var scanner = Skeleton(span)
        _ = scanner.has(Int.max)
        return scanner.entries
    }

    /// The skeleton of a span, scanned only as far as it is asked for, so that a text node whose
    /// end cmark did not report costs its own length, not the rest of the line.
    struct Skeleton {
        let span: ArraySlice<UInt8>
        /// Where scanning goes on.
        private(set) var position: Int
        /// The entries found so far.
        private(set) var entries: [(char: UInt8, real: Bool, offset: Int, length: Int)] = []

        init(_ span: ArraySlice<UInt8>) {
            self.span = span
            position = span.startIndex
        }

        /// True when entry `i` exists; with `startingBy`, only an entry starting at or before that
        /// offset is looked for (so that scanning stops there).
        mutating func has(_ i: Int, startingBy limit: Int = Int.max) -> Bool {
            while entries.count <= i, position < span.endIndex, position <= limit { scanOne() }
            return i < entries.count
        }

        subscript(i: Int) -> (char: UInt8, real: Bool, offset: Int, length: Int) { entries[i] }

        private mutating func scanOne() {
            let i = position
            let b = span[i]
            if b == 0x5C, i + 1 < span.endIndex, CJKSourceMap.isASCIIPunctuation(span[i + 1]) {
                if CJKSourceMap.isDelimiter(span[i + 1]) { entries.append((span[i + 1], false, i, 2)) }
                position += 2
            } else if b == 0x26, let (length, decoded) = CJKSourceMap.entity(span[i...]) {
                if let d = decoded { entries.append((d, false, i, length)) }
                position += length
            } else {
                if CJKSourceMap.isDelimiter(b) { entries.append((b, true, i, 1)) }
                position += 1
            }
        }
    }

    /// For each `*`, `_` or `~` in `literal` (in order), whether it was written as a delimiter in the
    /// source span of the text node (line, columns `start...end`). Nil when the span cannot be matched
    /// up with the literal, in which case no character of it should be trusted.
    ///
    /// cmark keeps the source span of a delimiter run that emphasis used only partly (`***a**`), so a
    /// run of real delimiters in the source may stand for a shorter run in the literal.
    /// When cmark gave no usable end column (`end` nil), the span runs as far as the literal needs.
    func delimiterFlags(literal: String, line n: Int, start: Int, end: Int?) -> [Bool]? {
        guard let l = line(n), start >= 1, start <= l.count else { return nil }
        let last: Int
        if let end {
            guard end >= start, end <= l.count else { return nil }
            last = end
        } else {
            last = l.count
        }
        var source = Skeleton(l[(l.startIndex + start - 1)...(l.startIndex + last - 1)])
        // Delimiter characters of the literal with their byte offsets (runs must be contiguous).
        var chars: [(char: UInt8, offset: Int)] = []
        for (offset, b) in literal.utf8.enumerated() where CJKSourceMap.isDelimiter(b) { chars.append((b, offset)) }
        var flags: [Bool] = []
        var i = 0  // in source
        var k = 0  // in chars
        while true {
            if end == nil, k == chars.count { break }
            guard source.has(i) else { break }
            let entry = source[i]
            if !entry.real {
                guard k < chars.count, chars[k].char == entry.char else { return nil }
                flags.append(false)
                i += 1
                k += 1
                continue
            }
            // A run of real delimiters, then any escaped copies of the same character right after it.
            var run = 1
            while source.has(i + run, startingBy: entry.offset + run), source[i + run].real, source[i + run].char == entry.char,
                  source[i + run].offset == entry.offset + run { run += 1 }
            var fakes = 0
            var next = entry.offset + run
            while source.has(i + run + fakes, startingBy: next), !source[i + run + fakes].real, source[i + run + fakes].char == entry.char,
                  source[i + run + fakes].offset == next {
                next += source[i + run + fakes].length
                fakes += 1
            }
            var available = 0
            while k + available < chars.count, chars[k + available].char == entry.char,
                  chars[k + available].offset == chars[k].offset + available { available += 1 }
            let take = min(run, available - fakes)
            guard take >= 1 else { return nil }
            flags.append(contentsOf: repeatElement(true, count: take))
            i += run
            k += take
        }
        return k == chars.count ? flags : nil
    }

    static func isASCIIPunctuation(_ b: UInt8) -> Bool {
        (0x21...0x2F).contains(b) || (0x3A...0x40).contains(b) || (0x5B...0x60).contains(b) || (0x7B...0x7E).contains(b)
    }

    /// An entity or numeric character reference at the start of `s`: its length in bytes and, when it
    /// stands for `*`, `_` or `~`, that character.
    static func entity(_ s: ArraySlice<UInt8>) -> (Int, UInt8?)? {
        guard let semi = s.prefix(40).firstIndex(of: 0x3B) else { return nil }
        let body = Array(s[(s.startIndex + 1)..<semi])
        let length = semi - s.startIndex + 1
        guard !body.isEmpty else { return nil }
        if body[0] == 0x23 {  // &#…;
            var digits = body.dropFirst()
            var radix = 10
            if let x = digits.first, x == 0x78 || x == 0x58 { radix = 16; digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.count <= (radix == 10 ? 7 : 6),
                  let value = Int(String(decoding: digits, as: UTF8.self), radix: radix) else { return nil }
            let byte = value < 0x80 ? UInt8(value) : 0
            return (length, isDelimiter(byte) ? byte : nil)
        }
        guard body.count <= 32, body.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }),
              body[0] | 0x20 >= 0x61 else { return nil }
        switch String(decoding: body, as: UTF8.self) {
        case "ast", "midast": return (length, 0x2A)
        case "lowbar", "UnderBar": return (length, 0x5F)
        default: return (length, nil)
        }
    }
}
