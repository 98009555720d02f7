import Foundation

/// Watches `site.yml`, `content/` and `templates/` of a site and reports changed paths (relative to the site
/// folder, folders allowed, `*` for "rescan everything"). Callbacks come from a background thread.
protocol SourceWatcher: AnyObject, Sendable {
    /// Starts watching.
    func start(onChange: @escaping @Sendable ([String]) -> Void) throws
    /// Stops watching; no callback after this returns.
    func stop()
}

/// How the preview notices edits.
public enum WatchMode: Sendable, Equatable {
    /// inotify on Linux, polling elsewhere (or when inotify is unavailable).
    case automatic
    /// Scan modification times and sizes every `interval` seconds.
    case polling(interval: Double)
    /// Do not watch (tests and benchmarks call `PreviewServer.notifyChanged`).
    case none
}

enum WatcherFactory {
    /// The watcher for a mode, or nil for `.none`.
    static func make(_ mode: WatchMode, root: URL) -> (any SourceWatcher)? {
        switch mode {
        case .none: return nil
        case .polling(let interval): return PollingWatcher(root: root, interval: interval)
        case .automatic:
            #if os(Linux)
            if let w = try? InotifyWatcher(root: root) { return w }
            #endif
            return PollingWatcher(root: root, interval: 0.5)
        }
    }

    /// Names editors write next to the real file (swap, backup, hidden files): not worth a rebuild.
    static func isNoise(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx")
            || name.hasSuffix(".tmp") || name == "4913"
    }

    /// Whether a path relative to the site folder is one the build reads.
    static func isWatched(_ rel: String) -> Bool {
        rel == "site.yml" || rel == "content" || rel == "templates" || rel.hasPrefix("content/") || rel.hasPrefix("templates/")
    }
}
