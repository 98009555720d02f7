import Foundation
import Testing
@testable import JianbaoCore

/// Renders one paragraph and returns what is inside `<p>…</p>`.
private func inline(_ md: String) -> String {
    MarkdownTransforms.innerHTML(of: renderMarkdown(md), tag: "p").trimmingCharacters(in: .newlines)
}

@Suite("Chinese-aware Markdown: CJK-friendly emphasis and soft breaks")
struct CJKMarkdownTests {
    // MARK: Bold next to Chinese punctuation

    @Test func bulletinLeadSentenceIsBold() {
        #expect(inline("**二是集体帮教安心服务。**创新帮教模式") == "<strong>二是集体帮教安心服务。</strong>创新帮教模式")
    }

    @Test(arguments: ["。", "，", "；", "：", "！", "？", "、", "”"])
    func boldEndingInPunctuationBeforeHan(_ mark: String) {
        let open = mark == "”" ? "“" : ""
        #expect(inline("前文**\(open)重点\(mark)**后文") == "前文<strong>\(open)重点\(mark)</strong>后文")
    }

    @Test(arguments: [("「", "」"), ("“", "”"), ("（", "）")])
    func boldStartingAfterOpeningPunctuation(_ pair: (String, String)) {
        let (l, r) = pair
        // Inside the brackets, and with the brackets inside the bold.
        #expect(inline("前\(l)**重点**\(r)后") == "前\(l)<strong>重点</strong>\(r)后")
        #expect(inline("前**\(l)重点\(r)**后") == "前<strong>\(l)重点\(r)</strong>后")
        #expect(inline("\(l)**重点。**\(r)后") == "\(l)<strong>重点。</strong>\(r)后")
    }

    @Test func blocksWithoutDelimitersAreSkippedAndOthersStillProcessed() {
        // The pass skips blocks whose lines hold no `*`, `_` or `~`; a delimiter on the last line of a
        // multi-line paragraph, in a list item or in a quote must still be seen.
        let md = "第一段没有强调。\n\n第二段第一行，\n第二行**重点。**后文\n\n- 列表**要点：**内容\n\n> 引用**重点。**后文\n"
        let html = renderMarkdown(md)
        #expect(html.contains("<p>第一段没有强调。</p>"))
        #expect(html.contains("第二行<strong>重点。</strong>后文"))
        #expect(html.contains("列表<strong>要点：</strong>内容"))
        #expect(html.contains("引用<strong>重点。</strong>后文"))
        let source = CJKSourceMap(md)
        #expect(!source.mayHaveDelimiters(lines: 1, 1))
        #expect(source.mayHaveDelimiters(lines: 3, 4))
        #expect(source.mayHaveDelimiters(lines: 0, 0)) // unknown lines: processed
    }

    @Test func severalLeadSentencesInOneParagraph() {
        // From the seed bulletin: every `**` follows 。 and precedes a Han character.
        let md = "一是远程会见。**二是集体帮教安心服务。**创新帮教模式，鼓励。**三是心理疏导塑心服务。**在全省率先"
        #expect(inline(md) == "一是远程会见。<strong>二是集体帮教安心服务。</strong>创新帮教模式，鼓励。<strong>三是心理疏导塑心服务。</strong>在全省率先")
    }

    @Test func refusedRunDoesNotStealAPairCmarkMade() {
        // Plain CommonMark pairs the second and third `**` (bolding 成立了); CJK-friendly pairs 1–2 and 3–4.
        #expect(inline("**一是加强领导。**成立了**专班**，开展工作。") == "<strong>一是加强领导。</strong>成立了<strong>专班</strong>，开展工作。")
    }

    @Test func nestedEmphasis() {
        #expect(inline("**加粗*斜体*。**后文") == "<strong>加粗<em>斜体</em>。</strong>后文")
        #expect(inline("*斜体**加粗。**。*后文") == "<em>斜体<strong>加粗。</strong>。</em>后文")
        #expect(inline("***粗斜。***后文") == "<em><strong>粗斜。</strong></em>后文")
        #expect(inline("前*斜体。*后") == "前<em>斜体。</em>后")
    }

    @Test func emphasisAcrossNodeBoundaries() {
        #expect(inline("**按“[链接](x)”。**后文") == "<strong>按“<a href=\"x\">链接</a>”。</strong>后文")
        #expect(inline("**前`代码`。**后") == "<strong>前<code>代码</code>。</strong>后")
        #expect(inline("[**甲。**乙](http://x.com/a_b)后**丙。**丁") == "<a href=\"http://x.com/a_b\"><strong>甲。</strong>乙</a>后<strong>丙。</strong>丁")
    }

