import Foundation
import Testing
@testable import JianbaoCore

@Suite("Preview incremental builds")
struct IncrementalSiteTests {
    /// Applies changes and checks the result equals a full build of the same sources.
    func applyAndCompare(_ site: IncrementalSite, _ test: TestSite, _ paths: [String]) throws -> IncrementalSite.ChangeSet {
        let changes = try site.apply(changedPaths: paths).get()
        let reference = try test.fullRender(drafts: true)
        #expect(Set(site.files.keys) == Set(reference.keys))
        for (path, data) in reference where site.files[path] != data {
            Issue.record("\(path) differs from a full build after \(paths)")
        }
        return changes
    }

    @Test func firstBuildMatchesAFullBuildAndIncludesDrafts() throws {
        let test = try TestSite()
        try test.write("content/ganzhou/2022/152.md", draftIssue)
        let site = IncrementalSite(source: test.root)
        let changes = try applyAndCompare(site, test, ["*"])
        #expect(changes.full)
        #expect(changes.parsed == 5)
        let page = try #require(site.files["ganzhou/2022/152/index.html"])
        #expect(String(decoding: page, as: UTF8.self).contains("草稿：仅在预览中显示，不会发布"))
        // A real build leaves the draft out.
        _ = try SiteBuild.run(SiteBuild.Options(source: test.root))
        #expect(!FileManager.default.fileExists(atPath: test.root.appendingPathComponent("public/ganzhou/2022/152/index.html").path))
        #expect(FileManager.default.fileExists(atPath: test.root.appendingPathComponent("public/ganzhou/2022/151/index.html").path))
    }

    @Test func editingOneIssueReparsesOnlyItAndRendersOnlyTouchedPages() throws {
        let test = try TestSite()
        let site = IncrementalSite(source: test.root)
        _ = try site.buildAll().get()
        let total = site.files.count
        try test.edit("content/ganzhou/2022/151.md", replacing: "“三举措”", with: "“四举措”")
        let changes = try applyAndCompare(site, test, ["content/ganzhou/2022/151.md"])
        #expect(!changes.full)
        #expect(changes.parsed == 1)
        #expect(changes.rendered < total)
        #expect(changes.changedFiles.contains("ganzhou/2022/151/index.html"))
        #expect(!changes.changedFiles.contains("zhenjiang/2017/anzhi-bangjiao-2017/index.html"))
        // Saving without a change parses nothing and changes nothing.
        let again = try site.apply(changedPaths: ["content/ganzhou/2022/151.md"]).get()
        #expect(again.parsed == 0)
        #expect(again.changedFiles.isEmpty)
    }

    @Test func addingRemovingAndRetaggingIssuesMatchesAFullBuild() throws {
        let test = try TestSite()
        let site = IncrementalSite(source: test.root)
        _ = try site.buildAll().get()
        // A new issue becomes the newest: neighbours, series, departments, topics change.
        try test.write("content/ganzhou/2022/152.md", draftIssue.replacingOccurrences(of: "draft: true\n", with: "tags: [新主题]\n"))
        var changes = try applyAndCompare(site, test, ["content/ganzhou/2022/152.md"])
        #expect(changes.changedFiles.contains("ganzhou/2022/152/index.html"))
        #expect(changes.changedFiles.contains("ganzhou/2022/151/index.html"))  // its "newer" link
        #expect(changes.changedFiles.contains { $0.hasPrefix("topics/") && $0 != "topics/index.html" })
        // Retag and retitle the older neighbour.
        try test.edit("content/ganzhou/2021-150.md", replacing: "tags: [反诈]", with: "tags: [反诈, 新主题]")
        _ = try applyAndCompare(site, test, ["content/ganzhou/2021-150.md"])
        // Remove the new issue: its page and its topic page go away.
        try test.remove("content/ganzhou/2022/152.md")
        changes = try applyAndCompare(site, test, ["content/ganzhou/2022/152.md"])
        #expect(changes.changedFiles.contains("ganzhou/2022/152/index.html"))
        #expect(site.files["ganzhou/2022/152/index.html"] == nil)
        // A whole folder moved away and back.
        try FileManager.default.moveItem(at: test.root.appendingPathComponent("content/zhenjiang"),
                                         to: test.root.appendingPathComponent("zhenjiang-away"))
        _ = try applyAndCompare(site, test, ["content/zhenjiang"])
        #expect(site.files["zhenjiang/2017/anzhi-bangjiao-2017/index.html"] == nil)
        try FileManager.default.moveItem(at: test.root.appendingPathComponent("zhenjiang-away"),
                                         to: test.root.appendingPathComponent("content/zhenjiang"))
        _ = try applyAndCompare(site, test, ["content/zhenjiang"])
        #expect(site.files["zhenjiang/2017/anzhi-bangjiao-2017/index.html"] != nil)
    }

    @Test func templateAndConfigChangesRenderEverything() throws {
        let test = try TestSite()
        let site = IncrementalSite(source: test.root)
        _ = try site.buildAll().get()
        try test.edit("templates/404.mustache", replacing: "页面不存在</h1>", with: "找不到页面</h1>")
        var changes = try applyAndCompare(site, test, ["templates/404.mustache"])
        #expect(changes.full)
        #expect(changes.changedFiles == ["404.html"])
        try test.edit("site.yml", replacing: "title: 测试简报库", with: "title: 测试简报站")
        changes = try applyAndCompare(site, test, ["site.yml"])
        #expect(changes.full)
        #expect(changes.parsed == 4)
        #expect(changes.changedFiles.contains("ganzhou/2022/151/index.html"))
    }

    @Test func aFailureKeepsTheLastGoodFilesAndListsPositions() throws {
        let test = try TestSite()
        let site = IncrementalSite(source: test.root)
        _ = try site.buildAll().get()
        let good = site.files
        try test.edit("content/ganzhou/2022/151.md", replacing: "contact: {phone: \"8992059\", email: gzswxzfb@163.com}\n---", with: "contact: {phone: \"8992059\", email: gzswxzfb@163.com}\n")
        guard case .failure(let failure) = site.apply(changedPaths: ["content/ganzhou/2022/151.md"]) else {
            Issue.record("expected a failure"); return
        }
        #expect(failure.errors.map(\.description) == ["content/ganzhou/2022/151.md:1:1: 错误: front matter 没有结束的 ---（第 1 行的 --- 之后需要另一行 ---）"])
        #expect(site.files == good)
        // Another edit while broken is remembered: the fix renders both.
        try test.edit("content/zhenjiang/2017/anzhi.md", replacing: "各单位要做好", with: "各单位务必做好")
        _ = site.apply(changedPaths: ["content/zhenjiang/2017/anzhi.md"])
        try test.edit("content/ganzhou/2022/151.md", replacing: "gzswxzfb@163.com}\n", with: "gzswxzfb@163.com}\n---")
        let changes = try applyAndCompare(site, test, ["content/ganzhou/2022/151.md"])
        #expect(changes.changedFiles.contains("zhenjiang/2017/anzhi-bangjiao-2017/index.html"))
    }
}
