import Foundation

extension SearchPostings {
    /// The posting lists of one contiguous range of documents, built by one thread: its own token ids (ideographs
    /// by index, other Chinese tokens in a `KeyTable`, words in a table of their bytes), a per-document count per
    /// id, and per id a growing buffer of postings, each two LEB128 numbers: the gap from the list's previous
    /// document (from 0 for the first) and `tf << 2 | inTitle << 1 | inDepartment`.
    final class RangeIndex: SearchIndexKeySink {
        /// A token's list: its postings' bytes, the last document, the number of postings.
        struct List {
            var bytes: UnsafeMutablePointer<UInt8>
            var count: Int32
            var capacity: Int32
            var last: Int32
            var postings: Int32
        }

        /// The token of each list: a packed Chinese token, or `wordFlag | word index`.
        private(set) var tokens: [UInt64] = []
        static let wordFlag: UInt64 = 1 << 63
        private(set) var lists: UnsafeMutablePointer<List>
        private var listCapacity = 1 << 10
        /// Per list: `tf << 2 | flags` in the current document (0: absent).
        private var counts: UnsafeMutablePointer<UInt32>
        /// Lists with a non-zero count.
        private var seen: UnsafeMutablePointer<Int32>
        private var seenCount = 0

        /// Lists of unified ideographs (U+4E00–U+9FFF), by character (-1: none yet).
        private let ideographs: UnsafeMutablePointer<Int32>
        static let ideographBase: UInt32 = 0x4E00, ideographCount = 0x5200
        private var keys = KeyTable()

        /// Words: slots of (hash, list id; -1 empty), the words' bytes and each word's (start, length) there.
        private var wordSlots: UnsafeMutablePointer<(UInt64, Int32)>
        private var wordSlotCapacity = 1 << 8
        private var wordBytes: [UInt8] = []
        private(set) var wordSpans: [(start: Int32, length: Int32)] = []

        /// Flags of the field being scanned: 2 title, 1 department.
        private var flags: UInt32 = 0
        /// Chinese characters, and terms (bigrams and words), of the current document.
        private var charLength: Int32 = 0
        private var termLength: Int32 = 0

        init() {
            lists = .allocate(capacity: listCapacity)
            counts = .allocate(capacity: listCapacity); counts.initialize(repeating: 0, count: listCapacity)
            seen = .allocate(capacity: listCapacity)
            ideographs = .allocate(capacity: RangeIndex.ideographCount)
            ideographs.initialize(repeating: -1, count: RangeIndex.ideographCount)
            wordSlots = .allocate(capacity: wordSlotCapacity)
            wordSlots.initialize(repeating: (0, -1), count: wordSlotCapacity)
        }

        deinit {
            for i in 0..<tokens.count { free(lists[i].bytes) }
            lists.deallocate(); counts.deallocate(); seen.deallocate(); ideographs.deallocate(); wordSlots.deallocate()
            keys.deallocate()
        }

        /// Lists in this range.
        var count: Int { tokens.count }

        /// The bytes of word `index` (see `tokens`).
        func word(_ index: Int) -> String {
            let (start, length) = wordSpans[index]
            return String(decoding: wordBytes[Int(start)..<Int(start + length)], as: UTF8.self)
        }

        /// Adds document `doc`; returns its Chinese characters and terms.
        func add(_ document: SearchIndexWriter.Document, doc: Int32, scanner: SearchIndexScanner) -> (chars: Int32, terms: Int32) {
            charLength = 0; termLength = 0
            var sink = self
            flags = 2; scanner.scan(document.title, into: &sink)
            flags = 1; scanner.scan(document.department, into: &sink)
            flags = 0; scanner.scan(document.extra, into: &sink)
            scanner.scan(document.text, into: &sink)
            for s in 0..<seenCount {
                let id = Int(seen[s])
                append(id, doc: doc, value: counts[id])
                counts[id] = 0
            }
            seenCount = 0
            return (charLength, termLength)
        }

        // MARK: Counting (`SearchIndexKeySink`)

        @inline(__always)
        func character(_ c: UInt32) {
            charLength += 1
            let d = c &- RangeIndex.ideographBase
            if d < UInt32(RangeIndex.ideographCount) {
                var id = ideographs[Int(d)]
                if id < 0 { id = newList(UInt64(c)); ideographs[Int(d)] = id }
                count(id)
            } else {
                count(list(UInt64(c)))
            }
        }

