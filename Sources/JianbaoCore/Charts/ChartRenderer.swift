/// Draws metric blocks as accessible inline SVG figures: a `<figure>` with a caption (title, period, unit,
/// source), the chart as `<svg role="img">` with `<title>`/`<desc>`, and the same data as a table in `<details>`.
/// Pure and deterministic: the same block and id always give the same bytes.
public enum ChartRenderer {
    /// Width of every chart's viewBox; the SVG scales to its container through CSS.
    static let width = 360.0

    /// A `<figure>` with the chart and its data table. `id` must be unique in the page; ids inside the SVG derive from it.
    public static func figure(_ block: MetricBlock, id: String) -> String {
        let drawing: ChartDrawing
        switch block.chart {
        case .bar: drawing = BarChart.draw(block, id: id)
        case .line: drawing = LineChart.draw(block, id: id)
        case .pie: drawing = PieChart.draw(block, id: id)
        case .stat: drawing = StatChart.draw(block, id: id)
        case .progress: drawing = ProgressChart.draw(block, id: id)
        }
        var meta: [String] = []
        if !block.period.isEmpty { meta.append(block.period) }
        if let u = drawing.unitNote, !u.isEmpty { meta.append("单位：\(u)") }
        if !block.source.isEmpty { meta.append("来源：\(block.source)") }
        let hasTarget = block.items.contains { $0.target != nil }
        var header = ["项目", "数值"]
        if hasTarget { header.append("目标") }
        let rows: [[String]] = block.items.map { item in
            var row = [HTML.escape(item.label), HTML.escape(NumberFormat.grouped(item.value) + item.unit)]
            if hasTarget { row.append(HTML.escape(item.target.map { NumberFormat.grouped($0) + item.unit } ?? "—")) }
            return row
        }
        return figureHTML(id: id, kind: block.chart.rawValue, title: block.title, meta: meta, drawing: drawing,
                          table: table(header: header, rows: rows))
    }

    /// The `<figure>` around a drawing. `table` is ready HTML (cells escaped by the caller).
    static func figureHTML(id: String, kind: String, title: String, meta: [String], drawing: ChartDrawing, table: String) -> String {
        let eid = HTML.escape(id)
        var h = "<figure class=\"chart chart-\(HTML.escape(kind))\" id=\"\(eid)\">\n"
        h += "<figcaption><span class=\"chart-title\">\(HTML.escape(title))</span>"
        if !meta.isEmpty { h += "<span class=\"chart-meta\">\(HTML.escape(meta.joined(separator: " · ")))</span>" }
        h += "</figcaption>\n"
        h += svg(drawing, id: id, title: title)
        h += "<details class=\"chart-data\"><summary>查看数据表</summary>\n\(table)</details>\n</figure>\n"
        return h
    }

    /// The `<svg>` element: viewBox only (CSS gives the size), labelled by its own `<title>` and `<desc>`.
    static func svg(_ d: ChartDrawing, id: String, title: String) -> String {
        let t = HTML.escape(id + "-t"), s = HTML.escape(id + "-d")
        var h = "<svg class=\"chart-svg\" viewBox=\"0 0 \(SVGText.n(d.width)) \(SVGText.n(d.height))\" role=\"img\" aria-labelledby=\"\(t) \(s)\""
        h += " font-family=\"'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif\" font-size=\"14\">\n"
        h += "<title id=\"\(t)\">\(HTML.escape(title))</title>\n<desc id=\"\(s)\">\(HTML.escape(d.desc))</desc>\n"
        h += d.body
        h += "</svg>\n"
        return h
    }

    /// A data table: column headers, then rows whose first cell is the row header. Cells must be escaped HTML.
    static func table(header: [String], rows: [[String]]) -> String {
        var h = "<table>\n<thead><tr>"
        for c in header { h += "<th scope=\"col\">\(HTML.escape(c))</th>" }
        h += "</tr></thead>\n<tbody>\n"
        for row in rows {
            h += "<tr>"
            for (i, c) in row.enumerated() { h += i == 0 ? "<th scope=\"row\">\(c)</th>" : "<td>\(c)</td>" }
            h += "</tr>\n"
        }
        return h + "</tbody>\n</table>\n"
    }

    /// The text description of a block's data, for `<desc>`: `条形图，共3项：甲 6,081人；乙 281人。`
    static func describe(_ block: MetricBlock, kindName: String) -> String {
        let parts = block.items.map { item -> String in
            var s = "\(item.label) \(NumberFormat.grouped(item.value))\(item.unit)"
            if let t = item.target { s += "（目标 \(NumberFormat.grouped(t))\(item.unit)）" }
            return s
        }
        return "\(kindName)，共\(block.items.count)项：" + parts.joined(separator: "；") + "。"
    }
}

/// A chart's SVG content and size, before it is wrapped in `<svg>` and `<figure>`.
struct ChartDrawing: Sendable {
    /// viewBox width.
    var width: Double
    /// viewBox height.
    var height: Double
    /// SVG elements.
    var body: String
    /// Text alternative for `<desc>`.
    var desc: String
    /// Unit of the numbers on the chart, shown in the caption (nil when labels carry their own units).
    var unitNote: String?
}
