import Foundation

extension SearchPostings {
    /// The postings of one contiguous range of documents, built by one thread: token ids of its own (ideographs
    /// by index, other Chinese tokens in `KeyTable`s, words in a `WordTable`), the count of each token in the
    /// current document, and the lists (`ListStore`). A document's tokens are counted by a `Counter`.
    final class RangeIndex {
        /// The token of each list: a packed Chinese token (`SearchToken`), or `wordFlag | word index`.
        private(set) var tokens: [UInt64] = []
        static let wordFlag: UInt64 = 1 << 63
        private(set) var store = ListStore()

        /// Per list: `tf << 2 | flags` in the current document (0: absent). Ids are given in order of first
        /// appearance, so the counts of common tokens share a few cache lines.
        fileprivate var counts: UnsafeMutablePointer<UInt32>
        /// Lists with a non-zero count (one slot more than lists, see `Counter.count`).
        fileprivate var seen: UnsafeMutablePointer<Int32>
        private var countCapacity: Int

        /// Lists of unified ideographs (U+4E00–U+9FFF), by character (-1: none yet).
        fileprivate let ideographs: UnsafeMutablePointer<Int32>
        /// `SearchIndexScanner.plainSeparators`, read once.
        fileprivate let separators = SearchIndexScanner.plainSeparators
        static let ideographBase: UInt32 = 0x4E00, ideographCount = 0x5200
        /// Bigrams of two unified ideographs (`1 << 31 | a << 15 | b`, by their offsets from `ideographBase`), and
        /// the other Chinese tokens (packed).
        fileprivate var ideographBigrams = KeyTable<UInt32>(capacity: 1 << 13)
        private var keys = KeyTable<UInt64>()
        private var words = WordTable()

        init() {
            countCapacity = store.capacity
            counts = .allocate(capacity: countCapacity); counts.initialize(repeating: 0, count: countCapacity)
            seen = .allocate(capacity: countCapacity + 1)
            ideographs = .allocate(capacity: RangeIndex.ideographCount)
            ideographs.initialize(repeating: -1, count: RangeIndex.ideographCount)
        }

        deinit {
            store.deallocate(); counts.deallocate(); seen.deallocate(); ideographs.deallocate()
            ideographBigrams.deallocate(); keys.deallocate(); words.deallocate()
        }

        /// Lists in this range.
        var count: Int { tokens.count }

        /// Word `index` (see `tokens`).
        func word(_ index: Int) -> String { words.word(index) }

        /// Adds document `doc`, at `document`; returns its Chinese characters and terms. (The fields are read through
        /// the pointer one by one: a document of this size read in place and handed to a function is copied first,
        /// each of its references retained and released, even when the function is inlined or borrows it.)
        @inline(__always)
        func add(_ document: UnsafePointer<SearchIndexWriter.Document>, doc: Int32,
                 scanner: SearchIndexScanner) -> (chars: Int32, terms: Int32) {
            var counter = Counter(self)
            counter.flags = 2; var lengths = scanner.scan(document.pointee.title, into: &counter)
            func add(_ more: SearchIndexScanner.Lengths) { lengths.characters += more.characters; lengths.terms += more.terms }
            counter.flags = 1; add(scanner.scan(document.pointee.department, into: &counter))
            counter.flags = 0; add(scanner.scan(document.pointee.extra, into: &counter))
            add(scanner.scan(document.pointee.issueExtra, into: &counter))
            add(scanner.scan(utf8: document.pointee.textUTF8, into: &counter))
            store.append(doc: doc, ids: seen, count: counter.seenCount, values: counts)
            return (Int32(truncatingIfNeeded: lengths.characters), Int32(truncatingIfNeeded: lengths.terms))
        }

        // MARK: New lists (rare; each may move `counts` and `seen`, see `Counter.reload`)

        /// The list of the unified ideograph at `offset` from `ideographBase`, which has none yet.
        @inline(never)
        fileprivate func newIdeograph(_ offset: Int, seenCount: Int) -> Int32 {
            let id = newList(UInt64(UInt32(offset) + RangeIndex.ideographBase), seenCount: seenCount)
            ideographs[offset] = id
            return id
        }

