import Foundation

/// The inverted index of the search documents, built on all cores in batches of documents.
///
/// Tokens are split into `partitionCount` partitions by a hash of the token, and each partition is owned by one
/// thread at a time, so no lock is taken per posting. A posting is stored while building as two LEB128 numbers,
/// the document gap and `tf << 2 | inTitle << 1 | inDepartment`; the final weights need the average document
/// length, known only at the end, and are computed by `finish`.
final class SearchPostings: @unchecked Sendable {
    /// Token partitions (a power of two).
    static let partitionCount = 4
    /// Documents analysed together before their postings are merged.
    static let batchSize = 256

    /// One partition: an open-addressing table from packed Chinese tokens to lists, a dictionary for words, and
    /// the lists themselves in an arena of 32-byte blocks (24 bytes of postings, then the offset of the next block),
    /// so appending a posting never copies a list.
    final class Partition: @unchecked Sendable {
        private var tableCapacity = 1 << 14
        private var keys: UnsafeMutablePointer<UInt64>
        private var slots: UnsafeMutablePointer<Int32>
        private var words: [String: Int32] = [:]
        /// The token of each list: a packed Chinese token, or a word (`packed == 0`).
        private(set) var packed: [UInt64] = []
        private(set) var wordOf: [Int32: String] = [:]
        /// Each list: arena offsets of its first block and of its next free byte, its last document, its postings.
        struct ListState { var head: Int; var tail: Int; var last: Int32; var postings: Int32 }
        private var states: UnsafeMutablePointer<ListState>
        private var stateCapacity = 1 << 12
        private var arena: UnsafeMutablePointer<UInt8>
        private var arenaCapacity = 1 << 16
        private var arenaUsed = 0

        static let block = 32, data = 24

        init() {
            keys = .allocate(capacity: tableCapacity); keys.initialize(repeating: 0, count: tableCapacity)
            slots = .allocate(capacity: tableCapacity)
            arena = .allocate(capacity: arenaCapacity)
            states = .allocate(capacity: stateCapacity)
        }

        deinit { keys.deallocate(); slots.deallocate(); arena.deallocate(); states.deallocate(); directLists.deallocate() }

        /// Postings in list `i`.
        func postings(_ i: Int) -> Int { Int(states[i].postings) }

        /// Lists in this partition.
        var count: Int { packed.count }

        /// Lists of unified ideographs, indexed by the character (-1: none yet).
        private let directLists: UnsafeMutablePointer<Int32> = {
            let p = UnsafeMutablePointer<Int32>.allocate(capacity: Counter.directSize)
            p.initialize(repeating: -1, count: Counter.directSize)
            return p
        }()

        @inline(__always)
        func list(cjk key: UInt64) -> Int {
            let d = key &- Counter.directBase
            if d < UInt64(Counter.directSize) {
                let n = directLists[Int(d)]
                if n >= 0 { return Int(n) }
                let created = newList(packed: key)
                directLists[Int(d)] = Int32(created)
                return created
            }
            let mask = tableCapacity - 1
            var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
            while true {
                let k = keys[i]
                if k == key { return Int(slots[i]) }
                if k == 0 {
                    let n = newList(packed: key)
                    keys[i] = key; slots[i] = Int32(n)
                    if n * 2 >= tableCapacity { grow() }
                    return n
                }
                i = (i + 1) & mask
            }
        }

        func list(word: String) -> Int {
            if let n = words[word] { return Int(n) }
            let n = newList(packed: 0)
            words[word] = Int32(n); wordOf[Int32(n)] = word
            return n
        }

        private func newList(packed key: UInt64) -> Int {
            let start = allocateBlock()
            let n = packed.count
            if n == stateCapacity {
                let bigger = UnsafeMutablePointer<ListState>.allocate(capacity: stateCapacity * 2)
                bigger.moveInitialize(from: states, count: n)
                states.deallocate()
                states = bigger
                stateCapacity *= 2
            }
            (states + n).initialize(to: ListState(head: start, tail: start, last: 0, postings: 0))
            packed.append(key)
            return n
        }

