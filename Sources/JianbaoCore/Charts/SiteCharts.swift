/// Site-level charts: issues per year (home page) and each department's measures over time.
public enum SiteCharts {
    /// Issues per year, all series together, as a small bar chart for the home page.
    public static func issuesPerYear(_ site: Site) -> String {
        var counts: [Int: Int] = [:]
        for issue in site.issues { counts[issue.date.year, default: 0] += 1 }
        guard counts.count >= 2 else { return "" }
        let items = counts.keys.sorted().map { MetricItem(label: "\($0)年", value: Double(counts[$0]!), unit: "期", key: nil, target: nil) }
        let block = MetricBlock(title: "各年收录简报期数", chart: .bar, unit: "期", period: "", source: "", items: items, line: 0)
        return ChartRenderer.figure(block, id: "home-years")
    }

    /// Every metric `key` that appears in two or more issues of the department, as a line over issue dates;
    /// each point links to its issue.
    public static func departmentTrends(_ site: Site, department: Int, base: String) -> String {
        struct Point { let date: CalendarDate; let value: Double; let unit: String; let label: String; let url: String; let issue: String }
        var byKey: [String: [Point]] = [:]
        for ref in site.departments[department].articles {
            let issue = site.issues[ref.issue]
            let article = issue.articles[ref.article]
            for block in article.metrics {
                for item in block.items {
                    guard let key = item.key else { continue }
                    byKey[key, default: []].append(Point(date: issue.date, value: item.value, unit: item.unit, label: item.label,
                                                         url: base + issue.path + "#" + article.anchor, issue: issue.sourcePath))
                }
            }
        }
        var html = ""
        for key in byKey.keys.sorted() {
            let points = byKey[key]!.sorted { $0.date != $1.date ? $0.date < $1.date : $0.issue < $1.issue }
            guard Set(points.map(\.issue)).count >= 2 else { continue }
            let latest = points.last!
            let items = points.map { MetricItem(label: $0.date.iso, value: $0.value, unit: $0.unit, key: key, target: nil) }
            let block = MetricBlock(title: "\(latest.label)（历期）", chart: .line, unit: latest.unit, period: "", source: "",
                                    items: items, line: 0)
            let id = "trend-" + key
            var figure = "<figure class=\"chart chart-line\" id=\"\(HTML.escape(id))\">\n"
            figure += "<figcaption><span class=\"chart-title\">\(HTML.escape(block.title))</span></figcaption>\n"
            figure += ChartRenderer.line(block, id: id, links: points.map(\.url))
            figure += ChartRenderer.table(block)
            figure += "</figure>\n"
            html += figure
        }
        return html
    }
}
