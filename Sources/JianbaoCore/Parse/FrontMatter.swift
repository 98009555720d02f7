/// Splits an issue file into its YAML front matter and Markdown body.
public struct FrontMatter {
    /// The YAML text between the `---` lines.
    public var yaml: String
    /// The Markdown after the closing `---`.
    public var body: String
    /// 1-based line of the body's first line in the file.
    public var bodyLine: Int

    /// Largest front matter accepted (64 KiB).
    public static let maxBytes = 64 * 1024

    /// Splits `text` (already normalised to `\n` line endings, no BOM). Errors carry a line and column.
    public static func split(_ text: String, file: String) -> Result<FrontMatter, Diagnostic> {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingTrailingSpaces() == "---" else {
            return .failure(Diagnostic(file: file, line: 1, column: 1, "文件应以 --- 开头的 front matter（期号、日期等）开始"))
        }
        var bytes = 0
        for i in 1..<lines.count {
            let l = lines[i].trimmingTrailingSpaces()
            if l == "---" || l == "..." {
                let yaml = lines[1..<i].joined(separator: "\n")
                let body = lines[(i + 1)...].joined(separator: "\n")
                return .success(FrontMatter(yaml: yaml, body: body, bodyLine: i + 2))
            }
            bytes += lines[i].utf8.count + 1
            if bytes > maxBytes {
                return .failure(Diagnostic(file: file, line: 1, column: 1, "front matter 超过 64 KiB，已拒绝"))
            }
        }
        return .failure(Diagnostic(file: file, line: 1, column: 1, "front matter 没有结束的 ---（第 1 行的 --- 之后需要另一行 ---）"))
    }
}

extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var s = self
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
