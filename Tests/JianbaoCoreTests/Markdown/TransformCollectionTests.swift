import Testing
@testable import JianbaoCore

/// The transforms find soft breaks, links and images in one walk; it must find what one walk per kind finds.
@Suite("One walk for the Markdown transforms")
struct TransformCollectionTests {
    static let documents = [
        "甲\n乙 [链接\n文字](https://a.cn) ![图\n说明](a.png)\n\n> 引用\n> 第二行 [x](javascript:alert(1))",
        "[![图](javascript:x)](https://a.cn) ![![内](b.png)](c.png) ![[链](d)](e.png)",
        "- 项\n  续\n- [链](mailto:a@b.cn)\n\n| 表 | 头 |\n| --- | --- |\n| [甲](https://x) | ![乙](y.png) |",
        "**粗\n体** *斜\n体* `代码` <span>\nhtml</span>\n\n```\n代码块 [不是链接](x)\n```",
        "没有任何链接或换行的一段。",
    ]

    @Test func oneWalkFindsWhatSeparateWalksFind() {
        var total = (breaks: 0, links: 0, images: 0)
        for md in Self.documents {
            let doc = CMarkDocument(markdown: md)
            var found = MarkdownTransforms.Collected()
            MarkdownTransforms.collect(doc.root, into: &found, inLink: false, inImage: false)
            var breaks: [CMarkNode] = [], links: [CMarkNode] = [], images: [CMarkNode] = []
            Self.collect(doc.root, kind: .softBreak, into: &breaks)
            Self.collect(doc.root, kind: .link, into: &links)
            Self.collect(doc.root, kind: .image, into: &images)
            #expect(found.softBreaks == breaks, "\(md)")
            #expect(found.links == links, "\(md)")
            #expect(found.images == images, "\(md)")
            total.breaks += breaks.count; total.links += links.count; total.images += images.count
        }
        // The documents do contain each kind, nested ones included.
        #expect(total.breaks >= 6 && total.links >= 6 && total.images >= 5)
    }

    /// The reference: the nodes of one kind under `node`, in document order, not looking inside the nodes found
    /// (the walk per kind the transforms made before).
    static func collect(_ node: CMarkNode, kind: CMarkNodeKind, into out: inout [CMarkNode]) {
        var c = node.firstChild
        while let n = c {
            if n.kind == kind { out.append(n) } else { collect(n, kind: kind, into: &out) }
            c = n.next
        }
    }

    @Test func unsafeLinksAndWideBreaksAreStillHandled() {
        let html = MarkdownProcessor.renderSnippet("中文\n换行 [点我](javascript:alert(1)) ![图](data:x) [好](https://a.cn)")
        #expect(html == "<p>中文换行 点我 图 <a href=\"https://a.cn\">好</a></p>\n")
    }
}
