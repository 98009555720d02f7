import Foundation
import Yams

/// Parses one issue file: front matter, body, articles, departments. Pure: text in, `Issue` out.
public struct IssueParser {
    /// Front-matter keys of the content contract.
    public static let keys = ["series", "issue", "date", "title", "publisher", "signer", "editor_note", "tags",
                              "report_to", "send_to", "contact", "slug", "draft"]

    /// The site's settings.
    public let config: SiteConfig
    let resolver: DepartmentResolver

    /// Creates a parser for a site.
    public init(config: SiteConfig) {
        self.config = config
        self.resolver = DepartmentResolver(departments: config.departments)
    }

    /// Parses `text` of the file at `path` (relative to the site, e.g. `content/ganzhou/2022/151.md`).
    public func parse(path: String, text: String) -> (Issue?, [Diagnostic]) {
        parse(path: path, utf8: Array(text.utf8), fastFrontMatter: true)
    }

    /// `parse(path:text:)` on the text's UTF-8 bytes, which must be valid UTF-8 normalised as
    /// `SiteLoader.decodeUTF8` leaves them (a build parses them without making a String of the file).
    public func parse(path: String, utf8: [UInt8]) -> (Issue?, [Diagnostic]) {
        parse(path: path, utf8: utf8, fastFrontMatter: true)
    }

    /// The folder under `content/` of a path of three or more components (`content/ganzhou/2022/1.md` -> `ganzhou`).
    static func folderSeries(_ path: String) -> String? {
        // An ASCII path splits at its "/" bytes, which are then whole characters.
        var path = path
        if path.withUTF8({ $0.allSatisfy { $0 < 0x80 } }) { return path.withUTF8(asciiFolderSeries) }
        let parts = path.split(separator: "/").map(String.init)
        return parts.count > 2 && parts[0] == "content" ? parts[1] : nil
    }

