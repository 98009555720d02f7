import Foundation

/// Site-level charts: issues per year (home page) and department measures over time (department pages).
public enum SiteCharts {
    /// Issues per year per series, for the home page: stacked columns, one per year from the first to the last.
    /// Empty when the site has no issues.
    public static func issuesPerYear(_ site: Site) -> String {
        guard !site.issues.isEmpty else { return "" }
        let series = site.config.series.filter { !(site.bySeries[$0.key] ?? []).isEmpty }
        let years = site.issues.map(\.date.year)
        let first = years.min()!, last = years.max()!
        let yearList = Array(first...last)
        var counts: [[Int]] = yearList.map { _ in Array(repeating: 0, count: series.count) }
        for issue in site.issues {
            guard let s = series.firstIndex(where: { $0.key == issue.series }) else { continue }
            counts[issue.date.year - first][s] += 1
        }
        let totals = counts.map { $0.reduce(0, +) }
        let id = "issues-per-year"
        let prefix = id + "-s"
        let W = 320.0  // a small chart: a narrower viewBox keeps its text legible at its smaller size
        var body = ChartPalette.patternDefs(prefix: prefix, count: series.count) + "\n"
        var y = 0.0
        if series.count > 1 {
            for (i, s) in series.enumerated() {
                let label = SVGText.truncate(s.title, width: W - 30, size: 13).text
                body += "<g class=\"c-legend-item\"><title>\(HTML.escape(s.title))</title><rect x=\"0\" y=\"\(SVGText.n(y + 2))\" width=\"14\" height=\"14\" fill=\"\(ChartPalette.fill(i, prefix: prefix))\"/>"
                body += SVGText.text(label, x: 22, y: y + 14, cls: "c-label", attrs: "font-size=\"13\"") + "</g>\n"
                y += 20
            }
            y += 6
        }
        let axis = NiceScale(totals.map(Double.init), includeZero: true, count: 3)
        let ticks = axis.ticks.filter { $0 == $0.rounded() }
        let top = y + 18, bottom = top + 120
        let padL = max(20, (ticks.map { SVGText.width(NumberFormat.plain($0), size: 12) }.max() ?? 0) + 8)
        let px0 = padL + 8, px1 = W - 4
        func yy(_ v: Double) -> Double { bottom - axis.fraction(v) * (bottom - top) }
        body += "<g class=\"c-grid\">"
        for t in ticks {
            body += "<path d=\"M\(SVGText.n(padL + 2)) \(SVGText.n(yy(t)))H\(SVGText.n(W))\" stroke=\"\(t == 0 ? ChartPalette.muted : ChartPalette.grid)\" stroke-width=\"1\"/>"
            body += SVGText.text(NumberFormat.plain(t), x: padL - 2, y: yy(t) + 4.3, cls: "c-tick", anchor: "end", attrs: "fill=\"\(ChartPalette.muted)\"")
        }
        body += "</g>\n"
        let slot = (px1 - px0) / Double(yearList.count)
        let colW = min(slot * 0.62, 40)
        var lastRight = -Double.infinity
        for (k, year) in yearList.enumerated() {
            let cx = px0 + slot * (Double(k) + 0.5)
            var detail = "\(year)年：共\(totals[k])期"
            if series.count > 1 {
                detail += "（" + series.enumerated().map { "\($0.element.title) \(counts[k][$0.offset])期" }.joined(separator: "，") + "）"
            }
            body += "<g class=\"c-column\"><title>\(HTML.escape(detail))</title>"
            var acc = 0
            for (i, _) in series.enumerated() where counts[k][i] > 0 {
                let y0 = yy(Double(acc)), y1 = yy(Double(acc + counts[k][i]))
                body += "<rect x=\"\(SVGText.n(cx - colW / 2))\" y=\"\(SVGText.n(y1))\" width=\"\(SVGText.n(colW))\" height=\"\(SVGText.n(max(y0 - y1, 0)))\" fill=\"\(ChartPalette.fill(i, prefix: prefix))\" stroke=\"#ffffff\" stroke-width=\"1\"/>"
                acc += counts[k][i]
            }
            if totals[k] > 0, slot >= SVGText.width(String(totals[k]), size: 12) + 2 {
                body += SVGText.text(String(totals[k]), x: cx, y: yy(Double(totals[k])) - 5, cls: "c-value", anchor: "middle", attrs: "font-size=\"12\"")
            }
            body += "</g>\n"
            let label = String(year)
            let w = SVGText.width(label, size: 12)
            if cx - w / 2 >= lastRight + 6 {
                body += SVGText.text(label, x: cx, y: bottom + 17, cls: "c-xlabel", anchor: "middle", attrs: "fill=\"\(ChartPalette.muted)\" font-size=\"12\"") + "\n"
                lastRight = cx + w / 2
            }
        }
        let desc = "柱状图，各年简报期数：" + yearList.enumerated().map { "\($0.element)年 \(totals[$0.offset])期" }.joined(separator: "；") + "。"
        var bodyMarkup = MarkupBuffer(capacity: body.utf8.count)
        bodyMarkup.append(contentsOf: body)
        var descMarkup = MarkupBuffer(capacity: desc.utf8.count)
        descMarkup.appendEscaped(desc)
        let drawing = ChartDrawing(width: W, height: bottom + 24, body: bodyMarkup, desc: descMarkup, unitNote: "期")
        var header = ["年份"]
        if series.count > 1 { header += series.map(\.title) }
        header.append("合计")
        let rows: [[String]] = yearList.enumerated().map { k, year in
            ["\(year)年"] + (series.count > 1 ? counts[k].map(String.init) : []) + [String(totals[k])]
        }
        return ChartRenderer.figureHTML(id: id, kind: "columns", title: "各年简报期数", meta: ["单位：期"], drawing: drawing,
                                        table: ChartRenderer.table(header: header, rows: rows))
    }

