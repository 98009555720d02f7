/// Progress bars: each value against its target. Percentages fill a track of 100%; other units fill a
/// track as long as the larger of value and target. The target is a dark mark on the track; the label
/// line ends with the value and the target in words.
enum ProgressChart {
    static let labelSize = 14.0, lineHeight = 19.0, trackHeight = 14.0, rowGap = 16.0, margin = 2.0

    static func draw(_ block: MetricBlock, id: String) -> ChartDrawing {
        let W = ChartRenderer.width
        let nonPercentMax = block.items.filter { $0.unit != "%" }.flatMap { [abs($0.value), abs($0.target ?? 0)] }.max() ?? 0
        var body = ""
        var y = 2.0
        for item in block.items {
            let full: Double = item.unit == "%" ? max(100, item.target ?? 0, item.value) : (item.target.map { max(abs($0), abs(item.value)) } ?? nonPercentMax)
            let vs = ValueScale(maxAbs: max(abs(item.value), abs(item.target ?? 0)), unit: item.unit)
            let valueText = vs.label(item.value)
            var status = valueText
            if let t = item.target { status += " / 目标 " + vs.label(t) }
            let statusW = SVGText.width(status, size: 13)
            let wrapped = SVGText.wrap(item.label, width: max(W - statusW - 18, 120), size: labelSize, maxLines: 2)
            body += "<g class=\"c-progress\"><title>\(HTML.escape("\(item.label)：\(NumberFormat.grouped(item.value))\(item.unit)" + (item.target.map { "（目标 \(NumberFormat.grouped($0))\(item.unit)）" } ?? "")))</title>"
            for (k, line) in wrapped.lines.enumerated() {
                body += SVGText.text(line, x: margin, y: y + labelSize + Double(k) * lineHeight, cls: "c-label")
            }
            body += "<text class=\"c-value\" x=\"\(SVGText.n(W - margin))\" y=\"\(SVGText.n(y + labelSize))\" text-anchor=\"end\" font-size=\"13\">"
            body += "<tspan font-weight=\"700\">\(HTML.escape(valueText))</tspan>"
            if let t = item.target {
                body += "<tspan fill=\"\(ChartPalette.muted)\"> / 目标 \(HTML.escape(vs.label(t)))</tspan>"
            }
            body += "</text>"
            let ty = y + Double(max(wrapped.lines.count, 1)) * lineHeight + 4
            let trackW = W - 2 * margin
            func frac(_ v: Double) -> Double {
                guard full > 0, full.isFinite else { return 0 }
                let f = v / full
                return f.isFinite ? min(max(f, 0), 1) : 0
            }
            body += "<rect class=\"c-track\" x=\"\(SVGText.n(margin))\" y=\"\(SVGText.n(ty))\" width=\"\(SVGText.n(trackW))\" height=\"\(SVGText.n(trackHeight))\" rx=\"7\" fill=\"\(ChartPalette.track)\"/>"
            let fw = frac(item.value) * trackW
            if fw > 0 {
                body += "<rect class=\"c-bar\" x=\"\(SVGText.n(margin))\" y=\"\(SVGText.n(ty))\" width=\"\(SVGText.n(max(fw, 3)))\" height=\"\(SVGText.n(trackHeight))\" rx=\"7\" fill=\"\(ChartPalette.primary)\"/>"
            }
            if let t = item.target {
                let tx = min(max(margin + frac(t) * trackW, margin + 1.5), W - margin - 1.5)
                body += "<path class=\"c-target\" d=\"M\(SVGText.n(tx)) \(SVGText.n(ty - 4))V\(SVGText.n(ty + trackHeight + 4))\" stroke=\"\(ChartPalette.ink)\" stroke-width=\"3\"/>"
            }
            body += "</g>\n"
            y = ty + trackHeight + rowGap
        }
        var height = y - rowGap + 6
        if block.items.contains(where: { $0.target != nil }) {
            body += BarChart.targetLegend(x: margin, y: height + 14)
            height += 22
        }
        return ChartDrawing(width: W, height: height, body: body,
                            desc: ChartRenderer.describe(block, kindName: "进度图"), unitNote: nil)
    }
}
