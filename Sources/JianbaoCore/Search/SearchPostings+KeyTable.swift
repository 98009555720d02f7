extension SearchPostings {
    /// An open-addressing table from packed Chinese tokens (`SearchToken` keys, never 0) to list ids, in manually
    /// managed memory; freed by `deallocate`.
    struct KeyTable {
        private(set) var capacity: Int
        private var keys: UnsafeMutablePointer<UInt64>
        private var ids: UnsafeMutablePointer<Int32>
        private(set) var count = 0

        /// An empty table of `capacity` slots (a power of two).
        init(capacity: Int = 1 << 12) {
            self.capacity = capacity
            keys = .allocate(capacity: capacity); keys.initialize(repeating: 0, count: capacity)
            ids = .allocate(capacity: capacity)
        }

        func deallocate() { keys.deallocate(); ids.deallocate() }

        /// The slot of `key`: the one holding it, or the empty one where it belongs.
        @inline(__always)
        func slot(_ key: UInt64) -> Int {
            let mask = capacity - 1
            var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
            while true {
                let k = keys[i]
                if k == key || k == 0 { return i }
                i = (i + 1) & mask
            }
        }

        /// The id stored for `key` in `slot`, or nil if the slot is empty.
        @inline(__always)
        func id(at slot: Int) -> Int32? { keys[slot] == 0 ? nil : ids[slot] }

        /// Stores `key` with `id` in the empty `slot` found by `slot(_:)`.
        mutating func insert(_ key: UInt64, _ id: Int32, at slot: Int) {
            keys[slot] = key; ids[slot] = id
            count += 1
            if count * 2 >= capacity { grow() }
        }

        private mutating func grow() {
            let old = (keys, ids, capacity)
            capacity *= 2
            keys = .allocate(capacity: capacity); keys.initialize(repeating: 0, count: capacity)
            ids = .allocate(capacity: capacity)
            for i in 0..<old.2 where old.0[i] != 0 {
                let s = slot(old.0[i])
                keys[s] = old.0[i]; ids[s] = old.1[i]
            }
            old.0.deallocate(); old.1.deallocate()
        }
    }
}
