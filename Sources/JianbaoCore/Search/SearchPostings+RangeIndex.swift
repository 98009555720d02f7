import Foundation

extension SearchPostings {
    /// The postings of one contiguous range of documents, built by one thread: token ids of its own (ideographs
    /// by index, other Chinese tokens in `KeyTable`s, words in a `WordTable`), the count of each token in the
    /// current document, and the lists (`ListStore`).
    final class RangeIndex: SearchIndexKeySink {
        /// The token of each list: a packed Chinese token (`SearchToken`), or `wordFlag | word index`.
        private(set) var tokens: [UInt64] = []
        static let wordFlag: UInt64 = 1 << 63
        private(set) var store = ListStore()

        /// Per list: `tf << 2 | flags` in the current document (0: absent). Ids are given in order of first
        /// appearance, so the counts of common tokens share a few cache lines.
        private var counts: UnsafeMutablePointer<UInt32>
        /// Lists with a non-zero count (one slot more than lists, see `count`).
        private var seen: UnsafeMutablePointer<Int32>
        private var seenCount = 0
        private var countCapacity: Int

        /// Lists of unified ideographs (U+4E00–U+9FFF), by character (-1: none yet).
        private let ideographs: UnsafeMutablePointer<Int32>
        static let ideographBase: UInt32 = 0x4E00, ideographCount = 0x5200
        /// Bigrams of two unified ideographs (`1 << 31 | a << 15 | b`, by their offsets from `ideographBase`), and
        /// the other Chinese tokens (packed).
        private var ideographBigrams = KeyTable<UInt32>(capacity: 1 << 13)
        private var keys = KeyTable<UInt64>()
        private var words = WordTable()

        /// Flags of the field being scanned: 2 title, 1 department.
        private var flags: UInt32 = 0
        /// Chinese characters, and terms (bigrams and words), of the current document.
        private var charLength: Int32 = 0
        private var termLength: Int32 = 0

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

        /// Adds document `doc`; returns its Chinese characters and terms.
        func add(_ document: SearchIndexWriter.Document, doc: Int32, scanner: SearchIndexScanner) -> (chars: Int32, terms: Int32) {
            charLength = 0; termLength = 0
            var sink = self
            flags = 2; scanner.scan(document.title, into: &sink)
            flags = 1; scanner.scan(document.department, into: &sink)
            flags = 0; scanner.scan(document.extra, into: &sink)
            scanner.scan(utf8: document.textUTF8, into: &sink)
            for s in 0..<seenCount {
                let id = Int(seen[s])
                store.append(id, doc: doc, value: counts[id])
                counts[id] = 0
            }
            seenCount = 0
            return (charLength, termLength)
        }

        // MARK: Counting (`SearchIndexKeySink`)

        /// Counts character `c`.
        @inline(__always)
        func character(_ c: UInt32) {
            charLength &+= 1
            let d = c &- RangeIndex.ideographBase
            if d < UInt32(RangeIndex.ideographCount) {
                var id = ideographs[Int(d)]
                if id < 0 { id = newList(UInt64(c)); ideographs[Int(d)] = id }
                count(id)
            } else {
                count(list(UInt64(c)))
            }
        }

        /// Counts the bigram `ab`.
        @inline(__always)
        func bigram(_ a: UInt32, _ b: UInt32) {
            termLength &+= 1
            let da = a &- RangeIndex.ideographBase, db = b &- RangeIndex.ideographBase
            let id: Int32
            if da < UInt32(RangeIndex.ideographCount) && db < UInt32(RangeIndex.ideographCount) {
                let key = 1 << 31 | da << 15 | db
                let slot = ideographBigrams.slot(key)
                if let known = ideographBigrams.id(at: slot) { id = known } else {
                    id = newList(SearchToken.bigramFlag | UInt64(a) << 21 | UInt64(b))
                    ideographBigrams.insert(key, id, at: slot)
                }
            } else {
                id = list(SearchToken.bigramFlag | UInt64(a) << 21 | UInt64(b))
            }
            count(id)
        }

        /// Counts a word.
        func word(_ utf8: UnsafeBufferPointer<UInt8>) {
            termLength &+= 1
            count(words.id(of: utf8) { newList(RangeIndex.wordFlag | UInt64($0)) })
        }

        /// Counts one occurrence of list `id` in the current field. Whether it is the first in the document is
        /// unpredictable, so `id` is always written to `seen`, and kept only if it is.
        @inline(__always)
        private func count(_ id: Int32) {
            let v = counts[Int(id)]
            seen[seenCount] = id
            seenCount &+= v == 0 ? 1 : 0
            counts[Int(id)] = (v &+ 4) | flags
        }

        /// The list of a packed Chinese token, created if new.
        @inline(__always)
        private func list(_ key: UInt64) -> Int32 {
            let slot = keys.slot(key)
            if let id = keys.id(at: slot) { return id }
            let id = newList(key)
            keys.insert(key, id, at: slot)
            return id
        }

        /// A new list for `token`, with room to count it.
        private func newList(_ token: UInt64) -> Int32 {
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
}
