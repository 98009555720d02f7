import Foundation

/// The first error of work running on several threads or tasks, readable from the others.
public final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?

    /// An empty box.
    public init() {}

    /// Keeps the first error.
    public func set(_ e: Error) {
        lock.lock(); defer { lock.unlock() }
        if error == nil { error = e }
    }

    /// The error, if any.
    public var value: Error? {
        lock.lock(); defer { lock.unlock() }
        return error
    }
}
