/// Receives the index tokens of one text from `SearchIndexScanner`, in order of appearance.
protocol SearchIndexKeySink {
    /// A Chinese character (its scalar value).
    mutating func character(_ c: UInt32)
    /// A bigram of two Chinese characters `a` and `b`.
    mutating func bigram(_ a: UInt32, _ b: UInt32)
    /// A word: the UTF-8 bytes of its folded scalars (valid only during the call).
    mutating func word(_ utf8: UnsafeBufferPointer<UInt8>)
    /// The run of unified ideographs (U+4E00–U+9FFF) that starts with the one at offset `first` from U+4E00 and
    /// goes on with the bytes from `next` to `end`, after the Chinese character `previous` (0: none): each character,
    /// and each bigram with the one before. Returns the end of the run, where
    /// `SearchIndexScanner.ideographOffset(at:end:)` first finds no unified ideograph, and the offset of its last
    /// character.
    ///
    /// The sink may also read on over a separator of three bytes (`SearchIndexScanner.isPlainSeparator`) followed by
    /// a unified ideograph, which starts a new run (its first character has no bigram with the one before the
    /// separator), as the scanner would; `separators` is how many it read over.
    mutating func ideographRun(first: UInt32, next: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>,
                               after previous: UInt32) -> (end: UnsafePointer<UInt8>, last: UInt32, separators: Int)
}

extension SearchIndexKeySink {
    /// Each character and bigram of the run, in order of appearance.
    mutating func ideographRun(first: UInt32, next: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>,
                               after previous: UInt32) -> (end: UnsafePointer<UInt8>, last: UInt32, separators: Int) {
        var previous = previous, d = first, p = next
        while true {
            let c = SearchIndexScanner.ideographBase + d
            character(c)
            if previous != 0 { bigram(previous, c) }
            previous = c
            let e = SearchIndexScanner.ideographOffset(at: p, end: end)
            guard e < SearchIndexScanner.ideographCount else { return (p, d, 0) }
            d = e
            p += 3
        }
    }
}

/// The index tokens of a text (the multiset of `SearchTokenizer.forEachIndexToken`), read straight from its UTF-8
/// bytes, for the indexer's innermost loop. ASCII and unified ideographs, nearly all of a bulletin, skip the
/// folding tables; a word is collected as UTF-8 bytes, never as a `String`. One scanner per thread: it reuses
/// its word buffer from text to text.
final class SearchIndexScanner {
    private var wordBytes: UnsafeMutablePointer<UInt8>
    private var wordCapacity = 256
    private var folded: [Unicode.Scalar] = []
    /// Scalar classes (`ScalarClasses`) and folding results (`FoldTable`) of the BMP, read through pointers (a
    /// closure around the loop would take the address of its local state, keeping it out of registers).
    private let classes: UnsafePointer<UInt8> = ScalarClasses.shared.pointer
    private let foldings: UnsafePointer<UInt32> = FoldTable.shared.pointer

    init() { wordBytes = .allocate(capacity: wordCapacity) }

    deinit { wordBytes.deallocate() }

    /// The state of one scan: the Chinese run and the word being read.
    private struct State {
        /// The last character of the current Chinese run, or 0.
        var previous: UInt32 = 0
        /// Bytes of the word being read.
        var length = 0
        /// Whether the word's last scalar is a decimal digit.
        var lastIsDigit = false
        /// A "." after a digit, kept if a digit follows.
        var pendingDot = false
        /// Tokens reported so far: Chinese characters, and terms (bigrams and words).
        var characters = 0
        var terms = 0
    }

    /// The tokens of a text: its Chinese characters, and its terms (bigrams and words).
    struct Lengths { var characters: Int; var terms: Int }

    /// The first unified ideograph, U+4E00, and the number of them (to U+9FFF).
    static let ideographBase: UInt32 = 0x4E00, ideographCount: UInt32 = 0x5200

