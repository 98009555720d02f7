import Foundation
import JianbaoCore

/// Reads the plain text of one bulletin (copied from a PDF, a web page or a Word file) and
/// recognises its parts. Pure: text in, a draft and warnings (pointing into the input) out.
public struct BulletinAnalyzer {
    /// A non-blank input line, trimmed, with its position.
    struct Unit {
        var text: String
        var line: Int
        var column: Int
        var plain: String { Patterns.plain(text) }
    }

    /// Path of the input file, for warnings.
    public let file: String
    /// The site's series (for masthead matching).
    public let series: [SeriesConfig]
    /// `--series`, when given.
    public let seriesOverride: SeriesConfig?

    private(set) var draft = BulletinDraft()
    private(set) var diagnostics: [Diagnostic] = []
    private var publisherFromTrailer: String?
    private var publisherFromSignature: String?
    private var publisherFromHeader: String?
    private var pageTitle: Unit?

    /// Creates an analyzer for the input at `file`.
    public init(file: String, series: [SeriesConfig], seriesOverride: SeriesConfig? = nil) {
        self.file = file
        self.series = series
        self.seriesOverride = seriesOverride
    }

    /// Recognises the parts of `text`.
    public static func analyze(_ text: String, file: String, series: [SeriesConfig], seriesOverride: SeriesConfig? = nil)
        -> (draft: BulletinDraft, diagnostics: [Diagnostic]) {
        var a = BulletinAnalyzer(file: file, series: series, seriesOverride: seriesOverride)
        a.run(text)
        return (a.draft, a.diagnostics)
    }

    mutating func warn(_ line: Int, _ column: Int, _ message: String) {
        diagnostics.append(Diagnostic(.warning, file: file, line: line, column: column, message))
    }

    // MARK: The pipeline

    mutating func run(_ text: String) {
        var units = Self.units(of: text)
        let allText = units.map(\.text).joined(separator: "\n")
        units = removeChrome(units)
        let index = readHeader(units)
        var body = Array(units[index...])
        body = removeTrailer(body)
        body = joinBrokenLines(body)
        body = body.map { fix($0) }
        if let t = pageTitle {
            let key = SeriesMatcher.squash(t.text)
            if !body.contains(where: { SeriesMatcher.squash($0.text) == key }) { body.insert(t, at: 0) }
        }
        classify(body)
        resolveSeries(allText: allText)
        finishPublisher()
        if draft.date == nil {
            warn(1, 1, "未找到印发日期（如 2022年8月25日 或 发布日期: 2022-01-17）")
        }
        if let s = draft.series, s.numbering != .none, draft.issue == nil {
            warn(1, 1, "未找到期号（如 第151期、（第1期））")
        }
    }

