/// Draws metric blocks as accessible inline SVG figures: a `<figure>` with a caption (title, period, unit,
/// source), the chart as `<svg role="img">` with `<title>`/`<desc>`, and the same data as a table in `<details>`.
/// Pure and deterministic: the same block and id always give the same bytes.
public enum ChartRenderer {
    /// Width of every chart's viewBox; the SVG scales to its container through CSS.
    static let width = 360.0

    /// A `<figure>` with the chart and its data table. `id` must be unique in the page; ids inside the SVG derive from it.
    public static func figure(_ block: MetricBlock, id: String) -> String {
        var out: [UInt8] = []
        appendFigure(block, id: id, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `figure(block, id:)` to `out` as UTF-8 bytes (no String is made).
    public static func appendFigure(_ block: MetricBlock, id: String, to out: inout [UInt8]) {
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
        if let u = drawing.unitNote, !u.isEmpty { meta.append("单位：" + u) }
        if !block.source.isEmpty { meta.append("来源：" + block.source) }
        let hasTarget = block.items.contains { $0.target != nil }
        var table = MarkupBuffer(capacity: 160 + block.items.count * 96)
        appendTableHead(hasTarget ? ["项目", "数值", "目标"] : ["项目", "数值"], to: &table)
        for item in block.items {
            table.append("<tr><th scope=\"row\">")
            table.appendEscaped(item.label)
            table.append("</th><td>")
            table.appendNumber(item.value)
            table.appendEscaped(item.unit)
            table.append("</td>")
            if hasTarget {
                table.append("<td>")
                if let t = item.target { table.appendNumber(t); table.appendEscaped(item.unit) } else { table.append("—") }
                table.append("</td>")
            }
            table.append("</tr>\n")
        }
        appendTableEnd(to: &table)
        var h = MarkupBuffer(capacity: drawing.body.count + drawing.desc.count + table.count + 768)
        appendFigure(id: id, kind: block.chart.rawValue, title: block.title, meta: meta, drawing: drawing, table: table, to: &h)
        out.append(contentsOf: h.bytes)
    }

    /// The `<figure>` around a drawing. `table` is ready HTML (cells escaped by the caller).
    static func figureHTML(id: String, kind: String, title: String, meta: [String], drawing: borrowing ChartDrawing,
                           table: borrowing MarkupBuffer) -> String {
        var h = MarkupBuffer(capacity: drawing.body.count + drawing.desc.count + table.count + 768)
        appendFigure(id: id, kind: kind, title: title, meta: meta, drawing: drawing, table: table, to: &h)
        return h.string
    }

    /// Appends `figureHTML(…)`.
    static func appendFigure(id: String, kind: String, title: String, meta: [String], drawing: borrowing ChartDrawing,
                             table: borrowing MarkupBuffer, to h: inout MarkupBuffer) {
        h.append("<figure class=\"chart chart-")
        h.appendEscaped(kind)
        h.append("\" id=\"")
        h.appendEscaped(id)
        h.append("\">\n<figcaption><span class=\"chart-title\">")
        h.appendEscaped(title)
        h.append("</span>")
        if !meta.isEmpty {
            h.append("<span class=\"chart-meta\">")
            for (i, m) in meta.enumerated() {
                if i > 0 { h.append(" · ") }
                h.appendEscaped(m)
            }
            h.append("</span>")
        }
        h.append("</figcaption>\n")
        appendSVG(drawing, id: id, title: title, to: &h)
        h.append("<details class=\"chart-data\"><summary>查看数据表</summary>\n")
        h.append(table)
        h.append("</details>\n</figure>\n")
    }

    /// The `<svg>` element: viewBox only (CSS gives the size), labelled by its own `<title>` and `<desc>`.
    static func appendSVG(_ d: borrowing ChartDrawing, id: String, title: String, to h: inout MarkupBuffer) {
        h.append("<svg class=\"chart-svg\" viewBox=\"0 0 ")
        h.appendCoordinate(d.width)
        h.append(byte: UInt8(ascii: " "))
        h.appendCoordinate(d.height)
        h.append("\" role=\"img\" aria-labelledby=\"")
        h.appendEscaped(id)
        h.append("-t ")
        h.appendEscaped(id)
        h.append("-d\" font-family=\"'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif\" font-size=\"14\">\n")
        h.append("<title id=\"")
        h.appendEscaped(id)
        h.append("-t\">")
        h.appendEscaped(title)
        h.append("</title>\n<desc id=\"")
        h.appendEscaped(id)
        h.append("-d\">")
        h.append(d.desc)
        h.append("</desc>\n")
        h.append(d.body)
        h.append("</svg>\n")
    }

    /// Opens a data table: `<table>`, the column headers (escaped here), and `<tbody>`. Rows follow, each
    /// `<tr><th scope="row">…</th><td>…</td>…</tr>\n`, then `appendTableEnd`.
    static func appendTableHead(_ header: [String], to h: inout MarkupBuffer) {
        h.append("<table>\n<thead><tr>")
        for c in header {
            h.append("<th scope=\"col\">")
            h.appendEscaped(c)
            h.append("</th>")
        }
        h.append("</tr></thead>\n<tbody>\n")
    }

    /// Closes a table opened with `appendTableHead`.
    static func appendTableEnd(to h: inout MarkupBuffer) { h.append("</tbody>\n</table>\n") }

    /// A data table: column headers, then rows whose first cell is the row header. Cells must be escaped HTML.
    static func table(header: [String], rows: [[String]]) -> MarkupBuffer {
        var h = MarkupBuffer(capacity: 256)
        appendTableHead(header, to: &h)
        for row in rows {
            h.append("<tr>")
            for (i, c) in row.enumerated() {
                h.append(i == 0 ? "<th scope=\"row\">" : "<td>")
                h.append(contentsOf: c)
                h.append(i == 0 ? "</th>" : "</td>")
            }
            h.append("</tr>\n")
        }
        appendTableEnd(to: &h)
        return h
    }

    /// The text description of a block's data for `<desc>`, escaped: `条形图，共3项：甲 6,081人；乙 281人。`
    static func describe(_ block: MetricBlock, kindName: StaticString) -> MarkupBuffer {
        var h = MarkupBuffer(capacity: 64 + block.items.count * 48)
        h.append(kindName)
        h.append("，共")
        h.appendInt(block.items.count)
        h.append("项：")
        for (i, item) in block.items.enumerated() {
            if i > 0 { h.append("；") }
            appendItem(item, to: &h)
            appendTarget(item, to: &h)
        }
        h.append("。")
        return h
    }

    /// `label 6,081人`, escaped.
    static func appendItem(_ item: MetricItem, to h: inout MarkupBuffer) {
        h.appendEscaped(item.label)
        h.append(byte: UInt8(ascii: " "))
        h.appendNumber(item.value)
        h.appendEscaped(item.unit)
    }

    /// `（目标 8,000人）` after an item that has a target, escaped; nothing otherwise.
    static func appendTarget(_ item: MetricItem, to h: inout MarkupBuffer) {
        guard let t = item.target else { return }
        h.append("（目标 ")
        h.appendNumber(t)
        h.appendEscaped(item.unit)
        h.append("）")
    }

    /// An item's tooltip text, escaped: `服务对象：4,164人（目标 5,000人）`.
    static func appendTooltip(_ item: MetricItem, to h: inout MarkupBuffer) {
        h.appendEscaped(item.label)
        h.append("：")
        h.appendNumber(item.value)
        h.appendEscaped(item.unit)
        appendTarget(item, to: &h)
    }
}
