import Foundation

/// Hands out the indices `0..<count` one at a time to the threads that share it, so that a few long-lived
/// workers (each with its own buffers) can share a list of jobs of uneven size.
final class WorkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int

    /// A counter over `0..<count`.
    init(count: Int) { self.count = count }

    /// The next index not yet handed out, or nil when all have been.
    func take() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}
