import JianbaoCore

/// What the importer recognised in one input file, before it is written as Markdown.
public struct BulletinDraft: Sendable {
    /// One piece of the body, in reading order.
    public enum Block: Sendable, Equatable {
        /// `# 栏目`.
        case column(String)
        /// `## 标题` of an article; `line` is the input line.
        case heading(title: String, line: Int)
        /// `——` line under a heading.
        case subtitle(String)
        /// `### 一、…`.
        case subheading(String)
        /// An ordinary paragraph.
        case paragraph(String, line: Int)
    }

    /// The series (from the masthead, the text, or `--series`).
    public var series: SeriesConfig?
    /// 期号.
    public var issue: Int?
    /// Input line where 期号 was found.
    public var issueLine = 0
    /// 印发日期.
    public var date: CalendarDate?
    /// Input line where the date was found.
    public var dateLine = 0
    /// Title of a 公文 (`关于印发…的通知`), used as the issue title.
    public var documentTitle: String?
    /// 编印单位 as printed.
    public var publisher: String?
    /// 签发人.
    public var signer: String?
    /// 编者按 paragraphs.
    public var editorNote: [String] = []
    /// 报.
    public var reportTo: [String] = []
    /// 发 (or the addressees of a notice).
    public var sendTo: [String] = []
    /// Contact telephone.
    public var phone: String?
    /// Contact e-mail.
    public var email: String?
    /// The body.
    public var blocks: [Block] = []
    /// Lines of web-page chrome removed.
    public var chromeLines = 0
    /// Page breaks (and broken titles) joined.
    public var joins = 0

    /// Creates an empty draft.
    public init() {}

    /// The article headings with their input lines.
    public var headings: [(title: String, line: Int)] {
        blocks.compactMap { if case .heading(let t, let l) = $0 { return (t, l) } else { return nil } }
    }
}