    /// `folderSeries` of an ASCII path's bytes: its first three non-empty components (as `split` gives them) are
    /// found by offsets, without an array of slices.
    private static func asciiFolderSeries(_ u: UnsafeBufferPointer<UInt8>) -> String? {
        let slash = UInt8(ascii: "/")
        var first = 0..<0, second = 0..<0
        var found = 0
        var i = 0
        while i < u.count, found < 3 {
            while i < u.count, u[i] == slash { i += 1 }
            let start = i
            while i < u.count, u[i] != slash { i += 1 }
            guard i > start else { break }
            if found == 0 { first = start..<i } else if found == 1 { second = start..<i }
            found += 1
        }
        guard found == 3, UnsafeBufferPointer(rebasing: u[first]).elementsEqual("content".utf8) else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: u[second]), as: UTF8.self)
    }

    /// `parse(path:text:)`; with `fastFrontMatter` false the front matter always goes through Yams (the tests
    /// compare the two roads).
    func parse(path: String, text: String, fastFrontMatter: Bool) -> (Issue?, [Diagnostic]) {
        parse(path: path, utf8: Array(text.utf8), fastFrontMatter: fastFrontMatter)
    }

    /// `parse(path:utf8:)`, with `fastFrontMatter` as in `parse(path:text:fastFrontMatter:)`.
    func parse(path: String, utf8: [UInt8], fastFrontMatter: Bool) -> (Issue?, [Diagnostic]) {
        var diags: [Diagnostic] = []
        let fm: FrontMatter
        switch FrontMatter.split(utf8: utf8, file: path) {
        case .failure(let d): return (nil, [d])
        case .success(let f): fm = f
        }
        var r = YAMLReader(file: path, lineOffset: 1)
        let read: FrontMatterFields?
        if fastFrontMatter, let root = FrontMatterYAML.parse(fm.yaml) {
            // The usual shape, read without Yams into nodes equal to the ones Yams would build.
            read = FrontMatterFields.read(root, &r)
        } else {
            guard let root = r.parse(fm.yaml) else { return (nil, r.bag.all) }
            read = FrontMatterFields.read(root, &r)
        }
        guard let f = read else { return (nil, r.bag.all) }
        let seriesKey = f.seriesKey, number = f.number, date = f.date, slug = f.slug, numberPos = f.numberPosition

        // Series: the key, else the first folder under content/.
        let folderSeries = IssueParser.folderSeries(path)
        let key = seriesKey ?? folderSeries
        var series: SeriesConfig?
        if let key {
            series = config.series(key)
            if series == nil {
                var msg = "未知的简报系列 “\(key)”"
                if let s = Suggest.closest(key, in: config.series.map(\.key)) { msg += "，是否想写 “\(s)”？" }
                else { msg += "（site.yml 中定义的系列: \(config.series.map(\.key).joined(separator: ", "))）" }
                if let (l, c) = f.seriesPosition { r.bag.error(path, l, c, msg) } else { r.bag.error(path, 1, 1, msg) }
            }
        } else if seriesKey == nil, !r.bag.hasErrors {
            r.bag.error(path, 2, 1, "无法确定简报系列: 请在 front matter 写 series:，或把文件放在 content/<系列>/ 下")
        }
        if !f.dateSeen { r.bag.error(path, 2, 1, "缺少必填字段 “date”（印发日期，例如 date: 2022-08-25）") }
        if let series {
            switch series.numbering {
            case .none:
                if number != nil { r.bag.error(path, numberPos.0, numberPos.1, "系列 “\(series.key)” 不编期号（numbering: none），请删除 issue 并用 slug 命名") }
                if slug == nil, !f.keys.contains("slug") {
                    r.bag.error(path, 2, 1, "系列 “\(series.key)” 不编期号（numbering: none），需要 slug，例如 slug: \(Slug.normalize(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent).isEmpty ? "anzhi-bangjiao-2017" : Slug.normalize(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent))")
                }
            case .continuous, .yearly:
                if number == nil, !f.keys.contains("issue") {
                    r.bag.error(path, 2, 1, "缺少必填字段 “issue”（期号，例如 issue: 151）")
                }
                if slug != nil { r.bag.error(path, numberPos.0, numberPos.1, "slug 只用于不编期号（numbering: none）的系列") }
            }
        }
        diags.append(contentsOf: r.bag.all)

        // The body.
        let processor = MarkdownProcessor(file: path, firstLine: fm.bodyLine)
        let body = processor.process(utf8: fm.body)
        diags.append(contentsOf: body.diagnostics)
        var articles: [Article] = []
        if let series {
            for raw in body.articles {
                switch resolver.resolve(raw, series: series.key, file: path) {
                case .success(let dept):
                    articles.append(Article(anchor: raw.anchor, title: raw.title, titleHTML: raw.titleHTML, subtitle: raw.subtitle,
                                            column: raw.column, department: dept.name, bodyHTMLBytes: raw.bodyHTMLBytes, textBytes: raw.textBytes,
                                            metrics: raw.metrics, line: raw.line))
                case .failure(let d): diags.append(d)
                }
            }
        }
        if body.articles.isEmpty && !diags.contains(where: { $0.severity == .error }) {
            diags.append(Diagnostic(.warning, file: path, line: fm.bodyLine, column: 1, "本期没有文章（## 标题）"))
        }
        guard !diags.contains(where: { $0.severity == .error }), let series, let date else { return (nil, diags) }
        let noteHTML = f.editorNote.isEmpty ? "" : MarkdownProcessor.renderSnippet(f.editorNote)
        var issue = Issue(sourcePath: path, series: series.key, number: number, slug: slug, date: date,
                          title: f.title.isEmpty ? (articles.first?.title ?? series.title) : f.title,
                          publisher: f.publisher ?? series.publisher, signer: f.signer, editorNoteHTML: noteHTML,
                          tags: f.tags, reportTo: f.reportTo, sendTo: f.sendTo, contactPhone: f.phone, contactEmail: f.email,
                          draft: f.draft, leadHTML: body.leadHTML, articles: articles,
                          numberLine: numberPos.0, numberColumn: numberPos.1)
        issue.tagsPosition = f.tagsPosition
        return (issue, diags)
    }
}
