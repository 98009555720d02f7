import Foundation

/// Donut chart of shares of a whole, with the total in the middle and a direct legend (swatch, label,
/// value and share) beside it. Every slice after the first has its own fill pattern, so slices stay
/// apart in greyscale print and for colour-blind readers. More than seven items: the rest become 其他.
enum PieChart {
    static let cx = 86.0, cy = 86.0, outer = 78.0, inner = 47.0
    static let legendX = 182.0, legendSize = 14.0, maxSlices = 7

    static func draw(_ block: MetricBlock, id: String) -> ChartDrawing {
        let W = ChartRenderer.width
        let unit = block.items.first?.unit ?? block.unit
        var entries: [(label: String, value: Double)] = block.items.map { ($0.label, max($0.value, 0)) }
        if entries.count > maxSlices {
            let rest = entries[(maxSlices - 1)...]
            let m = rest.map(\.value).max() ?? 0
            let sum = m > 0 ? rest.reduce(0) { $0 + $1.value / m } * m : 0
            entries = Array(entries.prefix(maxSlices - 1)) + [("其他", sum.isFinite ? sum : m)]
        }
        let vmax = entries.map(\.value).max() ?? 0
        let rel = entries.map { vmax > 0 ? $0.value / vmax : 0 }
        let relSum = rel.reduce(0, +)
        let shares = rel.map { relSum > 0 ? $0 / relSum : 0 }
        let vs = ValueScale(maxAbs: vmax, unit: unit)
        let prefix = id + "-pie"

        var body = ChartPalette.patternDefs(prefix: prefix, count: entries.count) + "\n"
        body += "<g class=\"c-slices\">"
        if relSum <= 0 {
            body += "<circle cx=\"\(SVGText.n(cx))\" cy=\"\(SVGText.n(cy))\" r=\"\(SVGText.n((outer + inner) / 2))\" fill=\"none\" stroke=\"\(ChartPalette.track)\" stroke-width=\"\(SVGText.n(outer - inner))\"/>"
        }
        var angle = -Double.pi / 2
        for (i, e) in entries.enumerated() where shares[i] > 0 {
            let sweep = shares[i] * 2 * Double.pi
            let path = slicePath(from: angle, sweep: sweep)
            body += "<path d=\"\(path)\" fill=\"\(ChartPalette.fill(i, prefix: prefix))\" fill-rule=\"evenodd\" stroke=\"#ffffff\" stroke-width=\"2\">"
            body += "<title>\(HTML.escape("\(e.label)：\(NumberFormat.grouped(e.value))\(unit)（\(percent(shares[i]))）"))</title></path>"
            angle += sweep
        }
        body += "</g>\n"
        // Total in the hole.
        let total = vmax * relSum
        if total.isFinite, relSum > 0 {
            let text = vs.label(total)
            let size = SVGText.fit(text, width: inner * 2 - 14, maxSize: 20, minSize: 9)
            body += SVGText.text("合计", x: cx, y: cy - 6, cls: "c-note", anchor: "middle", attrs: "fill=\"\(ChartPalette.muted)\" font-size=\"12\"")
            body += SVGText.text(text, x: cx, y: cy + 16, cls: "c-total", anchor: "middle", attrs: "font-size=\"\(SVGText.n(size))\" font-weight=\"700\"")
            body += "\n"
        }
        // Legend.
        var y = 8.0
        for (i, e) in entries.enumerated() {
            let wrapped = SVGText.wrap(e.label, width: W - legendX - 26, size: legendSize, maxLines: 2)
            body += "<g class=\"c-legend-item\"><title>\(HTML.escape(e.label))</title>"
            body += "<rect x=\"\(SVGText.n(legendX))\" y=\"\(SVGText.n(y + 2))\" width=\"16\" height=\"16\" fill=\"\(ChartPalette.fill(i, prefix: prefix))\" stroke=\"\(ChartPalette.ink)\" stroke-width=\"0.5\"/>"
            for (k, line) in wrapped.lines.enumerated() {
                body += SVGText.text(line, x: legendX + 24, y: y + legendSize + 1 + Double(k) * 17, cls: "c-label", attrs: "font-size=\"\(SVGText.n(legendSize))\"")
            }
            let ly = y + Double(wrapped.lines.count) * 17 + legendSize + 1
            body += SVGText.text("\(vs.label(e.value)) · \(percent(shares[i]))", x: legendX + 24, y: ly, cls: "c-value", attrs: "font-size=\"\(SVGText.n(legendSize))\"")
            body += "</g>\n"
            y = ly + 12
        }
        let height = max(cy + outer + 8, y)
        var desc = "饼图，共\(block.items.count)项："
        desc += block.items.map { "\($0.label) \(NumberFormat.grouped($0.value))\($0.unit)" }.joined(separator: "；")
        desc += "。占比：" + zip(entries, shares).map { "\($0.0.label) \(percent($0.1))" }.joined(separator: "；") + "。"
        return ChartDrawing(width: W, height: height, body: body, desc: desc, unitNote: vs.unitLabel)
    }

    /// `48.6%`.
    static func percent(_ share: Double) -> String {
        NumberFormat.fixed(share * 100, maxDecimals: 1) + "%"
    }

    /// A ring segment from `start` (radians, 0 = 3 o'clock) sweeping clockwise; a full ring when the sweep is whole.
    static func slicePath(from start: Double, sweep: Double) -> String {
        func pt(_ r: Double, _ a: Double) -> String { "\(SVGText.n(cx + r * cos(a))) \(SVGText.n(cy + r * sin(a)))" }
        if sweep >= 2 * Double.pi - 1e-6 {
            let o = SVGText.n(outer), i = SVGText.n(inner)
            return "M\(pt(outer, 0))A\(o) \(o) 0 1 1 \(pt(outer, Double.pi))A\(o) \(o) 0 1 1 \(pt(outer, 0))Z"
                + "M\(pt(inner, 0))A\(i) \(i) 0 1 0 \(pt(inner, Double.pi))A\(i) \(i) 0 1 0 \(pt(inner, 0))Z"
        }
        let end = start + sweep
        let large = sweep > Double.pi ? 1 : 0
        let o = SVGText.n(outer), i = SVGText.n(inner)
        return "M\(pt(outer, start))A\(o) \(o) 0 \(large) 1 \(pt(outer, end))L\(pt(inner, end))A\(i) \(i) 0 \(large) 0 \(pt(inner, start))Z"
    }
}
