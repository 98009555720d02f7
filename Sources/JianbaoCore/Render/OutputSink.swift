import Foundation

/// Where rendered files go: the staging folder of a build, or memory in preview. Called from many threads.
public protocol OutputSink: AnyObject, Sendable {
    /// Stores one file at `path` (relative, `/`-separated, e.g. `ganzhou/2022/151/index.html`).
    func write(_ path: String, _ data: Data) throws
    /// Stores one file from bytes the caller owns (a page's UTF-8, an index buffer) without copying them
    /// into a `Data` first when the sink can help it.
    func write(_ path: String, bytes: UnsafeRawBufferPointer) throws
}

extension OutputSink {
    public func write(_ path: String, bytes: UnsafeRawBufferPointer) throws { try write(path, Data(bytes)) }

    /// Stores a text file (UTF-8).
    public func write(_ path: String, text: String) throws {
        var text = text
        try text.withUTF8 { try write(path, bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Stores a file from a byte array.
    public func write(_ path: String, bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write(path, bytes: $0) }
    }
}

/// Keeps every file in memory (tests, preview).
public final class MemorySink: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String: Data] = [:]

    /// An empty sink.
    public init() {}

    public func write(_ path: String, _ data: Data) throws {
        lock.lock(); defer { lock.unlock() }
        storage[path] = data
    }

    /// All files written, by path.
    public var files: [String: Data] {
        lock.lock(); defer { lock.unlock() }
        return storage
    }

    /// A file as text.
    public func text(_ path: String) -> String? {
        files[path].map { String(decoding: $0, as: UTF8.self) }
    }
}