    /// One observation of a keyed measure: item `item` of metric block `block` of an article. Indices, not values:
    /// copying an item (or reading an article out of its issue) retains every String it holds.
    struct Observation {
        var issue: Int
        var article: Int
        var block: Int
        var item: Int
    }

    /// Every metric key that appears in two or more issues of a department, as a line over issue dates.
    /// Each point links to its article in the issue page (`base + issue.path + "#" + anchor`).
    /// Empty when no key qualifies.
    public static func departmentTrends(_ site: Site, department: Int, base: String) -> String {
        var out = MarkupBuffer(capacity: 1 << 16)
        guard appendDepartmentTrends(site, department: department, base: base, links: nil, to: &out) else { return "" }
        return out.string
    }

    /// Appends `departmentTrends` to `out`; false (nothing appended) when no key qualifies. `links`, when given, holds
    /// every issue's `IssueLink` made with the same `base` (the renderer has them; otherwise each point makes its own).
    static func appendDepartmentTrends(_ site: Site, department: Int, base: String, links: [IssueLink]?,
                                       to out: inout MarkupBuffer) -> Bool {
        guard site.departments.indices.contains(department) else { return false }
        return appendDepartmentTrends(site, groups: trendGroups(site, department: department), base: base, links: links, to: &out)
    }

    /// Appends the trend charts of a department's `groups` (see `DepartmentTrendGroups`); false (nothing appended) when
    /// no key was seen in two or more issues.
    static func appendDepartmentTrends(_ site: Site, groups: DepartmentTrendGroups, base: String, links: [IssueLink]?,
                                       to out: inout MarkupBuffer) -> Bool {
        var n = 0
        for g in groups.keys.indices where groups.keys[g].observations.count >= 2 {
            n += 1
            if n == 1 { out.append("<div class=\"chart-grid\">\n") }
            appendTrendFigure(site, observations: groups.keys[g].observations, id: "trend-" + String(n), base: base, links: links,
                              to: &out)
        }
        if n == 0 { return false }
        out.append("</div>\n")
        return true
    }

