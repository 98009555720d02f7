import Foundation

/// A text file read from the site folder.
public struct SourceFile: Sendable {
    /// Path relative to the site folder, with `/` separators.
    public var path: String
    /// Text, decoded from UTF-8, BOM removed, line endings normalised to `\n`.
    public var text: String
}

/// Everything a build reads from disk: the only I/O before writing.
public struct SiteSource: Sendable {
    /// The site folder.
    public var root: URL
    /// `site.yml`.
    public var config: SourceFile
    /// Issue files under `content/`, sorted by path.
    public var contents: [SourceFile]
    /// Templates by name (`issue`, `partials/header`), with their paths.
    public var templates: [String: SourceFile]
    /// Static assets under `templates/assets/`, by path relative to that folder.
    public var assets: [String: Data]
    /// Problems found while reading (invalid UTF-8, NUL bytes, symlinks out of the tree…).
    public var diagnostics: [Diagnostic]
}

/// A site folder with everything read but the content files, which are listed (see `SiteLoader.list`).
public struct SiteListing: Sendable {
    /// The site folder.
    public var root: URL
    /// `site.yml`.
    public var config: SourceFile
    /// Paths of the issue files under `content/`, relative to the site folder, sorted.
    public var contentPaths: [String]
    /// Templates by name (`issue`, `partials/header`), with their paths.
    public var templates: [String: SourceFile]
    /// Static assets under `templates/assets/`, by path relative to that folder.
    public var assets: [String: Data]
    /// Problems found while listing and reading (not those of the content files, see `readContent`).
    public var diagnostics: [Diagnostic]
    /// `root.path`, made once.
    let rootPath: String

    /// Reads and decodes content file `index` of `contentPaths` (UTF-8 checked, BOM and CR removed).
    public func readContent(_ index: Int) -> Result<SourceFile, Diagnostic> {
        let path = contentPaths[index]
        return SiteLoader.read(file: SiteLoader.join(rootPath, path), path: path).map { SourceFile(path: path, text: $0) }
    }

    /// `readContent` giving the file's text as UTF-8 bytes (see `SiteLoader.decodeUTF8`): what a build parses.
    public func readContentUTF8(_ index: Int) -> Result<(path: String, utf8: [UInt8]), Diagnostic> {
        let path = contentPaths[index]
        return SiteLoader.readUTF8(file: SiteLoader.join(rootPath, path), path: path).map { (path, $0) }
    }
}

/// Reads a site folder.
public enum SiteLoader {
    /// Largest content file accepted.
    public static let maxFileBytes = 8 * 1024 * 1024

    /// Reads `site.yml`, `content/**.md`, `templates/**.mustache` and `templates/assets/**`.
    public static func load(_ root: URL) -> SiteSource {
        let listing = list(root)
        let paths = listing.contentPaths
        var contents = [SourceFile?](repeating: nil, count: paths.count)
        var contentDiags = [Diagnostic?](repeating: nil, count: paths.count)
        contents.withUnsafeMutableBufferPointer { out in
            contentDiags.withUnsafeMutableBufferPointer { dout in
                DispatchQueue.concurrentPerform(iterations: paths.count) { i in
                    switch listing.readContent(i) {
                    case .success(let file): out[i] = file
                    case .failure(let d): dout[i] = d
                    }
                }
            }
        }
        return SiteSource(root: listing.root, config: listing.config, contents: contents.compactMap { $0 },
                          templates: listing.templates, assets: listing.assets,
                          diagnostics: listing.diagnostics + contentDiags.compactMap { $0 })
    }

