import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain POSIX file operations for the hot paths (FileManager is several times slower on Linux).
enum FileIO {
    /// The whole file, or nil when it can't be read. `limit` refuses larger files (returns nil, size).
    static func read(_ path: String, limit: Int = .max) -> (bytes: [UInt8]?, size: Int) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return (nil, -1) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return (nil, -1) }
        let size = Int(st.st_size)
        if size > limit { return (nil, size) }
        // Read into uninitialized storage (zero-filling it first cost as much as a memcpy of the file); only the
        // bytes read are counted as initialized.
        var failed = false
        let buf = [UInt8](unsafeUninitializedCapacity: size) { out, initialized in
            var done = 0
            while done < size {
                let n = Glibc.read(fd, out.baseAddress! + done, size - done)
                if n < 0 { if errno == EINTR { continue }; failed = true; break }
                if n == 0 { break }
                done += n
            }
            initialized = done
        }
        if failed { return (nil, size) }
        return (buf, size)
    }

    /// Whether the regular file at `path` holds exactly `bytes`. Reads it in blocks into one stack buffer and stops at
    /// the first block that differs: no `stat` before the `open` (`fstat` on the open file gives the size) and no
    /// copy of the whole file on the heap.
    static func file(_ path: String, holds bytes: UnsafeRawBufferPointer) -> Bool {
        // O_NONBLOCK: a named pipe (or a device) left where a page was must not block the build in `open`; it is then
        // turned away by `fstat`, and reads of a regular file are not affected.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) == bytes.count else { return false }
        if bytes.isEmpty { return true }
        let blockSize = 64 * 1024
        return withUnsafeTemporaryAllocation(byteCount: min(blockSize, bytes.count), alignment: 16) { block in
            var done = 0
            while done < bytes.count {
                let n = Glibc.read(fd, block.baseAddress!, min(block.count, bytes.count - done))
                if n < 0 { if errno == EINTR { continue }; return false }
                // The file is shorter than `fstat` said (it changed under us): not the same.
                if n == 0 { return false }
                if memcmp(block.baseAddress!, bytes.baseAddress! + done, n) != 0 { return false }
                done += n
            }
            return true
        }
    }

    /// Size of a regular file, or nil.
    static func size(_ path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(st.st_size)
    }

    /// Writes `data` to a new file at `path` (truncating). Throws on failure.
    static func write(_ path: String, _ data: Data) throws {
        try data.withUnsafeBytes { try write(path, $0) }
    }

    /// Writes `bytes` to a new file at `path` (truncating). Throws on failure.
    static func write(_ path: String, _ raw: UnsafeRawBufferPointer) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        var done = 0
        while done < raw.count {
            let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
            if n < 0 { if errno == EINTR { continue }; throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
            done += n
        }
    }

    /// Creates a directory whose parent exists (EEXIST is fine).
    static func makeDirectory(_ path: String) -> Bool {
        mkdir(path, 0o755) == 0 || errno == EEXIST
    }

    /// What a directory entry is.
    enum EntryType { case file, directory, symlink, other }

    /// The entries of a directory (without `.` and `..`), unsorted; nil when it cannot be read.
    static func entries(of dir: String) -> [(name: String, type: EntryType)]? {
        guard let d = opendir(dir) else { return nil }
        defer { closedir(d) }
        var out: [(String, EntryType)] = []
        while let entry = readdir(d) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { ptr in
                ptr.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var st = stat()
                if lstat(dir + "/" + name, &st) == 0 {
                    switch st.st_mode & S_IFMT {
                    case S_IFDIR: type = UInt8(DT_DIR)
                    case S_IFREG: type = UInt8(DT_REG)
                    case S_IFLNK: type = UInt8(DT_LNK)
                    default: break
                    }
                }
            }
            switch type {
            case UInt8(DT_REG): out.append((name, .file))
            case UInt8(DT_DIR): out.append((name, .directory))
            case UInt8(DT_LNK): out.append((name, .symlink))
            default: out.append((name, .other))
            }
        }
        return out
    }

    /// What `path` is after following symlinks; nil when it does not exist.
    static func type(following path: String) -> EntryType? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .file
        default: return .other
        }
    }

    /// Relative paths of the regular files under `root` (no symlink following), unsorted.
    static func files(under root: String) -> [String] {
        var out: [String] = []
        func walk(_ dir: String, _ rel: String) {
            for (name, type) in entries(of: dir) ?? [] {
                let r = rel.isEmpty ? name : rel + "/" + name
                switch type {
                case .directory: walk(dir + "/" + name, r)
                case .file: out.append(r)
                case .symlink, .other: break
                }
            }
        }
        walk(root, "")
        return out
    }

    /// Removes a directory tree with unlink/rmdir (no symlink following).
    static func removeTree(_ path: String) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        if (st.st_mode & S_IFMT) != S_IFDIR { unlink(path); return }
        for (name, _) in entries(of: path) ?? [] { removeTree(path + "/" + name) }
        rmdir(path)
    }

    /// Starts `rm -rf path` in a detached process; false when it could not be started.
    static func removeTreeDetached(_ path: String) -> Bool {
        var pid: pid_t = 0
        let args = ["/bin/rm", "-rf", "--", path]
        var cargs = args.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setflags(&attr, Int16(0x80))  // POSIX_SPAWN_SETSID: not killed with our process group
        return posix_spawn(&pid, "/bin/rm", nil, &attr, &cargs, environ) == 0
    }

    /// True for a regular file (not a symlink) or a path that does not exist.
    static func isRegularFileOrMissing(_ path: String) -> Bool {
        var st = stat()
        guard lstat(path, &st) == 0 else { return errno == ENOENT }
        return (st.st_mode & S_IFMT) == S_IFREG
    }
}
