import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import JianbaoCore

@Suite("Departments and topics")
struct DepartmentTests {
    func departments(_ md: String, path: String = "content/ganzhou/2022/1.md") throws -> [String] {
        let (issue, diags) = try parseIssue("---\nissue: 1\ndate: 2022-01-01\n---\n" + md, path: path)
        #expect(diags.filter { $0.severity == .error }.isEmpty, "\(diags)")
        return issue?.articles.map(\.department) ?? []
    }

    @Test func inferredFromHeading() throws {
        #expect(try departments("## 市司法局“三举措”推动工作\n\n正文\n") == ["市司法局"])
    }

    @Test func inferredFromAlias() throws {
        #expect(try departments("## 赣州市司法局推动工作\n\n正文\n") == ["市司法局"])
    }

    @Test func longestNameWins() throws {
        #expect(try departments("## 市公安局西湖分局推行新模式\n\n正文\n") == ["市公安局西湖分局"])
        #expect(try departments("## 市公安局开展反诈宣传\n\n正文\n") == ["市公安局"])
    }

    @Test func inferredFromSubtitle() throws {
        #expect(try departments("## 警务前移 警力下沉\n\n——市公安局西湖分局探索巡逻防控新模式\n\n正文\n") == ["市公安局西湖分局"])
    }

    @Test func attributeOverridesHeadingAndSubtitle() throws {
        #expect(try departments("## 市司法局与瑞金市联合行动 {department=瑞金市}\n\n——市公安局西湖分局供稿\n\n正文\n") == ["瑞金市"])
    }

    @Test func attributeIsRemovedFromTheTitle() throws {
        let (issue, _) = try parseIssue("---\nissue: 1\ndate: 2022-01-01\n---\n## 联合行动 {department=瑞金市}\n\n正文\n")
        #expect(issue?.articles.first?.title == "联合行动")
        #expect(issue?.articles.first?.titleHTML == "联合行动")
    }

    @Test func seriesScopedEntryDoesNotResolveElsewhere() throws {
        let (issue, diags) = try parseIssue("---\nslug: x\ndate: 2017-01-01\n---\n## 市公安局通报\n\n正文\n", path: "content/zhenjiang/2017/x.md")
        #expect(issue == nil)
        #expect(diags.first?.message.hasPrefix("无法确定文章 “市公安局通报” 的部门") == true)
    }

    @Test func ambiguousNameIsAnError() throws {
        let config = SiteConfig(title: "t", baseURL: "https://x.gov.cn/", series: [SeriesConfig(key: "a", title: "甲")],
                                departments: [Department(name: "市公安局", slug: "a-gaj"), Department(name: "甲市公安局", slug: "b-gaj", aliases: ["市公安局"])])
        let (issue, diags) = IssueParser(config: config).parse(path: "content/a/1.md", text: "---\nissue: 1\ndate: 2022-01-01\n---\n## 市公安局通报\n\n正文\n")
        #expect(issue == nil)
        #expect(diags.map(\.description) == ["content/a/1.md:5:4: 错误: “市公安局” 同时对应多个部门（市公安局、甲市公安局），请用 {department=…} 指明"])
    }

    @Test func pinyinSlugs() {
        #expect(Slug.pinyin("市司法局") == "shi-si-fa-ju")
        #expect(Slug.pinyin("反诈") == "fan-zha")
        #expect(Slug.pinyin("一网通办") == "yi-wang-tong-ban")
        #expect(Slug.pinyin("★") .hasPrefix("x"))
        #expect(!Slug.pinyin("").isEmpty)
    }

    @Test func departmentSlugCollisionIsAnError() throws {
        let site = try TestSite()
        let yml = try String(contentsOf: site.root.appendingPathComponent("site.yml"), encoding: .utf8)
        try site.write("site.yml", yml.replacingOccurrences(of: "  - name: 瑞金市\n", with: "  - name: 瑞金市\n    slug: xihu-fenju\n"))
        #expect(site.failure().map(\.description) == ["site.yml:23:5: 错误: 部门 “瑞金市” 的网址 /departments/xihu-fenju/ 与 “市公安局西湖分局” 相同，请给其中一个指定不同的 slug"])
    }

    @Test func topicSlugCollisionIsAnError() throws {
        let site = try TestSite()
        try site.write("content/ganzhou/2022/152.md", "---\nissue: 152\ndate: 2022-09-01\ntags: [反 诈]\n---\n## 市司法局测试\n\n正文\n")
        let d = site.failure()
        #expect(d.map(\.description) == ["content/ganzhou/2022/152.md:4:7: 错误: 主题 “反 诈” 与 “反诈” 的网址相同（/topics/fan-zha/），请统一写法"])
    }

