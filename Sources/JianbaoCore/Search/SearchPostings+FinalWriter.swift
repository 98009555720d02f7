import Foundation

extension SearchPostings {
    /// Writes final lists in scratch space of its own (one per thread).
    final class FinalWriter {
        private var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
        private var capacity = 1 << 16
        private let alphabet = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        /// A token's runs in the ranges that have it, and their first blocks.
        private let runs: UnsafeMutablePointer<ListStore.Run>
        private let firsts: UnsafeMutablePointer<ListStore.Contents>

        /// A writer for tokens of up to `rangeCount` ranges.
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
                runs[n] = r.store.run(of: Int(list))
                postings += runs[n].postings
                n += 1
            }
            for k in 0..<n { firsts[k] = ListStore.contents(of: runs[k].first, in: runs[k]) }
            // At most 7 digits for a gap (< 2^35) and 7 for a weight.
            if postings * 14 > capacity {
                scratch.deallocate()
                capacity = max(postings * 14, capacity * 2)
                scratch = .allocate(capacity: capacity)
            }
            var o = 0
            var previous = 0
            weights.digits.withUnsafeBufferPointer { table in
                weights.norms.withUnsafeBufferPointer { norms in
                    for k in 0..<n {
                        var doc = 0
                        var block = firsts[k]
                        while true {
                            let next = block.next.map { ListStore.contents(of: $0, in: runs[k]) }
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

        /// Writes postings of one range's list (LEB128 pairs, see `ListStore`) at `o`; returns the new end.
        /// `doc` is the list's document before them, `previous` the last document written.
        ///
        /// The common postings go through `writeCommon`, which makes no call (its values stay in registers); each
        /// other one, and the first of a range's list (whose gap is from another range's document), is written here,
        /// the general way.
        @inline(__always)
        private func write(_ bytes: UnsafePointer<UInt8>, count: Int, doc listDoc: inout Int, previous: inout Int, at o: Int,
                           table: UnsafePointer<UInt8>, norms: UnsafePointer<Double>) -> Int {
            let out = scratch, alphabet = UnsafePointer(self.alphabet)
            var p = bytes
            let end = bytes + count
            var o = o, doc = listDoc, last = previous
            while p < end {
                if doc == last {
                    (p, doc, o) = FinalWriter.writeCommon(p, end: end, doc: doc, out: out, at: o, alphabet: alphabet,
                                                          digits: table)
                    last = doc
                    guard p < end else { break }
                }
                var gap = Int(p.pointee)
                if gap < 0x80 { p += 1 } else { (gap, p) = FinalWriter.readLEB128(p) }
                var v = Int(p.pointee)
                if v < 0x80 { p += 1 } else { (v, p) = FinalWriter.readLEB128(p) }
                doc &+= gap
                var g = doc &- last
                last = doc
                while g >= 32 { out[o] = alphabet[32 &+ (g & 31)]; o &+= 1; g &>>= 5 }
                out[o] = alphabet[g]; o &+= 1
                let digit = v < 32 ? table[doc &<< 5 | v] : 0
                if digit != 0 { out[o] = digit; o &+= 1; continue }
                var w = SearchIndexWriter.weight(tf: v >> 2, inTitle: v & 2 != 0, inDepartment: v & 1 != 0, norm: norms[doc])
                while w >= 32 { out[o] = alphabet[32 &+ (w & 31)]; o &+= 1; w &>>= 5 }
                out[o] = alphabet[w]; o &+= 1
            }
            listDoc = doc
            previous = last
            return o
        }

        /// Writes the postings from `p` at `out + o` while they are common: both LEB128 numbers of one byte, a gap
        /// below 32 (one digit), a value below 32 whose weight has a digit in `digits` (see `Weights`). The last
        /// document written must be the list's document `doc`, so a posting's gap is the one written. Returns where it
        /// stopped, the list's document and the new end. It calls nothing and takes all it needs as arguments, so its
        /// values stay in registers. (A posting's two bytes are read at once: a posting never ends a block early, so
        /// a byte left before `end` has the posting's second after it; one mask tests both numbers' high bits.)
        @inline(never)
        private static func writeCommon(_ p: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, doc: Int,
                                        out: UnsafeMutablePointer<UInt8>, at o: Int, alphabet: UnsafePointer<UInt8>,
                                        digits: UnsafePointer<UInt8>) -> (UnsafePointer<UInt8>, Int, Int) {
            var p = p, doc = doc, o = o
            while p < end {
                let pair = Int(UnsafeRawPointer(p).loadUnaligned(as: UInt16.self).littleEndian)
                guard pair & 0xE0E0 == 0 else { break }
                let gap = pair & 0xFF
                let d = doc &+ gap
                let digit = digits[d &<< 5 | pair &>> 8]
                guard digit != 0 else { break }
                out[o] = alphabet[gap]
                out[o &+ 1] = digit
                o &+= 2
                p += 2
                doc = d
            }
            return (p, doc, o)
        }

        /// The LEB128 number at `p`, and the byte after it (for the rare numbers of more than one byte).
        @inline(never)
        private static func readLEB128(_ p: UnsafePointer<UInt8>) -> (Int, UnsafePointer<UInt8>) {
            var p = p, value = 0, shift = 0
            while true {
                let b = Int(p.pointee); p += 1
                value |= (b & 0x7F) << shift
                shift += 7
                if b < 0x80 { return (value, p) }
            }
        }
    }
}
