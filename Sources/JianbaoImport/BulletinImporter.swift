import Foundation
import JianbaoCore

/// `jianbao import`: turns existing bulletins (.txt in UTF-8 or GB18030, .docx) into issue files of the
/// content format, reporting what it recognised and what it was unsure of.
public enum BulletinImporter {
    /// Command-line options.
    public struct Options: Sendable {
        /// Site folder (with site.yml).
        public var source: URL
        /// `--series KEY`.
        public var series: String?
        /// `--out DIR` (default `<source>/content`).
        public var out: URL?
        /// `--suggest-metrics`.
        public var suggestMetrics: Bool
        /// `--force`.
        public var force: Bool

        /// Creates options.
        public init(source: URL, series: String? = nil, out: URL? = nil, suggestMetrics: Bool = false, force: Bool = false) {
            self.source = source
            self.series = series
            self.out = out
            self.suggestMetrics = suggestMetrics
            self.force = force
        }

        /// The output folder.
        public var outFolder: URL { out ?? source.appendingPathComponent("content") }
    }

    /// One input converted in memory.
    public struct Conversion: Sendable {
        /// The Markdown file, or nil when essentials (series, date, 期号) are missing.
        public var markdown: String?
        /// Path under the output folder: `ganzhou/2022/151.md`.
        public var relativePath: String?
        /// What was recognised, one line each (Chinese).
        public var summary: [String]
        /// Warnings into the input file; errors when nothing could be written.
        public var diagnostics: [Diagnostic]
        /// The draft behind it.
        public var draft: BulletinDraft
        /// Department of each article, in order (nil when unresolved).
        public var departments: [String?]
    }

    /// What happened to one input file.
    public struct Outcome: Sendable {
        /// The input path as given.
        public var input: String
        /// Where the output went (or would have gone).
        public var output: String?
        /// True when a file was written.
        public var written: Bool
        /// True when this input failed (not converted, or an existing file was kept).
        public var failed: Bool
        /// Summary lines.
        public var summary: [String]
        /// Diagnostics.
        public var diagnostics: [Diagnostic]
    }

