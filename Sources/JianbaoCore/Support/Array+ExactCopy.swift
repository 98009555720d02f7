extension Array where Element == UInt8 {
    /// The bytes in new storage of their own size.
    ///
    /// `Array(bytes[...])` does not copy: a slice that spans its whole array converts back by sharing the array's
    /// storage, spare capacity included, and the next `removeAll(keepingCapacity: true)` on the original then
    /// allocates a new buffer as large. Scratch buffers that grow while an article is built must be copied out
    /// with this instead, so the model holds no spare capacity and the scratch buffer is really reused.
    func exactCopy() -> [UInt8] { self[...].exactCopy() }
}

extension ArraySlice where Element == UInt8 {
    /// The bytes in new storage of their own size (see `Array.exactCopy()`), whatever part of its array the slice spans.
    func exactCopy() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            initialized = withUnsafeBufferPointer { out.initialize(fromContentsOf: $0) }
        }
    }
}