    /// Non-blank lines, trimmed (also of NBSP and full-width spaces), with their 1-based line and column.
    static func units(of text: String) -> [Unit] {
        var out: [Unit] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let leading = raw.prefix { $0.isWhitespace }.count
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            out.append(Unit(text: trimmed, line: i + 1, column: leading + 1))
        }
        return out
    }

    /// Drops web chrome; takes the date from `发布日期:` lines and remembers the page title above them.
    mutating func removeChrome(_ units: [Unit]) -> [Unit] {
        var kept: [Unit] = []
        for u in units {
            let web = Patterns.isWebDateLine(u.text)
            guard web || WebChrome.isChrome(u.text) else { kept.append(u); continue }
            if let (d, _) = Patterns.date(in: u.text), draft.date == nil {
                draft.date = d
                draft.dateLine = u.line
            }
            if web, kept.count <= 8, let prev = kept.last, SeriesMatcher.masthead(prev.plain, series: series) == nil,
               Patterns.issueNumber(in: prev.plain) == nil, isTitleLike(prev) {
                pageTitle = prev
                kept.removeLast()
            }
            draft.chromeLines += 1
        }
        return kept
    }

    /// Reads the masthead block (series title, 期号, 编印单位, date, 签发人); returns the index of the first body line.
    mutating func readHeader(_ units: [Unit]) -> Int {
        var i = 0
        while i < units.count && i < 12 {
            let u = units[i]
            var rest = u.plain
            var issue: Int?, date: CalendarDate?, signer: String?, found: SeriesConfig?, publisher: String?
            if let (n, r) = Patterns.issueNumber(in: rest) { issue = n; rest.removeSubrange(r) }
            if let (d, r) = Patterns.date(in: rest) { date = d; rest.removeSubrange(r) }
            if let (name, r) = Patterns.signer(in: rest) { signer = name; rest.removeSubrange(r) }
            for label in Patterns.dateLabels { rest = rest.replacingOccurrences(of: label, with: "") }
            rest = rest.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "()（）:：[]【】")))
            let noise = rest.filter { !$0.isWhitespace }
            if rest.isEmpty || noise.wholeMatch(of: #/(?:[（(]?(?:内部资料|注意保存|内部刊物|内部参阅|仅供参考|增刊|专刊)[）)]?)+/#) != nil {
                // Only numbers, dates and labels on this line.
            } else if let p = Patterns.publisherLine(rest, allowBare: true), isKnownPublisher(p) {
                publisher = p
            } else if draft.series == nil, let (s, _) = SeriesMatcher.masthead(rest, series: series) {
                found = s
            } else if let p = Patterns.publisherLine(rest, allowBare: true), i > 0 || issue != nil || date != nil {
                publisher = p
            } else {
                break
            }
            if let issue, draft.issue == nil { draft.issue = issue; draft.issueLine = u.line }
            if let date, draft.date == nil { draft.date = date; draft.dateLine = u.line }
            if let signer, draft.signer == nil { draft.signer = signer }
            if let found, draft.series == nil { draft.series = found }
            if let publisher, publisherFromHeader == nil { publisherFromHeader = publisher }
            i += 1
        }
        return i
    }

    /// True when `name` is (the end of) some series' publisher, like 市“五型”政府建设领导小组办公室.
    func isKnownPublisher(_ name: String) -> Bool {
        let n = SeriesMatcher.squash(name)
        return series.contains { !$0.publisher.isEmpty && SeriesMatcher.squash($0.publisher).hasSuffix(n) }
    }

    /// Takes contact lines, 报/发 lists, `…编` publisher lines, rules and print counts out of the body.
    mutating func removeTrailer(_ units: [Unit]) -> [Unit] {
        var kept: [Unit] = []
        for u in units {
            let p = u.plain
            let phone = Patterns.phone(in: p), email = Patterns.email(in: p)
            if (phone != nil || email != nil || Patterns.isContactLine(p)) && p.count <= 80 && !p.contains("。") {
                if let phone, draft.phone == nil { draft.phone = phone }
                if let email, draft.email == nil { draft.email = email }
                if phone == nil && email == nil {
                    warn(u.line, u.column, "联系信息 “\(p)” 没有对应的 front matter 字段，已略去（只保留电话和邮箱）")
                }
                continue
            }
            if let (kind, items) = Patterns.distribution(p) {
                if kind == "report" { draft.reportTo += items } else { draft.sendTo += items }
                continue
            }
            if let name = Patterns.publisherLine(p, allowBare: false) {
                publisherFromTrailer = name
                continue
            }
            if p.count < 40, let (name, r) = Patterns.signer(in: p), p.replacingCharacters(in: r, with: "").trimmingCharacters(in: .whitespaces).isEmpty {
                draft.signer = draft.signer ?? name
                continue
            }
            if Patterns.isRule(p) || Patterns.isPrintCount(p) { continue }
            kept.append(u)
        }
        return kept
    }

    // MARK: Joining

    /// Joins lines broken across printed pages and titles broken inside brackets.
    mutating func joinBrokenLines(_ units: [Unit]) -> [Unit] {
        var out: [Unit] = []
        for u in units {
            guard let last = out.last else { out.append(u); continue }
            let before = out.count >= 2 ? out[out.count - 2] : nil
            if isPageBreak(last, u, before: before) {
                out[out.count - 1].text = Self.glue(last.text, u.text)
                draft.joins += 1
                warn(last.line, last.column + last.text.count, "此行在句中断开，已与第 \(u.line) 行合并（疑为跨页断行，请核对）")
            } else if isBrokenTitle(last, u) {
                out[out.count - 1].text = last.text + u.text
                draft.joins += 1
                warn(last.line, last.column + last.text.count, "标题的括号或引号没有闭合，已与第 \(u.line) 行合并为一个标题")
            } else {
                out.append(u)
            }
        }
        return out
    }

    /// Joins two pieces without a space, except between two Latin letters or digits.
    static func glue(_ a: String, _ b: String) -> String {
        if let x = a.last, let y = b.first, x.isASCII, y.isASCII, x.isLetter || x.isNumber, y.isLetter || y.isNumber {
            return a + " " + b
        }
        return a + b
    }

    func isPageBreak(_ l: Unit, _ m: Unit, before: Unit?) -> Bool {
        let lp = l.plain, mp = m.plain
        guard !Patterns.endsSentence(lp), !startsStructure(m) else { return false }
        let commas = lp.contains { Patterns.commas.contains($0) }
        let inner = Patterns.hasInnerSentenceEnd(lp)
        // A marker line without a full stop is a sub-heading, not a broken paragraph.
        if Patterns.startsWithMarker(lp) && !inner { return false }
        let lIsProse = inner || lp.count > 40 || (commas && (lp.count >= 30 || (before.map { isTitleLike($0) } ?? false)))
        guard lIsProse else { return false }
        let mIsProse = Patterns.hasInnerSentenceEnd(mp) || Patterns.endsSentence(mp) || mp.count > 40
            || mp.contains { Patterns.commas.contains($0) }
        return mIsProse
    }

    /// True when `u` opens a structure that never continues the line before it.
    func startsStructure(_ u: Unit) -> Bool {
        let p = u.plain
        return Patterns.startsWithMarker(p) || Patterns.startsWithPoint(p) || Patterns.columnHeading(p) != nil
            || Patterns.editorNote(u.text) != nil || p.hasPrefix("——") || Patterns.dateLine(p) != nil
            || u.text.hasPrefix("**")
    }

    func isBrokenTitle(_ l: Unit, _ m: Unit) -> Bool {
        let lp = l.plain, mp = m.plain
        guard isTitleLike(l), mp.count <= 40, !Patterns.hasInnerSentenceEnd(mp), !startsStructure(m) else { return false }
        return Self.unbalanced(lp) && !Self.unbalanced(lp + mp)
    }

    /// True when some bracket or quote opens and does not close.
    static func unbalanced(_ s: String) -> Bool {
        for (o, c) in [("《", "》"), ("“", "”"), ("（", "）"), ("【", "】"), ("(", ")")] {
            if s.filter({ String($0) == o }).count > s.filter({ String($0) == c }).count { return true }
        }
        return false
    }

    // MARK: Repairs

    /// Repairs PDF damage: `【201711号` -> `【2017】11号`, `12 .` -> `12.`, a date printed as `201746`.
    mutating func fix(_ unit: Unit) -> Unit {
        var u = unit
        let pairs: [Character: Character] = ["【": "】", "〔": "〕", "[": "]", "（": "）", "(": ")", "［": "］"]
        var searchFrom = u.text.startIndex
        while let m = u.text[searchFrom...].firstMatch(of: #/([【〔\[（(［])((?:19|20)[0-9]{2})([0-9]{1,4})号/#) {
            let open = Character(String(m.output.1))
            let fixed = "\(open)\(m.output.2)\(pairs[open]!)\(m.output.3)号"
            let col = u.column + u.text.distance(from: u.text.startIndex, to: m.range.lowerBound)
            warn(u.line, col, "文号 “\(m.output.0)” 缺少右括号，已改为 “\(fixed)”")
            let start = u.text.distance(from: u.text.startIndex, to: m.range.lowerBound)
            u.text.replaceSubrange(m.range, with: fixed)
            searchFrom = u.text.index(u.text.startIndex, offsetBy: start + fixed.count)
        }
        if let m = u.text.prefixMatch(of: #/^([0-9]{1,2})\s+([.．、])/#) {
            u.text.replaceSubrange(m.range, with: "\(m.output.1)\(m.output.2)")
        }
        if let d = draft.date, u.text.allSatisfy({ $0.isASCII && $0.isNumber }), (5...8).contains(u.text.count),
           u.text == "\(d.year)\(d.month)\(d.day)" || u.text == d.iso.replacingOccurrences(of: "-", with: "") {
            warn(u.line, u.column, "“\(u.text)” 疑为缺字的日期，已改为 “\(d.chinese)”")
            u.text = d.chinese
        }
        // Book-title marks that do not pair up are worth a look.
        var depth = 0
        for (k, c) in u.text.enumerated() {
            if c == "《" { depth += 1 }
            if c == "》" {
                if depth == 0 { warn(u.line, u.column + k, "书名号不配对: 这个 “》” 前面没有 “《”"); break }
                depth -= 1
            }
        }
        return u
    }

    // MARK: Classification

    /// A short line without sentence punctuation: a candidate title.
    func isTitleLike(_ u: Unit) -> Bool {
        let p = u.plain.trimmingCharacters(in: .whitespaces)
        guard (2...40).contains(p.count), let last = p.last, !"。！？；：:，,、;".contains(last) else { return false }
        if Patterns.hasInnerSentenceEnd(p) || Patterns.startsWithMarker(p) || Patterns.startsWithPoint(p) { return false }
        if p.hasPrefix("——") || p.hasPrefix("--") || Patterns.columnHeading(p) != nil || Patterns.dateLine(p) != nil { return false }
        if Patterns.editorNote(u.text) != nil { return false }
        if !p.contains(where: { $0.isLetter }) { return false }
        return true
    }

    /// True when `u` can follow a title as the start of its article.
    func startsBody(_ u: Unit) -> Bool {
        let p = u.plain
        if p.hasPrefix("——") || p.hasPrefix("--") { return true }
        if Patterns.startsWithMarker(p) || Patterns.startsWithPoint(p) { return true }
        if isTitleLike(u) || Patterns.columnHeading(p) != nil || Patterns.dateLine(p) != nil { return false }
        return Patterns.endsSentence(p) || Patterns.hasInnerSentenceEnd(p) || p.count > 40
            || p.contains { Patterns.commas.contains($0) }
    }

    /// 公文 titles: `关于印发《…》的通知`.
    static func isDocumentTitle(_ s: String) -> Bool {
        s.wholeMatch(of: #/关于.+的(?:通知|意见|决定|报告|请示|批复|函|方案|通报|公告|规定|办法|通告)/#) != nil
    }

    mutating func classify(_ units: [Unit]) {
        var i = 0
        var articles = 0
        while i < units.count {
            let u = units[i]
            let p = u.plain
            if let col = Patterns.columnHeading(p) {
                draft.blocks.append(.column(col))
                i += 1
                continue
            }
            if articles == 0, let first = Patterns.editorNote(u.text) {
                var paragraphs = first.isEmpty ? [] : [first]
                i += 1
                while i < units.count, Patterns.columnHeading(units[i].plain) == nil, !isTitleLike(units[i]),
                      Patterns.endsSentence(units[i].plain) || Patterns.hasInnerSentenceEnd(units[i].plain) {
                    paragraphs.append(units[i].text)
                    i += 1
                }
                if paragraphs.isEmpty { warn(u.line, u.column, "“编者按”后没有找到正文") }
                draft.editorNote += paragraphs
                continue
            }
            if isTitleLike(u) {
                var title: String?
                var used = 1
                if i + 1 < units.count, startsBody(units[i + 1]) {
                    title = p
                } else if i + 2 < units.count, isTitleLike(units[i + 1]), startsBody(units[i + 2]) {
                    title = p + " " + units[i + 1].plain
                    used = 2
                    warn(u.line, u.column, "两行短句合并为一个标题 “\(title!)”（请核对）")
                }
                if var title {
                    title = title.trimmingCharacters(in: .whitespaces)
                    if articles == 0, draft.documentTitle == nil, Self.isDocumentTitle(title.filter { !$0.isWhitespace }) {
                        draft.documentTitle = title
                    } else {
                        draft.blocks.append(.heading(title: title, line: u.line))
                        articles += 1
                    }
                    i += used
                    continue
                }
            }
            if Patterns.startsWithMarker(p), p.count <= 40, !Patterns.hasInnerSentenceEnd(p), !Patterns.endsSentence(p) {
                draft.blocks.append(.subheading(u.text))
                i += 1
                continue
            }
            if p.hasPrefix("——"), case .heading? = draft.blocks.last {
                draft.blocks.append(.subtitle(u.text))
                i += 1
                continue
            }
            if articles == 0, let names = Patterns.addressee(p), draft.sendTo.isEmpty {
                draft.sendTo = names
            }
            if i + 1 < units.count, Patterns.dateLine(units[i + 1].plain) != nil,
               let name = Patterns.publisherLine(p, allowBare: true) {
                publisherFromSignature = publisherFromSignature ?? name
                if draft.date == nil, let d = Patterns.dateLine(units[i + 1].plain) {
                    draft.date = d
                    draft.dateLine = units[i + 1].line
                }
            }
            draft.blocks.append(.paragraph(u.text, line: u.line))
            i += 1
        }
        if articles == 0 {
            if let t = draft.documentTitle {
                // A notice with no inner title: the whole text is one article under the notice's title.
                let line = units.first?.line ?? 1
                draft.blocks.insert(.heading(title: t, line: line), at: draft.blocks.firstIndex { if case .column = $0 { return false } else { return true } } ?? 0)
            } else {
                warn(units.first?.line ?? 1, 1, "没有识别出文章标题（标题应为单独一行、不以标点结尾的短句）；导入后请手工加上 ## 标题")
            }
        }
    }

    // MARK: Series and publisher

    mutating func resolveSeries(allText: String) {
        if let o = seriesOverride { draft.series = o; return }
        if draft.series != nil { return }
        if let (s, score) = SeriesMatcher.bestGuess(text: allText, series: series) {
            draft.series = s
            warn(1, 1, "没有找到报头，按全文近似匹配到系列 “\(s.key)”（\(s.title)，相似度 \(Int((score * 100).rounded()))%），如不对请用 --series 指定")
        } else if series.count == 1 {
            draft.series = series[0]
            warn(1, 1, "没有找到报头，使用唯一的系列 “\(series[0].key)”")
        }
    }

    /// 编印单位: the `…编` line, else the signature, else the line under the masthead; the series'
    /// full name when the printed one is its short form (市“五型”… for 赣州市“五型”…).
    mutating func finishPublisher() {
        guard let found = publisherFromTrailer ?? publisherFromSignature ?? publisherFromHeader else { return }
        if let s = draft.series, !s.publisher.isEmpty, s.publisher != found,
           s.publisher.hasSuffix(found) || SeriesMatcher.squash(s.publisher).hasSuffix(SeriesMatcher.squash(found)) {
            draft.publisher = s.publisher
        } else {
            draft.publisher = found
        }
    }
}
