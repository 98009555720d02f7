import Foundation

extension SearchPostings {
    /// An open-addressing table from words (UTF-8 bytes) to list ids, keeping the words' bytes, so a word becomes a
    /// `String` only once per range (`word(_:)`). Manually managed slots, freed by `deallocate`.
    struct WordTable {
        /// A word's hash, list id (-1: empty) and index in `spans`.
        struct Slot { var hash: UInt64; var id: Int32; var word: Int32 }
        private var slots: UnsafeMutablePointer<Slot>
        private var capacity = 1 << 8
        private var bytes: [UInt8] = []
        /// Each word's start and length in `bytes`, by word index.
        private var spans: [(start: Int, length: Int)] = []

        init() {
            slots = .allocate(capacity: capacity)
            slots.initialize(repeating: Slot(hash: 0, id: -1, word: 0), count: capacity)
        }

        /// Frees the slots.
        func deallocate() { slots.deallocate() }

        /// Words in the table.
        var count: Int { spans.count }

        /// The list id of `utf8`; if new, the word gets index `count` and the id `make(index)`.
        @inline(__always)
        mutating func id(of utf8: UnsafeBufferPointer<UInt8>, orInsert make: (Int) -> Int32) -> Int32 {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325 // FNV-1a
            for b in utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            let mask = capacity - 1
            var i = WordTable.start(h, mask: mask)
            while slots[i].id >= 0 {
                if slots[i].hash == h && equals(Int(slots[i].word), utf8) { return slots[i].id }
                i = (i + 1) & mask
            }
            let id = make(spans.count)
            slots[i] = Slot(hash: h, id: id, word: Int32(spans.count))
            spans.append((bytes.count, utf8.count))
            bytes.append(contentsOf: utf8)
            if spans.count * 2 >= capacity { grow() }
            return id
        }

        /// The first slot to probe for hash `h`. FNV-1a mixes a short word's last bytes into the low and the top
        /// bits only, so the bits from 20 up, used at first, put numbers and short words into long runs of
        /// neighbouring slots (~13 probes a lookup); a multiplication mixes all bits into the top ones taken here.
        @inline(__always)
        static func start(_ h: UInt64, mask: Int) -> Int {
            Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        }

        /// Word `index` as a string.
        func word(_ index: Int) -> String {
            let (start, length) = spans[index]
            return String(decoding: bytes[start..<(start + length)], as: UTF8.self)
        }

        /// Whether word `index` is `utf8`.
        private func equals(_ index: Int, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
            let (start, length) = spans[index]
            return length == utf8.count && bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, utf8.baseAddress!, length) == 0 }
        }

        /// Doubles the slots.
        private mutating func grow() {
            let (old, oldCapacity) = (slots, capacity)
            capacity *= 2
            slots = .allocate(capacity: capacity)
            slots.initialize(repeating: Slot(hash: 0, id: -1, word: 0), count: capacity)
            let mask = capacity - 1
            for k in 0..<oldCapacity where old[k].id >= 0 {
                var i = WordTable.start(old[k].hash, mask: mask)
                while slots[i].id >= 0 { i = (i + 1) & mask }
                slots[i] = old[k]
            }
            old.deallocate()
        }
    }
}
