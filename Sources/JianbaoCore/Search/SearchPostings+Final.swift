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

    /// The weights of one family's documents: a table of the common postings' weights as written, and the length
    /// norms for the rest.
    struct Weights {
        /// The largest term count in `digits`.
        static let tableTF = 7
        /// Entry `doc << 5 | value` for a posting's value `tf << 2 | flags` with tf 1…7 (value 4…31; entries 0…3 unused):
        /// the weight's one `SearchNumbers` digit, or 0 if it takes more than one (from 32 on).
        let digits: [UInt8]
        let norms: [Double]

        /// The weights of documents whose length norms are `norms`.
        init(norms: [Double]) {
            var digits = [UInt8](repeating: 0, count: norms.count << 5)
            // Through buffers: the global alphabet was otherwise checked for initialization at every entry.
            digits.withUnsafeMutableBufferPointer { digits in
                SearchNumbers.alphabet.withUnsafeBufferPointer { alphabet in
                    for (doc, norm) in norms.enumerated() {
                        for tf in 1...Weights.tableTF {
                            for flags in 0..<4 {
                                let w = SearchIndexWriter.weight(tf: tf, inTitle: flags & 2 != 0, inDepartment: flags & 1 != 0,
                                                                 norm: norm)
                                digits[doc << 5 | tf << 2 | flags] = w < 32 ? alphabet[w] : 0
                            }
                        }
                    }
                }
            }
            self.digits = digits
            self.norms = norms
        }
    }
}