        /// The list of the bigram of two unified ideographs `key`, which has none yet; `slot` is its empty slot.
        @inline(never)
        fileprivate func newBigram(_ key: UInt32, token: UInt64, slot: Int, seenCount: Int) -> Int32 {
            let id = newList(token, seenCount: seenCount)
            ideographBigrams.insert(key, id, at: slot)
            return id
        }

        /// The list of a packed Chinese token other than the above, created if new.
        @inline(never)
        fileprivate func list(_ key: UInt64, seenCount: Int) -> Int32 {
            let slot = keys.slot(key)
            if let id = keys.id(at: slot) { return id }
            let id = newList(key, seenCount: seenCount)
            keys.insert(key, id, at: slot)
            return id
        }

        /// The list of a word, created if new.
        fileprivate func wordList(_ utf8: UnsafeBufferPointer<UInt8>, seenCount: Int) -> Int32 {
            words.id(of: utf8) { newList(RangeIndex.wordFlag | UInt64($0), seenCount: seenCount) }
        }

        /// A new list for `token`, with room to count it (`seenCount` entries of `seen` are in use).
        private func newList(_ token: UInt64, seenCount: Int) -> Int32 {
            let id = store.newList()
            tokens.append(token)
            if store.capacity > countCapacity {
                let size = store.capacity, n = Int(id)
                let biggerCounts = UnsafeMutablePointer<UInt32>.allocate(capacity: size)
                biggerCounts.moveInitialize(from: counts, count: n)
                (biggerCounts + n).initialize(repeating: 0, count: size - n)
                counts.deallocate(); counts = biggerCounts
                let biggerSeen = UnsafeMutablePointer<Int32>.allocate(capacity: size + 1)
                biggerSeen.moveInitialize(from: seen, count: seenCount)
                seen.deallocate(); seen = biggerSeen
                countCapacity = size
            }
            return id
        }
    }

    /// Counts the tokens of one document into a `RangeIndex`. A value the scanner keeps in local variables, so
    /// the counters and table addresses stay in registers (a class's fields would be loaded and stored for every
    /// token); creating a list goes through the index, after which the addresses are reloaded.
    struct Counter: SearchIndexKeySink {
        unowned(unsafe) let index: RangeIndex
        private var counts: UnsafeMutablePointer<UInt32>
        private var seen: UnsafeMutablePointer<Int32>
        private let ideographs: UnsafeMutablePointer<Int32>
        private let separators: UnsafePointer<UInt8>
        private var bigramSlots: UnsafeMutablePointer<KeyTable<UInt32>.Slot>
        private var bigramMask: Int
        /// Entries of `seen` in use.
        private(set) var seenCount = 0
        /// Flags of the field being scanned: 2 title, 1 department.
        var flags: UInt32 = 0

        init(_ index: RangeIndex) {
            self.index = index
            counts = index.counts
            seen = index.seen
            ideographs = index.ideographs
            separators = index.separators
            (bigramSlots, bigramMask) = index.ideographBigrams.storage
        }

        /// Reads the addresses again after a list was created.
        @inline(__always)
        private mutating func reload() {
            counts = index.counts
            seen = index.seen
            (bigramSlots, bigramMask) = index.ideographBigrams.storage
        }

        /// Counts character `c`.
        @inline(__always)
        mutating func character(_ c: UInt32) {
            let d = c &- RangeIndex.ideographBase
            var id: Int32
            if d < UInt32(RangeIndex.ideographCount) {
                id = ideographs[Int(d)]
                if id < 0 { id = index.newIdeograph(Int(d), seenCount: seenCount); reload() }
            } else {
                id = index.list(UInt64(c), seenCount: seenCount); reload()
            }
            count(id)
        }

