#if os(Linux)
import Foundation
import Glibc

/// Linux watcher: one inotify watch on the site folder (for `site.yml`, `content`, `templates`) and on every folder
/// under `content/` and `templates/`, added for new folders as they appear.
final class InotifyWatcher: SourceWatcher, @unchecked Sendable {
    let root: URL
    private let fd: Int32
    private let lock = NSLock()
    /// Watch descriptor -> folder relative to the site folder ("" for the site folder itself).
    private var folders: [Int32: String] = [:]
    private var source: DispatchSourceRead?
    private let queue = DispatchQueue(label: "jianbao.inotify")
    private var onChange: (@Sendable ([String]) -> Void)?

    private static let folderMask = UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE) | UInt32(IN_DELETE)
        | UInt32(IN_MOVED_FROM) | UInt32(IN_MOVED_TO) | UInt32(IN_ATTRIB) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)
        | UInt32(IN_ONLYDIR)

    init(root: URL) throws {
        self.root = root.standardizedFileURL
        fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    func start(onChange: @escaping @Sendable ([String]) -> Void) throws {
        self.onChange = onChange
        guard addWatch("") else {
            close(fd)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        addTree("content")
        addTree("templates")
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler { [weak self] in self?.drain() }
        let fd = self.fd
        source.setCancelHandler { close(fd) }
        self.source = source
        source.resume()
    }

    func stop() {
        guard let source else { return }
        self.source = nil
        source.cancel()
        // Wait for an event handler in progress to finish, so no callback comes after stop().
        queue.sync { onChange = nil }
    }

    /// Adds a watch on one folder; false on failure.
    @discardableResult
    private func addWatch(_ rel: String) -> Bool {
        let path = rel.isEmpty ? root.path : root.appendingPathComponent(rel).path
        let wd = inotify_add_watch(fd, path, InotifyWatcher.folderMask)
        guard wd >= 0 else { return false }
        lock.lock(); folders[wd] = rel; lock.unlock()
        return true
    }

    /// Watches a folder and every folder under it; returns the files found (for folders that appeared with content).
    @discardableResult
    private func addTree(_ rel: String) -> [String] {
        var files: [String] = []
        var isDir: ObjCBool = false
        let url = root.appendingPathComponent(rel)
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue else { return files }
        // Do not follow symlinked folders out of the tree (the loader refuses them anyway).
        if let attrs = try? FileManager.default.attributesOfItem(atPath: url.path), attrs[.type] as? FileAttributeType == .typeSymbolicLink {
            return [rel]
        }
        guard addWatch(rel) else { return files }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        for name in names.sorted() where !WatcherFactory.isNoise(name) {
            let child = rel + "/" + name
            var childIsDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(child).path, isDirectory: &childIsDir), childIsDir.boolValue {
                files += addTree(child)
            } else {
                files.append(child)
            }
        }
        return files
    }

    /// Forgets the watches of a folder that moved away (its new place, if inside, is added by IN_MOVED_TO).
    private func removeTree(_ rel: String) {
        lock.lock()
        let gone = folders.filter { $0.value == rel || $0.value.hasPrefix(rel + "/") }.keys
        for wd in gone { folders[wd] = nil; inotify_rm_watch(fd, wd) }
        lock.unlock()
    }

    /// Reads every pending event and reports the paths.
    private func drain() {
        var changed: [String] = []
        let size = 64 * 1024
        var buffer = [UInt8](repeating: 0, count: size)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, size) }
            if n <= 0 { break }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= n {
                let (wd, mask, len) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                var name = ""
                if len > 0 {
                    let bytes = buffer[(offset + header)..<min(offset + header + len, n)].prefix { $0 != 0 }
                    name = String(decoding: bytes, as: UTF8.self)
                }
                offset += header + len
                handle(wd: wd, mask: mask, name: name, into: &changed)
            }
        }
        if !changed.isEmpty, let onChange { onChange(changed) }
    }

    private func handle(wd: Int32, mask: UInt32, name: String, into changed: inout [String]) {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 { changed.append("*"); return }
        lock.lock()
        let folder = folders[wd]
        if mask & UInt32(IN_IGNORED) != 0 { folders[wd] = nil }
        lock.unlock()
        guard let folder else { return }
        if name.isEmpty {
            // An event on the watched folder itself (deleted or moved): its parent reports it too.
            if mask & (UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)) != 0, !folder.isEmpty { changed.append(folder) }
            return
        }
        if WatcherFactory.isNoise(name) { return }
        let rel = folder.isEmpty ? name : folder + "/" + name
        guard WatcherFactory.isWatched(rel) else { return }
        let isDir = mask & UInt32(IN_ISDIR) != 0
        if isDir && mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 {
            changed += addTree(rel)
        }
        if isDir && mask & (UInt32(IN_MOVED_FROM) | UInt32(IN_DELETE)) != 0 {
            removeTree(rel)
        }
        changed.append(rel)
    }
}
#endif
