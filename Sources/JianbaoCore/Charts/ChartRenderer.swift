/// Draws metric blocks as accessible inline SVG figures: pure (data in, markup out), deterministic,
/// every label escaped, no NaN or Infinity ever written. Sizes come from the viewBox and CSS, so a
/// chart scales to the column width on a phone; colours are a colour-blind-safe palette that stays
/// distinguishable in greyscale print, and every mark carries its value as text.
public enum ChartRenderer {
    /// Okabe–Ito colours, ordered so neighbours differ in lightness too.
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

    /// A `<figure>` with the chart, a caption and the same data as a table in `<details>`.
    public static func figure(_ block: MetricBlock, id: String) -> String {
        let svg: String
        switch block.chart {
        case .bar: svg = bar(block, id: id)
        case .stat: svg = stat(block, id: id)
        case .progress: svg = progress(block, id: id)
        case .pie: svg = pie(block, id: id)
        case .line: svg = line(block, id: id)
        }
        // figcaption first: <figure> allows it only as the first or last child, and the table follows the chart.
        var h = "<figure class=\"chart chart-\(block.chart.rawValue)\" id=\"\(HTML.escape(id))\">\n"
        h += "<figcaption><span class=\"chart-title\">\(HTML.escape(block.title))</span>"
        var meta: [String] = []
        if !block.period.isEmpty { meta.append(HTML.escape(block.period)) }
        if !block.source.isEmpty { meta.append("来源：" + HTML.escape(block.source)) }
        if !meta.isEmpty { h += "<span class=\"chart-meta\">\(meta.joined(separator: " · "))</span>" }
        h += "</figcaption>\n"
        h += svg
        h += table(block)
        h += "</figure>\n"
        return h
    }

    // MARK: Shared pieces

    /// `6,081人`, `2377.35万元`, `100%`.
    static func valueText(_ item: MetricItem) -> String {
        NumberFormat.chinese(item.value) + item.unit
    }

    static func description(_ block: MetricBlock) -> String {
        block.items.map { item in
            "\(item.label)：\(valueText(item))" + (item.target.map { "（目标 \(NumberFormat.chinese($0))\(item.unit)）" } ?? "")
        }.joined(separator: "；")
    }

    static func svgOpen(_ id: String, width: Int, height: Int, block: MetricBlock) -> String {
        let t = HTML.escape(block.title), d = HTML.escape(description(block))
        return "<svg class=\"chart-svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\" "
            + "xmlns=\"http://www.w3.org/2000/svg\" preserveAspectRatio=\"xMinYMin meet\">"
            + "<title id=\"\(id)-t\">\(t)</title><desc id=\"\(id)-d\">\(d)</desc>\n"
    }

    /// A finite number for an attribute, with at most two decimals.
    static func n(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let r = (v * 100).rounded() / 100
        if r == r.rounded() { return String(Int(r)) }
        return String(format: "%.2f", r)
    }

    /// Truncates a label to `max` characters with an ellipsis; the full text goes into `<title>`.
    static func label(_ text: String, max: Int) -> (String, Bool) {
        text.count <= max ? (text, false) : (String(text.prefix(max - 1)) + "…", true)
    }

    /// Nice axis maximum and step (1-2-5).
    static func niceScale(_ maxValue: Double, ticks: Int = 4) -> (max: Double, step: Double) {
        guard maxValue.isFinite, maxValue > 0 else { return (1, 0.25) }
        let raw = maxValue / Double(ticks)
        let mag = pow10(Int(floorLog10(raw)))
        let f = raw / mag
        let step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag
        return ((maxValue / step).rounded(.up) * step, step)
    }

    static func floorLog10(_ v: Double) -> Double {
        var e = 0.0, x = v
        while x >= 10 { x /= 10; e += 1 }
        while x < 1 && x > 0 { x *= 10; e -= 1 }
        return e
    }