        /// Counts the bigram `ab`.
        @inline(__always)
        mutating func bigram(_ a: UInt32, _ b: UInt32) {
            let da = a &- RangeIndex.ideographBase, db = b &- RangeIndex.ideographBase
            var id: Int32
            if da < UInt32(RangeIndex.ideographCount) && db < UInt32(RangeIndex.ideographCount) {
                let key = 1 << 31 | da << 15 | db
                let slot = KeyTable<UInt32>.slot(key, in: bigramSlots, mask: bigramMask)
                if bigramSlots[slot].key == key { id = bigramSlots[slot].id } else {
                    id = index.newBigram(key, token: SearchToken.bigramFlag | UInt64(a) << 21 | UInt64(b), slot: slot,
                                         seenCount: seenCount)
                    reload()
                }
            } else {
                id = index.list(SearchToken.bigramFlag | UInt64(a) << 21 | UInt64(b), seenCount: seenCount); reload()
            }
            count(id)
        }

        /// Counts a run of unified ideographs (see `SearchIndexKeySink`): the known tokens in `countKnown`, each
        /// character with a token new to the range (rare) here, through `character` and `bigram`. Reads on over
        /// plain separators followed by a character with a list (most of a bulletin's punctuation), so a
        /// paragraph's runs cost one call.
        @inline(__always)
        mutating func ideographRun(first: UInt32, next: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>,
                                   after previous: UInt32) -> (end: UnsafePointer<UInt8>, last: UInt32, separators: Int) {
            var id = ideographs[Int(first)]
            if id < 0 { id = index.newIdeograph(Int(first), seenCount: seenCount); reload() }
            count(id)
            if previous != 0 { bigram(previous, RangeIndex.ideographBase + first) }
            var p = next, a = first, skipped = 0
            while true {
                let b: UInt32
                (p, seenCount, a, b) = flags == 0
                    ? Counter.countKnownInText(from: p, end: end, after: a, counts: counts, seen: seen,
                                               seenCount: seenCount, ideographs: ideographs, bigrams: bigramSlots,
                                               mask: bigramMask, separators: separators, skipped: &skipped)
                    : Counter.countKnownFlagged(from: p, end: end, after: a, counts: counts, seen: seen,
                                                seenCount: seenCount, ideographs: ideographs, bigrams: bigramSlots,
                                                mask: bigramMask, separators: separators, skipped: &skipped, flags: flags)
                guard b < SearchIndexScanner.ideographCount else { return (p, a, skipped) }
                // The character at p or its bigram has no list yet.
                character(RangeIndex.ideographBase + b)
                bigram(RangeIndex.ideographBase + a, RangeIndex.ideographBase + b)
                p += 3
                a = b
            }
        }

