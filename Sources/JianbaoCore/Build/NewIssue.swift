import Foundation

/// `jianbao new`: writes the next issue file of a series from a template.
public enum NewIssue {
    /// Creates `content/<series>/<year>/<n>.md` and returns its path relative to the site.
    public static func create(source: URL, series key: String, date: CalendarDate) throws -> String {
        let loaded = SiteLoader.load(source)
        let (configOpt, diags) = SiteConfigParser.parse(loaded.config.text)
        guard let config = configOpt else { throw BuildFailure(diags) }
        guard let series = config.series(key) else {
            var msg = "未知的简报系列 “\(key)”"
            if let s = Suggest.closest(key, in: config.series.map(\.key)) { msg += "，是否想写 “\(s)”？" }
            throw BuildFailure([Diagnostic(file: "site.yml", msg)])
        }
        let parser = IssueParser(config: config)
        var maxNumber = 0
        for f in loaded.contents {
            if let issue = parser.parse(path: f.path, text: f.text).0, issue.series == key {
                if series.numbering == .yearly && issue.date.year != date.year { continue }
                maxNumber = max(maxNumber, issue.number ?? 0)
            }
        }
        let name: String
        var front = "---\n"
        if series.numbering == .none {
            name = "new-\(date.iso)"
            front += "slug: \(name)\n"
        } else {
            name = String(maxNumber + 1)
            front += "issue: \(maxNumber + 1)\n"
        }
        front += "date: \(date.iso)\n"
        if !series.publisher.isEmpty { front += "publisher: \(series.publisher)\n" }
        front += "signer: \ntags: []\n---\n\n# 工作动态\n\n## 部门名称标题 {department=部门名称}\n\n正文……\n"
        front = front.replacingOccurrences(of: "signer: \n", with: "")
        let rel = "content/\(key)/\(date.year)/\(name).md"
        let url = source.appendingPathComponent(rel)
        if FileManager.default.fileExists(atPath: url.path) {
            throw BuildFailure([Diagnostic(file: rel, "文件已存在，未覆盖")])
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try front.write(to: url, atomically: true, encoding: .utf8)
        return rel
    }
}

extension CalendarDate {
    /// Today in China Standard Time (used only by `jianbao new`, never in a build).
    public static func today() -> CalendarDate {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        let c = cal.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}
