import Foundation

extension SearchPostings {
    /// One token's final postings: `docGap, weight, …` in `SearchNumbers`, and whether it is a single character.
    struct Entry {
        var token: String
        var bytes: [UInt8]
        var isCharacter: Bool
    }

    /// The tokens of all ranges: each token's text, kind, and its list in each range.
    struct Tokens {
        var texts: [String] = []
        var isCharacter: [Bool] = []
        /// `lists[token * rangeCount + range]`: the token's list id in the range, or -1.
        var lists: [Int32] = []
    }

    /// Gives every token of the ranges one id, in order of first appearance.
    func tokens() -> Tokens {
        let rangeCount = ranges.count
        var out = Tokens()
        var keys = KeyTable<UInt64>(capacity: 1 << 14)
        defer { keys.deallocate() }
        var words: [String: Int32] = [:]
        func newToken(_ text: String, isCharacter: Bool) -> Int32 {
            out.texts.append(text)
            out.isCharacter.append(isCharacter)
            out.lists.append(contentsOf: repeatElement(-1, count: rangeCount))
            return Int32(out.texts.count - 1)
        }
        for (r, range) in ranges.enumerated() {
            for (list, token) in range.tokens.enumerated() {
                let id: Int32
                if token & RangeIndex.wordFlag != 0 {
                    let word = range.word(Int(token & ~RangeIndex.wordFlag))
                    if let known = words[word] { id = known } else { id = newToken(word, isCharacter: false); words[word] = id }
                } else {
                    let slot = keys.slot(token)
                    if let known = keys.id(at: slot) { id = known } else {
                        id = newToken(SearchToken(packed: token).text, isCharacter: token & SearchToken.bigramFlag == 0)
                        keys.insert(token, id, at: slot)
                    }
                }
                out.lists[Int(id) * rangeCount + r] = Int32(list)
            }
        }
        return out
    }