        @inline(__always)
        func bigram(_ key: UInt64) {
            termLength += 1
            count(list(key))
        }

        func word(_ utf8: UnsafeBufferPointer<UInt8>) {
            termLength += 1
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for b in utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            let mask = wordSlotCapacity - 1
            var i = Int(truncatingIfNeeded: h >> 20) & mask
            while true {
                let (hash, id) = wordSlots[i]
                if id < 0 { break }
                if hash == h {
                    let (start, length) = wordSpans[Int(tokens[Int(id)] & ~RangeIndex.wordFlag)]
                    if Int(length) == utf8.count && wordBytes.withUnsafeBufferPointer({
                        memcmp($0.baseAddress! + Int(start), utf8.baseAddress!, utf8.count) == 0
                    }) {
                        count(id)
                        return
                    }
                }
                i = (i + 1) & mask
            }
            let id = newList(RangeIndex.wordFlag | UInt64(wordSpans.count))
            wordSpans.append((Int32(wordBytes.count), Int32(utf8.count)))
            wordBytes.append(contentsOf: utf8)
            wordSlots[i] = (h, id)
            if wordSpans.count * 2 >= wordSlotCapacity { growWords() }
            count(id)
        }

        /// Counts one occurrence of list `id` in the current field.
        @inline(__always)
        private func count(_ id: Int32) {
            let v = counts[Int(id)]
            if v == 0 { seen[seenCount] = id; seenCount += 1 }
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

        // MARK: Storage

        private func newList(_ token: UInt64) -> Int32 {
            let n = tokens.count
            if n == listCapacity {
                let size = listCapacity * 2
                let bigger = UnsafeMutablePointer<List>.allocate(capacity: size)
                bigger.moveInitialize(from: lists, count: n)
                lists.deallocate(); lists = bigger
                let biggerCounts = UnsafeMutablePointer<UInt32>.allocate(capacity: size)
                biggerCounts.moveInitialize(from: counts, count: n)
                (biggerCounts + n).initialize(repeating: 0, count: size - n)
                counts.deallocate(); counts = biggerCounts
                let biggerSeen = UnsafeMutablePointer<Int32>.allocate(capacity: size)
                biggerSeen.moveInitialize(from: seen, count: seenCount)
                seen.deallocate(); seen = biggerSeen
                listCapacity = size
            }
            let initial: Int32 = 16
            (lists + n).initialize(to: List(bytes: malloc(Int(initial))!.assumingMemoryBound(to: UInt8.self),
                                            count: 0, capacity: initial, last: 0, postings: 0))
            tokens.append(token)
            return Int32(n)
        }

        private func growWords() {
            let old = (wordSlots, wordSlotCapacity)
            wordSlotCapacity *= 2
            wordSlots = .allocate(capacity: wordSlotCapacity)
            wordSlots.initialize(repeating: (0, -1), count: wordSlotCapacity)
            let mask = wordSlotCapacity - 1
            for k in 0..<old.1 where old.0[k].1 >= 0 {
                var i = Int(truncatingIfNeeded: old.0[k].0 >> 20) & mask
                while wordSlots[i].1 >= 0 { i = (i + 1) & mask }
                wordSlots[i] = old.0[k]
            }
            old.0.deallocate()
        }

        /// Appends the posting (`doc`, `value`) to list `id`.
        @inline(__always)
        private func append(_ id: Int, doc: Int32, value: UInt32) {
            var list = lists[id]
            if list.count + 10 > list.capacity {
                list.capacity *= 2
                list.bytes = realloc(list.bytes, Int(list.capacity))!.assumingMemoryBound(to: UInt8.self)
            }
            var p = list.bytes + Int(list.count)
            var gap = UInt32(bitPattern: doc &- list.last)
            while gap >= 0x80 { p.pointee = UInt8(truncatingIfNeeded: gap) | 0x80; p += 1; gap >>= 7 }
            p.pointee = UInt8(truncatingIfNeeded: gap); p += 1
            var v = value
            while v >= 0x80 { p.pointee = UInt8(truncatingIfNeeded: v) | 0x80; p += 1; v >>= 7 }
            p.pointee = UInt8(truncatingIfNeeded: v); p += 1
            list.count = Int32(p - list.bytes)
            list.last = doc
            list.postings += 1
            lists[id] = list
        }
    }
}