    /// The figure of one key's observations (oldest first): a line over issue dates, each point linking to its article.
    static func appendTrendFigure(_ site: Site, observations obs: [Observation], id: String, base: String, links: [IssueLink]?,
                                  to out: inout MarkupBuffer) {
        func item(_ o: Observation) -> MetricItem { site.issues[o.issue].articles[o.article].metrics[o.block].items[o.item] }
        let newest = item(obs.last!)
        let unit = newest.unit
        let vs = ValueScale(maxAbs: obs.map { abs(item($0).value) }.max() ?? 0, unit: unit)
        let days = obs.map { dayNumber(site.issues[$0.issue].date) }
        let firstDay = days.min() ?? 0
        let span = Double((days.max() ?? 0) - firstDay)
        var points: [LineChart.Point] = []
        points.reserveCapacity(obs.count)
        var desc = MarkupBuffer(capacity: 64 + obs.count * 48)
        desc.append("折线图，")
        desc.appendEscaped(newest.label)
        desc.append("历期数值：")
        var table = MarkupBuffer(capacity: 160 + obs.count * 160)
        ChartRenderer.appendTableHead(["期次", "日期", "数值"], to: &table)
        for i in obs.indices {
            let o = obs[i]
            let item = item(o)
            // The link's fields, not the whole link: the renderer's links are shared by its threads, and copying one
            // retains and releases each of its strings.
            let url: String, numberLabel: String, chinese: String, iso: String
            if let links {
                (url, numberLabel, chinese, iso) = (links[o.issue].url, links[o.issue].numberLabel, links[o.issue].dateChinese,
                                                    links[o.issue].dateISO)
            } else {
                let link = IssueLink(site, o.issue, base: base, seriesTitle: "")
                (url, numberLabel, chinese, iso) = (link.url, link.numberLabel, link.dateChinese, link.dateISO)
            }
            let name = numberLabel.isEmpty ? site.issues[o.issue].title : numberLabel
            let anchor = site.issues[o.issue].articles[o.article].anchor
            let grouped = NumberFormat.grouped(item.value)
            // Built with room reserved: `a + b + c + …` would reallocate at every step.
            var href = url
            href.reserveCapacity(url.utf8.count + anchor.utf8.count + 1)
            href += "#"
            href += anchor
            var tooltip = name
            tooltip.reserveCapacity(name.utf8.count + chinese.utf8.count + item.label.utf8.count + grouped.utf8.count
                                    + item.unit.utf8.count + 16)
            tooltip += "（"
            tooltip += chinese
            tooltip += "）："
            tooltip += item.label
            tooltip += " "
            tooltip += grouped
            tooltip += item.unit
            points.append(LineChart.Point(label: iso, value: item.value,
                                          position: span > 0 ? Double(days[i] - firstDay) / span : nil,
                                          tooltip: tooltip, href: href))
            if i > 0 { desc.append("；") }
            desc.appendEscaped(chinese)
            desc.appendEscaped(numberLabel)
            desc.append(" ")
            desc.append(contentsOf: grouped)
            desc.appendEscaped(item.unit)
            table.append("<tr><th scope=\"row\"><a href=\"")
            table.appendEscaped(href)
            table.append("\">")
            table.appendEscaped(name)
            table.append("</a></th><td>")
            table.appendEscaped(chinese)
            table.append("</td><td>")
            table.append(contentsOf: grouped)
            table.appendEscaped(item.unit)
            table.append("</td></tr>\n")
        }
        desc.append("。")
        ChartRenderer.appendTableEnd(to: &table)
        let body = LineChart.draw(points, scale: vs)
        let firstDate = site.issues[obs.first!.issue].date, lastDate = site.issues[obs.last!.issue].date
        let drawing = ChartDrawing(width: ChartRenderer.width, height: LineChart.height, body: body, desc: desc, unitNote: vs.unitLabel)
        var meta = [firstDate.chinese + "—" + lastDate.chinese, "共" + String(obs.count) + "期"]
        if !vs.unitLabel.isEmpty { meta.append("单位：" + vs.unitLabel) }
        ChartRenderer.appendFigure(id: id, kind: "trend", title: newest.label, meta: meta, drawing: drawing, table: table, to: &out)
    }

    /// Days since 1970-01-01 for a calendar date (proleptic Gregorian), for placing issues on a time axis.
    static func dayNumber(_ d: CalendarDate) -> Int {
        let y = d.month <= 2 ? d.year - 1 : d.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (d.month + 9) % 12
        let doy = (153 * mp + 2) / 5 + d.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}