    @Test func strikethroughNextToCJK() {
        #expect(inline("~~删除~~。后文") == "<del>删除</del>。后文")
        #expect(inline("前~~删除。~~后文") == "前<del>删除。</del>后文")
        // A single tilde stays literal (GFM double-tilde option).
        #expect(inline("前~删除。~后文") == "前~删除。~后文")
    }

    @Test func japaneseAndKorean() {
        #expect(inline("**この文を強調できますか？**残念ながら") == "<strong>この文を強調できますか？</strong>残念ながら")
        #expect(inline("**이 용어(This term)**를 강조해 주세요.") == "<strong>이 용어(This term)</strong>를 강조해 주세요.")
    }

    @Test func headingsTableCellsListsAndQuotes() {
        #expect(renderMarkdown("### 标题**甲。**乙") == "<h3>标题<strong>甲。</strong>乙</h3>\n")
        let table = renderMarkdown("| 表**头。**后 | b |\n|---|---|\n| 格**甲。**乙 | c |\n")
        #expect(table.contains("<th>表<strong>头。</strong>后</th>"))
        #expect(table.contains("<td>格<strong>甲。</strong>乙</td>"))
        #expect(renderMarkdown("- 列表 &amp; **项。**后\n") == "<ul>\n<li>列表 &amp; <strong>项。</strong>后</li>\n</ul>\n")
        #expect(renderMarkdown("> 引用**甲。**乙\n> 续**丙。**丁\n") == "<blockquote>\n<p>引用<strong>甲。</strong>乙续<strong>丙。</strong>丁</p>\n</blockquote>\n")
    }

    @Test func articleHeadingWithBoldKeepsItsAttributes() {
        let result = MarkdownProcessor(file: "x.md", firstLine: 1).process("## **一是。**加强领导 {department=市司法局}\n\n正文\n")
        #expect(result.diagnostics.isEmpty)
        let article = result.articles.first
        #expect(article?.departmentAttribute == "市司法局")
        #expect(article?.titleHTML == "<strong>一是。</strong>加强领导")
        #expect(article?.title == "一是。加强领导")
    }

    @Test func indentedParagraphsAndContinuationLines() {
        // cmark misreports columns on continuation lines of an indented paragraph; escapes must still be told apart.
        #expect(inline("  前文\\*号\n**重点。**后**二。**三") == "前文*号<strong>重点。</strong>后<strong>二。</strong>三")
        #expect(inline("  前文\n*甲*乙**丙。**丁") == "前文<em>甲</em>乙<strong>丙。</strong>丁")
    }

    // MARK: What stays literal

    @Test func escapedAndEntityAsterisksStayLiteral() {
        #expect(inline("\\*\\*转义。\\*\\*后文 与 **真。**后") == "**转义。**后文 与 <strong>真。</strong>后")
        #expect(inline("&#42;&#42;实体。&#42;&#42;后 **真。**后") == "**实体。**后 <strong>真。</strong>后")
        #expect(inline("R&D部门**重点。**后 \\* 与 **甲。**乙") == "R&amp;D部门<strong>重点。</strong>后 * 与 <strong>甲。</strong>乙")
    }

    @Test func codeSpansAndCodeBlocksAreUntouched() {
        #expect(inline("`**代码。**后` **外。**后") == "<code>**代码。**后</code> <strong>外。</strong>后")
        #expect(renderMarkdown("```\n**甲。**乙\n```\n") == "<pre><code>**甲。**乙\n</code></pre>\n")
    }

    @Test func metricsBlockIsUntouched() {
        let body = """
        ## 文章

        **一是。**正文

        ```metrics
        title: "**标题。**后"
        items:
          - {label: "**项。**后", value: 1}
        ```
        """
        let result = MarkdownProcessor(file: "x.md", firstLine: 1).process(body)
        #expect(result.diagnostics.isEmpty)
        let html = result.articles.first?.bodyHTML ?? ""
        #expect(html.contains("<strong>一是。</strong>正文"))
        #expect(html.contains("<span class=\"chart-title\">**标题。**后</span>"))
        #expect(html.contains("**项。**后"))
        #expect(!html.contains("<strong>标题"))
    }

    @Test func underscoreInsideChineseWordsStaysLiteral() {
        #expect(inline("中文_强调_中文") == "中文_强调_中文")
        #expect(inline("文件名 file_name_v2。") == "文件名 file_name_v2。")
    }

    @Test func autolinkTextIsNeverRewritten() {
        let html = inline("见 http://x.com/**甲。**乙")
        #expect(!html.contains("<strong>"))
    }

    // MARK: Soft breaks

    @Test func softBreakBetweenHanCharactersVanishes() {
        #expect(inline("市司法局在巩固落实\n积极探索工作举措。") == "市司法局在巩固落实积极探索工作举措。")
        #expect(inline("第一句。\n“第二句”") == "第一句。“第二句”")
    }

