import Foundation

extension SearchPostings {
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
}
