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
        var diags: [Diagnostic] = []
        let fm: FrontMatter
        switch FrontMatter.split(text, file: path) {
        case .failure(let d): return (nil, [d])
        case .success(let f): fm = f
        }
        var r = YAMLReader(file: path, lineOffset: 1)
        guard let root = r.parse(fm.yaml) else { return (nil, r.bag.all) }
        guard let pairs = r.mapping(root, allowed: IssueParser.keys, what: "front matter ") else { return (nil, r.bag.all) }

        var seriesKey: String?, number: Int?, date: CalendarDate?, title = "", publisher: String?, signer = ""
        var editorNote = "", tags: [String] = [], reportTo: [String] = [], sendTo: [String] = []
        var phone = "", email = "", slug: String?, draft = false
        var numberPos = (2, 1)
        var tagsPos = (1, 1)
        var seriesNode: Node?, dateSeen = false
        for (key, keyNode, value) in pairs {
            switch key {
            case "series": seriesKey = r.string(value, key: key); seriesNode = value
            case "issue":
                number = r.int(value, key: key, minimum: 1)
                numberPos = r.position(value)
            case "date": date = r.date(value, key: key); dateSeen = true
            case "title": title = r.string(value, key: key) ?? ""
            case "publisher": publisher = r.string(value, key: key)
            case "signer": signer = r.string(value, key: key) ?? ""
            case "editor_note": editorNote = r.string(value, key: key) ?? ""
            case "tags":
                tagsPos = r.position(value)
                tags = (r.stringList(value, key: key) ?? []).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            case "report_to": reportTo = r.stringList(value, key: key) ?? []
            case "send_to": sendTo = r.stringList(value, key: key) ?? []
            case "contact":
                if let cp = r.mapping(value, allowed: ["phone", "email"], what: "contact ") {
                    for (ck, _, cv) in cp {
                        if ck == "phone" { phone = r.string(cv, key: ck) ?? "" } else { email = r.string(cv, key: ck) ?? "" }
                    }
                }
            case "slug":
                if let s = r.string(value, key: key) {
                    if Slug.isValid(s) { slug = s; if number == nil { numberPos = r.position(value) } }
                    else { r.error(value, "slug “\(s)” 只能包含小写字母、数字和连字符 [a-z0-9-]，例如 \(Slug.pinyin(s))") }
                }
            case "draft": draft = r.bool(value, key: key) ?? false
            default: _ = keyNode
            }
        }
        // Series: the key, else the first folder under content/.
        let parts = path.split(separator: "/").map(String.init)
        let folderSeries = parts.count > 2 && parts[0] == "content" ? parts[1] : nil
        let key = seriesKey ?? folderSeries
        var series: SeriesConfig?
        if let key {
            series = config.series(key)
            if series == nil {
                var msg = "未知的简报系列 “\(key)”"
                if let s = Suggest.closest(key, in: config.series.map(\.key)) { msg += "，是否想写 “\(s)”？" }
                else { msg += "（site.yml 中定义的系列: \(config.series.map(\.key).joined(separator: ", "))）" }
                if let seriesNode { r.error(seriesNode, msg) } else { r.bag.error(path, 1, 1, msg) }
            }
        } else if seriesKey == nil, !r.bag.hasErrors {
            r.bag.error(path, 2, 1, "无法确定简报系列: 请在 front matter 写 series:，或把文件放在 content/<系列>/ 下")
        }
        if !dateSeen { r.bag.error(path, 2, 1, "缺少必填字段 “date”（印发日期，例如 date: 2022-08-25）") }
        if let series {
            switch series.numbering {
            case .none:
                if number != nil { r.bag.error(path, numberPos.0, numberPos.1, "系列 “\(series.key)” 不编期号（numbering: none），请删除 issue 并用 slug 命名") }
                if slug == nil, !pairs.contains(where: { $0.key == "slug" }) {
                    r.bag.error(path, 2, 1, "系列 “\(series.key)” 不编期号（numbering: none），需要 slug，例如 slug: \(Slug.normalize(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent).isEmpty ? "anzhi-bangjiao-2017" : Slug.normalize(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent))")
                }
            case .continuous, .yearly:
                if number == nil, !pairs.contains(where: { $0.key == "issue" }) {
                    r.bag.error(path, 2, 1, "缺少必填字段 “issue”（期号，例如 issue: 151）")
                }
                if slug != nil { r.bag.error(path, numberPos.0, numberPos.1, "slug 只用于不编期号（numbering: none）的系列") }
            }
        }
        diags.append(contentsOf: r.bag.all)

        // The body.
        let processor = MarkdownProcessor(file: path, firstLine: fm.bodyLine)
        let body = processor.process(fm.body)
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
        let noteHTML = editorNote.isEmpty ? "" : MarkdownProcessor.renderSnippet(editorNote)
        var issue = Issue(sourcePath: path, series: series.key, number: number, slug: slug, date: date,
                          title: title.isEmpty ? (articles.first?.title ?? series.title) : title,
                          publisher: publisher ?? series.publisher, signer: signer, editorNoteHTML: noteHTML,
                          tags: tags, reportTo: reportTo, sendTo: sendTo, contactPhone: phone, contactEmail: email,
                          draft: draft, leadHTML: body.leadHTML, articles: articles,
                          numberLine: numberPos.0, numberColumn: numberPos.1)
        issue.tagsPosition = (tagsPos.0, tagsPos.1)
        return (issue, diags)
    }
}