    /// Reads `site.yml`, the templates and assets, and lists the content files without reading them: a build
    /// reads and parses each content file in one step (`SiteListing.readContent`), so the sources are never
    /// all in memory at once.
    public static func list(_ root: URL) -> SiteListing {
        var diags: [Diagnostic] = []
        let root = root.standardizedFileURL
        let configURL = root.appendingPathComponent("site.yml")
        var config = SourceFile(path: "site.yml", text: "")
        if let data = FileManager.default.contents(atPath: configURL.path) {
            switch decode(data, path: "site.yml") {
            case .success(let t): config.text = t
            case .failure(let d): diags.append(d)
            }
        } else {
            diags.append(Diagnostic(file: "site.yml", "找不到 site.yml（站点设置），请在 \(root.path) 下创建"))
        }

        let contentRoot = root.appendingPathComponent("content")
        var contentPaths: [String] = []
        if FileManager.default.fileExists(atPath: contentRoot.path) {
            contentPaths = listFiles(contentRoot, base: "content", within: contentRoot, diags: &diags)
                .filter { $0.hasSuffix(".md") || $0.hasSuffix(".markdown") }
        } else {
            diags.append(Diagnostic(file: "content", "找不到 content/ 文件夹"))
        }
        contentPaths.sort()
        var templates: [String: SourceFile] = [:]
        var assets: [String: Data] = [:]
        let templatesRoot = root.appendingPathComponent("templates")
        if FileManager.default.fileExists(atPath: templatesRoot.path) {
            for path in listFiles(templatesRoot, base: "templates", within: root, diags: &diags).sorted() {
                let url = root.appendingPathComponent(path)
                if path.hasPrefix("templates/assets/") {
                    if let data = FileManager.default.contents(atPath: url.path) {
                        assets[String(path.dropFirst("templates/assets/".count))] = data
                    }
                } else if path.hasSuffix(".mustache") {
                    switch read(url, path: path) {
                    case .success(let t):
                        let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
                        templates[name] = SourceFile(path: path, text: t)
                    case .failure(let d): diags.append(d)
                    }
                }
            }
        } else {
            diags.append(Diagnostic(file: "templates", "找不到 templates/ 文件夹（页面模板）"))
        }
        return SiteListing(root: root, config: config, contentPaths: contentPaths, templates: templates, assets: assets,
                           diagnostics: diags, rootPath: root.path)
    }

    /// Regular files under `dir`, as paths starting with `base/`. Symlinks are followed only when
    /// they stay inside `within`; others are errors.
    static func listFiles(_ dir: URL, base: String, within: URL, diags: inout [Diagnostic]) -> [String] {
        listFiles(dir.path, base: base, withinPath: within.resolvingSymlinksInPath().path, diags: &diags)
    }

    /// `listFiles` on paths, with readdir and stat (tens of thousands of files are listed in milliseconds).
    private static func listFiles(_ dir: String, base: String, withinPath: String, diags: inout [Diagnostic]) -> [String] {
        var out: [String] = []
        guard let entries = FileIO.entries(of: dir) else { return out }
        for (name, entryType) in entries.sorted(by: { $0.name < $1.name }) where !name.hasPrefix(".") {
            let path = dir + "/" + name
            let rel = base + "/" + name
            var type = entryType
            if type == .symlink {
                let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                if !(target == withinPath || target.hasPrefix(withinPath + "/")) {
                    diags.append(Diagnostic(file: rel, "符号链接指向 \(base.split(separator: "/").first ?? "")/ 之外（\(target)），已拒绝"))
                    continue
                }
                guard let followed = FileIO.type(following: path) else {
                    diags.append(Diagnostic(file: rel, "无法读取（符号链接的目标不存在？）"))
                    continue
                }
                type = followed
            }
            switch type {
            case .directory: out += listFiles(path, base: rel, withinPath: withinPath, diags: &diags)
            case .file, .other: out.append(rel)
            case .symlink: break
            }
        }
        return out
    }

    /// `folder/relative` as a file system path: what `URL.appendingPathComponent` gives for a folder URL's
    /// path, without building a URL per file.
    static func join(_ folder: String, _ relative: String) -> String {
        folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
    }

    /// Reads and decodes one text file with size, encoding and NUL checks.
    static func read(_ url: URL, path: String) -> Result<String, Diagnostic> {
        read(file: url.path, path: path)
    }

    /// `read(_:path:)` with the file's path in the file system.
    static func read(file: String, path: String) -> Result<String, Diagnostic> {
        readBytes(file: file, path: path).flatMap { decode($0, path: path) }
    }

    /// `read(file:path:)` giving UTF-8 bytes (see `decodeUTF8`).
    static func readUTF8(file: String, path: String) -> Result<[UInt8], Diagnostic> {
        readBytes(file: file, path: path).flatMap { decodeUTF8($0, path: path) }
    }

