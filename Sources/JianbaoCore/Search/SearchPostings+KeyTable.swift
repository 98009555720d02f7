extension SearchPostings {
    /// An open-addressing table from integer keys (never 0) to list ids, in manually managed memory; freed by
    /// `deallocate`. A key and its id share a slot, so a lookup reads one cache line.
    struct KeyTable<Key: FixedWidthInteger & UnsignedInteger> {
        /// A key (0: empty) and its id.
        struct Slot { var key: Key; var id: Int32 }
        private(set) var capacity: Int
        private var slots: UnsafeMutablePointer<Slot>
        private(set) var count = 0

        /// An empty table of `capacity` slots (a power of two).
        init(capacity: Int = 1 << 12) {
            self.capacity = capacity
            slots = .allocate(capacity: capacity); slots.initialize(repeating: Slot(key: 0, id: 0), count: capacity)
        }

        /// Frees the slots.
        func deallocate() { slots.deallocate() }

        /// The slot of `key`: the one holding it, or the empty one where it belongs.
        @inline(__always)
        func slot(_ key: Key) -> Int { KeyTable.slot(key, in: slots, mask: capacity - 1) }

        /// The slots and the mask of their indices, for a caller that keeps them in registers: valid until the next
        /// `insert`.
        var storage: (slots: UnsafeMutablePointer<Slot>, mask: Int) { (slots, capacity - 1) }

        /// The slot of `key` in `slots` (see `storage`).
        @inline(__always)
        static func slot(_ key: Key, in slots: UnsafeMutablePointer<Slot>, mask: Int) -> Int {
            var i = Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
            while true {
                let k = slots[i].key
                if k == key || k == 0 { return i }
                i = (i &+ 1) & mask
            }
        }

        /// The id stored for `key` in `slot`, or nil if the slot is empty.
        @inline(__always)
        func id(at slot: Int) -> Int32? { slots[slot].key == 0 ? nil : slots[slot].id }

        /// Stores `key` with `id` in the empty `slot` found by `slot(_:)`.
        mutating func insert(_ key: Key, _ id: Int32, at slot: Int) {
            slots[slot] = Slot(key: key, id: id)
            count += 1
            if count * 2 >= capacity { grow() }
        }

        /// Doubles the slots.
        private mutating func grow() {
            let (old, oldCapacity) = (slots, capacity)
            capacity *= 2
            slots = .allocate(capacity: capacity); slots.initialize(repeating: Slot(key: 0, id: 0), count: capacity)
            for i in 0..<oldCapacity where old[i].key != 0 { slots[slot(old[i].key)] = old[i] }
            old.deallocate()
        }
    }
}