        /// Counts the characters of a run from `p` (the one before at offset `a`) and their bigrams with the one before,
        /// until the run ends or a character or a bigram has no list yet; a plain separator (`separators`) followed
        /// by a character with a list is read over, the character counted without a bigram, and added to `skipped`
        /// (in memory: a counter in a register cost the common path spills). Returns where it stopped, the entries of
        /// `seen` in use, the offset of the last character counted and that of the character at the stop (at least
        /// `ideographCount` if the run ended). It makes no call, so its values stay in registers (a call in the loop,
        /// even one seldom made, had the compiler keep them in memory); all it needs comes as arguments, for the same
        /// reason.
        @inline(__always)
        private static func countKnown(from p: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, after a: UInt32,
                                       counts: UnsafeMutablePointer<UInt32>, seen: UnsafeMutablePointer<Int32>,
                                       seenCount: Int, ideographs: UnsafePointer<Int32>,
                                       bigrams: UnsafeMutablePointer<KeyTable<UInt32>.Slot>, mask: Int,
                                       separators: UnsafePointer<UInt8>, skipped: inout Int,
                                       flags: UInt32) -> (UnsafePointer<UInt8>, Int, UInt32, UInt32) {
            var p = p, a = a, seenCount = seenCount
            @inline(__always) func count(_ id: Int32) {
                let v = counts[Int(id)]
                seen[seenCount] = id
                seenCount &+= v == 0 ? 1 : 0
                counts[Int(id)] = (v &+ 4) | flags
            }
            @inline(__always) func offset(_ p: UnsafePointer<UInt8>) -> UInt32 {
                (UInt32(p[0]) << 12 | UInt32(p[1] & 0x3F) << 6 | UInt32(p[2] & 0x3F))
                    &- (0xE0000 + SearchIndexScanner.ideographBase) // see `SearchIndexScanner.ideographOffset`
            }
            // Characters of three bytes that fit before `end` (so `p` is not compared with it on every one).
            var left = (end - p) / 3
            while left > 0 {
                left &-= 1
                let b = offset(p)
                guard b < SearchIndexScanner.ideographCount else {
                    // A scalar of three bytes (the lead byte 0xE0–0xEF) is below 0x10000; any other is above.
                    let v = b &+ SearchIndexScanner.ideographBase
                    guard v < 0x10000 && separators[Int(v)] != 0 && left > 0 else { break }
                    let c = offset(p + 3)
                    guard c < SearchIndexScanner.ideographCount else { break }
                    let character = ideographs[Int(c)]
                    guard character >= 0 else { break }
                    count(character)
                    skipped &+= 1
                    left &-= 1
                    p += 6
                    a = c
                    continue
                }
                let character = ideographs[Int(b)]
                guard character >= 0 else { return (p, seenCount, a, b) }
                let key = 1 << 31 | a << 15 | b
                let slot = KeyTable<UInt32>.slot(key, in: bigrams, mask: mask)
                guard bigrams[slot].key == key else { return (p, seenCount, a, b) }
                count(character)
                count(bigrams[slot].id)
                p += 3
                a = b
            }
            return (p, seenCount, a, SearchIndexScanner.ideographCount)
        }

        /// `countKnown` for the fields without flags (the body text, nearly all), where they are a constant.
        @inline(never)
        private static func countKnownInText(from p: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, after a: UInt32,
                                             counts: UnsafeMutablePointer<UInt32>, seen: UnsafeMutablePointer<Int32>,
                                             seenCount: Int, ideographs: UnsafePointer<Int32>,
                                             bigrams: UnsafeMutablePointer<KeyTable<UInt32>.Slot>, mask: Int,
                                             separators: UnsafePointer<UInt8>,
                                             skipped: inout Int) -> (UnsafePointer<UInt8>, Int, UInt32, UInt32) {
            countKnown(from: p, end: end, after: a, counts: counts, seen: seen, seenCount: seenCount,
                       ideographs: ideographs, bigrams: bigrams, mask: mask, separators: separators, skipped: &skipped,
                       flags: 0)
        }

        /// `countKnown` for the title and the department.
        @inline(never)
        private static func countKnownFlagged(from p: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, after a: UInt32,
                                              counts: UnsafeMutablePointer<UInt32>, seen: UnsafeMutablePointer<Int32>,
                                              seenCount: Int, ideographs: UnsafePointer<Int32>,
                                              bigrams: UnsafeMutablePointer<KeyTable<UInt32>.Slot>, mask: Int,
                                              separators: UnsafePointer<UInt8>, skipped: inout Int,
                                              flags: UInt32) -> (UnsafePointer<UInt8>, Int, UInt32, UInt32) {
            countKnown(from: p, end: end, after: a, counts: counts, seen: seen, seenCount: seenCount,
                       ideographs: ideographs, bigrams: bigrams, mask: mask, separators: separators, skipped: &skipped,
                       flags: flags)
        }

        /// Counts a word.
        @inline(__always)
        mutating func word(_ utf8: UnsafeBufferPointer<UInt8>) {
            let id = index.wordList(utf8, seenCount: seenCount)
            reload()
            count(id)
        }

        /// Counts one occurrence of list `id` in the current field. Whether it is the first in the document is
        /// unpredictable, so `id` is always written to `seen`, and kept only if it is.
        @inline(__always)
        private mutating func count(_ id: Int32) {
            let v = counts[Int(id)]
            seen[seenCount] = id
            seenCount &+= v == 0 ? 1 : 0
            counts[Int(id)] = (v &+ 4) | flags
        }
    }
}