    static func pow10(_ e: Int) -> Double {
        var r = 1.0
        if e >= 0 { for _ in 0..<e { r *= 10 } } else { for _ in 0..<(-e) { r /= 10 } }
        return r
    }

    static func table(_ block: MetricBlock) -> String {
        let hasTarget = block.items.contains { $0.target != nil }
        var h = "<details class=\"chart-data\"><summary>查看数据表</summary><table><caption>\(HTML.escape(block.title))</caption>"
        h += "<thead><tr><th scope=\"col\">项目</th><th scope=\"col\">数值</th>"
        if hasTarget { h += "<th scope=\"col\">目标</th>" }
        h += "</tr></thead><tbody>"
        for item in block.items {
            h += "<tr><th scope=\"row\">\(HTML.escape(item.label))</th><td>\(HTML.escape(NumberFormat.grouped(item.value) + item.unit))</td>"
            if hasTarget { h += "<td>\(item.target.map { HTML.escape(NumberFormat.grouped($0) + item.unit) } ?? "—")</td>" }
            h += "</tr>"
        }
        return h + "</tbody></table></details>\n"
    }

    // MARK: Kinds

    /// Horizontal bars: long Chinese labels on the left, values at the bar ends, a zero line for negatives.
    static func bar(_ block: MetricBlock, id: String) -> String {
        let rowH = 34, top = 8, labelW = 230, width = 640, valueW = 96
        let height = top * 2 + rowH * block.items.count
        let values = block.items.map { $0.value.isFinite ? $0.value : 0 }
        let targets = block.items.compactMap { $0.target }.filter(\.isFinite)
        let maxV = max(values.max() ?? 0, targets.max() ?? 0, 0)
        let minV = min(values.min() ?? 0, 0)
        let scaleMax = niceScale(maxV).max
        let scaleMin = minV < 0 ? -niceScale(-minV).max : 0
        let plotW = Double(width - labelW - valueW)
        func x(_ v: Double) -> Double { Double(labelW) + (v - scaleMin) / (scaleMax - scaleMin) * plotW }
        var s = svgOpen(id, width: width, height: height, block: block)
        let zero = x(0)
        for (i, item) in block.items.enumerated() {
            let y = top + i * rowH
            let (text, cut) = label(item.label, max: 14)
            s += "<g class=\"bar\">"
            s += "<text class=\"chart-label\" x=\"\(labelW - 8)\" y=\"\(y + rowH / 2 + 5)\" text-anchor=\"end\">\(HTML.escape(text))"
            if cut { s += "<title>\(HTML.escape(item.label))</title>" }
            s += "</text>"
            let v = values[i]
            let x0 = min(zero, x(v)), w = abs(x(v) - zero)
            s += "<rect x=\"\(n(x0))\" y=\"\(y + 6)\" width=\"\(n(max(w, 1)))\" height=\"\(rowH - 12)\" fill=\"\(palette[0])\"><title>\(HTML.escape(item.label))：\(HTML.escape(valueText(item)))</title></rect>"
            if let t = item.target, t.isFinite {
                s += "<line class=\"chart-target\" x1=\"\(n(x(t)))\" x2=\"\(n(x(t)))\" y1=\"\(y + 3)\" y2=\"\(y + rowH - 3)\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>"
            }
            let vx = v >= 0 ? x(v) + 6 : zero + 6
            s += "<text class=\"chart-value\" x=\"\(n(vx))\" y=\"\(y + rowH / 2 + 5)\">\(HTML.escape(valueText(item)))</text>"
            s += "</g>\n"
        }
        s += "<line class=\"chart-axis\" x1=\"\(n(zero))\" x2=\"\(n(zero))\" y1=\"\(top)\" y2=\"\(height - top)\" stroke=\"#555\"/>"
        return s + "</svg>\n"
    }