        private func allocateBlock() -> Int {
            if arenaUsed + Partition.block > arenaCapacity {
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: arenaCapacity * 2)
                bigger.update(from: arena, count: arenaUsed)
                arena.deallocate()
                arena = bigger
                arenaCapacity *= 2
            }
            defer { arenaUsed += Partition.block }
            return arenaUsed
        }

        private func grow() {
            let size = tableCapacity * 2, mask = size - 1
            let newKeys = UnsafeMutablePointer<UInt64>.allocate(capacity: size); newKeys.initialize(repeating: 0, count: size)
            let newSlots = UnsafeMutablePointer<Int32>.allocate(capacity: size)
            for i in 0..<tableCapacity where keys[i] != 0 {
                var j = Int(truncatingIfNeeded: (keys[i] &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
                while newKeys[j] != 0 { j = (j + 1) & mask }
                newKeys[j] = keys[i]; newSlots[j] = slots[i]
            }
            keys.deallocate(); slots.deallocate()
            keys = newKeys; slots = newSlots; tableCapacity = size
        }

        @inline(__always)
        private func append(_ byte: UInt8, at tail: inout Int) {
            if tail & (Partition.block - 1) == Partition.data {
                let next = allocateBlock()
                withUnsafeBytes(of: next.littleEndian) { UnsafeMutableRawPointer(arena + tail).copyMemory(from: $0.baseAddress!, byteCount: 8) }
                tail = next
            }
            arena[tail] = byte
            tail += 1
        }

        @inline(__always)
        private func appendLEB(_ value: UInt32, at tail: inout Int) {
            var v = value
            while v >= 0x80 { append(UInt8(truncatingIfNeeded: v) | 0x80, at: &tail); v >>= 7 }
            append(UInt8(v), at: &tail)
        }

        @inline(__always)
        func add(_ list: Int, doc: Int32, value: UInt32) {
            var tail = states[list].tail
            appendLEB(UInt32(doc - states[list].last), at: &tail)
            appendLEB(value, at: &tail)
            states[list].tail = tail
            states[list].last = doc
            states[list].postings += 1
        }

        /// Writes list `i` in its final form (`SearchNumbers` digits of each gap and weight) into `out`, which must hold
        /// 14 bytes per posting; returns the bytes written. `weights` is the per-document table of `finish`, `norms`
        /// the documents' length norms for the rest.
        func encodeFinal(_ i: Int, into out: UnsafeMutablePointer<UInt8>, alphabet: UnsafePointer<UInt8>,
                         weights: UnsafePointer<UInt8>, norms: UnsafePointer<Double>) -> Int {
            var at = states[i].head
            let end = states[i].tail
            let arena = self.arena
            var o = 0, doc = 0, gap = 0, v = 0, shift = 0, haveGap = false
            while at != end {
                if at & (Partition.block - 1) == Partition.data {
                    var next = 0
                    withUnsafeMutableBytes(of: &next) { $0.copyMemory(from: UnsafeRawBufferPointer(start: arena + at, count: 8)) }
                    at = Int(littleEndian: next)
                }
                let b = Int(arena[at]); at += 1
                v |= (b & 0x7F) << shift
                if b >= 0x80 { shift += 7; continue }
                if !haveGap {
                    gap = v
                    haveGap = true
                } else {
                    doc += gap
                    var g = gap
                    while g >= 32 { out[o] = alphabet[32 + (g & 31)]; o += 1; g >>= 5 }
                    out[o] = alphabet[g]; o += 1
                    var w = v < 16 ? Int(weights[doc << 4 | (v - 4)])
                        : SearchIndexWriter.weight(tf: v >> 2, inTitle: v & 2 != 0, inDepartment: v & 1 != 0, norm: norms[doc])
                    while w >= 32 { out[o] = alphabet[32 + (w & 31)]; o += 1; w >>= 5 }
                    out[o] = alphabet[w]; o += 1
                    haveGap = false
                }
                v = 0; shift = 0
            }
            return o
        }
    }

    /// The tokens of one document, grouped by partition.
    struct DocumentTokens {
        /// `(packed token, tf << 2 | flags)`, partition by partition.
        var cjk: [(UInt64, UInt32)] = []
        var cjkStart: [Int] = []
        var words: [(String, UInt32)] = []
        var wordStart: [Int] = []
        var charLength: Int32 = 0
        var termLength: Int32 = 0
    }

    /// Counts the tokens of one document; reused for many documents by one thread. An open-addressing table in
    /// manually managed memory: this is the innermost loop of the indexer.
    final class Counter {
        private(set) var capacity = 1 << 12
        private(set) var keys: UnsafeMutablePointer<UInt64>
        private(set) var values: UnsafeMutablePointer<UInt32>
        /// Slots in use, in order of first use.
        private(set) var used: UnsafeMutablePointer<Int32>
        private(set) var usedCount = 0
        var words: [String: UInt32] = [:]
        var charLength: Int32 = 0
        var termLength: Int32 = 0

        init() {
            keys = .allocate(capacity: capacity); keys.initialize(repeating: 0, count: capacity)
            values = .allocate(capacity: capacity); values.initialize(repeating: 0, count: capacity)
            used = .allocate(capacity: capacity)
        }

        deinit { keys.deallocate(); values.deallocate(); used.deallocate(); direct.deallocate(); directUsed.deallocate() }

        /// Unified ideographs (U+4E00–U+9FFF), half of all tokens, are counted in a table indexed by the
        /// character instead of the hash table.
        static let directBase: UInt64 = 0x4E00, directSize = 0x5200
        private let direct: UnsafeMutablePointer<UInt32> = {
            let p = UnsafeMutablePointer<UInt32>.allocate(capacity: Counter.directSize)
            p.initialize(repeating: 0, count: Counter.directSize)
            return p
        }()
        private let directUsed = UnsafeMutablePointer<UInt16>.allocate(capacity: Counter.directSize)
        private var directCount = 0

        @inline(__always)
        func add(_ key: UInt64, _ flags: UInt32) {
            let d = key &- Counter.directBase
            if d < UInt64(Counter.directSize) {
                let v = direct[Int(d)]
                if v == 0 { directUsed[directCount] = UInt16(d); directCount += 1 }
                direct[Int(d)] = (v &+ 4) | flags
                return
            }
            let mask = capacity - 1
            var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
            while true {
                let k = keys[i]
                if k == key { values[i] = (values[i] &+ 4) | flags; return }
                if k == 0 {
                    keys[i] = key; values[i] = 4 | flags; used[usedCount] = Int32(i); usedCount += 1
                    if usedCount * 2 >= capacity { grow() }
                    return
                }
                i = (i + 1) & mask
            }
        }

        private func grow() {
            let size = capacity * 2, mask = size - 1
            let newKeys = UnsafeMutablePointer<UInt64>.allocate(capacity: size); newKeys.initialize(repeating: 0, count: size)
            let newValues = UnsafeMutablePointer<UInt32>.allocate(capacity: size); newValues.initialize(repeating: 0, count: size)
            let newUsed = UnsafeMutablePointer<Int32>.allocate(capacity: size)
            for u in 0..<usedCount {
                let i = Int(used[u])
                var j = Int(truncatingIfNeeded: (keys[i] &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
                while newKeys[j] != 0 { j = (j + 1) & mask }
                newKeys[j] = keys[i]; newValues[j] = values[i]; newUsed[u] = Int32(j)
            }
            keys.deallocate(); values.deallocate(); used.deallocate()
            keys = newKeys; values = newValues; used = newUsed; capacity = size
        }

        func analyze(_ doc: SearchIndexWriter.Document) -> DocumentTokens {
            charLength = 0; termLength = 0
            func add(_ text: String, _ flags: UInt32) {
                SearchTokenizer.forEachIndexKeyUTF8(text, cjk: { key in
                    self.add(key, flags)
                    if key & SearchToken.bigramFlag == 0 { self.charLength += 1 } else { self.termLength += 1 }
                }, word: { w in
                    self.words[w] = ((self.words[w] ?? 0) &+ 4) | flags
                    self.termLength += 1
                })
            }
            add(doc.title, 2)
            add(doc.department, 1)
            add(doc.extra, 0)
            add(doc.text, 0)

            let parts = SearchPostings.partitionCount
            var out = DocumentTokens(charLength: charLength, termLength: termLength)
            var counts = [Int](repeating: 0, count: parts)
            for u in 0..<usedCount { counts[SearchPostings.partition(keys[Int(used[u])])] += 1 }
            for u in 0..<directCount { counts[SearchPostings.partition(UInt64(directUsed[u]) + Counter.directBase)] += 1 }
            out.cjkStart = [0]
            for p in 0..<parts { out.cjkStart.append(out.cjkStart[p] + counts[p]) }
            var next = Array(out.cjkStart.dropLast())
            out.cjk = [(UInt64, UInt32)](repeating: (0, 0), count: usedCount + directCount)
            out.cjk.withUnsafeMutableBufferPointer { cjk in
                for u in 0..<usedCount {
                    let i = Int(used[u])
                    let p = SearchPostings.partition(keys[i])
                    cjk[next[p]] = (keys[i], values[i])
                    next[p] += 1
                    keys[i] = 0
                }
                for u in 0..<directCount {
                    let d = Int(directUsed[u])
                    let key = UInt64(d) + Counter.directBase
                    let p = SearchPostings.partition(key)
                    cjk[next[p]] = (key, direct[d])
                    next[p] += 1
                    direct[d] = 0
                }
            }
            usedCount = 0
            directCount = 0

            var byPart = [[(String, UInt32)]](repeating: [], count: parts)
            for (w, v) in words { byPart[SearchPostings.partition(word: w)].append((w, v)) }
            words.removeAll(keepingCapacity: true)
            out.wordStart = [0]
            for p in 0..<parts {
                out.words += byPart[p]
                out.wordStart.append(out.words.count)
            }
            return out
        }
    }

    let partitions: [Partition]
    /// Chinese characters and terms (bigrams and words) of each document.
    private(set) var charLength: [Int32] = []
    private(set) var termLength: [Int32] = []

    /// Builds the postings of `docs` (document ids are their indices).
    init(_ docs: [SearchIndexWriter.Document]) {
        let parts = SearchPostings.partitionCount
        let partitions = (0..<parts).map { _ in Partition() }
        self.partitions = partitions
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let counters = (0..<workers).map { _ in Counter() }
        charLength = [Int32](repeating: 0, count: docs.count)
        termLength = [Int32](repeating: 0, count: docs.count)
        var start = 0
        while start < docs.count {
            let end = min(docs.count, start + SearchPostings.batchSize)
            var batch = [DocumentTokens](repeating: DocumentTokens(), count: end - start)
            batch.withUnsafeMutableBufferPointer { out in
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    var k = start + w
                    while k < end {
                        out[k - start] = counters[w].analyze(docs[k])
                        k += workers
                    }
                }
            }
            DispatchQueue.concurrentPerform(iterations: parts) { p in
                let partition = partitions[p]
                for (k, d) in batch.enumerated() {
                    let doc = Int32(start + k)
                    for e in d.cjkStart[p]..<d.cjkStart[p + 1] {
                        let (key, value) = d.cjk[e]
                        partition.add(partition.list(cjk: key), doc: doc, value: value)
                    }
                    for e in d.wordStart[p]..<d.wordStart[p + 1] {
                        let (word, value) = d.words[e]
                        partition.add(partition.list(word: word), doc: doc, value: value)
                    }
                }
            }
            for (k, d) in batch.enumerated() {
                charLength[start + k] = d.charLength
                termLength[start + k] = d.termLength
            }
            start = end
        }
    }

    /// One token's final postings: `docGap, weight, …` in `SearchNumbers`, and whether it is a single character.
    struct Entry {
        var token: String
        var bytes: [UInt8]
        var isCharacter: Bool
    }

    /// The final posting lists, with BM25 weights (see `SearchIndexWriter`); frees the intermediate lists.
    func finish() -> [Entry] {
        let n = max(1, charLength.count)
        let avgTerms = max(1.0, Double(termLength.reduce(0) { $0 + Int($1) }) / Double(n))
        let avgChars = max(1.0, Double(charLength.reduce(0) { $0 + Int($1) }) / Double(n))
        let charNorms = charLength.map { SearchIndexWriter.lengthNorm(Int($0), average: avgChars) }
        let termNorms = termLength.map { SearchIndexWriter.lengthNorm(Int($0), average: avgTerms) }
        // Weights of the common postings (tf 1…4, any flags) per document, computed once: entry
        // `doc << 4 | (tf - 1) << 2 | flags`. Others are computed as they come.
        func table(_ norms: [Double]) -> [UInt8] {
            var out = [UInt8](repeating: 0, count: norms.count * 16)
            for (doc, norm) in norms.enumerated() {
                for tf in 1...4 {
                    for flags in 0..<4 {
                        let w = SearchIndexWriter.weight(tf: tf, inTitle: flags & 2 != 0, inDepartment: flags & 1 != 0, norm: norm)
                        out[doc << 4 | (tf - 1) << 2 | flags] = UInt8(clamping: w)
                    }
                }
            }
            return out
        }
        let charWeights = table(charNorms), termWeights = table(termNorms)
        var results = [[Entry]](repeating: [], count: partitions.count)
        results.withUnsafeMutableBufferPointer { out in
            DispatchQueue.concurrentPerform(iterations: partitions.count) { p in
                let part = partitions[p]
                var entries: [Entry] = []
                entries.reserveCapacity(part.count)
                let alphabet = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
                alphabet.initialize(from: SearchNumbers.alphabet, count: 64)
                defer { alphabet.deallocate() }
                var scratchCapacity = 1 << 16
                var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchCapacity)
                defer { scratch.deallocate() }
                for i in 0..<part.count {
                    let key = part.packed[i]
                    let isChar = key != 0 && key & SearchToken.bigramFlag == 0
                    let token = key == 0 ? part.wordOf[Int32(i)]! : SearchToken(packed: key).text
                    let norms = isChar ? charNorms : termNorms
                    // At most 7 digits for a gap (< 2^35) and 7 for a weight: written into scratch space, then copied.
                    let needed = part.postings(i) * 14
                    if needed > scratchCapacity {
                        scratch.deallocate()
                        scratchCapacity = max(needed, scratchCapacity * 2)
                        scratch = .allocate(capacity: scratchCapacity)
                    }
                    let weights = isChar ? charWeights : termWeights
                    let at = norms.withUnsafeBufferPointer { norms in
                        weights.withUnsafeBufferPointer { weights in
                            part.encodeFinal(i, into: scratch, alphabet: alphabet, weights: weights.baseAddress!, norms: norms.baseAddress!)
                        }
                    }
                    let out = scratch
                    let bytes = Array(UnsafeBufferPointer(start: out, count: at))
                    entries.append(Entry(token: token, bytes: bytes, isCharacter: isChar))
                }
                out[p] = entries
            }
        }
        return results.flatMap { $0 }
    }

    @inline(__always)
    static func partition(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 62) & (partitionCount - 1)
    }

    static func partition(word: String) -> Int { Int(SearchIndexWriter.fnv1a32(word)) & (partitionCount - 1) }
}
