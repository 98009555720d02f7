import Foundation
import Testing
@testable import JianbaoCore

/// A build reads and parses each content file in one step (`SiteLoader.list` + `SiteBuild.compile(_: SiteListing)`);
/// `check`, `new` and the preview read everything first (`SiteLoader.load`). Both roads must give the same site
/// and the same diagnostics.
@Suite("Listing a site, then reading each file as it is parsed")
struct SiteListingTests {
    @Test func listingReadsEveryContentFileLikeLoad() throws {
        let site = try TestSite()
        let loaded = SiteLoader.load(site.root)
        let listing = SiteLoader.list(site.root)
        #expect(listing.contentPaths == loaded.contents.map(\.path))
        #expect(!listing.contentPaths.isEmpty)
        for i in listing.contentPaths.indices {
            let file = try listing.readContent(i).get()
            #expect(file.path == loaded.contents[i].path)
            #expect(file.text == loaded.contents[i].text)
        }
        #expect(listing.config.text == loaded.config.text)
        #expect(listing.templates.keys.sorted() == loaded.templates.keys.sorted())
        #expect(listing.diagnostics.map(\.description) == loaded.diagnostics.map(\.description))
    }

    @Test func bothRoadsBuildTheSameSite() throws {
        let site = try TestSite()
        let a = try SiteBuild.compile(SiteLoader.load(site.root), includeDrafts: false)
        let b = try SiteBuild.compile(SiteLoader.list(site.root), includeDrafts: false)
        #expect(a.site.issues.map(\.sourcePath) == b.site.issues.map(\.sourcePath))
        #expect(a.site.issues.map { $0.articles.map(\.bodyHTML) } == b.site.issues.map { $0.articles.map(\.bodyHTML) })
        #expect(a.site.departments.map(\.department.name) == b.site.departments.map(\.department.name))
        #expect(a.warnings.map(\.description) == b.warnings.map(\.description))
    }

    @Test func unreadableFilesFailBothRoadsWithTheSameMessages() throws {
        let site = try TestSite()
        var bytes = Array("---\nissue: 9\ndate: 2022-01-01\n---\n## 市司法局".utf8)
        bytes += [0xB0, 0xB2, 0xD6, 0xC3]  // 安置 in GB18030
        try site.write("content/ganzhou/2022/9.md", bytes: bytes)
        try site.write("content/ganzhou/2022/10.md", "")
        func messages(_ compile: () throws -> SiteBuild.Compiled) -> [String] {
            do { _ = try compile(); return [] } catch let failure as BuildFailure {
                return failure.diagnostics.map(\.description)
            } catch { return ["\(error)"] }
        }
        let a = messages { try SiteBuild.compile(SiteLoader.load(site.root), includeDrafts: false) }
        let b = messages { try SiteBuild.compile(SiteLoader.list(site.root), includeDrafts: false) }
        #expect(b == a)
        #expect(b.contains("content/ganzhou/2022/10.md:1:1: 错误: 文件为空"))
        #expect(b.contains("content/ganzhou/2022/9.md:5:8: 错误: 不是有效的 UTF-8 编码（第 50 字节），请用 UTF-8 保存文件（GB18030 文件可用 jianbao import 转换）"))
    }
}
