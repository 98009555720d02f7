import Foundation

/// Where rendered files go: the staging folder of a build, or memory in preview. Called from many threads.
public protocol OutputSink: AnyObject, Sendable {
    /// Stores one file at `path` (relative, `/`-separated, e.g. `ganzhou/2022/151/index.html`).
    func write(_ path: String, _ data: Data) throws
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
