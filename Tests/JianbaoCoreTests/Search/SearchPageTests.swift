import Foundation
import Testing
@testable import JianbaoCore

@Suite("Search page")
struct SearchPageTests {
    @Test func searchPageLoadsTheFingerprintedScriptAndKnowsTheIndex() throws {
        let sink = try TestSite().renderInMemory()
        let html = try #require(sink.text("search/index.html"))
        let script = try #require(sink.files.keys.first { $0.hasPrefix("assets/search.") && $0.hasSuffix(".js") })
        #expect(html.contains("<script src=\"/jianbao/\(script)\" defer></script>"))
        #expect(html.contains("data-index=\"/jianbao/search/\""))
        #expect(html.contains("<noscript>"))
        #expect(html.contains("aria-live=\"polite\""))
        #expect(html.contains("<label for=\"search-series\">"))
        #expect(html.contains("<label for=\"search-department\">"))
        #expect(html.contains("<label for=\"search-year\">"))
    }

    @Test func noOtherPageCarriesJavaScript() throws {
        let sink = try TestSite().renderInMemory()
        let pages = sink.files.keys.filter { $0.hasSuffix(".html") && $0 != "search/index.html" }
        #expect(pages.count > 5)
        for path in pages {
            #expect(!sink.text(path)!.contains("<script"), "\(path)")
        }
    }
}
