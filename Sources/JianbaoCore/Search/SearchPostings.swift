import Foundation

/// The inverted index of the search documents, built on all cores.
///
/// The documents are split into contiguous ranges, each indexed by one thread into a `RangeIndex` with token ids
/// of its own, so nothing is shared or locked while counting. A token's final list is its lists of the ranges
/// one after the other. The final weights need the average document length, known only at the end, and are
/// computed by `finish` (SearchPostings+Final.swift).
final class SearchPostings: @unchecked Sendable {
    /// Ranges per core: a few, so a core slowed by other work does not hold up the end.
    static let rangesPerCore = 4
    /// Fewest documents in a range by default: each range has tables and lists of its own, as large as its
    /// vocabulary, so many small ranges (many cores) would cost memory for nothing.
    static let documentsPerRange = 1000

    /// The ranges' lists, in document order.
    let ranges: [RangeIndex]
    /// Chinese characters and terms (bigrams and words) of each document.
    let charLength: [Int32]
    let termLength: [Int32]

    /// Builds the postings of `docs` (document ids are their indices) in `rangeCount` ranges (by default a few per
    /// core, of at least `documentsPerRange` documents).
    init(_ docs: [SearchIndexWriter.Document], rangeCount: Int? = nil) {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let wanted = rangeCount ?? min(cores * SearchPostings.rangesPerCore, docs.count / SearchPostings.documentsPerRange + 1)
        let n = max(1, min(docs.count, wanted))
        var charLength = [Int32](repeating: 0, count: docs.count)
        var termLength = [Int32](repeating: 0, count: docs.count)
        var built = [RangeIndex?](repeating: nil, count: n)
        built.withUnsafeMutableBufferPointer { built in
            charLength.withUnsafeMutableBufferPointer { chars in
                termLength.withUnsafeMutableBufferPointer { terms in
                    docs.withUnsafeBufferPointer { docs in
                        DispatchQueue.concurrentPerform(iterations: n) { r in
                            let index = RangeIndex(), scanner = SearchIndexScanner()
                            for k in docs.count * r / n ..< docs.count * (r + 1) / n {
                                (chars[k], terms[k]) = index.add(docs.baseAddress.unsafelyUnwrapped + k, doc: Int32(k),
                                                                 scanner: scanner)
                            }
                            built[r] = index
                        }
                    }
                }
            }
        }
        ranges = built.map { $0! }
        self.charLength = charLength
        self.termLength = termLength
    }
}
