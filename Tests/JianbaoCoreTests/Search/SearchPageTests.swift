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

    /// The only script on other pages is the small one that remembers the elder-friendly switches
    /// (大字版, 高对比度) between pages, as the accessibility issue asks; the switches themselves are CSS.
    @Test func noOtherPageCarriesJavaScriptButThePreferenceMemory() throws {
        let sink = try TestSite().renderInMemory()
        let pages = sink.files.keys.filter { $0.hasSuffix(".html") && $0 != "search/index.html" }
        #expect(pages.count > 5)
        let a11y = try #require(sink.files.keys.first { $0.hasPrefix("assets/a11y.") && $0.hasSuffix(".js") })
        for path in pages {
            let html = sink.text(path)!
            #expect(html.components(separatedBy: "<script").count == 2, "\(path)")
            #expect(html.contains("<script src=\"/jianbao/\(a11y)\" defer></script>"), "\(path)")
            #expect(!html.contains("search."), "\(path) loads the search script")
        }
        #expect((sink.files[a11y]?.count ?? 0) < 2048)
    }
}
