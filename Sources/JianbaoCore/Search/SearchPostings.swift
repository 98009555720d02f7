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