    /// One or two big numbers with their unit.
    static func stat(_ block: MetricBlock, id: String) -> String {
        // Always room for two tiles, so a single figure is not drawn twice as large.
        let tileW = 300, width = tileW * max(block.items.count, 2), height = 120
        var s = svgOpen(id, width: width, height: height, block: block)
        for (i, item) in block.items.enumerated() {
            let x0 = i * tileW
            let (text, cut) = label(item.label, max: 16)
            s += "<g class=\"stat\"><rect x=\"\(x0 + 4)\" y=\"4\" width=\"\(tileW - 8)\" height=\"\(height - 8)\" rx=\"6\" fill=\"#f3f6fa\" stroke=\"\(palette[i % palette.count])\" stroke-width=\"2\"/>"
            s += "<text class=\"chart-stat-value\" x=\"\(x0 + tileW / 2)\" y=\"62\" text-anchor=\"middle\">\(HTML.escape(NumberFormat.chinese(item.value)))<tspan class=\"chart-stat-unit\">\(HTML.escape(item.unit))</tspan></text>"
            s += "<text class=\"chart-label\" x=\"\(x0 + tileW / 2)\" y=\"96\" text-anchor=\"middle\">\(HTML.escape(text))"
            if cut { s += "<title>\(HTML.escape(item.label))</title>" }
            s += "</text></g>\n"
        }
        return s + "</svg>\n"
    }

    /// Value against target, one bar per item.
    static func progress(_ block: MetricBlock, id: String) -> String {
        let rowH = 46, width = 640, labelH = 18
        let height = 8 + rowH * block.items.count
        var s = svgOpen(id, width: width, height: height, block: block)
        for (i, item) in block.items.enumerated() {
            let y = 4 + i * rowH
            let goal = (item.target ?? (item.unit == "%" ? 100 : max(item.value, 1)))
            let ratio = goal > 0 && goal.isFinite && item.value.isFinite ? min(max(item.value / goal, 0), 1) : 0
            let (text, cut) = label(item.label, max: 30)
            s += "<g class=\"progress\"><text class=\"chart-label\" x=\"0\" y=\"\(y + 14)\">\(HTML.escape(text))"
            if cut { s += "<title>\(HTML.escape(item.label))</title>" }
            s += "</text>"
            s += "<text class=\"chart-value\" x=\"\(width)\" y=\"\(y + 14)\" text-anchor=\"end\">\(HTML.escape(valueText(item)))"
            if let t = item.target { s += " / \(HTML.escape(NumberFormat.chinese(t) + item.unit))" }
            s += "</text>"
            s += "<rect x=\"0\" y=\"\(y + labelH + 2)\" width=\"\(width)\" height=\"16\" rx=\"3\" fill=\"#e6e6e6\"/>"
            s += "<rect x=\"0\" y=\"\(y + labelH + 2)\" width=\"\(n(Double(width) * ratio))\" height=\"16\" rx=\"3\" fill=\"\(palette[2])\"/></g>\n"
        }
        return s + "</svg>\n"
    }

