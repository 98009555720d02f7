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
        let valueWidths = valueTexts.map { SVGText.width($0, size: valueSize) }
        var posRoom = 0.0, negRoom = 0.0
        for (item, tw) in zip(items, valueWidths) {
            let w = tw + 8
            if item.value < 0 { negRoom = max(negRoom, w) } else { posRoom = max(posRoom, w) }
        }
        posRoom = min(posRoom, 140); negRoom = min(negRoom, 140)
        let x0 = margin + negRoom, x1 = W - margin - posRoom
        func x(_ v: Double) -> Double { x0 + axis.fraction(v) * (x1 - x0) }
        let zero = x(0)

        var rows = MarkupBuffer(capacity: items.count * 640)
        var bands: [(Double, Double)] = []
        bands.reserveCapacity(items.count)
        var y = 4.0
        for (i, item) in items.enumerated() {
            let wrapped = SVGText.wrap(item.label, width: W - 2 * margin, size: labelSize, maxLines: 2)
            rows.append("<g class=\"bar-row\"><title>")
            ChartRenderer.appendTooltip(item, to: &rows)
            rows.append("</title>")
            for (k, line) in wrapped.lines.enumerated() {
                SVGText.appendText(line, x: margin, y: y + labelSize + Double(k) * lineHeight, cls: "c-label", to: &rows)
            }
            let barY = y + Double(max(wrapped.lines.count, 1)) * lineHeight + 4
            let end = x(item.value)
            var bx = min(zero, end), bw = abs(end - zero)
            if item.value != 0, bw < 1.5 { bw = 1.5; if item.value < 0 { bx = zero - bw } }
            rows.append("<rect class=\"c-bar\"")
            rows.appendAttribute("x", bx)
            rows.appendAttribute("y", barY)
            rows.appendAttribute("width", bw)
            rows.appendAttribute("height", barHeight)
            rows.appendAttribute("fill", ChartPalette.primary)
            rows.append("/>")
            bands.append((barY - 3, barY + barHeight + 3))
            let ty = barY + barHeight / 2 + valueSize * 0.36
            // The value goes past the bar end, and past the target mark when that is close by.
            let tx = item.target.map(x)
            if item.value < 0 {
                var lx = bx - 5
                if let tx, tx < bx + 2, tx > lx - valueWidths[i] - 4 { lx = tx - 6 }
                SVGText.appendText(valueTexts[i], x: lx, y: ty, cls: "c-value", anchor: "end", to: &rows)
            } else {
                var lx = bx + bw + 5
                if let tx, tx > bx + bw - 2, tx < lx + valueWidths[i] + 4 { lx = tx + 6 }
                SVGText.appendText(valueTexts[i], x: lx, y: ty, cls: "c-value", to: &rows)
            }
            if let t = item.target {
                let tx = x(t)
                rows.append("<path class=\"c-target\" d=\"M")
                appendVertical(x: tx, from: barY - 5, to: barY + barHeight + 5, in: &rows)
                rows.append("\"")
                rows.appendAttribute("stroke", ChartPalette.ink)
                rows.append(" stroke-width=\"3\"/>")
            }
            rows.append("</g>\n")
            y = barY + barHeight + rowGap
        }
        let plotBottom = y - rowGap + 6
        // Gridlines and the zero line run down the same spans: across each bar, and a short tick at the bottom.
        var spans = Spans(capacity: bands.count + 1)
        for band in bands { spans.add(from: band.0, to: band.1) }
        spans.add(from: plotBottom - 4, to: plotBottom)
        var body = MarkupBuffer(capacity: rows.count + 1024 + axis.ticks.count * spans.text.count * 2)
        appendGridlines(axis: axis, x: x, spans: spans, bottom: plotBottom, decimals: axis.decimals, vs: vs, width: W, to: &body)
        body.append("<path class=\"c-zero\" d=\"")
        spans.appendPath(x: zero, to: &body)
        body.append("\"")
        body.appendAttribute("stroke", ChartPalette.muted)
        body.append(" stroke-width=\"1\"/>\n")
        body.append(rows)
        var height = plotBottom + tickSize + 8
        if items.contains(where: { $0.target != nil }) {
            appendTargetLegend(x: margin, y: height + 20, to: &body)
            height += 26
        }
        return ChartDrawing(width: W, height: height + 4, body: body,
                            desc: ChartRenderer.describe(block, kindName: "条形图"), unitNote: vs.unitLabel)
    }

    /// Path data `x y0Vy1` (after an `M` the caller writes): a vertical segment.
    @inline(__always)
    static func appendVertical(x: Double, from y0: Double, to y1: Double, in out: inout MarkupBuffer) {
        out.appendCoordinate(x)
        out.append(byte: UInt8(ascii: " "))
        out.appendCoordinate(y0)
        out.append(byte: UInt8(ascii: "V"))
        out.appendCoordinate(y1)
    }

    /// Vertical gridlines at the ticks, drawn only across the bars (not through the labels above them), a short
    /// tick mark at the bottom, and the tick values under the plot (values that would overlap are left out).
    static func appendGridlines(axis: NiceScale, x: (Double) -> Double, spans: borrowing Spans, bottom: Double, decimals: Int,
                                vs: ValueScale, width: Double, to out: inout MarkupBuffer) {
        out.append("<g class=\"c-grid\"><path d=\"M")
        out.appendCoordinate(x(axis.lo))
        out.append(byte: UInt8(ascii: " "))
        out.appendCoordinate(bottom)
        out.append(byte: UInt8(ascii: "H"))
        out.appendCoordinate(x(axis.hi))
        out.append("\"")
        out.appendAttribute("stroke", ChartPalette.grid)
        out.append(" stroke-width=\"1\"/>")
        let tickDecimals = max(decimals, 0) + (vs.divisor > 1 ? 2 : 0)
        var lastRight = -Double.infinity
        for t in axis.ticks {
            let gx = x(t)
            out.append("<path d=\"")
            spans.appendPath(x: gx, to: &out)
            out.append("\"")
            out.appendAttribute("stroke", ChartPalette.grid)
            out.append(" stroke-width=\"1\"/>")
            // The label's bytes straight from the stack: `SVGText.width` and `appendText` of `vs.number(t, …)`.
            vs.withNumberBytes(t, decimals: tickDecimals) { label in
                let w = SVGText.width(utf8: label, size: tickSize)
                let cx = min(max(gx, w / 2 + 1), width - w / 2 - 1)
                if cx - w / 2 >= lastRight + 6 {
                    SVGText.appendTextStart(x: cx, y: bottom + tickSize + 4, cls: "c-tick", anchor: "middle", to: &out)
                    out.appendAttribute("fill", ChartPalette.muted)
                    out.append(byte: UInt8(ascii: ">"))
                    out.appendBytes(label)  // digits, `,`, `.`, `-`, `—`: nothing to escape
                    out.append("</text>")
                    lastRight = cx + w / 2
                }
            }
        }
        out.append("</g>\n")
    }

    /// A one-line key explaining the target mark.
    static func appendTargetLegend(x: Double, y: Double, to out: inout MarkupBuffer) {
        out.append("<g class=\"c-legend\"><path d=\"M")
        appendVertical(x: x + 2, from: y - 12, to: y + 2, in: &out)
        out.append("\"")
        out.appendAttribute("stroke", ChartPalette.ink)
        out.append(" stroke-width=\"3\"/>")
        SVGText.appendTextStart(x: x + 10, y: y, cls: "c-note", to: &out)
        out.appendAttribute("fill", ChartPalette.muted)
        SVGText.appendTextEnd("目标值", to: &out)
        out.append("</g>\n")
    }

    /// Vertical spans shared by several lines, their `y0Vy1` path text written once: `appendPath` draws all of them
    /// at one x as `Mx y0Vy1Mx y0Vy1…`.
    struct Spans: ~Copyable {
        /// ` y0Vy1` of every span, one after the other.
        var text: MarkupBuffer
        /// End of each span's text.
        var ends: [Int] = []

        init(capacity: Int) {
            text = MarkupBuffer(capacity: capacity * 16)
            ends.reserveCapacity(capacity)
        }

        /// Adds the span from `y0` down to `y1`.
        mutating func add(from y0: Double, to y1: Double) {
            text.append(byte: UInt8(ascii: " "))
            text.appendCoordinate(y0)
            text.append(byte: UInt8(ascii: "V"))
            text.appendCoordinate(y1)
            ends.append(text.count)
        }

        /// Appends `Mx y0Vy1` for every span. `Mx` is written once and copied before the other spans.
        func appendPath(x: Double, to out: inout MarkupBuffer) {
            let bytes = text.bytes
            var start = 0
            var mx = 0..<0  // where the first `Mx` is in `out`
            for end in ends {
                if mx.isEmpty {
                    let from = out.count
                    out.append(byte: UInt8(ascii: "M"))
                    out.appendCoordinate(x)
                    mx = from..<out.count
                } else {
                    out.appendOwnBytes(mx)
                }
                out.appendBytes(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                start = end
            }
        }
    }
}
