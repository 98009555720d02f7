/// Progress bars: each value against its target. Percentages fill a track of 100%; other units fill a
/// track as long as the larger of value and target. The target is a dark mark on the track; the label
/// line ends with the value and the target in words.
enum ProgressChart {
    static let labelSize = 14.0, lineHeight = 19.0, trackHeight = 14.0, rowGap = 16.0, margin = 2.0

    static func draw(_ block: MetricBlock, id: String) -> ChartDrawing {
        let W = ChartRenderer.width
        let nonPercentMax = block.items.filter { $0.unit != "%" }.flatMap { [abs($0.value), abs($0.target ?? 0)] }.max() ?? 0
        var body = MarkupBuffer(capacity: block.items.count * 900)
        var y = 2.0
        for item in block.items {
            let full: Double = item.unit == "%" ? max(100, item.target ?? 0, item.value) : (item.target.map { max(abs($0), abs(item.value)) } ?? nonPercentMax)
            let vs = ValueScale(maxAbs: max(abs(item.value), abs(item.target ?? 0)), unit: item.unit)
            let valueText = vs.label(item.value)
            let targetText = item.target.map { vs.label($0) }
            var status = valueText
            if let targetText { status += " / 目标 " + targetText }
            let statusW = SVGText.width(status, size: 13)
            let wrapped = SVGText.wrap(item.label, width: max(W - statusW - 18, 120), size: labelSize, maxLines: 2)
            body.append("<g class=\"c-progress\"><title>")
            ChartRenderer.appendTooltip(item, to: &body)
            body.append("</title>")
            for (k, line) in wrapped.lines.enumerated() {
                SVGText.appendText(line, x: margin, y: y + labelSize + Double(k) * lineHeight, cls: "c-label", to: &body)
            }
            body.append("<text class=\"c-value\"")
            body.appendAttribute("x", W - margin)
            body.appendAttribute("y", y + labelSize)
            body.append(" text-anchor=\"end\" font-size=\"13\"><tspan font-weight=\"700\">")
            body.appendEscaped(valueText)
            body.append("</tspan>")
            if let targetText {
                body.append("<tspan")
                body.appendAttribute("fill", ChartPalette.muted)
                body.append("> / 目标 ")
                body.appendEscaped(targetText)
                body.append("</tspan>")
            }
            body.append("</text>")
            let ty = y + Double(max(wrapped.lines.count, 1)) * lineHeight + 4
            let trackW = W - 2 * margin
            func frac(_ v: Double) -> Double {
                guard full > 0, full.isFinite else { return 0 }
                let f = v / full
                return f.isFinite ? min(max(f, 0), 1) : 0
            }
            body.append("<rect class=\"c-track\"")
            body.appendAttribute("x", margin)
            body.appendAttribute("y", ty)
            body.appendAttribute("width", trackW)
            body.appendAttribute("height", trackHeight)
            body.append(" rx=\"7\"")
            body.appendAttribute("fill", ChartPalette.track)
            body.append("/>")
            let fw = frac(item.value) * trackW
            if fw > 0 {
                body.append("<rect class=\"c-bar\"")
                body.appendAttribute("x", margin)
                body.appendAttribute("y", ty)
                body.appendAttribute("width", max(fw, 3))
                body.appendAttribute("height", trackHeight)
                body.append(" rx=\"7\"")
                body.appendAttribute("fill", ChartPalette.primary)
                body.append("/>")
            }
            if let t = item.target {
                let tx = min(max(margin + frac(t) * trackW, margin + 1.5), W - margin - 1.5)
                body.append("<path class=\"c-target\" d=\"M")
                BarChart.appendVertical(x: tx, from: ty - 4, to: ty + trackHeight + 4, in: &body)
                body.append("\"")
                body.appendAttribute("stroke", ChartPalette.ink)
                body.append(" stroke-width=\"3\"/>")
            }
            body.append("</g>\n")
            y = ty + trackHeight + rowGap
        }
        var height = y - rowGap + 6
        if block.items.contains(where: { $0.target != nil }) {
            BarChart.appendTargetLegend(x: margin, y: height + 14, to: &body)
            height += 22
        }
        return ChartDrawing(width: W, height: height, body: body,
                            desc: ChartRenderer.describe(block, kindName: "进度图"), unitNote: nil)
    }
}
