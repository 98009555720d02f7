/// A chart's SVG content and size, before it is wrapped in `<svg>` and `<figure>`.
struct ChartDrawing: ~Copyable {
    /// viewBox width.
    var width: Double
    /// viewBox height.
    var height: Double
    /// SVG elements.
    var body: MarkupBuffer
    /// Text alternative for `<desc>`, already escaped.
    var desc: MarkupBuffer
    /// Unit of the numbers on the chart, shown in the caption (nil when labels carry their own units).
    var unitNote: String?
}