    /// Reads and parses `<source>/site.yml`.
    public static func loadConfig(source: URL) -> Result<SiteConfig, BuildFailure> {
        let url = source.appendingPathComponent("site.yml")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(BuildFailure([Diagnostic(file: "site.yml", "找不到 site.yml（站点设置），导入需要其中的系列和部门名录；请用 --source 指定站点目录")]))
        }
        switch SiteLoader.decode(data, path: "site.yml") {
        case .failure(let d): return .failure(BuildFailure([d]))
        case .success(let text):
            let (config, diags) = SiteConfigParser.parse(text, file: "site.yml")
            if let config { return .success(config) }
            return .failure(BuildFailure(diags))
        }
    }

    /// Reads one input file as text: .docx through its document.xml, anything else as UTF-8 or GB18030.
    public static func readText(_ url: URL, display: String) -> Result<(String, String), Diagnostic> {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(Diagnostic(file: display, "无法读取文件"))
        }
        if url.pathExtension.lowercased() == "docx" {
            do { return .success((try DocxReader.text(of: data), "Word")) } catch {
                return .failure(Diagnostic(file: display, "\(error)"))
            }
        }
        if url.pathExtension.lowercased() == "doc" {
            return .failure(Diagnostic(file: display, "不支持旧版 Word .doc 文件，请在 Word 中另存为 .docx 后再导入"))
        }
        guard let (text, enc) = ImportTextDecoder.decode(data) else {
            return .failure(Diagnostic(file: display, line: 1, column: 1, "既不是 UTF-8 也不是 GB18030 编码的文本，无法导入"))
        }
        return .success((text, enc.rawValue))
    }

    /// Converts the text of one input (pure: no file system access).
    public static func convert(_ text: String, input: String, config: SiteConfig, options: Options) -> Conversion {
        var override: SeriesConfig?
        var diags: [Diagnostic] = []
        if let key = options.series {
            override = config.series(key)
            if override == nil {
                var msg = "未知的简报系列 “\(key)”"
                if let s = Suggest.closest(key, in: config.series.map(\.key)) { msg += "，是否想写 “\(s)”？" }
                else { msg += "（site.yml 中定义的系列: \(config.series.map(\.key).joined(separator: ", "))）" }
                diags.append(Diagnostic(file: input, msg))
                return Conversion(markdown: nil, relativePath: nil, summary: [], diagnostics: diags, draft: BulletinDraft(), departments: [])
            }
        }
        let (draft, found) = BulletinAnalyzer.analyze(text, file: input, series: config.series, seriesOverride: override)
        diags += found
        var summary: [String] = []
        guard let series = draft.series else {
            diags.append(Diagnostic(file: input, line: 1, column: 1, "无法确定简报系列（报头与 site.yml 中的系列标题都不相近），请用 --series 指定；未写入"))
            return Conversion(markdown: nil, relativePath: nil, summary: summary, diagnostics: diags.sorted(), draft: draft, departments: [])
        }
        summary.append("系列: \(series.key)（\(series.title)）")

        var extras = MarkdownWriter.Extras()
        extras.publisher = draft.publisher ?? (series.publisher.isEmpty ? nil : series.publisher)
        let articles = articleTexts(draft)
        // Departments, with the build's own resolver.
        let resolver = DepartmentResolver(departments: config.departments)
        var departments: [String?] = []
        for (i, a) in articles.enumerated() {
            let r = department(for: a, series: series.key, resolver: resolver, config: config, publisher: draft.publisher)
            departments.append(r.name)
            if let attr = r.attribute { extras.attributes[i] = attr }
            if let m = r.message { diags.append(Diagnostic(.warning, file: input, line: a.line, column: 1, m)) }
        }
        if options.suggestMetrics {
            for (i, a) in articles.enumerated() {
                let items = MetricSuggester.suggest(a.paragraphs)
                if !items.isEmpty { extras.metrics[i] = MetricSuggester.comment(title: a.title, items: items) }
            }
        }
        if let t = draft.documentTitle { extras.title = t }
        else if articles.count > 1 { extras.title = articles[0].title + "等" }

        var fatal = false
        guard let date = draft.date else {
            diags.append(Diagnostic(file: input, line: 1, column: 1, "没有印发日期，无法生成内容文件（front matter 必须有 date）；未写入"))
            return Conversion(markdown: nil, relativePath: nil, summary: summary, diagnostics: diags.sorted(), draft: draft, departments: departments)
        }
        var name: String
        if series.numbering == .none {
            let slug = makeSlug(input: input, draft: draft, series: series, date: date, firstTitle: articles.first?.title)
            extras.slug = slug
            name = slug
            summary.append("日期: \(date.iso)（不编期号，slug: \(slug)）")
        } else if let n = draft.issue {
            name = String(n)
            summary.append("期号: 第\(n)期　日期: \(date.iso)")
        } else {
            diags.append(Diagnostic(file: input, line: 1, column: 1, "没有期号（第N期），系列 “\(series.key)” 需要 issue；未写入"))
            name = ""
            fatal = true
        }
        if fatal {
            return Conversion(markdown: nil, relativePath: nil, summary: summary, diagnostics: diags.sorted(), draft: draft, departments: departments)
        }
        if let p = extras.publisher {
            summary.append("编印单位: \(p)" + (draft.publisher == nil ? "（原文未写，用系列默认值）" : draft.publisher == series.publisher && draft.publisher != nil ? "" : ""))
        }
        if let s = draft.signer { summary.append("签发人: \(s)") }
        if !draft.editorNote.isEmpty { summary.append("编者按: \(draft.editorNote.count) 段") }
        if let t = extras.title { summary.append("标题: \(t)") }
        if !draft.reportTo.isEmpty { summary.append("报: \(draft.reportTo.joined(separator: "、"))") }
        if !draft.sendTo.isEmpty { summary.append("发: \(draft.sendTo.joined(separator: "、"))") }
        if draft.phone != nil || draft.email != nil {
            summary.append("联系: " + [draft.phone.map { "电话 \($0)" }, draft.email.map { "邮箱 \($0)" }].compactMap { $0 }.joined(separator: "，"))
        }
        summary.append("文章 \(articles.count) 篇:")
        for (i, a) in articles.enumerated() {
            var line = "  \(i + 1). \(a.title) —— \(departments[i] ?? "部门待定")"
            if !a.column.isEmpty { line += "（栏目: \(a.column)）" }
            summary.append(line)
        }
        var notes: [String] = []
        if draft.chromeLines > 0 { notes.append("去除网页杂项 \(draft.chromeLines) 行") }
        if draft.joins > 0 { notes.append("合并断行 \(draft.joins) 处") }
        if options.suggestMetrics { notes.append("建议图表 \(extras.metrics.count) 组（在注释中）") }
        if !notes.isEmpty { summary.append(notes.joined(separator: "，")) }

        let markdown = MarkdownWriter.render(draft, extras)
        let relative = "\(series.key)/\(date.year)/\(name).md"
        // Check the result with the build's own parser.
        let (_, check) = IssueParser(config: config).parse(path: "content/" + relative, text: markdown)
        for d in check where d.severity == .error {
            diags.append(Diagnostic(.warning, file: input, line: 1, column: 1, "生成的文件构建时会报错（第 \(d.line) 行）: \(d.message)"))
        }
        return Conversion(markdown: markdown, relativePath: relative, summary: summary, diagnostics: diags.sorted(), draft: draft, departments: departments)
    }

    /// Converts and writes each file; an existing output is kept unless `force` (or already identical).
    public static func run(files: [String], config: SiteConfig, options: Options, outDisplay: String) -> [Outcome] {
        var outcomes: [Outcome] = []
        for input in files {
            let url = URL(fileURLWithPath: input)
            var outcome = Outcome(input: input, output: nil, written: false, failed: true, summary: [], diagnostics: [])
            switch readText(url, display: input) {
            case .failure(let d):
                outcome.diagnostics = [d]
            case .success(let (text, encoding)):
                let c = convert(text, input: input, config: config, options: options)
                outcome.summary = c.summary
                outcome.diagnostics = c.diagnostics
                guard let md = c.markdown, let rel = c.relativePath else { break }
                let target = options.outFolder.appendingPathComponent(rel)
                let shown = outDisplay.hasSuffix("/") ? outDisplay + rel : outDisplay + "/" + rel
                outcome.output = shown
                outcome.summary.insert("读取 \(input)（\(encoding)）→ \(shown)", at: 0)
                let data = Data(md.utf8)
                if let existing = FileManager.default.contents(atPath: target.path) {
                    if existing == data {
                        outcome.failed = false
                        outcome.summary.append("\(shown) 已存在且内容相同，未改动")
                        break
                    }
                    if !options.force {
                        outcome.diagnostics.append(Diagnostic(file: shown, "文件已存在，未覆盖（确认要覆盖请加 --force）"))
                        break
                    }
                }
                do {
                    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try data.write(to: target, options: .atomic)
                    outcome.written = true
                    outcome.failed = false
                } catch {
                    outcome.diagnostics.append(Diagnostic(file: shown, "无法写入: \(error.localizedDescription)"))
                }
            }
            outcomes.append(outcome)
        }
        return outcomes
    }

    // MARK: Articles and departments

    struct ArticleText {
        var title: String
        var line: Int
        var subtitle: String
        var column: String
        var paragraphs: [String]
    }

    static func articleTexts(_ d: BulletinDraft) -> [ArticleText] {
        var out: [ArticleText] = []
        var column = ""
        for b in d.blocks {
            switch b {
            case .column(let c): column = c
            case .heading(let t, let l): out.append(ArticleText(title: t, line: l, subtitle: "", column: column, paragraphs: []))
            case .subtitle(let s): if !out.isEmpty, out[out.count - 1].subtitle.isEmpty { out[out.count - 1].subtitle = s }
            case .subheading(let s): if !out.isEmpty { out[out.count - 1].paragraphs.append(s) }
            case .paragraph(let p, _): if !out.isEmpty { out[out.count - 1].paragraphs.append(p) }
            }
        }
        return out
    }

    /// Resolves through the build's resolver: heading (or subtitle) first; else a registry name in the body's
    /// first sentence, else the publisher, as an attribute; else a warning.
    static func department(for a: ArticleText, series: String, resolver: DepartmentResolver, config: SiteConfig,
                           publisher: String?) -> (name: String?, attribute: String?, message: String?) {
        func resolve(_ attribute: String?) -> Department? {
            var md = "## " + MarkdownWriter.escapeInline(a.title)
            if let attribute { md += " {department=\(attribute)}" }
            md += "\n\n"
            if !a.subtitle.isEmpty { md += MarkdownWriter.escapeInline(a.subtitle) + "\n" }
            let raw = MarkdownProcessor(file: "import", firstLine: 1).process(md).articles
            guard let first = raw.first, case .success(let d) = resolver.resolve(first, series: series, file: "import") else { return nil }
            return d
        }
        if let d = resolve(nil) { return (d.name, nil, nil) }
        let applicable = config.departments.filter { $0.applies(to: series) }
        if let firstParagraph = a.paragraphs.first.map(Patterns.plain) {
            let sentence = String(firstParagraph.prefix { !"。！？；".contains($0) })
            var best: (pos: Int, len: Int, dept: Department)?
            for d in applicable {
                for n in [d.name] + d.aliases {
                    guard let r = sentence.range(of: n) else { continue }
                    let pos = sentence.distance(from: sentence.startIndex, to: r.lowerBound)
                    if best == nil || pos < best!.pos || (pos == best!.pos && n.count > best!.len) { best = (pos, n.count, d) }
                }
            }
            if let best, let d = resolve(best.dept.name) {
                return (d.name, d.name, "标题不以部门名开头，按正文首句推定部门为 “\(d.name)”，已加 {department=\(d.name)}（请核对）")
            }
        }
        if let p = publisher, let entry = applicable.first(where: { $0.name == p || $0.aliases.contains(p) }), let d = resolve(entry.name) {
            return (d.name, d.name, "标题和正文首句都没有部门名，按编印单位推定部门为 “\(d.name)”，已加 {department=\(d.name)}（请核对）")
        }
        return (nil, nil, "TODO: 无法确定文章 “\(a.title)” 的部门（标题和正文首句都没有 site.yml 名录中的部门）；请在标题末尾加 {department=部门名}，否则构建会报错")
    }

    /// Slug for series without numbers: the input's ASCII file name (without the series key and year) plus
    /// the year, else the pinyin of the title's core words.
    static func makeSlug(input: String, draft: BulletinDraft, series: SeriesConfig, date: CalendarDate, firstTitle: String?) -> String {
        let base = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
        let year = String(date.year)
        var parts: [String]
        if base.unicodeScalars.allSatisfy({ $0.isASCII }), !Slug.normalize(base).isEmpty {
            parts = Slug.normalize(base).split(separator: "-").map(String.init)
        } else {
            var core = draft.documentTitle ?? firstTitle ?? base
            for w in ["关于印发", "关于", "的通知", "的意见", "的决定", "的报告", "的方案", "的通报", "《", "》", "“", "”", year + "年度", year + "年"] {
                core = core.replacingOccurrences(of: w, with: "")
            }
            parts = Slug.pinyin(String(core.prefix(8))).split(separator: "-").map(String.init)
        }
        parts.removeAll { $0 == series.key || $0 == year }
        parts = Array(parts.prefix(10))
        parts.append(year)
        return parts.joined(separator: "-")
    }
}
