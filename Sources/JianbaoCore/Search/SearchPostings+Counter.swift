import Foundation

extension SearchPostings {
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
}
