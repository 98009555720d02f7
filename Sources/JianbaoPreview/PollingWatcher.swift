import Foundation

/// Portable watcher: scans modification times and sizes of `site.yml`, `content/**` and `templates/**`.
final class PollingWatcher: SourceWatcher, @unchecked Sendable {
    private struct Stamp: Equatable {
        var mtime: Double
        var size: UInt64
        var isDir: Bool
    }

    let root: URL
    let interval: Double
    private let condition = NSCondition()
    private var stopped = false
    private var running = false
    /// The last scan (touched only by the polling thread once started).
    private var previous: [String: Stamp] = [:]

    init(root: URL, interval: Double) {
        self.root = root.standardizedFileURL
        self.interval = max(0.05, interval)
    }

    func start(onChange: @escaping @Sendable ([String]) -> Void) throws {
        previous = scan()
        condition.lock(); running = true; condition.unlock()
        let thread = Thread { [self] in
            while true {
                condition.lock()
                if !stopped { _ = condition.wait(until: Date(timeIntervalSinceNow: interval)) }
                if stopped { running = false; condition.broadcast(); condition.unlock(); return }
                condition.unlock()
                let now = scan()
                var changed: [String] = []
                for (path, stamp) in now where previous[path] != stamp { changed.append(path) }
                for path in previous.keys where now[path] == nil { changed.append(path) }
                previous = now
                if !changed.isEmpty { onChange(changed.sorted()) }
            }
        }
        thread.name = "jianbao-poll"
        thread.start()
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    /// Every watched path with its stamp.
    private func scan() -> [String: Stamp] {
        var out: [String: Stamp] = [:]
        let fm = FileManager.default
        func stamp(_ path: String) -> Stamp? {
            guard let a = try? fm.attributesOfItem(atPath: root.appendingPathComponent(path).path) else { return nil }
            let date = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let size = (a[.size] as? NSNumber)?.uint64Value ?? 0
            return Stamp(mtime: date, size: size, isDir: a[.type] as? FileAttributeType == .typeDirectory)
        }
        if let s = stamp("site.yml") { out["site.yml"] = s }
        for top in ["content", "templates"] {
            guard let s = stamp(top) else { continue }
            out[top] = s
            guard let e = fm.enumerator(atPath: root.appendingPathComponent(top).path) else { continue }
            while let rel = e.nextObject() as? String {
                let name = (rel as NSString).lastPathComponent
                if WatcherFactory.isNoise(name) { continue }
                let path = top + "/" + rel
                if let s = stamp(path) { out[path] = s }
            }
        }
        return out
    }
}
