import Foundation
import Testing
@testable import JianbaoPreview

/// Collects paths reported by a watcher.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: [String] = []
    func add(_ p: [String]) { lock.withLock { paths += p } }
    var all: [String] { lock.withLock { paths } }

    /// Waits (up to 60 s, as a hang guard) until `predicate` holds.
    func wait(until predicate: ([String]) -> Bool) async -> Bool {
        for _ in 0..<1200 {
            if predicate(all) { return true }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        return predicate(all)
    }
}

@Suite("Preview watchers")
struct WatcherTests {
    func exercise(_ watcher: any SourceWatcher, _ test: TestSite) async throws {
        let got = Collected()
        try watcher.start { got.add($0) }
        defer { watcher.stop() }
        try test.edit("content/ganzhou/2022/151.md", replacing: "“三举措”", with: "“六举措”")
        #expect(await got.wait { $0.contains("content/ganzhou/2022/151.md") })
        try test.write("content/ganzhou/2024/新建/170.md", "x")
        #expect(await got.wait { $0.contains("content/ganzhou/2024/新建/170.md") })
        try test.write("content/ganzhou/2024/新建/171.md", "y")
        #expect(await got.wait { $0.contains("content/ganzhou/2024/新建/171.md") })
        try test.edit("site.yml", replacing: "测试简报库", with: "测试简报站")
        #expect(await got.wait { $0.contains("site.yml") })
        try test.edit("templates/404.mustache", replacing: "页面不存在", with: "找不到")
        #expect(await got.wait { $0.contains("templates/404.mustache") })
        // Editors that save through a temporary file renamed over the original.
        let before = got.all.filter { $0 == "content/ganzhou/2022/151.md" }.count
        try test.write("content/ganzhou/2022/151.md.tmp", "renamed")
        #expect(rename(test.root.appendingPathComponent("content/ganzhou/2022/151.md.tmp").path,
                       test.root.appendingPathComponent("content/ganzhou/2022/151.md").path) == 0)
        #expect(await got.wait { $0.filter { $0 == "content/ganzhou/2022/151.md" }.count > before })
        #expect(!got.all.contains { $0.hasSuffix(".tmp") })
        try test.remove("content/ganzhou/2021-150.md")
        #expect(await got.wait { $0.contains("content/ganzhou/2021-150.md") })
        // Files outside the watched sources are ignored.
        try test.write("public/index.html", "x")
        try test.write("notes.txt", "x")
        try test.write("content/.151.md.swp", "x")
        try test.write("content/last.md", "z")
        #expect(await got.wait { $0.contains("content/last.md") })
        #expect(!got.all.contains { $0.hasPrefix("public") || $0 == "notes.txt" || $0.hasSuffix(".swp") })
    }

    #if os(Linux)
    @Test func inotifyReportsEditsNewFoldersAndRemovals() async throws {
        let test = try TestSite()
        try await exercise(InotifyWatcher(root: test.root), test)
    }
    #endif

    @Test func pollingReportsEditsNewFoldersAndRemovals() async throws {
        let test = try TestSite()
        try await exercise(PollingWatcher(root: test.root, interval: 0.1), test)
    }

    @Test func editsDuringARebuildAreNotLost() async throws {
        let test = try TestSite()
        try await withPreview(test, watch: .none) { server, port in
            let events = server.events()
            // Many separate notifications in a burst, each with its own edit: the final state has all of them.
            for n in 1...5 {
                try test.edit("content/ganzhou/2022/151.md", replacing: n == 1 ? "“三举措”" : "“第\(n - 1)版”", with: "“第\(n)版”")
                server.notifyChanged(["content/ganzhou/2022/151.md"])
                try test.write("content/ganzhou/extra-\(n).md", draftIssue.replacingOccurrences(of: "issue: 152", with: "issue: \(200 + n)"))
                server.notifyChanged(["content/ganzhou/extra-\(n).md"])
            }
            _ = try await nextEvent(events) { _ in
                let f = server.files
                return (1...5).allSatisfy { f["ganzhou/2022/\(200 + $0)/index.html"] != nil }
                    && String(decoding: f["ganzhou/2022/151/index.html"] ?? Data(), as: UTF8.self).contains("“第5版”")
            }
            let page = try await RawHTTP.get("/jianbao/ganzhou/2022/205/", port: port)
            #expect(page.status == 200)
        }
    }
}
