/// Draws metric blocks as accessible inline SVG figures (placeholder until the charts issue).
public enum ChartRenderer {
    /// A `<figure>` with the chart and its data table.
    public static func figure(_ block: MetricBlock, id: String) -> String {
        var h = "<figure class=\"chart\" id=\"\(HTML.escape(id))\"><figcaption>\(HTML.escape(block.title))</figcaption>"
        h += "<table><thead><tr><th scope=\"col\">项目</th><th scope=\"col\">数值</th></tr></thead><tbody>"
        for item in block.items {
            h += "<tr><th scope=\"row\">\(HTML.escape(item.label))</th><td>\(HTML.escape(NumberFormat.grouped(item.value)))\(HTML.escape(item.unit))</td></tr>"
        }
        h += "</tbody></table></figure>\n"
        return h
    }
}
