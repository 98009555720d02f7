import Foundation

/// `jianbao check`: everything `build` validates, plus rendered links and anchors, images,
/// empty articles, issue-number gaps and dates out of order (warnings), and government footer fields.
public enum SiteCheck {
    /// The outcome of a check.
    public struct Report: Sendable {
        /// Everything found (errors and warnings).
        public var diagnostics: [Diagnostic]
        /// Issues checked.
        public var issues: Int
        /// Pages rendered.
        public var pages: Int
    }

    /// Checks the site at `source` without writing anything.
    public static func run(source: URL, gov: Bool = false) throws -> Report {
        let loaded = SiteLoader.load(source)
        let compiled: SiteBuild.Compiled
        do {
            compiled = try SiteBuild.compile(loaded, includeDrafts: false)
        } catch let f as BuildFailure {
            return Report(diagnostics: f.diagnostics, issues: 0, pages: 0)
        }
        var diags = compiled.warnings
        let sink = MemorySink()
        let renderer = SiteRenderer(site: compiled.site, theme: compiled.theme)
        try renderer.render(into: sink)
        try SearchIndexWriter.write(compiled.site, into: sink)
        let files = sink.files.mapValues { [UInt8]($0) }
        diags += linkDiagnostics(files: files, site: compiled.site, sources: loaded)
        diags += contentWarnings(compiled.site, root: source)
        if gov { diags += govWarnings(compiled.site.config) }
        return Report(diagnostics: diags.sorted(), issues: compiled.site.issues.count, pages: files.count)
    }

    /// Broken internal links, reported against the content file (and line) that holds them when known.
    static func linkDiagnostics(files: [String: [UInt8]], site: Site, sources: SiteSource) -> [Diagnostic] {
        let checker = LinkChecker(files: files, basePath: site.config.basePath)
        var pageSource: [String: String] = [:]
        for issue in site.issues { pageSource[issue.path + "index.html"] = issue.sourcePath }
        let texts = Dictionary(uniqueKeysWithValues: sources.contents.map { ($0.path, $0.text) })
        var out: [Diagnostic] = []
        for b in checker.check() {
            if let src = pageSource[b.page], let text = texts[src], let (line, col) = locate(b.href, in: text) {
                out.append(Diagnostic(.error, file: src, line: line, column: col, "链接 \(b.href) 无效: \(b.reason)"))
            } else {
                out.append(Diagnostic(.error, file: "public/" + b.page, "链接 \(b.href) 无效: \(b.reason)（由模板生成）"))
            }
        }
        return out
    }

    /// Line and column of the first occurrence of `needle` in `text`.
    static func locate(_ needle: String, in text: String) -> (Int, Int)? {
        var line = 1
        for l in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let r = l.range(of: needle) { return (line, l.distance(from: l.startIndex, to: r.lowerBound) + 1) }
            line += 1
        }
        return nil
    }

    /// Empty articles, missing images, issue-number gaps and dates out of order.
    static func contentWarnings(_ site: Site, root: URL) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for issue in site.issues {
            for a in issue.articles where a.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && a.metrics.isEmpty {
                out.append(Diagnostic(.warning, file: issue.sourcePath, line: a.line, column: 1, "文章 “\(a.title)” 没有正文"))
            }
            for src in LinkChecker.attributeValues(issue.articles.flatMap(\.bodyHTMLBytes), name: "src") {
                if src.hasPrefix("http://") || src.hasPrefix("https://") || src.hasPrefix("data:") { continue }
                let path = src.hasPrefix("/") ? root.path + src : root.appendingPathComponent(issue.sourcePath).deletingLastPathComponent().path + "/" + src
                if !FileManager.default.fileExists(atPath: path.removingPercentEncoding ?? path) {
                    let pos = (try? String(contentsOf: root.appendingPathComponent(issue.sourcePath), encoding: .utf8)).flatMap { locate(src, in: $0) } ?? (0, 0)
                    out.append(Diagnostic(.warning, file: issue.sourcePath, line: pos.0, column: pos.1, "图片 \(src) 不存在"))
                }
            }
        }
        for s in site.config.series where s.numbering != .none {
            // Oldest first, so gaps and order read naturally.
            let list = (site.bySeries[s.key] ?? []).reversed().map { site.issues[$0] }
            var byScope: [String: [Issue]] = [:]
            for issue in list { byScope[s.numbering == .yearly ? "\(issue.date.year)" : "all", default: []].append(issue) }
            for (_, issues) in byScope.sorted(by: { $0.key < $1.key }) {
                let sorted = issues.sorted { ($0.number ?? 0) < ($1.number ?? 0) }
                for (a, b) in zip(sorted, sorted.dropFirst()) {
                    if let x = a.number, let y = b.number, y > x + 1 {
                        let missing = y - x - 1 == 1 ? "第\(x + 1)期" : "第\(x + 1)–\(y - 1)期"
                        out.append(Diagnostic(.warning, file: b.sourcePath, line: b.numberLine, column: b.numberColumn, "期号不连续: 缺少\(missing)（上一期是 \(a.sourcePath)）"))
                    }
                    if b.date < a.date {
                        out.append(Diagnostic(.warning, file: b.sourcePath, line: b.numberLine, column: b.numberColumn,
                                              "日期顺序颠倒: 第\(b.number ?? 0)期（\(b.date.iso)）早于第\(a.number ?? 0)期（\(a.date.iso)）"))
                    }
                }
            }
        }
        return out
    }

    /// Missing 政府网站 identity fields, each a warning.
    static func govWarnings(_ config: SiteConfig) -> [Diagnostic] {
        let f = config.footer
        let fields: [(String, String, String)] = [
            (f.sponsor, "sponsor", "主办单位"), (f.organizer, "organizer", "承办单位"), (f.siteIDCode, "site_id_code", "网站标识码"),
            (f.icp, "icp", "ICP备案号"), (f.policeRecord, "police_record", "公安机关备案号"),
            (f.phone.isEmpty && f.email.isEmpty ? "" : "x", "contact", "联系方式"),
        ]
        return fields.filter { $0.0.isEmpty }.map {
            Diagnostic(.warning, file: "site.yml", "页脚缺少\($0.2)（footer.\($0.1)），政府网站检查要求每页显示")
        }
    }
}
