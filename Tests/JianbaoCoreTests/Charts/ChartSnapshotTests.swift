import Foundation
import Testing
@testable import JianbaoCore

/// Compares chart output with files in Fixtures/chart-snapshots. Run with JIANBAO_UPDATE_SNAPSHOTS=1 to rewrite them.
enum ChartSnapshot {
    static let folder = Repo.fixtures.appendingPathComponent("chart-snapshots")

    static func check(_ name: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = folder.appendingPathComponent(name)
        let update = ProcessInfo.processInfo.environment["JIANBAO_UPDATE_SNAPSHOTS"] == "1"
        guard !update, let expected = try? String(contentsOf: url, encoding: .utf8) else {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? Data(actual.utf8).write(to: url)
            if !update { Issue.record("Recorded new snapshot \(name); run again to compare", sourceLocation: sourceLocation) }
            return
        }
        if expected != actual {
            let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
            let i = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
            let el = i < e.count ? e[i] : "<end>", al = i < a.count ? a[i] : "<end>"
            Issue.record("Snapshot \(name) differs at line \(i + 1):\n  expected: \(el)\n  actual:   \(al)\n(JIANBAO_UPDATE_SNAPSHOTS=1 rewrites snapshots)",
                         sourceLocation: sourceLocation)
        }
    }
}

/// Blocks of every chart kind, with real figures from the bulletins.
enum SampleBlocks {
    static func item(_ label: String, _ value: Double, _ unit: String, key: String? = nil, target: Double? = nil) -> MetricItem {
        MetricItem(label: label, value: value, unit: unit, key: key, target: target)
    }

    static let bar = MetricBlock(title: "2021年以来安置帮教成效", chart: .bar, unit: "人", period: "2021年以来", source: "市司法局", items: [
        item("接送省内刑满释放人员", 6081, "人"),
        item("通过帮教基地过渡安置的社区矫正对象和刑满释放人员（含省外重点人员）", 281, "人", target: 300),
        item("解决就业", 372, "人"),
    ], line: 12)

    static let barNegative = MetricBlock(title: "各县（市、区）案件数同比变化", chart: .bar, unit: "%", period: "", source: "", items: [
        item("章贡区", -63.01, "%"), item("南康区", 12.5, "%"), item("赣县区", -8, "%"), item("瑞金市", 0, "%"),
    ], line: 1)

    static let line = MetricBlock(title: "各季度劝返人数", chart: .line, unit: "人", period: "2021—2022年", source: "", items: [
        item("2021年一季度", 12, "人"), item("2021年二季度", 18, "人"), item("2021年三季度", 25, "人"),
        item("2021年四季度", 31, "人"), item("2022年一季度", 22, "人"), item("2022年二季度", 12, "人"),
    ], line: 1)

    static let pie = MetricBlock(title: "反诈宣传品构成", chart: .pie, unit: "份", period: "", source: "市公安局", items: [
        item("宣传海报", 70000, "份"), item("宣传单", 180000, "份"), item("致市民的一封信", 120000, "份"),
    ], line: 1)

    static let statOne = MetricBlock(title: "远程帮教视频会见", chart: .stat, unit: "次", period: "2021年以来", source: "", items: [
        item("提供远程帮教视频会见预约", 10126, "次"),
    ], line: 1)

    static let statTwo = MetricBlock(title: "劝返成效", chart: .stat, unit: "", period: "", source: "", items: [
        item("成功劝返", 120, "人"), item("挽回经济损失", 2377.35, "万元"),
    ], line: 1)

    static let progress = MetricBlock(title: "重点工作完成进度", chart: .progress, unit: "", period: "", source: "", items: [
        item("接送率", 100, "%", target: 100), item("上门回访率", 96.5, "%", target: 100),
        item("远程帮教会见预约", 8630, "次", target: 10000),
    ], line: 1)

    static let all: [(String, MetricBlock)] = [("bar", bar), ("bar-negative", barNegative), ("line", line), ("pie", pie),
                                              ("stat-one", statOne), ("stat-two", statTwo), ("progress", progress)]
}