    /// The bytes of a file, or a diagnostic when it is too large or can't be read.
    private static func readBytes(file: String, path: String) -> Result<[UInt8], Diagnostic> {
        let (bytes, size) = FileIO.read(file, limit: maxFileBytes)
        if size > maxFileBytes {
            return .failure(Diagnostic(file: path, line: 1, column: 1, "文件过大（\(size / 1024 / 1024) MB），单个文件不能超过 \(maxFileBytes / 1024 / 1024) MB"))
        }
        guard let bytes else { return .failure(Diagnostic(file: path, "无法读取文件")) }
        return .success(bytes)
    }

    /// UTF-8 (BOM allowed), CRLF and CR normalised; invalid bytes and NUL are errors with their position.
    public static func decode(_ data: Data, path: String) -> Result<String, Diagnostic> {
        decode([UInt8](data), path: path)
    }

    /// `decode(_:path:)` on bytes.
    public static func decode(_ input: [UInt8], path: String) -> Result<String, Diagnostic> {
        withoutBOM(input, path: path).flatMap { bytes in
            // Fast path: valid UTF-8 (checked by the standard library), no NUL, no CR, no marker character.
            if isPlain(bytes), let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
            return decodeSlowly(bytes, path: path)
        }
    }

    /// `decode(_:path:)` giving the text's UTF-8 bytes instead of a String: the same checks, diagnostics and
    /// normalisation, but a file in the usual shape (no CR, NUL or marker character) is validated once, by
    /// `UTF8Validation`, and its bytes are returned as they are. A build parses these bytes; a String made of
    /// them would validate them a second time (~4% of the CPU of a 10,000-issue build).
    public static func decodeUTF8(_ input: [UInt8], path: String) -> Result<[UInt8], Diagnostic> {
        withoutBOM(input, path: path).flatMap { bytes in
            if isPlain(bytes), UTF8Validation.isValid(bytes) { return .success(bytes) }
            return decodeSlowly(bytes, path: path).map { Array($0.utf8) }
        }
    }

    /// `input` without a leading byte order mark; a file of nothing but whitespace is an error.
    private static func withoutBOM(_ input: [UInt8], path: String) -> Result<[UInt8], Diagnostic> {
        var bytes = input
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.isEmpty || bytes.allSatisfy({ $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }) {
            return .failure(Diagnostic(file: path, line: 1, column: 1, "文件为空"))
        }
        return .success(bytes)
    }

    /// True when `bytes` hold no NUL, no CR and no 0xEE byte (the lead byte of the marker U+E000): then the
    /// text needs no normalisation and only its UTF-8 is left to check.
    private static func isPlain(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buf in
            memchr(buf.baseAddress!, 0, buf.count) == nil && memchr(buf.baseAddress!, 13, buf.count) == nil
                && memchr(buf.baseAddress!, 0xEE, buf.count) == nil
        }
    }

    /// Validates by hand to report the line and column of the first problem; normalises CR and drops markers.
    private static func decodeSlowly(_ bytes: [UInt8], path: String) -> Result<String, Diagnostic> {
        var line = 1, col = 1, i = 0
        var hasCR = false, hasMarker = false
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0 { return .failure(Diagnostic(file: path, line: line, column: col, "文件包含 NUL 字节（\\0），可能不是文本文件")) }
            var len = 0
            if b < 0x80 { len = 1 }
            else if b & 0xE0 == 0xC0, b >= 0xC2 { len = 2 }
            else if b & 0xF0 == 0xE0 { len = 3 }
            else if b & 0xF8 == 0xF0, b <= 0xF4 { len = 4 }
            var valid = len > 0 && i + len <= n
            if valid && len > 1 {
                for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { valid = false }
                if valid && len == 3 {
                    let cp = (UInt32(b & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6)
                    if cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF) { valid = false }
                }
                if valid && len == 4 {
                    let cp = (UInt32(b & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12)
                    if cp < 0x10000 || cp > 0x10FFFF { valid = false }
                }
            }
            if !valid {
                return .failure(Diagnostic(file: path, line: line, column: col, "不是有效的 UTF-8 编码（第 \(i + 1) 字节），请用 UTF-8 保存文件（GB18030 文件可用 jianbao import 转换）"))
            }
            if b == 10 { line += 1; col = 1 } else { col += 1 }
            if b == 13 { hasCR = true }
            if len == 3 && b == 0xEE && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80 { hasMarker = true }
            i += len
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if hasCR {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        // U+E000 is reserved for internal markers.
        if hasMarker { text = text.replacingOccurrences(of: "\u{E000}", with: "") }
        return .success(text)
    }
}
