/// The kinds of chart a metrics block can ask for.
public enum ChartKind: String, Sendable, CaseIterable {
    case bar, line, pie, stat, progress
}

/// A ```` ```metrics ```` block: data drawn as a chart in place.
public struct MetricBlock: Sendable {
    /// Chart title (required).
    public var title: String
    /// Chart kind (given or inferred).
    public var chart: ChartKind
    /// Default unit of the items.
    public var unit: String
    /// Period the figures cover, e.g. 2021年以来.
    public var period: String
    /// Source of the figures, e.g. 市司法局.
    public var source: String
    /// The data (at least one item).
    public var items: [MetricItem]
    /// Line of the block's opening fence in the Markdown file.
    public var line: Int

    /// Text for the search index and screen readers: title and every item with its value.
    public var searchText: String {
        ([title] + items.map { "\($0.label) \(NumberFormat.plain($0.value))\($0.unit)" }).joined(separator: " ")
    }

    /// Appends the UTF-8 bytes of `searchText` to `out`, without building the String.
    func appendSearchText(to out: inout [UInt8]) {
        out.append(contentsOf: title.utf8)
        for item in items {
            out.append(0x20)
            out.append(contentsOf: item.label.utf8)
            out.append(0x20)
            out.append(contentsOf: NumberFormat.plain(item.value).utf8)
            out.append(contentsOf: item.unit.utf8)
        }
    }
}

/// One figure of a metrics block.
public struct MetricItem: Sendable {
    /// What is measured.
    public var label: String
    /// The number.
    public var value: Double
    /// Unit (the item's own, else the block's).
    public var unit: String
    /// Names the same measure across issues.
    public var key: String?
    /// Goal, drawn as a marker.
    public var target: Double?
}
