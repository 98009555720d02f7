/// Line chart: one measure over ordered points (years, months, issues). Points are evenly spaced, or placed
/// by a given position (issue dates on department pages); each can link somewhere. Values are written above
/// the points where they fit (the newest always), round ticks on the left.
enum LineChart {
    static let height = 240.0, tickSize = 12.0, labelSize = 12.0, valueSize = 12.0
    static let top = 28.0, bottomRoom = 40.0

    /// One point of a line.
    struct Point {
        /// Label on the x axis.
        var label: String
        /// The value.
        var value: Double
        /// Horizontal position 0…1, or nil for even spacing.
        var position: Double?
        /// Tooltip (`<title>`) text.
        var tooltip: String
        /// Link target, if the point links somewhere.
        var href: String?
    }

    static func draw(_ block: MetricBlock, id: String) -> ChartDrawing {
        let unit = block.items.first?.unit ?? block.unit
        let vs = ValueScale(maxAbs: block.items.map { abs($0.value) }.max() ?? 0, unit: unit)
        let points = block.items.map {
            Point(label: $0.label, value: $0.value, position: nil,
                  tooltip: $0.label + "：" + NumberFormat.grouped($0.value) + $0.unit, href: nil)
        }
        return ChartDrawing(width: ChartRenderer.width, height: height, body: draw(points, scale: vs),
                            desc: ChartRenderer.describe(block, kindName: "折线图"), unitNote: vs.unitLabel)
    }