    /// For each BMP scalar, 1 if it is a "plain separator" and 0 if not: a scalar that is no unified ideograph and
    /// folds to one scalar of the BMP that separates (`ScalarClasses.separator`), such as 。，、“”（）. Inside a
    /// Chinese run (no word being read) the scanner's only response to one is to end the run. Shared, never freed.
    static let plainSeparators: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        let classes = ScalarClasses.shared.pointer, foldings = FoldTable.shared.pointer
        for v in 0..<0x10000 {
            let f = foldings[v]
            let ideograph = UInt32(v) &- ideographBase < ideographCount
            table[v] = !ideograph && f < 0x10000 && classes[Int(f)] == ScalarClasses.separator ? 1 : 0
        }
        return UnsafePointer(table)
    }()

    /// Whether `scalar` is a plain separator (see `plainSeparators`).
    static func isPlainSeparator(_ scalar: UInt32) -> Bool { scalar < 0x10000 && plainSeparators[Int(scalar)] != 0 }

    /// Calls `sink` with each index token of `text`; returns how many it reported.
    @discardableResult
    func scan<Sink: SearchIndexKeySink>(_ text: String, into sink: inout Sink) -> Lengths {
        var state = State()
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { scan($0, &state, &sink) }
        if done == nil {
            var copy = text
            copy.withUTF8 { scan($0, &state, &sink) }
        }
        flush(&state, &sink)
        return Lengths(characters: state.characters, terms: state.terms)
    }

    /// Scans UTF-8 text held as bytes.
    @discardableResult
    func scan<Sink: SearchIndexKeySink>(utf8 text: [UInt8], into sink: inout Sink) -> Lengths {
        var state = State()
        text.withUnsafeBufferPointer { scan($0, &state, &sink) }
        flush(&state, &sink)
        return Lengths(characters: state.characters, terms: state.terms)
    }

    /// The tokens of `bytes` (valid UTF-8), the word being read left in `s`.
    ///
    /// Walks a pointer (an index would be checked for overflow and spilled); the bytes read past a lead byte are
    /// always inside the buffer, by the distance to `end` checked first.
    private func scan<Sink: SearchIndexKeySink>(_ bytes: UnsafeBufferPointer<UInt8>, _ state: inout State,
                                                _ sinkRef: inout Sink) {
        guard let start = bytes.baseAddress else { return }
        let end = start + bytes.count
        // Local copies, written back at the end and around the rare call that takes them by reference, so the compiler
        // keeps them in registers instead of storing every counter to memory and loading it back.
        var s = state, sink = sinkRef
        let classes = self.classes, foldings = self.foldings
        var p = start
        while p < end {
            let b0 = p[0]
            if b0 < 0x80 { // ASCII folds to lower case only
                let f = (b0 >= 0x41 && b0 <= 0x5A) ? b0 | 0x20 : b0
                feed(UInt32(f), classes[Int(f)], &s, &sink)
                p += 1
                continue
            }
            var v: UInt32
            if b0 & 0xF0 == 0xE0 && end - p > 2 {
                v = UInt32(b0 & 0x0F) << 12 | UInt32(p[1] & 0x3F) << 6 | UInt32(p[2] & 0x3F)
                p += 3
                let d = v &- SearchIndexScanner.ideographBase
                if d < SearchIndexScanner.ideographCount { // a unified ideograph: Chinese, no folding
                    if s.length > 0 || s.pendingDot { flush(&s, &sink) }
                    p = readIdeographRun(first: d, next: p, end: end, &s, &sink)
                    continue
                }
            } else if b0 & 0xE0 == 0xC0 && end - p > 1 {
                v = UInt32(b0 & 0x1F) << 6 | UInt32(p[1] & 0x3F)
                p += 2
            } else if b0 & 0xF8 == 0xF0 && end - p > 3 {
                v = UInt32(b0 & 0x07) << 18 | UInt32(p[1] & 0x3F) << 12 | UInt32(p[2] & 0x3F) << 6 | UInt32(p[3] & 0x3F)
                p += 4
                if let scalar = Unicode.Scalar(v) {
                    state = s; sinkRef = sink
                    feedFolding(scalar, classes, &state, &sinkRef)
                    s = state; sink = sinkRef
                }
                continue
            } else {
                p += 1 // not reached: Swift strings hold valid UTF-8
                continue
            }
            // Another scalar of the BMP: one folded scalar, none, or (rarely) several.
            let f = foldings[Int(v)]
            if f < FoldTable.multiple {
                feed(f, f < 0x10000 ? classes[Int(f)] : ScalarClasses.classify(Unicode.Scalar(f)!), &s, &sink)
            } else if f == FoldTable.multiple, let scalar = Unicode.Scalar(v) {
                state = s; sinkRef = sink
                feedFolding(scalar, classes, &state, &sinkRef)
                s = state; sink = sinkRef
            }
        }
        state = s; sinkRef = sink
    }

    /// The offset from U+4E00 of the unified ideograph whose UTF-8 bytes start at `p`, or `ideographCount` or more
    /// if none does (or fewer than three bytes are left before `end`).
    ///
    /// The scalar is computed from the lead byte shifted in whole: minus 0xE0000 + U+4E00, it is below
    /// `ideographCount` only if the lead byte is 0xE4–0xE9 and the scalar a unified ideograph (a lead byte below
    /// 0xE0 wraps around, one from 0xF0 gives at least 0xB200), so one comparison tells.
    @inline(__always)
    static func ideographOffset(at p: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) -> UInt32 {
        guard end - p > 2 else { return ideographCount }
        return (UInt32(p[0]) << 12 | UInt32(p[1] & 0x3F) << 6 | UInt32(p[2] & 0x3F)) &- (0xE0000 + ideographBase)
    }

    /// The run of unified ideographs that starts with `first` (an offset from U+4E00), the bytes after it from
    /// `next`; returns the end of the run. The sink reads the run itself, in a loop that holds its own values in
    /// registers (the main loop's stay out); its characters and bigrams are counted once, from its length.
    @inline(__always)
    private func readIdeographRun<Sink: SearchIndexKeySink>(first: UInt32, next: UnsafePointer<UInt8>,
                                                            end: UnsafePointer<UInt8>, _ s: inout State,
                                                            _ sink: inout Sink) -> UnsafePointer<UInt8> {
        let (p, last, separators) = sink.ideographRun(first: first, next: next, end: end, after: s.previous)
        let n = (p - next) / 3 + 1 - separators
        s.characters += n
        s.terms += (s.previous != 0 ? n : n - 1) - separators
        s.previous = SearchIndexScanner.ideographBase + last
        return p
    }

    /// The folded scalars of `scalar`, the general way.
    @inline(never)
    private func feedFolding<Sink: SearchIndexKeySink>(_ scalar: Unicode.Scalar, _ classes: UnsafePointer<UInt8>,
                                                       _ s: inout State, _ sink: inout Sink) {
        folded.removeAll(keepingCapacity: true)
        SearchTokenizer.appendFolded(scalar, to: &folded)
        for f in folded { feed(f.value, f.value < 0x10000 ? classes[Int(f.value)] : ScalarClasses.classify(f), &s, &sink) }
    }

    /// One folded scalar `f` of class `c`.
    @inline(__always)
    private func feed<Sink: SearchIndexKeySink>(_ f: UInt32, _ c: UInt8, _ s: inout State, _ sink: inout Sink) {
        if c == ScalarClasses.cjk {
            if s.length > 0 || s.pendingDot { flush(&s, &sink) }
            sink.character(f)
            s.characters += 1
            if s.previous != 0 { sink.bigram(s.previous, f); s.terms += 1 }
            s.previous = f
            return
        }
        s.previous = 0
        if c >= ScalarClasses.letter {
            if s.pendingDot {
                if c == ScalarClasses.digit { append(0x2E, &s); s.pendingDot = false } else { flush(&s, &sink) }
            }
            append(f, &s)
            s.lastIsDigit = c == ScalarClasses.digit
        } else if f == 0x2E && !s.pendingDot && s.length > 0 && s.lastIsDigit {
            s.pendingDot = true
        } else if s.length > 0 || s.pendingDot {
            flush(&s, &sink)
        }
    }

    /// Appends scalar `f` to the word, as UTF-8.
    @inline(__always)
    private func append(_ f: UInt32, _ s: inout State) {
        if s.length + 4 > wordCapacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: wordCapacity * 2)
            bigger.update(from: wordBytes, count: s.length)
            wordBytes.deallocate()
            wordBytes = bigger
            wordCapacity *= 2
        }
        let w = wordBytes + s.length
        if f < 0x80 {
            w[0] = UInt8(truncatingIfNeeded: f)
            s.length += 1
        } else if f < 0x800 {
            w[0] = 0xC0 | UInt8(truncatingIfNeeded: f >> 6)
            w[1] = 0x80 | UInt8(truncatingIfNeeded: f & 0x3F)
            s.length += 2
        } else if f < 0x10000 {
            w[0] = 0xE0 | UInt8(truncatingIfNeeded: f >> 12)
            w[1] = 0x80 | UInt8(truncatingIfNeeded: (f >> 6) & 0x3F)
            w[2] = 0x80 | UInt8(truncatingIfNeeded: f & 0x3F)
            s.length += 3
        } else {
            w[0] = 0xF0 | UInt8(truncatingIfNeeded: f >> 18)
            w[1] = 0x80 | UInt8(truncatingIfNeeded: (f >> 12) & 0x3F)
            w[2] = 0x80 | UInt8(truncatingIfNeeded: (f >> 6) & 0x3F)
            w[3] = 0x80 | UInt8(truncatingIfNeeded: f & 0x3F)
            s.length += 4
        }
    }

    /// Ends the word being read (a pending dot is dropped).
    @inline(__always)
    private func flush<Sink: SearchIndexKeySink>(_ s: inout State, _ sink: inout Sink) {
        if s.length > 0 {
            sink.word(UnsafeBufferPointer(start: wordBytes, count: s.length))
            s.terms += 1
            s.length = 0
        }
        s.pendingDot = false
    }
}