    @Test func departmentAndTopicPages() throws {
        let site = try TestSite()
        try site.build()
        let index = try site.page("departments/index.html")
        #expect(index.contains("市直部门"))
        #expect(index.contains("<a href=\"/jianbao/departments/shi-si-fa-ju/\">市司法局</a> <span>3 篇 · 最新 <time datetime=\"2022-08-25\">2022年8月25日</time></span>"))
        let page = try site.page("departments/shi-si-fa-ju/index.html")
        // Newest first, linking to the article's anchor.
        let first = try #require(page.range(of: "/jianbao/ganzhou/2022/151/#a1"))
        let second = try #require(page.range(of: "/jianbao/zhenjiang/2017/anzhi-bangjiao-2017/#a1"))
        #expect(first.lowerBound < second.lowerBound)
        let topic = try site.page("topics/fan-zha/index.html")
        #expect(topic.contains("主题：反诈"))
        #expect(topic.contains("/jianbao/ganzhou/2022/151/"))
        #expect(topic.contains("/jianbao/ganzhou/2021/150/"))
        let issue = try site.page("ganzhou/2022/151/index.html")
        #expect(issue.contains("href=\"/jianbao/departments/xihu-fenju/\""))
        #expect(issue.contains("href=\"/jianbao/topics/an-zhi-bang-jiao/\" rel=\"tag\""))
    }

    @Test func longDepartmentPagesArePaginated() throws {
        let site = try TestSite()
        for n in 1...60 {
            try site.write("content/ganzhou/2020/\(n).md", "---\nissue: \(n)\ndate: 2020-01-\(String(format: "%02d", (n % 28) + 1))\n---\n## 市司法局第\(n)篇\n\n正文\n")
        }
        try site.build()
        let files = site.snapshot().keys
        #expect(files.contains("departments/shi-si-fa-ju/page/2/index.html"))
        #expect(!files.contains("departments/shi-si-fa-ju/page/3/index.html"))
        let p1 = try site.page("departments/shi-si-fa-ju/index.html")
        #expect(p1.contains("href=\"/jianbao/departments/shi-si-fa-ju/page/2/\""))
        #expect(p1.contains("第 1 / 2 页"))
    }
}

@Suite("Links, feeds and sitemap")
struct LinkAndFeedTests {
    @Test func everyInternalLinkResolves() throws {
        let site = try TestSite()
        let sink = try site.renderInMemory()
        let files = sink.files.mapValues { [UInt8]($0) }
        let broken = LinkChecker(files: files, basePath: "/jianbao/").check()
        // The mini fixture links to ganzhou/2021/150/#a1 which exists; nothing is broken.
        #expect(broken == [])
        #expect(files.keys.filter { $0.hasSuffix(".html") }.count >= 15)
    }

    @Test func brokenLinksAndAnchorsAreFound() throws {
        let files: [String: [UInt8]] = [
            "index.html": Array("<a href=\"/jianbao/a/\">a</a><a href=\"/jianbao/a/#x\">x</a><a href=\"/jianbao/a/#nope\">n</a><a href=\"/jianbao/missing/\">m</a><a href=\"https://gov.cn/\">e</a>".utf8),
            "a/index.html": Array("<p id=\"x\">x</p>".utf8),
        ]
        let broken = LinkChecker(files: files, basePath: "/jianbao/").check()
        #expect(broken.map(\.href) == ["/jianbao/a/#nope", "/jianbao/missing/"])
        #expect(broken.map(\.reason) == ["锚点 #nope 在目标页面中不存在", "目标页面不存在"])
    }

    @Test func checkReportsBrokenContentLinksAtTheirLine() throws {
        let site = try TestSite()
        try site.write("content/ganzhou/2022/152.md", "---\nissue: 152\ndate: 2022-09-01\n---\n## 市司法局测试\n\n见[旧文](/jianbao/ganzhou/2019/1/)。\n")
        let report = try SiteCheck.run(source: site.root)
        #expect(report.diagnostics.filter { $0.severity == .error }.map(\.description) ==
                ["content/ganzhou/2022/152.md:7:7: 错误: 链接 /jianbao/ganzhou/2019/1/ 无效: 目标页面不存在"])
    }

    @Test func feedsAndSitemapAreWellFormedWithAbsoluteURLs() throws {
        let site = try TestSite()
        try site.build()
        for path in ["feed.xml", "ganzhou/feed.xml", "departments/shi-si-fa-ju/feed.xml", "sitemap.xml"] {
            let data = try Data(contentsOf: site.output.appendingPathComponent(path))
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "\(path) is not well-formed: \(String(describing: parser.parserError))")
            let text = String(decoding: data, as: UTF8.self)
            for url in LinkChecker.attributeValues(Array(data), name: "href") {
                #expect(url.hasPrefix("https://example.gov.cn/jianbao/"), "\(path): \(url)")
            }
            #expect(!text.contains("<loc>/"))
        }
        let feed = try site.page("feed.xml")
        #expect(feed.contains("<updated>2022-08-25T00:00:00+08:00</updated>"))
        let sitemap = try site.page("sitemap.xml")
        #expect(sitemap.contains("<url><loc>https://example.gov.cn/jianbao/ganzhou/2022/151/</loc><lastmod>2022-08-25</lastmod></url>"))
        #expect(try site.page("robots.txt").contains("Sitemap: https://example.gov.cn/jianbao/sitemap.xml"))
        let dept = try site.page("departments/shi-si-fa-ju/feed.xml")
        #expect(dept.contains("<id>https://example.gov.cn/jianbao/ganzhou/2022/151/#a1</id>"))
    }
}