    /// The final posting lists, with BM25 weights (see `SearchIndexWriter`).
    func finish() -> [Entry] {
        let n = max(1, charLength.count)
        let avgTerms = max(1.0, Double(termLength.reduce(0) { $0 + Int($1) }) / Double(n))
        let avgChars = max(1.0, Double(charLength.reduce(0) { $0 + Int($1) }) / Double(n))
        let charNorms = charLength.map { SearchIndexWriter.lengthNorm(Int($0), average: avgChars) }
        let termNorms = termLength.map { SearchIndexWriter.lengthNorm(Int($0), average: avgTerms) }
        let charWeights = Weights(norms: charNorms), termWeights = Weights(norms: termNorms)
        let tokens = self.tokens()
        let count = tokens.texts.count
        // Strided chunks of tokens: the large lists (common characters) come first and spread over the chunks.
        let chunks = max(1, min(count, ProcessInfo.processInfo.activeProcessorCount * 16))
        var results = [[Entry]](repeating: [], count: chunks)
        results.withUnsafeMutableBufferPointer { results in
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let writer = FinalWriter(rangeCount: ranges.count)
                var entries: [Entry] = []
                for t in stride(from: c, to: count, by: chunks) {
                    let isCharacter = tokens.isCharacter[t]
                    let bytes = writer.encode(tokens.lists[(t * ranges.count)..<((t + 1) * ranges.count)], of: ranges,
                                              weights: isCharacter ? charWeights : termWeights)
                    entries.append(Entry(token: tokens.texts[t], bytes: bytes, isCharacter: isCharacter))
                }
                results[c] = entries
            }
        }
        return results.flatMap { $0 }
    }

    /// The weights of one family's documents: a table of the common postings, and the length norms for the rest.
    struct Weights {
        /// Entry `doc << 4 | (tf - 1) << 2 | flags` for tf 1…4 (a posting's value − 4).
        let table: [UInt8]
        let norms: [Double]

        init(norms: [Double]) {
            var table = [UInt8](repeating: 0, count: norms.count * 16)
            for (doc, norm) in norms.enumerated() {
                for tf in 1...4 {
                    for flags in 0..<4 {
                        let w = SearchIndexWriter.weight(tf: tf, inTitle: flags & 2 != 0, inDepartment: flags & 1 != 0, norm: norm)
                        table[doc << 4 | (tf - 1) << 2 | flags] = UInt8(clamping: w)
                    }
                }
            }
            self.table = table
            self.norms = norms
        }
    }

    /// Writes final lists in scratch space of its own (one per thread).
    final class FinalWriter {
        private var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
        private var capacity = 1 << 16
        private let alphabet = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        /// A token's runs in the ranges that have it, and their first blocks.
        private let runs: UnsafeMutablePointer<RangeIndex.Run>
        private let firsts: UnsafeMutablePointer<RangeIndex.Contents>

        init(rangeCount: Int) {
            alphabet.initialize(from: SearchNumbers.alphabet, count: 64)
            runs = .allocate(capacity: rangeCount)
            firsts = .allocate(capacity: rangeCount)
        }

        deinit { scratch.deallocate(); alphabet.deallocate(); runs.deallocate(); firsts.deallocate() }

        /// The final bytes of a token whose list in range `r` is `lists[r]` (-1: none): its postings' gaps from the
        /// previous document (from 0 for the first) and weights, in `SearchNumbers` digits.
        ///
        /// The blocks are scattered in memory, so each is read a step ahead, letting the reads overlap: the first
        /// blocks of all runs before any is written out, and the next block of a run before the current one.
        func encode(_ lists: ArraySlice<Int32>, of ranges: [RangeIndex], weights: Weights) -> [UInt8] {
            var postings = 0, n = 0
            for (r, list) in zip(ranges, lists) where list >= 0 {
                runs[n] = r.run(of: Int(list))
                postings += runs[n].postings
                n += 1
            }
            for k in 0..<n { firsts[k] = RangeIndex.contents(of: runs[k].first, in: runs[k]) }
            // At most 7 digits for a gap (< 2^35) and 7 for a weight.
            if postings * 14 > capacity {
                scratch.deallocate()
                capacity = max(postings * 14, capacity * 2)
                scratch = .allocate(capacity: capacity)
            }
            var o = 0
            var previous = 0
            weights.table.withUnsafeBufferPointer { table in
                weights.norms.withUnsafeBufferPointer { norms in
                    for k in 0..<n {
                        var doc = 0
                        var block = firsts[k]
                        while true {
                            let next = block.next.map { RangeIndex.contents(of: $0, in: runs[k]) }
                            o = write(block.bytes, count: block.count, doc: &doc, previous: &previous, at: o,
                                      table: table.baseAddress!, norms: norms.baseAddress!)
                            guard let after = next else { break }
                            block = after
                        }
                    }
                }
            }
            return Array(UnsafeBufferPointer(start: scratch, count: o))
        }

        /// Writes postings of one range's list (LEB128 pairs, see `RangeIndex`) at `o`; returns the new end.
        /// `doc` is the list's document before them, `previous` the last document written.
        @inline(__always)
        private func write(_ bytes: UnsafePointer<UInt8>, count: Int, doc listDoc: inout Int, previous: inout Int, at o: Int,
                           table: UnsafePointer<UInt8>, norms: UnsafePointer<Double>) -> Int {
            let out = scratch, alphabet = self.alphabet
            var p = bytes
            let end = bytes + count
            var o = o, doc = listDoc, last = previous
            while p < end {
                var gap = Int(p.pointee); p += 1
                if gap >= 0x80 {
                    gap &= 0x7F
                    var shift = 7
                    while true { let b = Int(p.pointee); p += 1; gap |= (b & 0x7F) << shift; shift += 7; if b < 0x80 { break } }
                }
                var v = Int(p.pointee); p += 1
                if v >= 0x80 {
                    v &= 0x7F
                    var shift = 7
                    while true { let b = Int(p.pointee); p += 1; v |= (b & 0x7F) << shift; shift += 7; if b < 0x80 { break } }
                }
                doc += gap
                var g = doc - last
                last = doc
                while g >= 32 { out[o] = alphabet[32 + (g & 31)]; o += 1; g >>= 5 }
                out[o] = alphabet[g]; o += 1
                var w = v < 20 ? Int(table[doc << 4 | (v - 4)])
                    : SearchIndexWriter.weight(tf: v >> 2, inTitle: v & 2 != 0, inDepartment: v & 1 != 0, norm: norms[doc])
                while w >= 32 { out[o] = alphabet[32 + (w & 31)]; o += 1; w >>= 5 }
                out[o] = alphabet[w]; o += 1
            }
            listDoc = doc
            previous = last
            return o
        }
    }
}