@Suite("Chart snapshots")
struct ChartSnapshotTests {
    @Test(arguments: SampleBlocks.all.map(\.0))
    func chartKind(_ name: String) throws {
        let block = try #require(SampleBlocks.all.first { $0.0 == name }?.1)
        let html = ChartRenderer.figure(block, id: "a1-c1")
        ChartSnapshot.check("\(name).html", html)
        #expect(html.hasPrefix("<figure class=\"chart chart-\(block.chart.rawValue)\" id=\"a1-c1\">"))
        #expect(html.contains("<svg class=\"chart-svg\" viewBox=\"0 0 360 "))
        #expect(html.contains("role=\"img\" aria-labelledby=\"a1-c1-t a1-c1-d\""))
        #expect(html.contains("<title id=\"a1-c1-t\">\(HTML.escape(block.title))</title>"))
        #expect(html.contains("<details class=\"chart-data\"><summary>查看数据表</summary>"))
        #expect(html.contains("<th scope=\"col\">项目</th>"))
        #expect(!html.contains(" width=\"100%\"") && !html.contains("<svg width"))
        for item in block.items { #expect(html.contains("<th scope=\"row\">\(HTML.escape(item.label))</th>")) }
    }

    @Test func barChartDetails() {
        let html = ChartRenderer.figure(SampleBlocks.bar, id: "a1-c1")
        #expect(html.contains("<span class=\"chart-meta\">2021年以来 · 单位：人 · 来源：市司法局</span>"))
        #expect(html.contains(">6,081人</text>"))
        // A long label wraps to two lines, breaking before the bracket; the whole text is in the tooltip and the table.
        #expect(html.contains(">通过帮教基地过渡安置的社区矫正对象和刑满释放人员</text>"))
        #expect(html.contains(">（含省外重点人员）</text>"))
        #expect(html.contains("<title>通过帮教基地过渡安置的社区矫正对象和刑满释放人员（含省外重点人员）：281人（目标 300人）</title>"))
        #expect(html.contains("class=\"c-target\""))
        #expect(html.contains(">目标值</text>"))
        // Ticks in round steps.
        for t in ["0", "2,000", "4,000", "6,000"] { #expect(html.contains("class=\"c-tick\" text-anchor=\"middle\" fill=\"#555555\">\(t)</text>")) }
    }

    @Test func overlongLabelsAreCutWithTheFullTextInTheTooltip() {
        let long = String(repeating: "全市所有县级社区矫正中心和乡镇司法所", count: 4)
        var block = SampleBlocks.bar
        block.items[0].label = long
        let html = ChartRenderer.figure(block, id: "x")
        #expect(html.contains("…</text>"))
        #expect(html.contains("<title>\(long)：6,081人</title>"))
        #expect(html.contains("<th scope=\"row\">\(long)</th>"))
    }

    @Test func largeNumbersUseWan() {
        let html = ChartRenderer.figure(SampleBlocks.pie, id: "p")
        #expect(html.contains("单位：万份"))
        #expect(html.contains(">18万份 · 48.6%</text>"))
        #expect(html.contains(">37万份</text>"))
        #expect(html.contains("<td>180,000份</td>"))
        #expect(html.contains("id=\"p-pie-p1\"") && html.contains("fill=\"url(#p-pie-p1)\""))
    }

    @Test func statTilesShowUnits() {
        let html = ChartRenderer.figure(SampleBlocks.statTwo, id: "s")
        #expect(html.contains(">2,377.35<tspan class=\"c-unit\""))
        #expect(html.contains(">万元</tspan>"))
        #expect(html.contains(">120<tspan"))
    }

    @Test func siteChartsOfTheMiniFixture() throws {
        let site = try TestSite()
        let compiled = try SiteBuild.compile(SiteLoader.load(site.root), includeDrafts: false)
        let home = SiteCharts.issuesPerYear(compiled.site)
        ChartSnapshot.check("issues-per-year.html", home)
        #expect(home.contains("<th scope=\"row\">2022年</th><td>2</td><td>0</td><td>2</td>"))
        #expect(home.contains("<th scope=\"row\">2018年</th><td>0</td><td>0</td><td>0</td>"))
        let d = try #require(compiled.site.departments.firstIndex { $0.department.name == "市司法局" })
        let trends = SiteCharts.departmentTrends(compiled.site, department: d, base: "/jianbao/")
        ChartSnapshot.check("department-trends.html", trends)
        #expect(trends.contains("<a class=\"c-link\" href=\"/jianbao/ganzhou/2022/151/#a1\">"))
        #expect(trends.contains("<a class=\"c-link\" href=\"/jianbao/ganzhou/2022/149/#a1\">"))
        #expect(trends.contains("<span class=\"chart-title\">接送省内刑满释放人员</span>"))
        #expect(trends.contains("2022年6月30日—2022年8月25日 · 共2期 · 单位：人"))
        #expect(trends.components(separatedBy: "<figure").count == 2)
        // A department without keyed measures in two issues gets no chart.
        let p = try #require(compiled.site.departments.firstIndex { $0.department.name == "市公安局" })
        #expect(SiteCharts.departmentTrends(compiled.site, department: p, base: "/jianbao/") == "")
    }
}
