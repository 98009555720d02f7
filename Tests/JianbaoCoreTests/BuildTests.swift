import Foundation
import Testing
@testable import JianbaoCore

@Suite("End-to-end build of the mini fixture")
struct BuildTests {
    @Test func buildsEveryPage() throws {
        let site = try TestSite()
        let summary = try site.build()
        #expect(summary.issues == 4)
        let files = site.snapshot().keys
        for path in ["index.html", "ganzhou/index.html", "zhenjiang/index.html", "ganzhou/2022/151/index.html",
                     "ganzhou/2021/150/index.html", "zhenjiang/2017/anzhi-bangjiao-2017/index.html", "404.html",
                     "departments/index.html", "topics/index.html", "search/index.html", "feed.xml", "sitemap.xml", "robots.txt"] {
            #expect(files.contains(path), "missing \(path)")
        }
    }

    @Test func issuePageIsLaidOutLikeTheBulletin() throws {
        let site = try TestSite()
        try site.build()
        let html = try site.page("ganzhou/2022/151/index.html")
        #expect(html.contains("<html lang=\"zh-CN\">"))
        #expect(html.contains("赣州市“五型”政府建设工作简报"))
        #expect(html.contains("第151期"))
        #expect(html.contains("签发人：涂俊炜"))
        #expect(html.contains("2022年8月25日"))
        #expect(html.contains("【编者按】"))
        #expect(html.contains("<span class=\"banji-label\">报：</span>市“五型”政府建设领导小组组长"))
        #expect(html.contains("电话：8992059"))
        #expect(html.contains("id=\"a1\""))
        #expect(html.contains("id=\"ruijin\""))
        #expect(!html.contains("{department"))
        #expect(!html.contains("{#ruijin}"))
        #expect(html.contains("上一期：第149期"))
        // Exactly one h1.
        #expect(html.components(separatedBy: "<h1").count == 2)
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let a = try TestSite(), b = try TestSite()
        try a.build()
        try b.build()
        #expect(a.snapshot() == b.snapshot())
    }

    @Test func unchangedFilesKeepTheirInode() throws {
        let site = try TestSite()
        try site.build()
        let path = site.output.appendingPathComponent("ganzhou/2021/150/index.html").path
        let before = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        let summary = try site.build()
        let after = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        #expect(before == after)
        #expect(summary.changed == 0)
    }

    @Test func failedBuildLeavesPublicUntouched() throws {
        let site = try TestSite()
        try site.build()
        let before = site.snapshot()
        try site.write("content/ganzhou/2022/152.md", "---\nissue: 151\ndate: 2022-02-30\n---\n\n## 市司法局测试\n\n正文\n")
        let diags = site.failure()
        #expect(!diags.isEmpty)
        #expect(site.snapshot() == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public") }
        #expect(leftovers.isEmpty)
    }

    @Test func draftsAreBuiltOnlyOnRequest() throws {
        let site = try TestSite()
        try site.write("content/ganzhou/2022/152.md", "---\nissue: 152\ndate: 2022-09-01\ndraft: true\n---\n\n## 市司法局草稿文章\n\n正文\n")
        try site.build()
        #expect(!site.snapshot().keys.contains("ganzhou/2022/152/index.html"))
        try site.build(drafts: true)
        let html = try site.page("ganzhou/2022/152/index.html")
        #expect(html.contains("草稿"))
    }
}
