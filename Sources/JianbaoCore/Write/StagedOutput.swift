import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a build into a staging folder beside the output, then swaps it in by rename, so the
/// published folder is never half-written: a failed or killed build leaves it exactly as it was.
/// Files whose bytes did not change are hard-linked from the previous output (same inode, same mtime),
/// so rsync and CDN uploads see only real changes.
public final class StagedOutput: OutputSink, @unchecked Sendable {
    /// The folder being replaced (e.g. `public/`).
    public let output: URL
    /// The staging folder.
    public let staging: URL
    private let lock = NSLock()
    private var createdDirs = Set<String>()
    private var written = 0
    private var changed = 0

    /// Prepares a fresh staging folder next to `output` (removing stale ones from killed builds).
    public init(output: URL) throws {
        self.output = output.standardizedFileURL
        let parent = self.output.deletingLastPathComponent()
        let name = self.output.lastPathComponent
        let fm = FileManager.default
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        for stale in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] where stale.hasPrefix(".\(name).staging-") || stale.hasPrefix(".\(name).old-") {
            try? fm.removeItem(at: parent.appendingPathComponent(stale))
        }
        staging = parent.appendingPathComponent(".\(name).staging-\(getpid())")
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        createdDirs.insert(staging.path)
    }

    /// Number of files written and how many differ from the previous output.
    public var counts: (written: Int, changed: Int) {
        lock.lock(); defer { lock.unlock() }
        return (written, changed)
    }

    public func write(_ path: String, _ data: Data) throws {
        precondition(!path.hasPrefix("/") && !path.contains(".."), "output path must stay inside the output folder")
        let target = staging.path + "/" + path
        let dir = (target as NSString).deletingLastPathComponent
        try ensureDirectory(dir)
        let old = output.path + "/" + path
        var same = false
        if let attrs = try? FileManager.default.attributesOfItem(atPath: old), (attrs[.size] as? Int) == data.count,
           let oldData = FileManager.default.contents(atPath: old), oldData == data {
            same = link(old, target) == 0
        }
        if !same {
            guard FileManager.default.createFile(atPath: target, contents: data) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target])
            }
        }
        lock.lock()
        written += 1
        if !same { changed += 1 }
        lock.unlock()
    }

    private func ensureDirectory(_ dir: String) throws {
        lock.lock()
        let known = createdDirs.contains(dir)
        lock.unlock()
        if known { return }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        lock.lock()
        createdDirs.insert(dir)
        lock.unlock()
    }

    /// Counts files of the previous output that the new one no longer has (they count as changes).
    public func removedCount() -> Int {
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: output.path) else { return 0 }
        var n = 0
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: output.path + "/" + rel, isDirectory: &isDir), !isDir.boolValue,
               !fm.fileExists(atPath: staging.path + "/" + rel) { n += 1 }
        }
        return n
    }

    /// Swaps the staging folder in. Until this call the previous output is untouched.
    public func commit() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: output.path) {
            let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
            try fm.moveItem(at: output, to: old)
            do {
                try fm.moveItem(at: staging, to: output)
            } catch {
                try? fm.moveItem(at: old, to: output)
                throw error
            }
            try? fm.removeItem(at: old)
        } else {
            try fm.moveItem(at: staging, to: output)
        }
    }

    /// Throws the staging folder away (failed build).
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}
