import Testing
@testable import JianbaoCore

/// The paragraph renderer must write exactly what cmark-gfm writes, and give up on everything else.
@Suite("Paragraph HTML without cmark's renderer")
struct ParagraphHTMLTests {
    static let fragments = ["一是", "加强", "**", "*", "_", "__", "`代码 <b>`", "`", "&", "<", ">", "\"", "'", "/", "&amp;", "&#42;",
                            "\\*", "2021年", "。", "，", "“引号”", " ", "  \n", "\n", "\\\n", "abc", "x<y>z", "\"q\"&", "—",
                            "1.5%", "\t", "&lt;", "**加粗。**", "*斜体*", "a <= b", "c > d", "< e >",
                            // Outside the BMP, decomposed, CRLF, NUL (cmark makes it U+FFFD), a BOM, entities of both.
                            "𠮷", "e\u{301}", "\r\n", "\u{0}", "\u{FEFF}", "&#x20BB7;", "&#0;", "&eacute;"]
    /// Inlines the fast path leaves to cmark.
    static let others = ["<br>", "~~删~~", "[链接](https://a.cn/?a=1&b=2)", "https://www.gov.cn", "![图](a.png)", "<span>", "[^1]"]

    /// Runs of the fragments, from a fixed seed (same cases every run).
    static func paragraphs(count: Int) -> [String] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        return (0..<count).map { _ in
            var s = "正文"
            for _ in 0..<(1 + next(24)) { s += fragments[next(fragments.count)] }
            if next(4) == 0 { s.insert(contentsOf: others[next(others.count)], at: s.index(s.startIndex, offsetBy: next(s.count))) }
            return s
        }
    }

    /// Every top-level paragraph that the fast path takes renders as cmark renders it; the others leave both buffers as they were.
    @Test func paragraphsRenderAsCmarkRendersThem() {
        var fast = 0, fallback = 0
        for (k, md) in Self.paragraphs(count: 3_000).enumerated() {
            let doc = CMarkDocument(markdown: md + "\n\n第二段 **x** & < y >\n")
            MarkdownTransforms.apply(doc)
            for node in doc.root.children where node.kind == .paragraph {
                var expectedHTML: [UInt8] = [], expectedText: [UInt8] = Array("前".utf8)
                doc.renderHTML(node, appendingTo: &expectedHTML)
                MarkdownTransforms.appendPlainText(node, to: &expectedText)
                var html: [UInt8] = Array("<p>x</p>\n".utf8), text: [UInt8] = Array("前".utf8)
                if doc.appendParagraphHTML(node, to: &html, text: &text, withText: k % 5 != 0) {
                    fast += 1
                    #expect(String(decoding: html, as: UTF8.self) == "<p>x</p>\n" + String(decoding: expectedHTML, as: UTF8.self), "\(md)")
                    #expect(text == (k % 5 != 0 ? expectedText : Array("前".utf8)), "\(md)")
                } else {
                    fallback += 1
                    #expect(html == Array("<p>x</p>\n".utf8))
                    #expect(text == Array("前".utf8))
                }
            }
        }
        // Both roads are exercised.
        #expect(fast > 3_000)
        #expect(fallback > 500)
    }

    @Test func linksImagesRawHTMLAndStrikethroughGoToCmark() {
        for md in ["见[通知](https://a.cn)。", "![图](a.png)", "甲<span>乙</span>", "~~删除~~", "www.gov.cn"] {
            let doc = CMarkDocument(markdown: md)
            var html: [UInt8] = [], text: [UInt8] = []
            #expect(!doc.appendParagraphHTML(doc.root.firstChild!, to: &html, text: &text, withText: true), "\(md)")
            #expect(html.isEmpty && text.isEmpty)
        }
    }

    @Test func onlyTopLevelParagraphs() {
        let doc = CMarkDocument(markdown: "> 引用\n\n- 列表\n")
        var html: [UInt8] = [], text: [UInt8] = []
        for block in doc.root.children {
            #expect(!doc.appendParagraphHTML(block, to: &html, text: &text, withText: true))
            #expect(!doc.appendParagraphHTML(block.firstChild!, to: &html, text: &text, withText: true))
        }
        #expect(html.isEmpty)
    }

    @Test func escapingMatchesCmarkOnEveryASCIIByteAndAcrossChunks() {
        // Specials at every offset of the sixteen-byte chunks, between three-byte characters.
        for offset in 0..<40 {
            let md = String(repeating: "字", count: offset) + "a&b< c>d\"e'f/g" + String(repeating: "文", count: 40 - offset)
            let doc = CMarkDocument(markdown: md)
            var expected: [UInt8] = [], html: [UInt8] = [], text: [UInt8] = []
            doc.renderHTML(doc.root.firstChild!, appendingTo: &expected)
            #expect(doc.appendParagraphHTML(doc.root.firstChild!, to: &html, text: &text, withText: true))
            #expect(html == expected)
        }
        for b in UInt8(0x20)..<0x7F {
            let bytes = Array(repeating: b, count: 37)
            var out: [UInt8] = []
            bytes.withUnsafeBufferPointer { HTMLEscape.append($0, to: &out) }
            let entity: String? = [0x22: "&quot;", 0x26: "&amp;", 0x3C: "&lt;", 0x3E: "&gt;"][b]
            #expect(out == Array(String(repeating: entity ?? String(UnicodeScalar(b)), count: 37).utf8))
        }
    }
}
