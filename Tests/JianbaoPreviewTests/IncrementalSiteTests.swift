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
        #expect(changes.modelRebuilt) // an article title is in listings
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
        #expect(changes.modelRebuilt)
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

    @Test func textEditsPatchTheModelAndRewriteTheFeedsThatShowThem() throws {
        let test = try TestSite()
        let site = IncrementalSite(source: test.root)
        _ = try site.buildAll().get()
        // The article text is in the department feed's summary, the publisher in the site and series feeds.
        try test.edit("content/ganzhou/2022/151.md", replacing: "积极探索工作举措。", with: "积极探索工作新举措。")
        try test.edit("content/ganzhou/2022/151.md", replacing: "publisher: 市“五型”政府建设领导小组办公室", with: "publisher: 市政府办公室")
        var changes = try applyAndCompare(site, test, ["content/ganzhou/2022/151.md"])
        #expect(!changes.modelRebuilt)
        #expect(changes.rendered == 1)
        #expect(changes.changedFiles.contains("ganzhou/2022/151/index.html"))
        #expect(changes.changedFiles.contains("feed.xml"))
        #expect(changes.changedFiles.contains("ganzhou/feed.xml"))
        #expect(changes.changedFiles.contains { $0.hasPrefix("departments/") && $0.hasSuffix("/feed.xml") })
        #expect(changes.changedFiles.contains { $0.hasPrefix("search/") })
        #expect(!changes.changedFiles.contains("index.html"))
        #expect(!changes.changedFiles.contains("sitemap.xml"))
        // Two issues of two series at once, then an unkeyed metric value (only in the issue's own chart).
        try test.edit("content/ganzhou/2021-150.md", replacing: "开展反诈宣传进社区活动。", with: "开展反诈宣传进社区、进校园活动。")
        try test.edit("content/zhenjiang/2017/anzhi.md", replacing: "各单位要做好", with: "各单位务必做好")
        changes = try applyAndCompare(site, test, ["content/ganzhou/2021-150.md", "content/zhenjiang/2017/anzhi.md"])
        #expect(!changes.modelRebuilt)
        #expect(changes.parsed == 2)
        #expect(changes.rendered == 2)
        try test.edit("content/ganzhou/2022/151.md", replacing: "value: 281}", with: "value: 282}")
        changes = try applyAndCompare(site, test, ["content/ganzhou/2022/151.md"])
        #expect(!changes.modelRebuilt)
        #expect(changes.changedFiles.contains("ganzhou/2022/151/index.html"))
    }

    @Test func editsThatChangeListingsBuildTheModelAgain() throws {
        let test = try TestSite()
        let site = IncrementalSite(source: test.root)
        _ = try site.buildAll().get()
        // An article's title shows on its department's page; the issue's title (its first article's) on the home page.
        try test.edit("content/ganzhou/2022/151.md", replacing: "## 警务前移 警力下沉", with: "## 警务前移 警力下沉 巡逻提速")
        var changes = try applyAndCompare(site, test, ["content/ganzhou/2022/151.md"])
        #expect(changes.modelRebuilt)
        #expect(changes.changedFiles.contains("departments/xihu-fenju/index.html"))
        try test.edit("content/ganzhou/2022/151.md", replacing: "“三举措”", with: "“四举措”")
        changes = try applyAndCompare(site, test, ["content/ganzhou/2022/151.md"])
        #expect(changes.modelRebuilt)
        #expect(changes.changedFiles.contains("index.html"))
        // A new date moves the issue behind its neighbour: neighbours' links, listings and feeds change.
        try test.edit("content/ganzhou/2022/151.md", replacing: "date: 2022-08-25", with: "date: 2022-06-01")
        changes = try applyAndCompare(site, test, ["content/ganzhou/2022/151.md"])
        #expect(changes.modelRebuilt)
        #expect(changes.changedFiles.contains("ganzhou/2022/149/index.html"))
        // A keyed metric value is a point of the department's trend chart.
        try test.edit("content/ganzhou/2022/151.md", replacing: "value: 6081, key: sfj-jiesong", with: "value: 6090, key: sfj-jiesong")
        changes = try applyAndCompare(site, test, ["content/ganzhou/2022/151.md"])
        #expect(changes.modelRebuilt)
        #expect(changes.changedFiles.contains { $0.hasPrefix("departments/") && $0.hasSuffix("/index.html") && $0 != "departments/index.html" })
        // A department given explicitly moves an article to another department's page.
        try test.edit("content/ganzhou/2022/151.md", replacing: "## 瑞金市“四变法”打好劝返攻坚战 {#ruijin}",
                      with: "## 瑞金市“四变法”打好劝返攻坚战 {#ruijin department=市公安局}")
        changes = try applyAndCompare(site, test, ["content/ganzhou/2022/151.md"])
        #expect(changes.modelRebuilt)
        // Back to a text edit: the fast path again.
        try test.edit("content/ganzhou/2022/151.md", replacing: "近年来，", with: "近几年来，")
        changes = try applyAndCompare(site, test, ["content/ganzhou/2022/151.md"])
        #expect(!changes.modelRebuilt)
    }

    @Test func addedAndDeletedIssuesAndTextEditsInOneBatch() throws {
        let test = try TestSite()
        let site = IncrementalSite(source: test.root)
        _ = try site.buildAll().get()
        try test.write("content/ganzhou/2022/152.md", draftIssue)
        try test.remove("content/ganzhou/2022/149.md")
        try test.edit("content/ganzhou/2022/151.md", replacing: "积极探索工作举措。", with: "积极探索工作新举措。")
        var changes = try applyAndCompare(site, test, ["content/ganzhou/2022/152.md", "content/ganzhou/2022/149.md",
                                                       "content/ganzhou/2022/151.md"])
        #expect(changes.modelRebuilt)
        #expect(site.files["ganzhou/2022/149/index.html"] == nil)
        #expect(changes.changedFiles.contains("ganzhou/2022/149/index.html"))
        // The new issue, edited: the fast path knows it now.
        try test.edit("content/ganzhou/2022/152.md", replacing: "草稿正文内容。", with: "草稿正文内容，已修改。")
        changes = try applyAndCompare(site, test, ["content/ganzhou/2022/152.md"])
        #expect(!changes.modelRebuilt)
        // A renumbered issue: one page goes, another comes, in the same count of files.
        try test.edit("content/ganzhou/2022/152.md", replacing: "issue: 152", with: "issue: 153")
        changes = try applyAndCompare(site, test, ["content/ganzhou/2022/152.md"])
        #expect(changes.changedFiles.contains("ganzhou/2022/152/index.html"))
        #expect(changes.changedFiles.contains("ganzhou/2022/153/index.html"))
        // The deleted issue comes back.
        try test.write("content/ganzhou/2022/149.md", try String(contentsOf: Repo.fixtures.appendingPathComponent("mini/content/ganzhou/2022/149.md"), encoding: .utf8))
        _ = try applyAndCompare(site, test, ["content/ganzhou/2022/149.md"])
    }

    @Test func warningsStayTheSameOnTheFastPathAndFollowEditsOtherwise() throws {
        let test = try TestSite()
        let noArticles = "---\nissue: 148\ndate: 2022-05-01\n---\n\n本期导语。\n"
        try test.write("content/ganzhou/2022/148.md", noArticles)
        let site = IncrementalSite(source: test.root)
        let first = try site.buildAll().get()
        let warning = "content/ganzhou/2022/148.md:5:1: 警告: 本期没有文章（## 标题）"
        #expect(first.warnings.map(\.description) == [warning])
        // Its lead text changes, its warning does not.
        try test.edit("content/ganzhou/2022/148.md", replacing: "本期导语。", with: "本期导语，已修改。")
        var changes = try applyAndCompare(site, test, ["content/ganzhou/2022/148.md"])
        #expect(!changes.modelRebuilt)
        #expect(changes.warnings.map(\.description) == [warning])
        // A line more in the front matter moves the warning: the full path reports it at its new line.
        try test.edit("content/ganzhou/2022/148.md", replacing: "date: 2022-05-01\n", with: "date: 2022-05-01\nsigner: 张三\n")
        changes = try applyAndCompare(site, test, ["content/ganzhou/2022/148.md"])
        #expect(changes.modelRebuilt)
        #expect(changes.warnings.map(\.description) == ["content/ganzhou/2022/148.md:6:1: 警告: 本期没有文章（## 标题）"])
        // An article makes the warning go away.
        try test.edit("content/ganzhou/2022/148.md", replacing: "本期导语，已修改。", with: "本期导语，已修改。\n\n## 市司法局新文章\n\n正文。")
        changes = try applyAndCompare(site, test, ["content/ganzhou/2022/148.md"])
        #expect(changes.warnings.isEmpty)
        // Saving without a change does nothing.
        changes = try site.apply(changedPaths: ["content/ganzhou/2022/148.md"]).get()
        #expect(changes.changedFiles.isEmpty && changes.parsed == 0 && !changes.modelRebuilt)
    }

    @Test func aFailedTextEditKeepsTheModelAndTheFixTakesTheFastPath() throws {
        let test = try TestSite()
        let site = IncrementalSite(source: test.root)
        _ = try site.buildAll().get()
        let good = site.files
        // An unknown front matter key is an error; the last good site stays, then the fix patches it in.
        try test.edit("content/ganzhou/2022/151.md", replacing: "signer: 涂俊炜", with: "singer: 涂俊炜")
        guard case .failure = site.apply(changedPaths: ["content/ganzhou/2022/151.md"]) else {
            Issue.record("expected a failure"); return
        }
        #expect(site.files == good)
        try test.edit("content/ganzhou/2022/151.md", replacing: "singer: 涂俊炜", with: "signer: 涂俊炜")
        try test.edit("content/ganzhou/2022/151.md", replacing: "积极探索工作举措。", with: "积极探索工作新举措。")
        let changes = try applyAndCompare(site, test, ["content/ganzhou/2022/151.md"])
        #expect(!changes.modelRebuilt)
        #expect(changes.changedFiles.contains("ganzhou/2022/151/index.html"))
    }

    @Test func aDeferredSearchIndexIsRefreshedAfterThePages() throws {
        let test = try TestSite()
        let site = IncrementalSite(source: test.root)
        site.defersSearch = true
        _ = try applyAndCompare(site, test, ["*"])  // the first build writes the index
        #expect(!site.searchIsStale)
        let firstSearch = site.files.filter { $0.key.hasPrefix("search/") }
        // A text edit, then a new issue: pages change at once, the search index stays as it was.
        try test.edit("content/ganzhou/2022/151.md", replacing: "积极探索工作举措。", with: "积极探索反诈工作举措。")
        var changes = try site.apply(changedPaths: ["content/ganzhou/2022/151.md"]).get()
        #expect(!changes.modelRebuilt)
        #expect(!changes.changedFiles.contains { $0.hasPrefix("search/") })
        #expect(site.searchIsStale)
        try test.write("content/ganzhou/2022/152.md", draftIssue)
        changes = try site.apply(changedPaths: ["content/ganzhou/2022/152.md"]).get()
        #expect(changes.changedFiles.contains("ganzhou/2022/152/index.html"))
        #expect(site.files.filter { $0.key.hasPrefix("search/") } == firstSearch)
        // A failed build in between: the refresh indexes the last good site.
        try test.edit("content/ganzhou/2022/149.md", replacing: "issue: 149", with: "issue: 151")
        guard case .failure = site.apply(changedPaths: ["content/ganzhou/2022/149.md"]) else {
            Issue.record("expected a duplicate number"); return
        }
        try test.edit("content/ganzhou/2022/149.md", replacing: "issue: 151", with: "issue: 149")
        changes = try site.refreshSearch().get()
        #expect(!changes.changedFiles.isEmpty && changes.changedFiles.allSatisfy { $0.hasPrefix("search/") })
        #expect(!site.searchIsStale)
        _ = try applyAndCompare(site, test, ["content/ganzhou/2022/149.md"])
        // Nothing to refresh now; a title edit on the fast path's other side is deferred the same way.
        #expect(try site.refreshSearch().get().changedFiles.isEmpty)
        try test.edit("content/ganzhou/2022/151.md", replacing: "“三举措”", with: "“四举措”")
        _ = try site.apply(changedPaths: ["content/ganzhou/2022/151.md"]).get()
        #expect(site.searchIsStale)
        _ = try site.refreshSearch().get()
        _ = try applyAndCompare(site, test, [])
    }

    @Test func savesThroughATemporaryFileNeedNoListingButFolderChangesDo() throws {
        let test = try TestSite()
        let site = IncrementalSite(source: test.root)
        _ = try site.buildAll().get()
        // A file nobody reported: only a listing of content/ would find it.
        try test.write("content/ganzhou/2022/152.md", draftIssue)
        // `sed -i` writes sedXXXXXX and renames it over the file: both paths are reported, the first is gone.
        let text = try test.read("content/ganzhou/2022/151.md")
        try test.write("content/ganzhou/2022/sedA1b2C3", text.replacingOccurrences(of: "积极探索工作举措。", with: "积极探索工作新举措。"))
        try FileManager.default.removeItem(at: test.root.appendingPathComponent("content/ganzhou/2022/151.md"))
        try FileManager.default.moveItem(at: test.root.appendingPathComponent("content/ganzhou/2022/sedA1b2C3"),
                                         to: test.root.appendingPathComponent("content/ganzhou/2022/151.md"))
        let changes = try site.apply(changedPaths: ["content/ganzhou/2022/sedA1b2C3", "content/ganzhou/2022/151.md"]).get()
        #expect(!changes.modelRebuilt)
        #expect(changes.changedFiles.contains("ganzhou/2022/151/index.html"))
        #expect(site.files["ganzhou/2022/152/index.html"] == nil)
        _ = try applyAndCompare(site, test, ["content/ganzhou/2022/152.md"])
        // A non-Markdown file that stays is not content either.
        try test.write("content/ganzhou/2022/notes.txt", "备忘\n")
        #expect(try applyAndCompare(site, test, ["content/ganzhou/2022/notes.txt"]).changedFiles.isEmpty)
        // A folder that is now a file: the issues under it go.
        try FileManager.default.moveItem(at: test.root.appendingPathComponent("content/zhenjiang"),
                                         to: test.root.appendingPathComponent("zhenjiang-away"))
        try test.write("content/zhenjiang", "不是文件夹\n")
        _ = try applyAndCompare(site, test, ["content/zhenjiang"])
        #expect(site.files["zhenjiang/2017/anzhi-bangjiao-2017/index.html"] == nil)
        // Removed without a trace of the folder in the paths reported: the missing folder's issues go too.
        try test.remove("content/zhenjiang")
        try FileManager.default.moveItem(at: test.root.appendingPathComponent("zhenjiang-away"),
                                         to: test.root.appendingPathComponent("content/zhenjiang"))
        _ = try applyAndCompare(site, test, ["content/zhenjiang"])
        try FileManager.default.removeItem(at: test.root.appendingPathComponent("content/zhenjiang/2017"))
        _ = try applyAndCompare(site, test, ["content/zhenjiang/2017"])
        #expect(site.files["zhenjiang/2017/anzhi-bangjiao-2017/index.html"] == nil)
    }

    /// An issue of a generated series: one 市司法局 article, tagged 安置帮教.
    func generatedIssue(_ n: Int, day: Int, title: String? = nil) -> String {
        let month = 1 + (day / 28) % 12, dayOfMonth = 1 + day % 28
        return """
        ---
        issue: \(n)
        date: 2020-\(month < 10 ? "0" : "")\(month)-\(dayOfMonth < 10 ? "0" : "")\(dayOfMonth)
        tags: [安置帮教]
        ---

        ## \(title ?? "市司法局第\(n)期工作动态")

        市司法局本期工作正文，第\(n)期。

        """
    }

    @Test func longDepartmentAndTopicListsRenderOnlyTheirChangedPages() throws {
        let test = try TestSite()
        // 130 more issues: the department and the topic run to three pages of 50.
        for n in 1...130 { try test.write("content/ganzhou/2020/\(n).md", generatedIssue(n, day: n * 2)) }
        let site = IncrementalSite(source: test.root)
        _ = try site.buildAll().get()
        let department = "departments/shi-si-fa-ju/"
        let topic = "topics/an-zhi-bang-jiao/"
        #expect(site.files[department + "page/3/index.html"] != nil)
        #expect(site.files[topic + "page/3/index.html"] != nil)
        // A title on the second page of both lists: that page (and the department's first, with its charts).
        try test.write("content/ganzhou/2020/70.md", generatedIssue(70, day: 140, title: "市司法局第70期工作动态（更正）"))
        var changes = try applyAndCompare(site, test, ["content/ganzhou/2020/70.md"])
        #expect(changes.modelRebuilt)
        #expect(changes.changedFiles.contains(department + "page/2/index.html"))
        #expect(changes.changedFiles.contains(topic + "page/2/index.html"))
        #expect(changes.rendered < site.files.count / 2)
        // A date that moves the issue from the second page to the first: both change, the third does not.
        try test.write("content/ganzhou/2020/70.md", generatedIssue(70, day: 300, title: "市司法局第70期工作动态（更正）"))
        changes = try applyAndCompare(site, test, ["content/ganzhou/2020/70.md"])
        #expect(changes.changedFiles.contains(topic + "page/2/index.html"))
        #expect(!changes.changedFiles.contains(topic + "page/3/index.html"))
        // Removed and added: the counts change on every page.
        try test.remove("content/ganzhou/2020/5.md")
        changes = try applyAndCompare(site, test, ["content/ganzhou/2020/5.md"])
        #expect(changes.changedFiles.contains(topic + "page/3/index.html"))
        try test.write("content/ganzhou/2020/131.md", generatedIssue(131, day: 1))
        _ = try applyAndCompare(site, test, ["content/ganzhou/2020/131.md"])
        // Another department for one article: it leaves one list and joins another.
        try test.write("content/ganzhou/2020/40.md", generatedIssue(40, day: 80, title: "瑞金市第40期工作动态"))
        _ = try applyAndCompare(site, test, ["content/ganzhou/2020/40.md"])
        // The topic dropped by one issue.
        try test.edit("content/ganzhou/2020/90.md", replacing: "tags: [安置帮教]", with: "tags: [反诈]")
        _ = try applyAndCompare(site, test, ["content/ganzhou/2020/90.md"])
    }
}