    /// A donut with direct labels and shares.
    static func pie(_ block: MetricBlock, id: String) -> String {
        let width = 640, height = max(220, 44 * block.items.count + 20)
        let cx = 110.0, cy = Double(height) / 2, r = 90.0, inner = 52.0
        let positive = block.items.map { max($0.value.isFinite ? $0.value : 0, 0) }
        let total = positive.reduce(0, +)
        var s = svgOpen(id, width: width, height: height, block: block)
        var angle = -Double.pi / 2
        for (i, item) in block.items.enumerated() {
            let share = total > 0 ? positive[i] / total : 0
            let color = palette[i % palette.count]
            if share >= 0.9999 {
                s += "<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n((r + inner) / 2))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(n(r - inner))\"/>"
            } else if share > 0 {
                let a2 = angle + share * 2 * Double.pi
                let large = share > 0.5 ? 1 : 0
                let p = { (rad: Double, a: Double) in "\(n(cx + rad * cos(a))) \(n(cy + rad * sin(a)))" }
                s += "<path d=\"M \(p(r, angle)) A \(n(r)) \(n(r)) 0 \(large) 1 \(p(r, a2)) L \(p(inner, a2)) A \(n(inner)) \(n(inner)) 0 \(large) 0 \(p(inner, angle)) Z\" fill=\"\(color)\" stroke=\"#fff\" stroke-width=\"1\"><title>\(HTML.escape(item.label))：\(HTML.escape(valueText(item)))</title></path>"
                angle = a2
            }
            let ly = 20 + i * 44
            let (text, cut) = label(item.label, max: 22)
            s += "<rect x=\"240\" y=\"\(ly)\" width=\"14\" height=\"14\" fill=\"\(color)\"/>"
            s += "<text class=\"chart-label\" x=\"262\" y=\"\(ly + 12)\">\(HTML.escape(text))"
            if cut { s += "<title>\(HTML.escape(item.label))</title>" }
            s += "</text><text class=\"chart-value\" x=\"262\" y=\"\(ly + 32)\">\(HTML.escape(valueText(item)))（\(n(share * 100))%）</text>\n"
        }
        return s + "</svg>\n"
    }

    /// A line over the items in order (or over dates, for department trends).
    static func line(_ block: MetricBlock, id: String, links: [String]? = nil) -> String {
        let width = 640, height = 240, left = 60, right = 20, top = 20, bottom = 50
        let values = block.items.map { $0.value.isFinite ? $0.value : 0 }
        let maxV = max(values.max() ?? 0, 0), minV = min(values.min() ?? 0, 0)
        let scale = niceScale(maxV)
        let lo = minV < 0 ? -niceScale(-minV).max : 0
        let plotW = Double(width - left - right), plotH = Double(height - top - bottom)
        func x(_ i: Int) -> Double { Double(left) + (block.items.count > 1 ? Double(i) / Double(block.items.count - 1) * plotW : plotW / 2) }
        func y(_ v: Double) -> Double { Double(top) + (1 - (v - lo) / (scale.max - lo)) * plotH }
        var s = svgOpen(id, width: width, height: height, block: block)
        var tick = lo
        var guardCount = 0
        while tick <= scale.max + scale.step / 2 && guardCount < 20 {
            s += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(n(y(tick)))\" y2=\"\(n(y(tick)))\" stroke=\"#ddd\"/>"
            s += "<text class=\"chart-tick\" x=\"\(left - 6)\" y=\"\(n(y(tick) + 4))\" text-anchor=\"end\">\(HTML.escape(NumberFormat.chinese(tick)))</text>"
            tick += scale.step
            guardCount += 1
        }
        let points = values.enumerated().map { "\(n(x($0.offset))),\(n(y($0.element)))" }.joined(separator: " ")
        s += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(palette[0])\" stroke-width=\"3\"/>"
        for (i, item) in block.items.enumerated() {
            var mark = "<circle cx=\"\(n(x(i)))\" cy=\"\(n(y(values[i])))\" r=\"5\" fill=\"\(palette[0])\"><title>\(HTML.escape(item.label))：\(HTML.escape(valueText(item)))</title></circle>"
            mark += "<text class=\"chart-value\" x=\"\(n(x(i)))\" y=\"\(n(y(values[i]) - 10))\" text-anchor=\"middle\">\(HTML.escape(NumberFormat.chinese(item.value)))</text>"
            if let links, i < links.count { mark = "<a href=\"\(HTML.escape(links[i]))\">\(mark)</a>" }
            s += mark
            let (text, _) = label(item.label, max: 10)
            s += "<text class=\"chart-label\" x=\"\(n(x(i)))\" y=\"\(height - bottom + 20)\" text-anchor=\"middle\">\(HTML.escape(text))</text>\n"
        }
        return s + "</svg>\n"
    }
}

import Foundation
