/// Splits an issue file into its YAML front matter and Markdown body.
public struct FrontMatter {
    /// The YAML text between the `---` lines.
    public var yaml: String
    /// The Markdown after the closing `---`: a slice of the file's UTF-8 bytes, not a copy.
    public var body: ArraySlice<UInt8>
    /// 1-based line of the body's first line in the file.
    public var bodyLine: Int

    /// Largest front matter accepted (64 KiB).
    public static let maxBytes = 64 * 1024

    /// Splits the UTF-8 bytes of an issue file (valid UTF-8, normalised to `\n` line endings, no BOM, as
    /// `SiteLoader.decodeUTF8` leaves them): the YAML becomes a String, the body stays a slice of `utf8`. Errors
    /// carry a line and column.
    public static func split(utf8: [UInt8], file: String) -> Result<FrontMatter, Diagnostic> {
        utf8.withUnsafeBufferPointer { locate($0, file: file) }.map { parts in
            FrontMatter(yaml: String(decoding: utf8[parts.yaml], as: UTF8.self), body: utf8[parts.body...], bodyLine: parts.bodyLine)
        }
    }

    /// The byte ranges of the YAML (without its last line feed) and of the body (from its first byte), and the
    /// body's first line, in the UTF-8 of an issue file. Line boundaries are found on the bytes; only the pieces
    /// become Strings.
    private static func locate(_ u: UnsafeBufferPointer<UInt8>, file: String) -> Result<(yaml: Range<Int>, body: Int, bodyLine: Int), Diagnostic> {
        func lineEnd(_ from: Int) -> Int {
            var i = from
            while i < u.count && u[i] != 10 { i += 1 }
            return i
        }
        func isFence(_ start: Int, _ end: Int, _ ch: UInt8) -> Bool {
            var e = end
            while e > start && (u[e - 1] == 32 || u[e - 1] == 9) { e -= 1 }
            return e - start == 3 && u[start] == ch && u[start + 1] == ch && u[start + 2] == ch
        }
        let firstEnd = lineEnd(0)
        guard isFence(0, firstEnd, 45) else {
            return .failure(Diagnostic(file: file, line: 1, column: 1, "文件应以 --- 开头的 front matter（期号、日期等）开始"))
        }
        var start = firstEnd + 1
        var line = 2
        let yamlStart = start
        while start <= u.count {
            let end = lineEnd(start)
            if isFence(start, end, 45) || isFence(start, end, 46) {
                // The YAML without its last line feed.
                let yamlEnd = start > yamlStart && u[start - 1] == 10 ? start - 1 : start
                return .success((yamlStart..<yamlEnd, min(end + 1, u.count), line + 1))
            }
            if start - yamlStart > maxBytes {
                return .failure(Diagnostic(file: file, line: 1, column: 1, "front matter 超过 64 KiB，已拒绝"))
            }
            if end >= u.count { break }
            start = end + 1
            line += 1
        }
        return .failure(Diagnostic(file: file, line: 1, column: 1, "front matter 没有结束的 ---（第 1 行的 --- 之后需要另一行 ---）"))
    }
}
