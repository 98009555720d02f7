import Foundation
import JianbaoCore

/// What the server shows right now: the last good site, and the failure of the latest build if it failed.
struct PreviewSnapshot: Sendable {
    /// Files of the last good build, by output path.
    var files: [String: Data] = [:]
    /// Base path of the site (`/jianbao/`), from the last config read.
    var basePath = "/"
    /// The latest build's failure, nil when it succeeded.
    var failure: BuildFailure?
    /// Changes with every rebuild that changed something; pages carry the generation they were served with.
    var generation = ""
    /// Whether a build ever succeeded.
    var hasSite = false
    /// Which Host values are answered; nil until the server listens.
    var policy: HostPolicy?
    /// Source paths of the issues of the last good build, newest first.
    var issuePaths: [String] = []
}

/// Thread-safe holder of the current snapshot (written by the rebuild thread, read by requests).
final class PreviewState: @unchecked Sendable {
    private let lock = NSLock()
    private var current = PreviewSnapshot()

    /// The current snapshot.
    var snapshot: PreviewSnapshot {
        lock.lock(); defer { lock.unlock() }
        return current
    }

    /// Changes the snapshot and returns the new one.
    @discardableResult
    func update(_ change: (inout PreviewSnapshot) -> Void) -> PreviewSnapshot {
        lock.lock(); defer { lock.unlock() }
        change(&current)
        return current
    }
}
