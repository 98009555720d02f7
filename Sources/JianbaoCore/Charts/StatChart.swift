/// Stat tiles: one or two big numbers with their unit and label (more items flow two to a row).
/// Numbers are compacted the Chinese way (`18万`), shrunk to fit their tile, never cut.
enum StatChart {
    static let gap = 12.0, pad = 18.0, labelSize = 14.0, lineHeight = 19.0, maxNumberSize = 40.0

    static func draw(_ block: MetricBlock, id: String) -> ChartDrawing {
        let W = ChartRenderer.width
        let n = block.items.count
        let cols = n == 1 ? 1 : 2
        let tileW = (W - gap * Double(cols - 1)) / Double(cols)
        let inner = tileW - 2 * pad - 6
        struct Tile { var number: String; var unit: String; var size: Double; var lines: [String]; var target: String? }
        let tiles: [Tile] = block.items.map { item in
            let vs = ValueScale(maxAbs: abs(item.value), unit: item.unit)
            let number = vs.number(item.value), unit = vs.unitLabel
            let w1 = SVGText.width(number, size: 1) + SVGText.width(unit, size: 0.5) + 0.1
            let size = max(12, min(maxNumberSize, (inner / w1).rounded(.down)))
            let lines = SVGText.wrap(item.label, width: inner, size: labelSize, maxLines: 2).lines
            let target = item.target.map { "目标 " + ValueScale(maxAbs: abs($0), unit: item.unit).label($0) }
            return Tile(number: number, unit: unit, size: size, lines: lines, target: target)
        }
        // One number size per chart, so tiles side by side match.
        let size = tiles.map(\.size).min() ?? maxNumberSize
        var body = MarkupBuffer(capacity: n * 900)
        var y = 0.0
        var index = 0
        while index < n {
            let row = tiles[index..<min(index + cols, n)]
            let lines = row.map { max($0.lines.count, 1) }.max() ?? 1
            let hasTarget = row.contains { $0.target != nil }
            let h = pad + size + 12 + Double(lines) * lineHeight + (hasTarget ? 18 : 0) + pad - 6
            for (k, t) in row.enumerated() {
                let item = block.items[index + k]
                let x = Double(k) * (tileW + gap)
                body.append("<g class=\"c-tile\"><title>")
                body.appendEscaped(item.label)
                body.append("：")
                body.appendNumber(item.value)
                body.appendEscaped(item.unit)
                body.append("</title><rect class=\"c-tile-bg\"")
                body.appendAttribute("x", x)
                body.appendAttribute("y", y)
                body.appendAttribute("width", tileW)
                body.appendAttribute("height", h)
                body.append(" rx=\"6\" fill=\"#f1f5f9\"/><rect")
                body.appendAttribute("x", x)
                body.appendAttribute("y", y)
                body.append(" width=\"5\"")
                body.appendAttribute("height", h)
                body.appendAttribute("fill", ChartPalette.primary)
                body.append("/>")
                let baseline = y + pad + size * 0.86
                body.append("<text class=\"c-big\"")
                body.appendAttribute("x", x + pad + 4)
                body.appendAttribute("y", baseline)
                body.appendAttribute("font-size", size)
                body.append(" font-weight=\"700\"")
                body.appendAttribute("fill", ChartPalette.ink)
                body.append(">")
                body.appendEscaped(t.number)
                if !t.unit.isEmpty {
                    body.append("<tspan class=\"c-unit\"")
                    body.appendAttribute("font-size", max(12, size * 0.45))
                    body.append(" font-weight=\"400\" dx=\"3\">")
                    body.appendEscaped(t.unit)
                    body.append("</tspan>")
                }
                body.append("</text>")
                var ly = baseline + 12
                for line in t.lines {
                    ly += lineHeight
                    SVGText.appendText(line, x: x + pad + 4, y: ly - 4, cls: "c-label", to: &body)
                }
                if let target = t.target {
                    SVGText.appendTextStart(x: x + pad + 4, y: ly + 14, cls: "c-note", to: &body)
                    body.appendAttribute("fill", ChartPalette.muted)
                    body.append(" font-size=\"12\"")
                    SVGText.appendTextEnd(target, to: &body)
                }
                body.append("</g>\n")
            }
            y += h + gap
            index += cols
        }
        return ChartDrawing(width: W, height: max(y - gap, 1), body: body,
                            desc: ChartRenderer.describe(block, kindName: "数字卡片"), unitNote: nil)
    }
}
