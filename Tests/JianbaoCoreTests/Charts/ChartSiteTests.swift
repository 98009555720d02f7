import Foundation
import Testing
@testable import JianbaoCore

@Suite("Charts in the built site")
struct ChartSiteTests {
    @Test func issuePagesDrawMetricBlocksInPlace() throws {
        let site = try TestSite()
        try site.build()
        let html = try site.page("ganzhou/2022/149/index.html")
        for kind in ["bar", "progress", "pie", "stat", "line"] {
            #expect(html.contains("<figure class=\"chart chart-\(kind)\""), "no \(kind) chart")
        }
        #expect(!html.contains("```") && !html.contains("language-metrics"))
        // Every id in the page is unique (charts derive theirs from the figure id).
        let regex = try NSRegularExpression(pattern: " id=\"([^\"]+)\"")
        let ns = html as NSString
        let ids = regex.matches(in: html, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
        #expect(ids.count > 10)
        #expect(Set(ids).count == ids.count, "duplicate ids: \(ids.sorted())")
        // The stylesheet is linked and written.
        let css = try #require(html.range(of: #"href="/jianbao/assets/charts\.[0-9a-f]+\.css""#, options: .regularExpression))
        let path = String(html[css].dropFirst("href=\"/jianbao/".count).dropLast())
        #expect(try String(contentsOf: site.output.appendingPathComponent(path), encoding: .utf8).contains(".chart-svg"))
        let old = try site.page("ganzhou/2022/151/index.html")
        #expect(old.contains("<figure class=\"chart chart-bar\" id=\"a1-c1\">"))
        #expect(old.contains(">6,081人</text>"))
    }

    @Test func departmentPagesChartKeyedMeasuresOverTime() throws {
        let site = try TestSite()
        try site.build()
        let html = try site.page("departments/shi-si-fa-ju/index.html")
        #expect(html.contains("<h2 id=\"trend-h\">历期数据</h2>"))
        #expect(html.contains("<figure class=\"chart chart-trend\" id=\"trend-1\">"))
        #expect(html.contains("href=\"/jianbao/ganzhou/2022/149/#a1\""))
        #expect(html.contains("href=\"/jianbao/ganzhou/2022/151/#a1\""))
        let ruijin = try site.page("departments/rui-jin-shi/index.html")
        #expect(!ruijin.contains("trend-h"))
        #expect(!ruijin.contains("nil"))
    }

    @Test func homePageShowsIssuesPerYear() throws {
        let site = try TestSite()
        try site.build()
        let html = try site.page("index.html")
        #expect(html.contains("<figure class=\"chart chart-columns\" id=\"issues-per-year\">"))
        #expect(html.contains("<title id=\"issues-per-year-t\">各年简报期数</title>"))
    }

    @Test func badMetricBlocksFailTheBuildWithTheFileLine() throws {
        let site = try TestSite()
        try site.write("content/ganzhou/2022/152.md", """
        ---
        issue: 152
        date: 2022-09-01
        ---

        ## 市司法局推进工作

        ```metrics
        title: 成效
        chart: progress
        items:
          - {label: 接送率, value: 101, unit: "%"}
        ```
        """)
        let diags = site.failure()
        let d = try #require(diags.first { $0.message.contains("超过 100%") })
        #expect(d.file == "content/ganzhou/2022/152.md")
        #expect(d.line == 12)
        #expect(d.column == 25)
    }
}