    @Test func softBreakBetweenHanAndLatinStays() {
        #expect(inline("中文\nEnglish") == "中文\nEnglish")
        #expect(inline("English\n中文") == "English\n中文")
    }

    @Test func softBreakBetweenLatinWordsStays() {
        #expect(inline("English words\nwrapped here") == "English words\nwrapped here")
    }

    @Test func softBreaksAroundRewrittenEmphasis() {
        #expect(inline("**重点。**\n后文") == "<strong>重点。</strong>后文")
        #expect(inline("前文\n**重点。**后") == "前文<strong>重点。</strong>后")
        #expect(inline("第一行**重点\n第二行。**后文\nEnglish") == "第一行<strong>重点第二行。</strong>后文\nEnglish")
        #expect(inline("**甲。**\n**乙。**丙") == "<strong>甲。</strong><strong>乙。</strong>丙")
    }

    // MARK: Long paragraphs

    @Test func longParagraphIsTheUnitRepeated() {
        // A self-contained unit (bold after 。, nesting, strikethrough, an escape, a code span, runs
        // that can pair with nothing): a long paragraph of it renders as the unit's HTML repeated, so
        // matching a long paragraph pairs exactly what a short one does.
        let unit = "前文，**积极探索。**努力~~删除。~~推动**甲*乙。*丙**工作\\*发展`代码`，星号 * 与未配对* 都是文字。"
        let one = inline(unit)
        #expect(one.contains("<strong>积极探索。</strong>") && one.contains("<del>删除。</del>") && one.contains("<em>乙。</em>"))
        let count = 3000
        #expect(inline(String(repeating: unit, count: count)) == String(repeating: one, count: count))
    }

    // MARK: The mini site

    @Test func builtSiteHasNoLiteralDoubleAsterisks() throws {
        let site = try TestSite()
        try site.build()
        var checked = 0
        for (path, data) in site.snapshot() where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            var text = String(decoding: data, as: UTF8.self)
            for tag in ["pre", "code"] {
                while let open = text.range(of: "<\(tag)"), let close = text.range(of: "</\(tag)>", range: open.upperBound..<text.endIndex) {
                    text.removeSubrange(open.lowerBound..<close.upperBound)
                }
            }
            #expect(!text.contains("**"), "literal ** in \(path)")
            checked += 1
        }
        #expect(checked > 5)
        let issue = try site.page("ganzhou/2022/151/index.html")
        #expect(issue.contains("<strong>二是集体帮教安心服务。</strong>创新帮教模式"))
        // The hard-wrapped first paragraph of the fixture has no stray space.
        #expect(issue.contains("“十大机制”的基础上，积极探索工作举措。"))
    }
}

/// CommonMark spec (0.29-gfm, the version cmark-gfm implements) emphasis examples: the CJK pass
/// must not change any of them.
@Suite("CommonMark emphasis examples still render as the spec says")
struct CommonMarkEmphasisSpecTests {
    static let examples: [(String, String)] = [
        ("*foo bar*", "<p><em>foo bar</em></p>"),
        ("a * foo bar*", "<p>a * foo bar*</p>"),
        ("a*\"foo\"*", "<p>a*&quot;foo&quot;*</p>"),
        ("foo*bar*", "<p>foo<em>bar</em></p>"),
        ("5*6*78", "<p>5<em>6</em>78</p>"),
        ("_foo bar_", "<p><em>foo bar</em></p>"),
        ("foo_bar_", "<p>foo_bar_</p>"),
        ("пристаням_стремятся_", "<p>пристаням_стремятся_</p>"),
        ("aa_\"bb\"_cc", "<p>aa_&quot;bb&quot;_cc</p>"),
        ("foo-_(bar)_", "<p>foo-<em>(bar)</em></p>"),
        ("_foo*", "<p>_foo*</p>"),
        ("*foo bar *", "<p>*foo bar *</p>"),
        ("*(*foo)", "<p>*(*foo)</p>"),
        ("*(*foo*)*", "<p><em>(<em>foo</em>)</em></p>"),
        ("*foo*bar", "<p><em>foo</em>bar</p>"),
        ("_foo_bar", "<p>_foo_bar</p>"),
        ("_foo_bar_baz_", "<p><em>foo_bar_baz</em></p>"),
        ("_(bar)_.", "<p><em>(bar)</em>.</p>"),
        ("**foo bar**", "<p><strong>foo bar</strong></p>"),
        ("** foo bar**", "<p>** foo bar**</p>"),
        ("a**\"foo\"**", "<p>a**&quot;foo&quot;**</p>"),
        ("foo**bar**", "<p>foo<strong>bar</strong></p>"),
        ("__foo, __bar__, baz__", "<p><strong>foo, <strong>bar</strong>, baz</strong></p>"),
        ("foo-__(bar)__", "<p>foo-<strong>(bar)</strong></p>"),
        ("**foo \"*bar*\" foo**", "<p><strong>foo &quot;<em>bar</em>&quot; foo</strong></p>"),
        ("*foo**bar**baz*", "<p><em>foo<strong>bar</strong>baz</em></p>"),
        ("*foo**bar*", "<p><em>foo**bar</em></p>"),
        ("***foo** bar*", "<p><em><strong>foo</strong> bar</em></p>"),
        ("foo***bar***baz", "<p>foo<em><strong>bar</strong></em>baz</p>"),
        ("foo******bar*********baz", "<p>foo<strong><strong><strong>bar</strong></strong></strong>***baz</p>"),
        ("**foo*bar*baz**", "<p><strong>foo<em>bar</em>baz</strong></p>"),
        ("***strong emph***", "<p><em><strong>strong emph</strong></em></p>"),
        ("**foo [*bar*](/url)**", "<p><strong>foo <a href=\"/url\"><em>bar</em></a></strong></p>"),
        ("__ is not an empty emphasis", "<p>__ is not an empty emphasis</p>"),
        ("foo *\\**", "<p>foo <em>*</em></p>"),
        ("**foo*", "<p>*<em>foo</em></p>"),
        ("*foo**", "<p><em>foo</em>*</p>"),
        ("*foo _bar* baz_", "<p><em>foo _bar</em> baz_</p>"),
        ("**a<http://foo.bar/?q=**>", "<p>**a<a href=\"http://foo.bar/?q=**\">http://foo.bar/?q=**</a></p>"),
        ("*a `*`*", "<p><em>a <code>*</code></em></p>"),
        ("~~Hi~~ Hello, world!", "<p><del>Hi</del> Hello, world!</p>"),
    ]

