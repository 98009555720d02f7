import Foundation
import JianbaoCore

/// Collects change notifications, waits until a burst is over (an editor's save is several writes), then rebuilds
/// on its own thread. Changes that arrive during a rebuild are kept and trigger a follow-up rebuild: none is lost.
/// A search index the rebuild left stale (`IncrementalSite.defersSearch`) is refreshed afterwards, when no change
/// is waiting.
final class Rebuilder: @unchecked Sendable {
    /// Result of one rebuild, with the paths it was for and its wall time.
    typealias Handler = @Sendable (_ result: Result<IncrementalSite.ChangeSet, BuildFailure>, _ paths: [String], _ seconds: Double) -> Void
    /// Result of one refresh of the search index, with its wall time.
    typealias SearchHandler = @Sendable (_ result: Result<IncrementalSite.ChangeSet, BuildFailure>, _ seconds: Double) -> Void

    private let site: IncrementalSite
    private let debounce: Double
    private let handler: Handler
    private let searchHandler: SearchHandler
    /// A rebuild or a search refresh is in progress or due (guarded by `condition`).
    private var working = false
    private let condition = NSCondition()
    private var pending: Set<String> = []
    private var lastEvent: UInt64 = 0
    /// When the oldest pending change arrived: a stream of writes never delays a rebuild by more than `maxWait`.
    private var firstEvent: UInt64 = 0
    /// Longest wait for a quiet moment, in seconds.
    static let maxWait = 1.0
    private var stopped = false
    private var running = false

    /// A rebuilder for `site`; `debounce` in seconds.
    init(site: IncrementalSite, debounce: Double, handler: @escaping Handler, searchHandler: @escaping SearchHandler = { _, _ in }) {
        self.site = site
        self.debounce = debounce
        self.handler = handler
        self.searchHandler = searchHandler
    }

    /// Whether no change is waiting, no rebuild is running and the search index is not waiting for its refresh.
    var isIdle: Bool {
        condition.lock(); defer { condition.unlock() }
        return pending.isEmpty && !working
    }

    /// Starts the rebuild thread.
    func start() {
        condition.lock(); running = true; condition.unlock()
        let thread = Thread { [self] in loop() }
        thread.name = "jianbao-rebuild"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Notes changed paths; the rebuild starts `debounce` after the last notification.
    func notify(_ paths: [String]) {
        condition.lock()
        let now = DispatchTime.now().uptimeNanoseconds
        if pending.isEmpty { firstEvent = now }
        pending.formUnion(paths)
        lastEvent = now
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the thread after the rebuild in progress (if any).
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    private func loop() {
        condition.lock()
        while !stopped {
            if pending.isEmpty {
                // Only this thread uses the site.
                if working && site.searchIsStale {
                    condition.unlock()
                    let start = DispatchTime.now().uptimeNanoseconds
                    let result = site.refreshSearch()
                    searchHandler(result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000)
                    condition.lock()
                    continue
                }
                working = false
                condition.wait()
                continue
            }
            working = true
            let due = min(lastEvent &+ UInt64(debounce * 1_000_000_000), firstEvent &+ UInt64(Rebuilder.maxWait * 1_000_000_000))
            let now = DispatchTime.now().uptimeNanoseconds
            if now < due {
                _ = condition.wait(until: Date(timeIntervalSinceNow: Double(due - now) / 1_000_000_000))
                continue
            }
            let paths = pending.sorted()
            pending = []
            condition.unlock()
            let start = DispatchTime.now().uptimeNanoseconds
            let result = site.apply(changedPaths: paths)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000
            handler(result, paths, seconds)
            condition.lock()
        }
        running = false
        condition.broadcast()
        condition.unlock()
    }
}
