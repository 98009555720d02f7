import Foundation

extension SearchPostings {
    /// The posting lists of one contiguous range of documents, built by one thread: its own token ids (ideographs
    /// by index, other Chinese tokens in a `KeyTable`, words in a table of their bytes), a per-document count per
    /// token, and per token a list of postings, each two LEB128 numbers: the gap from the list's previous
    /// document (from 0 for the first) and `tf << 2 | inTitle << 1 | inDepartment`.
    ///
    /// A list is a chain of blocks in an arena of its own, each half as large again as the one before (up to
    /// `maxBlock`; doubling left a third of the arena unused), so appending never copies and reading is mostly
    /// sequential. A block starts with the address of the next and the bytes it holds (written when it is full);
    /// a posting never spans two blocks.
    final class RangeIndex: SearchIndexKeySink {
        /// A token's list: its last block, the next free byte and the end of that block, its last document, its
        /// number of postings.
        struct List {
            var block: UnsafeMutablePointer<UInt8>
            var tail: UnsafeMutablePointer<UInt8>
            var end: UnsafeMutablePointer<UInt8>
            var last: Int32
            var postings: Int32
        }

        static let header = 16, firstBlock = 48, maxBlock = 1 << 16, arenaChunk = 1 << 20
        /// The first block of each list.
        private var heads: [UnsafeMutablePointer<UInt8>] = []
        private var chunks: [UnsafeMutableRawPointer] = []
        private var free: UnsafeMutableRawPointer? = nil
        private var freeEnd: UnsafeMutableRawPointer? = nil

        /// The token of each list: a packed Chinese token, or `wordFlag | word index`.
        private(set) var tokens: [UInt64] = []
        static let wordFlag: UInt64 = 1 << 63
        private(set) var lists: UnsafeMutablePointer<List>
        private var listCapacity = 1 << 10
        /// Per list: `tf << 2 | flags` in the current document (0: absent). Ids are given in order of first
        /// appearance, so the counts of common tokens share a few cache lines.
        private var counts: UnsafeMutablePointer<UInt32>
        /// Lists with a non-zero count (one slot more than lists, see `count`).
        private var seen: UnsafeMutablePointer<Int32>
        private var seenCount = 0

        /// Lists of unified ideographs (U+4E00–U+9FFF), by character (-1: none yet).
        private let ideographs: UnsafeMutablePointer<Int32>
        static let ideographBase: UInt32 = 0x4E00, ideographCount = 0x5200
        /// Bigrams of two unified ideographs (`1 << 31 | a << 15 | b`, by their offsets from `ideographBase`), and
        /// the other Chinese tokens (packed, `SearchToken`).
        private var ideographBigrams = KeyTable<UInt32>(capacity: 1 << 13)
        private var keys = KeyTable<UInt64>()

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
            seen = .allocate(capacity: listCapacity + 1)
            ideographs = .allocate(capacity: RangeIndex.ideographCount)
            ideographs.initialize(repeating: -1, count: RangeIndex.ideographCount)
            wordSlots = .allocate(capacity: wordSlotCapacity)
            wordSlots.initialize(repeating: (0, -1), count: wordSlotCapacity)
        }

        deinit {
            for chunk in chunks { chunk.deallocate() }
            lists.deallocate(); counts.deallocate(); seen.deallocate(); ideographs.deallocate(); wordSlots.deallocate()
            keys.deallocate(); ideographBigrams.deallocate()
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
            scanner.scan(utf8: document.textUTF8, into: &sink)
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

        func word(_ utf8: UnsafeBufferPointer<UInt8>) {
            termLength &+= 1
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
                let biggerSeen = UnsafeMutablePointer<Int32>.allocate(capacity: size + 1)
                biggerSeen.moveInitialize(from: seen, count: seenCount)
                seen.deallocate(); seen = biggerSeen
                listCapacity = size
            }
            let block = allocateBlock(RangeIndex.firstBlock)
            (lists + n).initialize(to: List(block: block, tail: block + RangeIndex.header, end: block + RangeIndex.firstBlock,
                                            last: 0, postings: 0))
            heads.append(block)
            tokens.append(token)
            return Int32(n)
        }

        /// A block of `size` bytes with an empty header, from the arena.
        private func allocateBlock(_ size: Int) -> UnsafeMutablePointer<UInt8> {
            if free == nil || freeEnd! - free! < size {
                let chunk = UnsafeMutableRawPointer.allocate(byteCount: max(size, RangeIndex.arenaChunk), alignment: 16)
                chunks.append(chunk)
                free = chunk
                freeEnd = chunk + max(size, RangeIndex.arenaChunk)
            }
            let block = free!
            free = block + size
            block.storeBytes(of: nil, as: UnsafeMutablePointer<UInt8>?.self)
            block.storeBytes(of: 0, toByteOffset: 8, as: Int.self)
            return block.assumingMemoryBound(to: UInt8.self)
        }

        /// Closes the last block of `list` and starts the next.
        private func nextBlock(_ list: inout List) {
            let current = list.end - list.block, size = min((current + current / 2 + 15) & ~15, RangeIndex.maxBlock)
            let block = allocateBlock(size)
            let old = UnsafeMutableRawPointer(list.block)
            old.storeBytes(of: block, as: UnsafeMutablePointer<UInt8>?.self)
            old.storeBytes(of: list.tail - (list.block + RangeIndex.header), toByteOffset: 8, as: Int.self)
            list.block = block
            list.tail = block + RangeIndex.header
            list.end = block + size
        }

        /// Where a list's bytes are: its first and last blocks, the end of its bytes, its number of postings.
        struct Run {
            var first: UnsafeMutablePointer<UInt8>
            var last: UnsafeMutablePointer<UInt8>
            var tail: UnsafeMutablePointer<UInt8>
            var postings: Int
        }

        /// The bytes of one block of a run, and the next block (nil after the last).
        typealias Contents = (bytes: UnsafePointer<UInt8>, count: Int, next: UnsafeMutablePointer<UInt8>?)

        /// Where list `id`'s bytes are.
        func run(of id: Int) -> Run {
            let list = lists[id]
            return Run(first: heads[id], last: list.block, tail: list.tail, postings: Int(list.postings))
        }

        /// The bytes held by `block` of `run`.
        @inline(__always)
        static func contents(of block: UnsafeMutablePointer<UInt8>, in run: Run) -> Contents {
            if block == run.last { return (UnsafePointer(block + header), run.tail - (block + header), nil) }
            let raw = UnsafeRawPointer(block)
            return (UnsafePointer(block + header), raw.load(fromByteOffset: 8, as: Int.self),
                    raw.load(as: UnsafeMutablePointer<UInt8>.self))
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
            if list.end - list.tail < 10 { nextBlock(&list) }
            var p = list.tail
            var gap = UInt32(bitPattern: doc &- list.last)
            while gap >= 0x80 { p.pointee = UInt8(truncatingIfNeeded: gap) | 0x80; p += 1; gap >>= 7 }
            p.pointee = UInt8(truncatingIfNeeded: gap); p += 1
            var v = value
            while v >= 0x80 { p.pointee = UInt8(truncatingIfNeeded: v) | 0x80; p += 1; v >>= 7 }
            p.pointee = UInt8(truncatingIfNeeded: v); p += 1
            list.tail = p
            list.last = doc
            list.postings += 1
            lists[id] = list
        }
    }
}
