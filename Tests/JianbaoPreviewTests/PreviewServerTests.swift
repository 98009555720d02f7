import Foundation
import Testing
@testable import JianbaoCore
@testable import JianbaoPreview

/// A running preview of a temporary site on a free port; stopped at the end of `run`.
func withPreview(_ test: TestSite, watch: WatchMode = .automatic,
                 _ body: (PreviewServer, UInt16) async throws -> Void) async throws {
    let server = PreviewServer(options: PreviewServer.Options(source: test.root, port: 0, watch: watch, debounce: 0.05))
    try await server.start()
    do {
        try await body(server, server.port)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}

/// The first event matching `predicate` within 60 s (a hang guard, not a timing assertion).
func nextEvent(_ events: AsyncStream<ReloadEvent>, where predicate: @escaping @Sendable (ReloadEvent) -> Bool) async throws -> ReloadEvent {
    guard let e = try await PreviewBenchmark.waitForEvent(events, timeout: 60, where: predicate) else {
        throw ClientError("no matching reload event within 60 s")
    }
    return e
}

@Suite("Preview server")
struct PreviewServerTests {
    @Test func servesTheSiteUnderItsBasePathWithTypesAndNoCache() async throws {
        let test = try TestSite()
        try await withPreview(test, watch: .none) { server, port in
            #expect(port != 0)
            #expect(server.url == "http://127.0.0.1:\(port)/jianbao/")
            let root = try await RawHTTP.get("/", port: port)
            #expect(root.status == 302)
            #expect(root.headers["location"] == "/jianbao/")
            let home = try await RawHTTP.get("/jianbao/", port: port)
            #expect(home.status == 200)
            #expect(home.headers["content-type"] == "text/html; charset=utf-8")
            #expect(home.headers["cache-control"] == "no-cache")
            #expect(home.text.contains("测试简报库"))
            // The reload script is added at serve time, before </body>, and never in the build output.
            #expect(home.text.contains("<script data-jianbao-preview>"))
            #expect(home.text.range(of: "<script data-jianbao-preview>")!.lowerBound < home.text.range(of: "</body>")!.lowerBound)
            #expect(home.text.contains("/__jianbao/livereload"))
            #expect(!String(decoding: server.files["index.html"]!, as: UTF8.self).contains("data-jianbao-preview"))
            let issue = try await RawHTTP.get("/jianbao/ganzhou/2022/151/", port: port)
            #expect(issue.status == 200)
            #expect(issue.text.contains("市司法局“三举措” 推动安置帮教工作创新发展"))
            let folder = try await RawHTTP.get("/jianbao/ganzhou", port: port)
            #expect(folder.status == 302)
            #expect(folder.headers["location"] == "/jianbao/ganzhou/")
            let feed = try await RawHTTP.get("/jianbao/feed.xml", port: port)
            #expect(feed.status == 200)
            #expect(feed.headers["content-type"] == "application/xml; charset=utf-8")
            #expect(!feed.text.contains("data-jianbao-preview"))
            let robots = try await RawHTTP.get("/jianbao/robots.txt", port: port)
            #expect(robots.headers["content-type"] == "text/plain; charset=utf-8")
            let head = try await RawHTTP.get("/jianbao/", port: port, method: "HEAD")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.headers["content-length"] == String(home.body.count))
            let post = try await RawHTTP.get("/jianbao/", port: port, method: "POST")
            #expect(post.status == 405)
        }
    }

    @Test func chineseAssetNamesAreServedPercentDecoded() async throws {
        let test = try TestSite()
        try test.write("templates/assets/中文样式.css", "body { color: #333; }\n")
        try await withPreview(test, watch: .none) { server, port in
            let path = try #require(server.files.keys.first { $0.hasPrefix("assets/中文样式.") })
            let encoded = "/jianbao/" + path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
            #expect(encoded.contains("%E4%B8%AD"))
            let r = try await RawHTTP.get(encoded, port: port)
            #expect(r.status == 200)
            #expect(r.headers["content-type"] == "text/css; charset=utf-8")
            #expect(r.text == "body { color: #333; }\n")
        }
    }

    @Test func missingPagesGetTheSites404Page() async throws {
        let test = try TestSite()
        try await withPreview(test, watch: .none) { _, port in
            for target in ["/jianbao/nope/", "/jianbao/ganzhou/2099/1/", "/elsewhere/index.html"] {
                let r = try await RawHTTP.get(target, port: port)
                #expect(r.status == 404, "\(target)")
                #expect(r.headers["content-type"] == "text/html; charset=utf-8")
                #expect(r.text.contains("您访问的页面不存在或已移动"))
                #expect(r.text.contains("data-jianbao-preview"))
            }
        }
    }

    @Test func traversalAttemptsAreNotFound() async throws {
        let test = try TestSite()
        // A file next to the site that a traversal would reach.
        try test.write("secret.txt", "机密")
        try await withPreview(test, watch: .none) { _, port in
            for target in ["/jianbao/../secret.txt", "/../secret.txt", "/jianbao/%2e%2e/secret.txt", "/jianbao/%2E%2E/%2E%2E/etc/passwd",
                           "/jianbao/%252e%252e/secret.txt", "/jianbao/..\\secret.txt", "/jianbao/..%5csecret.txt",
                           "/jianbao/index.html%00.txt", "/jianbao/./index.html", "/jianbao/../site.yml", "/site.yml",
                           "/jianbao/content/ganzhou/2022/151.md"] {
                let r = try await RawHTTP.get(target, port: port)
                #expect(r.status == 404, "\(target)")
                #expect(!r.text.contains("机密"))
                #expect(!r.text.contains("base_url"))
            }
        }
    }

    @Test func foreignHostHeadersAreRefused() async throws {
        let test = try TestSite()
        try await withPreview(test, watch: .none) { _, port in
            for host in ["evil.example:\(port)", "evil.example", "127.0.0.1:\(port &+ 1)", "127.0.0.1.evil.example:\(port)"] {
                let r = try await RawHTTP.get("/jianbao/", port: port, host: host)
                #expect(r.status == 403, "\(host)")
                #expect(r.text.contains("DNS 重绑定"))
            }
            let noHost = try await RawHTTP.request(port: port, "GET /jianbao/ HTTP/1.1\r\nConnection: close\r\n\r\n")
            #expect(noHost.status == 403)
            for host in ["localhost:\(port)", "127.0.0.1:\(port)", "[::1]:\(port)"] {
                let r = try await RawHTTP.get("/jianbao/", port: port, host: host)
                #expect(r.status == 200, "\(host)")
            }
            // The live-reload socket checks Host and Origin too.
            await #expect(throws: ClientError.self) { _ = try await WSClient.connect(port: port, host: "evil.example:\(port)") }
            await #expect(throws: ClientError.self) {
                _ = try await WSClient.connect(port: port, origin: "http://evil.example:\(port)")
            }
        }
    }

    @Test func aSavedEditReloadsTheBrowser() async throws {
        let test = try TestSite()
        try await withPreview(test) { server, port in
            let ws = try await WSClient.connect(port: port, origin: "http://127.0.0.1:\(port)")
            defer { ws.close() }
            let hello = try await ws.nextMessage()
            #expect(hello["type"] as? String == "hello")
            #expect(hello["generation"] as? String == server.generation)
            try test.edit("content/ganzhou/2022/151.md", replacing: "“三举措”", with: "“五举措”")
            var message = try await ws.nextMessage(timeout: 60)
            while message["type"] as? String != "reload" { message = try await ws.nextMessage(timeout: 60) }
            let paths = message["paths"] as? [String] ?? []
            #expect(paths.contains("/jianbao/ganzhou/2022/151/"))
            #expect(paths.contains("/jianbao/"))
            #expect(!paths.contains("/jianbao/zhenjiang/2017/anzhi-bangjiao-2017/"))
            #expect(message["full"] as? Bool == false)
            let page = try await RawHTTP.get("/jianbao/ganzhou/2022/151/", port: port)
            #expect(page.text.contains("市司法局“五举措”"))
            #expect(page.text.contains("var gen=\"\(message["generation"] as? String ?? "?")\""))
        }
    }

    @Test func theSearchIndexFollowsThePageReload() async throws {
        let test = try TestSite()
        try await withPreview(test) { server, port in
            let events = server.events()
            try test.edit("content/ganzhou/2022/151.md", replacing: "积极探索工作举措。", with: "积极探索反诈宣传工作举措。")
            let pages = try await nextEvent(events) { $0.type == .reload }
            #expect(pages.paths.contains("/jianbao/ganzhou/2022/151/"))
            #expect(!pages.paths.contains { $0.hasPrefix("/jianbao/search/") })
            let search = try await nextEvent(events) { $0.type == .reload }
            #expect(!search.paths.isEmpty && search.paths.allSatisfy { $0.hasPrefix("/jianbao/search/") })
            try await PreviewBenchmark.waitUntilIdle(server, timeout: 60)
            let reference = try test.fullRender(drafts: true)
            #expect(server.files == reference)
            let meta = try await RawHTTP.get("/jianbao/search/meta.json", port: port)
            #expect(meta.status == 200)
        }
    }

    @Test func newFoldersAndFilesAreNoticed() async throws {
        let test = try TestSite()
        try await withPreview(test) { server, port in
            let events = server.events()
            try test.write("content/ganzhou/2023/160.md", draftIssue.replacingOccurrences(of: "issue: 152", with: "issue: 160")
                .replacingOccurrences(of: "2022-09-01", with: "2023-01-05"))
            let e = try await nextEvent(events) { $0.type == .reload && $0.paths.contains("/jianbao/ganzhou/2023/160/") }
            #expect(e.paths.contains("/jianbao/ganzhou/2022/151/"))  // the older neighbour's "next" link
            let page = try await RawHTTP.get("/jianbao/ganzhou/2023/160/", port: port)
            #expect(page.status == 200)
            #expect(page.text.contains("草稿：仅在预览中显示，不会发布"))
        }
    }

    @Test func brokenFrontMatterShowsAnOverlayUntilFixed() async throws {
        let test = try TestSite()
        try test.write("templates/assets/style.css", "body { margin: 0; }\n")
        try await withPreview(test) { server, port in
            let events = server.events()
            let original = try test.read("content/ganzhou/2022/151.md")
            try test.write("content/ganzhou/2022/151.md", original.replacingOccurrences(of: "gzswxzfb@163.com}\n---", with: "gzswxzfb@163.com}\n"))
            let e = try await nextEvent(events) { $0.type == .error }
            let expected = "content/ganzhou/2022/151.md:1:1: 错误: front matter 没有结束的 ---（第 1 行的 --- 之后需要另一行 ---）"
            #expect(e.errors == [expected])
            let page = try await RawHTTP.get("/jianbao/ganzhou/2022/151/", port: port)
            #expect(page.status == 200)
            #expect(page.text.contains("id=\"jianbao-error-overlay\""))
            #expect(page.text.contains("生成失败：共 1 个错误"))
            #expect(page.text.contains(HTML.escape(expected)))
            // The last good site is still served underneath.
            #expect(page.text.contains("市司法局“三举措” 推动安置帮教工作创新发展"))
            let css = try #require(server.files.keys.first { $0.hasSuffix(".css") })
            let asset = try await RawHTTP.get("/jianbao/" + css, port: port)
            #expect(!asset.text.contains("jianbao-error-overlay"))
            // Fixed: a full reload, and no overlay any more.
            try test.write("content/ganzhou/2022/151.md", original)
            let fixed = try await nextEvent(events) { $0.type == .reload }
            #expect(fixed.full)
            let again = try await RawHTTP.get("/jianbao/ganzhou/2022/151/", port: port)
            #expect(!again.text.contains("jianbao-error-overlay"))
            #expect(server.failure == nil)
        }
    }

    @Test func errorMessagesAreEscapedInTheOverlay() async throws {
        let test = try TestSite()
        try await withPreview(test, watch: .none) { server, port in
            let events = server.events()
            try test.write("content/ganzhou/x.md", "---\nseries: \"<b>x</b>\"\nissue: 9\ndate: 2022-01-01\n---\n\n## 标题\n\n正文\n")
            server.notifyChanged(["content/ganzhou/x.md"])
            let e = try await nextEvent(events) { $0.type == .error }
            #expect(e.errors.first?.hasPrefix("content/ganzhou/x.md:2:9: 错误: 未知的简报系列 “<b>x</b>”") == true)
            let page = try await RawHTTP.get("/jianbao/", port: port)
            #expect(page.text.contains("content/ganzhou/x.md:2:9: 错误: 未知的简报系列 “&lt;b&gt;x&lt;/b&gt;”"))
            #expect(!page.text.contains("<b>x</b>"))
        }
    }

    @Test func aBrokenFirstBuildStillServesTheErrors() async throws {
        let test = try TestSite()
        try test.edit("site.yml", replacing: "title: 测试简报库\n", with: "")
        try await withPreview(test, watch: .none) { server, port in
            #expect(server.failure != nil)
            let r = try await RawHTTP.get("/jianbao/", port: port)
            #expect(r.status == 500)
            #expect(r.text.contains("jianbao-error-overlay"))
            #expect(r.text.contains("site.yml:"))
        }
    }

    @Test func symlinksOutOfTheSiteAreNeverServed() async throws {
        let test = try TestSite()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("jianbao-preview-secret-\(UUID().uuidString).css")
        try Data("机密".utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createDirectory(at: test.root.appendingPathComponent("templates/assets"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: test.root.appendingPathComponent("templates/assets/secret.css"),
                                                   withDestinationURL: outside)
        try await withPreview(test, watch: .none) { server, port in
            #expect(server.files.values.allSatisfy { !String(decoding: $0, as: UTF8.self).contains("机密") })
            #expect(server.failure?.errors.map(\.file) == ["templates/assets/secret.css"])
            let r = try await RawHTTP.get("/jianbao/assets/secret.css", port: port)
            #expect(r.status != 200)
            #expect(!r.text.contains("机密"))
            #expect(r.text.contains("templates/assets/secret.css"))  // the overlay says why
        }
    }

    @Test func draftsAreOnlyInThePreview() async throws {
        let test = try TestSite()
        try test.write("content/ganzhou/2022/152.md", draftIssue)
        try await withPreview(test, watch: .none) { _, port in
            let page = try await RawHTTP.get("/jianbao/ganzhou/2022/152/", port: port)
            #expect(page.status == 200)
            #expect(page.text.contains("草稿：仅在预览中显示，不会发布"))
            let home = try await RawHTTP.get("/jianbao/", port: port)
            #expect(home.text.contains("draft-badge"))
        }
        let summary = try SiteBuild.run(SiteBuild.Options(source: test.root))
        #expect(summary.issues == 4)
        let out = test.root.appendingPathComponent("public")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("ganzhou/2022/152/index.html").path))
        let home = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!home.contains("市公安局草稿文章") && !home.contains("draft-badge"))
        #expect(!home.contains("data-jianbao-preview"))
    }

    @Test func aPortInUseIsExplainedInChinese() async throws {
        let test = try TestSite()
        try await withPreview(test, watch: .none) { _, port in
            let second = PreviewServer(options: PreviewServer.Options(source: test.root, port: port, watch: .none))
            do {
                try await second.start()
                Issue.record("second server started on a used port")
                await second.stop()
            } catch let e as PreviewError {
                #expect(e == .portInUse(port))
                #expect(e.description.contains("端口 \(port) 已被占用"))
                #expect(e.description.contains("--port \(port &+ 1)"))
            }
        }
    }

    @Test func stopClosesTheListeningSocket() async throws {
        let test = try TestSite()
        let server = PreviewServer(options: PreviewServer.Options(source: test.root, port: 0, watch: .automatic))
        try await server.start()
        let port = server.port
        let ws = try await WSClient.connect(port: port)
        _ = try await ws.nextMessage()
        await server.stop()
        await server.waitUntilStopped()
        // The browser's socket is closed by the server.
        await #expect(throws: (any Error).self) { _ = try await ws.nextMessage(timeout: 30) }
        ws.close()
        await #expect(throws: (any Error).self) { _ = try await RawHTTP.get("/jianbao/", port: port, timeout: 10) }
    }
}
