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
    /// `output.path` and `staging.path`, made once (`URL.path` makes a new String on every call).
    private let outputPath: String, stagingPath: String
    /// Whether a previous output exists to compare files with (a first build skips the comparison).
    private let hasPrevious: Bool
    private let lock = NSLock()
    private var createdDirs = Set<String>()
    private var written = 0
    private var changed = 0
    /// Paths written (kept only when there is a previous output: they tell which of its files are gone).
    private var paths = Set<String>()

    /// Prepares a fresh staging folder next to `output` (removing stale ones from killed builds).
    public init(output: URL) throws {
        self.output = output.standardizedFileURL
        let parent = self.output.deletingLastPathComponent()
        let name = self.output.lastPathComponent
        let fm = FileManager.default
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        for stale in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] where stale.hasPrefix(".\(name).staging-") || stale.hasPrefix(".\(name).old-") {
            FileIO.removeTree(parent.appendingPathComponent(stale).path)
        }
        staging = parent.appendingPathComponent(".\(name).staging-\(getpid())")
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        outputPath = self.output.path
        stagingPath = staging.path
        var isDirectory: ObjCBool = false
        hasPrevious = fm.fileExists(atPath: outputPath, isDirectory: &isDirectory) && isDirectory.boolValue
        createdDirs.insert(stagingPath)
    }

    /// Number of files written and how many differ from the previous output.
    public var counts: (written: Int, changed: Int) {
        lock.lock(); defer { lock.unlock() }
        return (written, changed)
    }

    public func write(_ path: String, _ data: Data) throws {
        try data.withUnsafeBytes { try write(path, bytes: $0) }
    }

    public func write(_ path: String, bytes: UnsafeRawBufferPointer) throws {
        precondition(!path.hasPrefix("/") && !StagedOutput.hasDotDot(path), "output path must stay inside the output folder")
        let target = stagingPath + "/" + path
        let dir = String(target[..<(target.utf8.lastIndex(of: UInt8(ascii: "/")) ?? target.endIndex)])
        try ensureDirectory(dir)
        var same = false
        if hasPrevious {
            let old = outputPath + "/" + path
            if FileIO.file(old, holds: bytes) {
                same = link(old, target) == 0
            }
        }
        if !same { try FileIO.write(target, bytes) }
        lock.lock()
        written += 1
        if !same { changed += 1 }
        if hasPrevious { paths.insert(path) }
        lock.unlock()
    }

    /// Whether `path` contains `..` anywhere.
    private static func hasDotDot(_ path: String) -> Bool {
        var previous: UInt8 = 0
        for b in path.utf8 {
            if b == UInt8(ascii: ".") && previous == b { return true }
            previous = b
        }
        return false
    }

    private func ensureDirectory(_ dir: String) throws {
        lock.lock()
        let known = createdDirs.contains(dir)
        lock.unlock()
        if known { return }
        if !FileIO.makeDirectory(dir) {
            // A parent is missing too: create the chain.
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        lock.lock()
        createdDirs.insert(dir)
        lock.unlock()
    }

    /// Counts files of the previous output that the new one no longer has (they count as changes).
    public func removedCount() -> Int {
        guard hasPrevious else { return 0 }
        lock.lock(); defer { lock.unlock() }
        return FileIO.files(under: outputPath).reduce(0) { $0 + (paths.contains($1) ? 0 : 1) }
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
            // Deleting tens of thousands of inodes takes seconds; for a large tree let a detached
            // `rm -rf` do it after the swap (the next build also clears any leftovers).
            if paths.count < 2000 || !FileIO.removeTreeDetached(old.path) { FileIO.removeTree(old.path) }
        } else {
            try fm.moveItem(at: staging, to: output)
        }
    }

    /// Throws the staging folder away (failed build).
    public func discard() {
        FileIO.removeTree(staging.path)
    }
}
