/// One bulletin issue (一期简报), parsed from one Markdown file.
public struct Issue: Sendable {
    /// Source path relative to the site folder, e.g. `content/ganzhou/2022/151.md`.
    public var sourcePath: String
    /// Series key.
    public var series: String
    /// 期号 (nil for `numbering: none`).
    public var number: Int?
    /// Slug for series with `numbering: none`.
    public var slug: String?
    /// 印发日期.
    public var date: CalendarDate
    /// Headline for listings (front matter `title`, else the first article's title).
    public var title: String
    /// 编印单位.
    public var publisher: String
    /// 签发人.
    public var signer: String
    /// 编者按, rendered.
    public var editorNoteHTML: String
    /// 主题.
    public var tags: [String]
    /// 报.
    public var reportTo: [String]
    /// 发.
    public var sendTo: [String]
    /// Contact telephone.
    public var contactPhone: String
    /// Contact email.
    public var contactEmail: String
    /// Drafts are built only in preview.
    public var draft: Bool
    /// Body content before the first article, rendered.
    public var leadHTML: String
    /// The articles in order.
    public var articles: [Article]
    /// Line of the `issue:` (or `slug:`) key, for duplicate diagnostics.
    public var numberLine: Int
    /// Column of that key.
    public var numberColumn: Int
    /// Line and column of the `tags:` value (for topic diagnostics).
    public var tagsPosition: (line: Int, column: Int) = (1, 1)

    /// `ganzhou/2022/151/` (no leading slash).
    public var path: String { Issue.path(series: series, year: date.year, number: number, slug: slug) }

    /// `第151期`, or empty for unnumbered issues.
    public var numberLabel: String { number.map(Issue.numberLabel) ?? "" }

    /// Sort key: date, then number, then path (newest last).
    public var sortKey: (Int, Int, String) { (date.ordinal, number ?? 0, sourcePath) }

    /// `path` from the fields it is made of.
    static func path(series: String, year: Int, number: Int?, slug: String?) -> String {
        let yearText = String(year), name = number.map(String.init) ?? slug ?? "untitled"
        var p = ""
        p.reserveCapacity(series.utf8.count + yearText.utf8.count + name.utf8.count + 3)
        p += series
        p += "/"
        p += yearText
        p += "/"
        p += name
        p += "/"
        return p
    }

    /// `第151期`.
    static func numberLabel(_ number: Int) -> String { "第\(number)期" }
}

extension [Issue] {
    // A computed property called on `issues[i]` runs on a copy of the whole issue (a retain and a release for every
    // field), even when it reads one field; these read the fields in place.

    /// `self[i].path`, without copying the issue.
    func path(ofIssue i: Int) -> String {
        Issue.path(series: self[i].series, year: self[i].date.year, number: self[i].number, slug: self[i].slug)
    }

    /// `self[i].numberLabel`, without copying the issue.
    func numberLabel(ofIssue i: Int) -> String { self[i].number.map(Issue.numberLabel) ?? "" }
}

/// One article (一篇文章) of an issue: an `##` heading and what follows it.
public struct Article: Sendable {
    /// Anchor in the issue page (`a1`, or the `{#id}` given).
    public var anchor: String
    /// Title as plain text.
    public var title: String
    /// Title as inline HTML (emphasis kept).
    public var titleHTML: String
    /// `——` subtitle line under the heading, plain text without the dashes, or empty.
    public var subtitle: String
    /// Column (栏目, the `#` heading above), or empty.
    public var column: String
    /// Resolved department name (a registry `name`).
    public var department: String
    /// Body HTML (charts included) as UTF-8 bytes: made by the pipeline and written into pages as they are, so
    /// they are never decoded (and validated) as a String on the way.
    public var bodyHTMLBytes: [UInt8]
    /// Body as plain text, UTF-8, for search and excerpts.
    public var textBytes: [UInt8]
    /// Metric blocks in the article.
    public var metrics: [MetricBlock]
    /// Line of the heading in the source file.
    public var line: Int

    /// Creates an article.
    public init(anchor: String, title: String, titleHTML: String, subtitle: String, column: String, department: String,
                bodyHTMLBytes: [UInt8], textBytes: [UInt8], metrics: [MetricBlock], line: Int) {
        self.anchor = anchor
        self.title = title
        self.titleHTML = titleHTML
        self.subtitle = subtitle
        self.column = column
        self.department = department
        self.bodyHTMLBytes = bodyHTMLBytes
        self.textBytes = textBytes
        self.metrics = metrics
        self.line = line
    }

    /// Body HTML (charts included).
    public var bodyHTML: String {
        get { String(decoding: bodyHTMLBytes, as: UTF8.self) }
        set { bodyHTMLBytes = Array(newValue.utf8) }
    }

    /// Body as plain text, for search and excerpts.
    public var text: String {
        get { String(decoding: textBytes, as: UTF8.self) }
        set { textBytes = Array(newValue.utf8) }
    }
}