    /// The SVG body of a line over `points`, numbers written with `vs`.
    static func draw(_ points: [Point], scale vs: ValueScale) -> MarkupBuffer {
        let W = ChartRenderer.width
        let axis = NiceScale(points.map(\.value), includeZero: true, count: 4)
        let tickDecimals = axis.decimals + (vs.divisor > 1 ? 2 : 0)
        let tickLabels = axis.ticks.map { vs.number($0, decimals: tickDecimals) }
        let padL = max(24, (tickLabels.map { SVGText.width($0, size: tickSize) }.max() ?? 0) + 10)
        let px0 = padL + 16, px1 = W - 22
        let bottom = height - bottomRoom
        func y(_ v: Double) -> Double { bottom - axis.fraction(v) * (bottom - top) }
        let n = points.count
        let xs: [Double] = points.enumerated().map { i, p in
            let f: Double
            if let pos = p.position, pos.isFinite { f = min(max(pos, 0), 1) } else { f = n == 1 ? 0.5 : Double(i) / Double(n - 1) }
            return px0 + f * (px1 - px0)
        }
        let ys = points.map { y($0.value) }
        var out = MarkupBuffer(capacity: 1024 + n * 640)
        out.append("<g class=\"c-grid\">")
        for (t, label) in zip(axis.ticks, tickLabels) {
            let gy = y(t)
            out.append("<path d=\"M")
            out.appendCoordinate(padL + 4)
            out.append(byte: UInt8(ascii: " "))
            out.appendCoordinate(gy)
            out.append(byte: UInt8(ascii: "H"))
            out.appendCoordinate(W - 6)
            out.append("\"")
            out.appendAttribute("stroke", t == 0 ? ChartPalette.muted : ChartPalette.grid)
            out.append(" stroke-width=\"1\"/>")
            SVGText.appendText(label, x: padL, y: gy + tickSize * 0.36, cls: "c-tick", anchor: "end", muted: true, to: &out)
        }
        out.append("</g>\n")
        if n > 1 {
            out.append("<path class=\"c-line\" d=\"")
            for i in 0..<n {
                out.append(i == 0 ? "M" : "L")
                out.appendCoordinate(xs[i])
                out.append(byte: UInt8(ascii: " "))
                out.appendCoordinate(ys[i])
            }
            out.append("\" fill=\"none\"")
            out.appendAttribute("stroke", ChartPalette.primary)
            out.append(" stroke-width=\"2.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n")
        }
        // Value labels and x labels, newest first so that the newest always shows; others only where they fit.
        let valueTexts = points.map { vs.label($0.value) }
        let valueWidths = valueTexts.map { SVGText.width($0, size: valueSize) }
        // The first value reads rightwards from its point and the last leftwards, so neither runs into the axis or the edge.
        func valueCenter(_ i: Int) -> Double {
            let wv = valueWidths[i]
            var c = xs[i]
            if n > 1, i == 0 { c = xs[i] - 8 + wv / 2 } else if n > 1, i == n - 1 { c = xs[i] + 8 - wv / 2 }
            return min(max(c, padL + 6 + wv / 2), W - wv / 2 - 2)
        }
        var shownValue = [Bool](repeating: false, count: n), shownLabel = [Bool](repeating: false, count: n)
        var leftEdgeV = Double.infinity, leftEdgeL = Double.infinity
        let slot = (px1 - px0) / Double(max(n - 1, 1))
        let wrapWidth = min(max(slot - 8, 44), 96)
        // A label of ASCII without spaces (a date such as 2016-06-12) could only break at its hyphens: it stays whole
        // when it fits the widest slot, and the labels that would then overlap are left out below.
        let labelLines = points.map { p -> [String] in
            if !p.label.utf8.contains(0x20), p.label.unicodeScalars.allSatisfy(\.isASCII), SVGText.width(p.label, size: labelSize) <= 96 {
                return [p.label]
            }
            return SVGText.wrap(p.label, width: wrapWidth, size: labelSize, maxLines: 2).lines
        }
        let labelWidths = labelLines.map { $0.map { SVGText.width($0, size: labelSize) }.max() ?? 0 }
        for i in stride(from: n - 1, through: 0, by: -1) {
            let wv = valueWidths[i]
            let cv = valueCenter(i)
            if cv + wv / 2 + 8 <= leftEdgeV { shownValue[i] = true; leftEdgeV = cv - wv / 2 }
            let wl = labelWidths[i]
            let cl = min(max(xs[i], wl / 2 + 2), W - wl / 2 - 2)
            if cl + wl / 2 + 12 <= leftEdgeL { shownLabel[i] = true; leftEdgeL = cl - wl / 2 }
        }
        for (i, p) in points.enumerated() {
            let px = xs[i], py = ys[i]
            if let href = p.href {
                out.append("<a class=\"c-link\" href=\"")
                out.appendEscaped(href)
                out.append("\">")
            } else {
                out.append("<g class=\"c-mark\">")
            }
            out.append("<title>")
            out.appendEscaped(p.tooltip)
            out.append("</title>")
            if p.href != nil {
                out.append("<circle")
                out.appendAttribute("cx", px)
                out.appendAttribute("cy", py)
                out.append(" r=\"12\" fill=\"#ffffff\" fill-opacity=\"0\"/>")
            }
            out.append("<circle class=\"c-point\"")
            out.appendAttribute("cx", px)
            out.appendAttribute("cy", py)
            out.append(" r=\"4.5\" fill=\"#ffffff\"")
            out.appendAttribute("stroke", ChartPalette.primary)
            out.append(" stroke-width=\"2.5\"/>")
            if shownValue[i] {
                SVGText.appendText(valueTexts[i], x: valueCenter(i), y: max(py - 10, valueSize), cls: "c-value", anchor: "middle", to: &out)
            }
            out.append(p.href != nil ? "</a>\n" : "</g>\n")
            if shownLabel[i] {
                let wl = labelWidths[i]
                let cl = min(max(px, wl / 2 + 2), W - wl / 2 - 2)
                out.append("<g class=\"c-xlabel\"><title>")
                out.appendEscaped(p.label)
                out.append("</title>")
                for (k, line) in labelLines[i].enumerated() {
                    SVGText.appendText(line, x: cl, y: bottom + labelSize + 8 + Double(k) * 15, cls: "c-xlabel", anchor: "middle",
                                       muted: true, to: &out)
                }
                out.append("</g>\n")
            }
        }
        return out
    }
}
