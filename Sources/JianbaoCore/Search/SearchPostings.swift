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

    /// One partition: an open-addressing table from packed Chinese tokens to lists, a dictionary for words.
    final class Partition: @unchecked Sendable {
        var keys: [UInt64]
        var slots: [Int32]
        var mask: Int
        var words: [String: Int32] = [:]
        /// The token of each list: a packed Chinese token, or a word (`packed == 0`).
        var packed: [UInt64] = []
        var wordOf: [Int32: String] = [:]
        var lists: [[UInt8]] = []
        var last: [Int32] = []

        init() {
            keys = [UInt64](repeating: 0, count: 1 << 14)
            slots = [Int32](repeating: -1, count: 1 << 14)
            mask = (1 << 14) - 1
        }

        @inline(__always)
        func list(cjk key: UInt64) -> Int {
            var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
            while true {
                let k = keys[i]
                if k == key { return Int(slots[i]) }
                if k == 0 {
                    let n = lists.count
                    keys[i] = key; slots[i] = Int32(n)
                    packed.append(key); lists.append([]); last.append(0)
                    if n * 2 >= mask { grow() }
                    return n
                }
                i = (i + 1) & mask
            }
        }

        func list(word: String) -> Int {
            if let n = words[word] { return Int(n) }
            let n = lists.count
            words[word] = Int32(n); wordOf[Int32(n)] = word
            packed.append(0); lists.append([]); last.append(0)
            return n
        }

        private func grow() {
            let size = (mask + 1) * 2
            var newKeys = [UInt64](repeating: 0, count: size), newSlots = [Int32](repeating: -1, count: size)
            let newMask = size - 1
            for (i, k) in keys.enumerated() where k != 0 {
                var j = Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> 20) & newMask
                while newKeys[j] != 0 { j = (j + 1) & newMask }
                newKeys[j] = k; newSlots[j] = slots[i]
            }
            keys = newKeys; slots = newSlots; mask = newMask
        }

        @inline(__always)
        func add(_ list: Int, doc: Int32, value: UInt32) {
            let gap = UInt32(doc - last[list])
            last[list] = doc
            SearchPostings.leb(gap, to: &lists[list])
            SearchPostings.leb(value, to: &lists[list])
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

    /// Counts the tokens of one document; reused for many documents by one thread.
    final class Counter {
        var keys = [UInt64](repeating: 0, count: 1 << 12)
        var values = [UInt32](repeating: 0, count: 1 << 12)
        var used: [Int] = []
        var mask = (1 << 12) - 1
        var words: [String: UInt32] = [:]
        var charLength: Int32 = 0
        var termLength: Int32 = 0

        @inline(__always)
        func add(_ key: UInt64, _ flags: UInt32) {
            var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
            while true {
                let k = keys[i]
                if k == key { values[i] = (values[i] &+ 4) | flags; return }
                if k == 0 {
                    keys[i] = key; values[i] = 4 | flags; used.append(i)
                    if used.count * 2 >= mask { grow() }
                    return
                }
                i = (i + 1) & mask
            }
        }

        private func grow() {
            let size = (mask + 1) * 2
            var newKeys = [UInt64](repeating: 0, count: size), newValues = [UInt32](repeating: 0, count: size)
            var newUsed: [Int] = []
            newUsed.reserveCapacity(used.count * 2)
            let newMask = size - 1
            for i in used {
                var j = Int(truncatingIfNeeded: (keys[i] &* 0x9E37_79B9_7F4A_7C15) >> 20) & newMask
                while newKeys[j] != 0 { j = (j + 1) & newMask }
                newKeys[j] = keys[i]; newValues[j] = values[i]; newUsed.append(j)
            }
            keys = newKeys; values = newValues; used = newUsed; mask = newMask
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
            for i in used { counts[SearchPostings.partition(keys[i])] += 1 }
            out.cjkStart = [0]
            for p in 0..<parts { out.cjkStart.append(out.cjkStart[p] + counts[p]) }
            var next = Array(out.cjkStart.dropLast())
            out.cjk = [(UInt64, UInt32)](repeating: (0, 0), count: used.count)
            for i in used {
                let p = SearchPostings.partition(keys[i])
                out.cjk[next[p]] = (keys[i], values[i])
                next[p] += 1
                keys[i] = 0
            }
            used.removeAll(keepingCapacity: true)

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
        var results = [[Entry]](repeating: [], count: partitions.count)
        results.withUnsafeMutableBufferPointer { out in
            DispatchQueue.concurrentPerform(iterations: partitions.count) { p in
                let part = partitions[p]
                var entries: [Entry] = []
                entries.reserveCapacity(part.lists.count)
                for i in part.lists.indices {
                    let key = part.packed[i]
                    let isChar = key != 0 && key & SearchToken.bigramFlag == 0
                    let token = key == 0 ? part.wordOf[Int32(i)]! : SearchToken(packed: key).text
                    let lengths = isChar ? charLength : termLength
                    let avg = isChar ? avgChars : avgTerms
                    var bytes: [UInt8] = []
                    bytes.reserveCapacity(part.lists[i].count)
                    part.lists[i].withUnsafeBufferPointer { list in
                        var at = 0, doc = 0
                        while at < list.count {
                            let gap = SearchPostings.readLEB(list, &at)
                            let value = SearchPostings.readLEB(list, &at)
                            doc += Int(gap)
                            SearchNumbers.append(Int(gap), to: &bytes)
                            SearchNumbers.append(SearchIndexWriter.weight(tf: Int(value >> 2), inTitle: value & 2 != 0,
                                                                         inDepartment: value & 1 != 0,
                                                                         length: Int(lengths[doc]), average: avg), to: &bytes)
                        }
                    }
                    part.lists[i] = []
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

    @inline(__always)
    static func leb(_ value: UInt32, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 { out.append(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
        out.append(UInt8(v))
    }

    @inline(__always)
    static func readLEB(_ bytes: UnsafeBufferPointer<UInt8>, _ at: inout Int) -> UInt32 {
        var v: UInt32 = 0, shift: UInt32 = 0
        while true {
            let b = bytes[at]; at += 1
            v |= UInt32(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
    }
}
