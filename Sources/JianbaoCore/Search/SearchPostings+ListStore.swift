import Foundation

extension SearchPostings {
    /// The posting lists of one range, in manually managed memory (freed by `deallocate`). A posting is two
    /// LEB128 numbers: the gap from the list's previous document (from 0 for the first) and
    /// `tf << 2 | inTitle << 1 | inDepartment`.
    ///
    /// A list is a chain of blocks in an arena of its own, each half as large again as the one before (up to
    /// `maxBlock`; doubling left a third of the arena unused), so appending never copies and reading is mostly
    /// sequential. A block starts with the address of the next and the bytes it holds (written when it is full);
    /// a posting never spans two blocks.
    struct ListStore {
        /// A list: its last block, the next free byte and the end of that block, its last document, its postings.
        struct List {
            var block: UnsafeMutablePointer<UInt8>
            var tail: UnsafeMutablePointer<UInt8>
            var end: UnsafeMutablePointer<UInt8>
            var last: Int32
            var postings: Int32
        }

        /// Where a list's bytes are: its first and last blocks, the end of its bytes, its number of postings.
        struct Run {
            var first: UnsafeMutablePointer<UInt8>
            var last: UnsafeMutablePointer<UInt8>
            var tail: UnsafeMutablePointer<UInt8>
            var postings: Int
        }

        /// The bytes of one block of a run, and the next block (nil after the last).
        typealias Contents = (bytes: UnsafePointer<UInt8>, count: Int, next: UnsafeMutablePointer<UInt8>?)

        static let header = 16, firstBlock = 48, maxBlock = 1 << 16, arenaChunk = 1 << 20

        private(set) var lists: UnsafeMutablePointer<List>
        private(set) var capacity = 1 << 10
        private(set) var count = 0
        /// The first block of each list.
        private var heads: [UnsafeMutablePointer<UInt8>] = []
        private var chunks: [UnsafeMutableRawPointer] = []
        private var free: UnsafeMutableRawPointer? = nil
        private var freeEnd: UnsafeMutableRawPointer? = nil

        init() { lists = .allocate(capacity: capacity) }

        /// Frees the arena and the list states.
        func deallocate() {
            for chunk in chunks { chunk.deallocate() }
            lists.deallocate()
        }

        /// Adds an empty list; returns its id. `capacity` may grow.
        mutating func newList() -> Int32 {
            if count == capacity {
                let bigger = UnsafeMutablePointer<List>.allocate(capacity: capacity * 2)
                bigger.moveInitialize(from: lists, count: count)
                lists.deallocate()
                lists = bigger
                capacity *= 2
            }
            let block = allocateBlock(ListStore.firstBlock)
            (lists + count).initialize(to: List(block: block, tail: block + ListStore.header,
                                                end: block + ListStore.firstBlock, last: 0, postings: 0))
            heads.append(block)
            count += 1
            return Int32(count - 1)
        }

        /// Appends a posting of document `doc` to each list `ids[0..<n]`, whose value is `values[id]`, and sets those
        /// values back to 0. (One loop over the document's lists: the list states' address stays in a register,
        /// since appending never moves them, and only the fields that change are stored.)
        @inline(__always)
        mutating func append(doc: Int32, ids: UnsafePointer<Int32>, count n: Int, values: UnsafeMutablePointer<UInt32>) {
            let lists = self.lists
            for s in 0..<n {
                let id = Int(ids[s])
                let value = values[id]
                values[id] = 0
                let list = lists + id
                var p = list.pointee.tail
                // Room for two LEB128 numbers of 32 bits.
                if list.pointee.end - p < 10 { p = nextBlock(list) }
                var gap = UInt32(bitPattern: doc &- list.pointee.last)
                if gap | value < 0x80 { // both of one byte (nearly all): stored at once
                    UnsafeMutableRawPointer(p).storeBytes(of: UInt16(truncatingIfNeeded: gap | value << 8).littleEndian,
                                                          as: UInt16.self)
                    list.pointee.tail = p + 2
                    list.pointee.last = doc
                    list.pointee.postings &+= 1
                    continue
                }
                while gap >= 0x80 { p.pointee = UInt8(truncatingIfNeeded: gap) | 0x80; p += 1; gap >>= 7 }
                p.pointee = UInt8(truncatingIfNeeded: gap); p += 1
                var v = value
                while v >= 0x80 { p.pointee = UInt8(truncatingIfNeeded: v) | 0x80; p += 1; v >>= 7 }
                p.pointee = UInt8(truncatingIfNeeded: v); p += 1
                list.pointee.tail = p
                list.pointee.last = doc
                list.pointee.postings &+= 1
            }
        }

        /// Where list `id`'s bytes are.
        func run(of id: Int) -> Run {
            let list = lists[id]
            return Run(first: heads[id], last: list.block, tail: list.tail, postings: Int(list.postings))
        }

        /// The bytes held by `block` of `run`.
        @inline(__always)
        static func contents(of block: UnsafeMutablePointer<UInt8>, in run: Run) -> Contents {
            if block == run.last { return (UnsafePointer(block + header), run.tail - (block + header), nil) }
            let raw = UnsafeRawPointer(block)
            return (UnsafePointer(block + header), raw.load(fromByteOffset: 8, as: Int.self),
                    raw.load(as: UnsafeMutablePointer<UInt8>.self))
        }

        /// A block of `size` bytes with an empty header, from the arena.
        private mutating func allocateBlock(_ size: Int) -> UnsafeMutablePointer<UInt8> {
            if free == nil || freeEnd! - free! < size {
                let chunk = UnsafeMutableRawPointer.allocate(byteCount: max(size, ListStore.arenaChunk), alignment: 16)
                chunks.append(chunk)
                free = chunk
                freeEnd = chunk + max(size, ListStore.arenaChunk)
            }
            let block = free!
            free = block + size
            block.storeBytes(of: nil, as: UnsafeMutablePointer<UInt8>?.self)
            block.storeBytes(of: 0, toByteOffset: 8, as: Int.self)
            return block.assumingMemoryBound(to: UInt8.self)
        }

        /// Closes the last block of `list` and starts the next; returns its first free byte.
        @inline(never)
        private mutating func nextBlock(_ list: UnsafeMutablePointer<List>) -> UnsafeMutablePointer<UInt8> {
            let current = list.pointee.end - list.pointee.block
            let size = min((current + current / 2 + 15) & ~15, ListStore.maxBlock)
            let block = allocateBlock(size)
            let old = UnsafeMutableRawPointer(list.pointee.block)
            old.storeBytes(of: block, as: UnsafeMutablePointer<UInt8>?.self)
            old.storeBytes(of: list.pointee.tail - (list.pointee.block + ListStore.header), toByteOffset: 8, as: Int.self)
            list.pointee.block = block
            list.pointee.tail = block + ListStore.header
            list.pointee.end = block + size
            return block + ListStore.header
        }
    }
}
