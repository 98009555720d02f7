/// Horizontal bar chart: each label sits above its bar, so long Chinese labels get the full width and
/// wrap to two lines (the full text stays in the row's tooltip). Values are written at the bar ends;
/// light gridlines mark round ticks; targets are dark marks across the bar.
enum BarChart {
    static let labelSize = 14.0, valueSize = 13.0, tickSize = 12.0
    static let lineHeight = 19.0, barHeight = 20.0, rowGap = 14.0, margin = 8.0

    static func draw(_ block: MetricBlock, id: String) -> ChartDrawing {
        let W = ChartRenderer.width
        let items = block.items
        let unit = items.first?.unit ?? block.unit
        let all = items.map(\.value) + items.compactMap(\.target)
        let axis = NiceScale(all, includeZero: true, count: 4)
        let vs = ValueScale(maxAbs: all.map { abs($0) }.max() ?? 0, unit: unit)
        let valueTexts = items.map { vs.label($0.value) }
        var posRoom = 0.0, negRoom = 0.0
        for (item, t) in zip(items, valueTexts) {
            let w = SVGText.width(t, size: valueSize) + 8
            if item.value < 0 { negRoom = max(negRoom, w) } else { posRoom = max(posRoom, w) }
        }
        posRoom = min(posRoom, 140); negRoom = min(negRoom, 140)
        let x0 = margin + negRoom, x1 = W - margin - posRoom
        func x(_ v: Double) -> Double { x0 + axis.fraction(v) * (x1 - x0) }
        let zero = x(0)

        var rows = ""
        var bands: [(Double, Double)] = []
        var y = 4.0
        for (i, item) in items.enumerated() {
            let wrapped = SVGText.wrap(item.label, width: W - 2 * margin, size: labelSize, maxLines: 2)
            var row = "<g class=\"bar-row\"><title>\(HTML.escape(item.label))：\(HTML.escape(NumberFormat.grouped(item.value) + item.unit))"
            if let t = item.target { row += HTML.escape("（目标 \(NumberFormat.grouped(t))\(item.unit)）") }
            row += "</title>"
            for (k, line) in wrapped.lines.enumerated() {
                row += SVGText.text(line, x: margin, y: y + labelSize + Double(k) * lineHeight, cls: "c-label")
            }
            let barY = y + Double(max(wrapped.lines.count, 1)) * lineHeight + 4
            let end = x(item.value)
            var bx = min(zero, end), bw = abs(end - zero)
            if item.value != 0, bw < 1.5 { bw = 1.5; if item.value < 0 { bx = zero - bw } }
            row += "<rect class=\"c-bar\" x=\"\(SVGText.n(bx))\" y=\"\(SVGText.n(barY))\" width=\"\(SVGText.n(bw))\" height=\"\(SVGText.n(barHeight))\" fill=\"\(ChartPalette.primary)\"/>"
            bands.append((barY - 3, barY + barHeight + 3))
            let ty = barY + barHeight / 2 + valueSize * 0.36
            // The value goes past the bar end, and past the target mark when that is close by.
            let tx = item.target.map(x)
            if item.value < 0 {
                var lx = bx - 5
                if let tx, tx < bx + 2, tx > lx - SVGText.width(valueTexts[i], size: valueSize) - 4 { lx = tx - 6 }
                row += SVGText.text(valueTexts[i], x: lx, y: ty, cls: "c-value", anchor: "end")
            } else {
                var lx = bx + bw + 5
                if let tx, tx > bx + bw - 2, tx < lx + SVGText.width(valueTexts[i], size: valueSize) + 4 { lx = tx + 6 }
                row += SVGText.text(valueTexts[i], x: lx, y: ty, cls: "c-value")
            }
            if let t = item.target {
                let tx = x(t)
                row += "<path class=\"c-target\" d=\"M\(SVGText.n(tx)) \(SVGText.n(barY - 5))V\(SVGText.n(barY + barHeight + 5))\" stroke=\"\(ChartPalette.ink)\" stroke-width=\"3\"/>"
            }
            rows += row + "</g>\n"
            y = barY + barHeight + rowGap
        }
        let plotBottom = y - rowGap + 6
        var body = gridlines(axis: axis, x: x, bands: bands, bottom: plotBottom, decimals: axis.decimals, vs: vs, width: W)
        body += "<path class=\"c-zero\" d=\"" + bands.map { "M\(SVGText.n(zero)) \(SVGText.n($0.0))V\(SVGText.n($0.1))" }.joined()
            + "M\(SVGText.n(zero)) \(SVGText.n(plotBottom - 4))V\(SVGText.n(plotBottom))\" stroke=\"\(ChartPalette.muted)\" stroke-width=\"1\"/>\n"
        body += rows
        var height = plotBottom + tickSize + 8
        if items.contains(where: { $0.target != nil }) {
            body += targetLegend(x: margin, y: height + 20)
            height += 26
        }
        return ChartDrawing(width: W, height: height + 4, body: body,
                            desc: ChartRenderer.describe(block, kindName: "条形图"), unitNote: vs.unitLabel)
    }

    /// Vertical gridlines at the ticks, drawn only across the bars (not through the labels above them), a short
    /// tick mark at the bottom, and the tick values under the plot (values that would overlap are left out).
    static func gridlines(axis: NiceScale, x: (Double) -> Double, bands: [(Double, Double)], bottom: Double, decimals: Int, vs: ValueScale, width: Double) -> String {
        var out = "<g class=\"c-grid\"><path d=\"M\(SVGText.n(x(axis.lo))) \(SVGText.n(bottom))H\(SVGText.n(x(axis.hi)))\" stroke=\"\(ChartPalette.grid)\" stroke-width=\"1\"/>"
        var lastRight = -Double.infinity
        for t in axis.ticks {
            let gx = x(t)
            let d = bands.map { "M\(SVGText.n(gx)) \(SVGText.n($0.0))V\(SVGText.n($0.1))" }.joined() + "M\(SVGText.n(gx)) \(SVGText.n(bottom - 4))V\(SVGText.n(bottom))"
            out += "<path d=\"\(d)\" stroke=\"\(ChartPalette.grid)\" stroke-width=\"1\"/>"
            let label = vs.number(t, decimals: max(decimals, 0) + (vs.divisor > 1 ? 2 : 0))
            let w = SVGText.width(label, size: tickSize)
            let cx = min(max(gx, w / 2 + 1), width - w / 2 - 1)
            if cx - w / 2 >= lastRight + 6 {
                out += SVGText.text(label, x: cx, y: bottom + tickSize + 4, cls: "c-tick", anchor: "middle", attrs: "fill=\"\(ChartPalette.muted)\"")
                lastRight = cx + w / 2
            }
        }
        return out + "</g>\n"
    }

    /// A one-line key explaining the target mark.
    static func targetLegend(x: Double, y: Double) -> String {
        "<g class=\"c-legend\"><path d=\"M\(SVGText.n(x + 2)) \(SVGText.n(y - 12))V\(SVGText.n(y + 2))\" stroke=\"\(ChartPalette.ink)\" stroke-width=\"3\"/>"
            + SVGText.text("目标值", x: x + 10, y: y, cls: "c-note", attrs: "fill=\"\(ChartPalette.muted)\"") + "</g>\n"
    }
}
