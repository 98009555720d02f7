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

        var body = MarkupBuffer(capacity: 2048 + entries.count * 512)
        body.append(contentsOf: ChartPalette.patternDefs(prefix: prefix, count: entries.count))
        body.append("\n<g class=\"c-slices\">")
        if relSum <= 0 {
            body.append("<circle")
            body.appendAttribute("cx", cx)
            body.appendAttribute("cy", cy)
            body.appendAttribute("r", (outer + inner) / 2)
            body.append(" fill=\"none\"")
            body.appendAttribute("stroke", ChartPalette.track)
            body.appendAttribute("stroke-width", outer - inner)
            body.append("/>")
        }
        var angle = -Double.pi / 2
        for (i, e) in entries.enumerated() where shares[i] > 0 {
            let sweep = shares[i] * 2 * Double.pi
            body.append("<path d=\"")
            appendSlicePath(from: angle, sweep: sweep, to: &body)
            body.append("\"")
            body.appendAttribute("fill", ChartPalette.fill(i, prefix: prefix))
            body.append(" fill-rule=\"evenodd\" stroke=\"#ffffff\" stroke-width=\"2\"><title>")
            body.appendEscaped(e.label)
            body.append("：")
            body.appendNumber(e.value)
            body.appendEscaped(unit)
            body.append("（")
            appendPercent(shares[i], to: &body)
            body.append("）</title></path>")
            angle += sweep
        }
        body.append("</g>\n")
        // Total in the hole.
        let total = vmax * relSum
        if total.isFinite, relSum > 0 {
            let text = vs.label(total)
            let size = SVGText.fit(text, width: inner * 2 - 14, maxSize: 20, minSize: 9)
            SVGText.appendTextStart(x: cx, y: cy - 6, cls: "c-note", anchor: "middle", to: &body)
            body.appendAttribute("fill", ChartPalette.muted)
            body.append(" font-size=\"12\"")
            SVGText.appendTextEnd("合计", to: &body)
            SVGText.appendTextStart(x: cx, y: cy + 16, cls: "c-total", anchor: "middle", to: &body)
            body.appendAttribute("font-size", size)
            body.append(" font-weight=\"700\"")
            SVGText.appendTextEnd(text, to: &body)
            body.append("\n")
        }
        // Legend.
        var y = 8.0
        for (i, e) in entries.enumerated() {
            let wrapped = SVGText.wrap(e.label, width: W - legendX - 26, size: legendSize, maxLines: 2)
            body.append("<g class=\"c-legend-item\"><title>")
            body.appendEscaped(e.label)
            body.append("</title><rect")
            body.appendAttribute("x", legendX)
            body.appendAttribute("y", y + 2)
            body.append(" width=\"16\" height=\"16\"")
            body.appendAttribute("fill", ChartPalette.fill(i, prefix: prefix))
            body.appendAttribute("stroke", ChartPalette.ink)
            body.append(" stroke-width=\"0.5\"/>")
            for (k, line) in wrapped.lines.enumerated() {
                SVGText.appendTextStart(x: legendX + 24, y: y + legendSize + 1 + Double(k) * 17, cls: "c-label", to: &body)
                body.appendAttribute("font-size", legendSize)
                SVGText.appendTextEnd(line, to: &body)
            }
            let ly = y + Double(wrapped.lines.count) * 17 + legendSize + 1
            SVGText.appendTextStart(x: legendX + 24, y: ly, cls: "c-value", to: &body)
            body.appendAttribute("font-size", legendSize)
            body.append(">")
            vs.appendLabel(e.value, to: &body)
            body.append(" · ")
            appendPercent(shares[i], to: &body)
            body.append("</text></g>\n")
            y = ly + 12
        }
        let height = max(cy + outer + 8, y)
        var desc = MarkupBuffer(capacity: 64 + block.items.count * 64)
        desc.append("饼图，共")
        desc.appendInt(block.items.count)
        desc.append("项：")
        for (i, item) in block.items.enumerated() {
            if i > 0 { desc.append("；") }
            ChartRenderer.appendItem(item, to: &desc)
        }
        desc.append("。占比：")
        for (i, (e, share)) in zip(entries, shares).enumerated() {
            if i > 0 { desc.append("；") }
            desc.appendEscaped(e.label)
            desc.append(" ")
            appendPercent(share, to: &desc)
        }
        desc.append("。")
        return ChartDrawing(width: W, height: height, body: body, desc: desc, unitNote: vs.unitLabel)
    }

    /// Appends the share as a percentage with one decimal: `48.6%`.
    static func appendPercent(_ share: Double, to out: inout MarkupBuffer) {
        out.appendNumber(share * 100, maxDecimals: 1, grouped: false)
        out.append("%")
    }

    /// Appends the path of a ring segment from `start` (radians, 0 = 3 o'clock) sweeping clockwise; a full ring when
    /// the sweep is whole.
    static func appendSlicePath(from start: Double, sweep: Double, to out: inout MarkupBuffer) {
        if sweep >= 2 * Double.pi - 1e-6 {
            out.append("M"); point(outer, 0, &out); arc(outer, large: true, sweepFlag: true, &out); point(outer, Double.pi, &out)
            arc(outer, large: true, sweepFlag: true, &out); point(outer, 0, &out); out.append("Z")
            out.append("M"); point(inner, 0, &out); arc(inner, large: true, sweepFlag: false, &out); point(inner, Double.pi, &out)
            arc(inner, large: true, sweepFlag: false, &out); point(inner, 0, &out); out.append("Z")
            return
        }
        let end = start + sweep
        let large = sweep > Double.pi
        out.append("M"); point(outer, start, &out); arc(outer, large: large, sweepFlag: true, &out); point(outer, end, &out)
        out.append("L"); point(inner, end, &out); arc(inner, large: large, sweepFlag: false, &out); point(inner, start, &out)
        out.append("Z")
    }

    /// `x y` of the point at radius `r` and angle `a` around the centre.
    private static func point(_ r: Double, _ a: Double, _ out: inout MarkupBuffer) {
        out.appendCoordinate(cx + r * cos(a))
        out.append(" ")
        out.appendCoordinate(cy + r * sin(a))
    }

    /// `Ar r 0 large sweep ` (the end point follows).
    private static func arc(_ r: Double, large: Bool, sweepFlag: Bool, _ out: inout MarkupBuffer) {
        out.append("A")
        out.appendCoordinate(r)
        out.append(" ")
        out.appendCoordinate(r)
        out.append(large ? " 0 1 " : " 0 0 ")
        out.append(sweepFlag ? "1 " : "0 ")
    }
}