    @Test(arguments: examples)
    func example(_ pair: (String, String)) {
        #expect(renderMarkdown(pair.0) == pair.1 + "\n")
    }
}

/// The re-matching must pair runs exactly as cmark-gfm does wherever the CJK rules change nothing:
/// every container is rebuilt (`rebuildAlways`) and compared with cmark's own output.
@Suite("CJK emphasis matcher agrees with cmark-gfm on plain CommonMark")
struct CJKEmphasisMatcherTests {
    static let pieces = ["*", "*", "*", "_", "_", "a", " ", ".", "~", "~", "`", "[", "]", "(", ")", "b", "**",
                         "x](y)", "\n", "\n> ", "\n- ", "&#42;", "&amp;", "\\*", "\\_", "`a`", "\n   ", "www.a.com", "\"", "!"]

    @Test func rebuiltContainersMatchCmark() {
        var rng = LCG(state: 2022_08_25)
        var mismatches: [String] = []
        for _ in 0..<4000 {
            let md = (0..<(1 + rng.next(14))).map { _ in Self.pieces[rng.next(Self.pieces.count)] }.joined()
            let plain = CMarkDocument(markdown: md)
            let rebuilt = CMarkDocument(markdown: md)
            CJKEmphasis.apply(rebuilt, rebuildAlways: true)
            if plain.renderHTML(plain.root) != rebuilt.renderHTML(rebuilt.root) { mismatches.append(md) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func rebuiltSpecExamplesMatchCmark() {
        for (md, _) in CommonMarkEmphasisSpecTests.examples {
            let plain = CMarkDocument(markdown: md)
            let rebuilt = CMarkDocument(markdown: md)
            CJKEmphasis.apply(rebuilt, rebuildAlways: true)
            #expect(plain.renderHTML(plain.root) == rebuilt.renderHTML(rebuilt.root), "\(md)")
        }
    }
}

/// The word-at-a-time delimiter scan finds exactly the `*`, `_` and `~` bytes a byte loop finds.
@Suite("CJK delimiter offsets")
struct CJKDelimiterOffsetTests {
    @Test func wordScanAgreesWithByteLoop() {
        var state: UInt64 = 1_281
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet = ["*", "_", "~", "a", "中", "。", " ", "\n", "+", "^", "~~", "**", "\u{2A}\u{301}", "~_*"]
        for _ in 0..<3000 {
            var text = (0..<next(40)).map { _ in alphabet[next(alphabet.count)] }.joined()
            var found: [Int] = []
            text.withUTF8 { CJKSourceMap.appendDelimiterOffsets($0, to: &found) }
            let expected = text.utf8.enumerated().filter { CJKSourceMap.isDelimiter($0.element) }.map(\.offset)
            #expect(found == expected, "\(text)")
        }
    }
}
