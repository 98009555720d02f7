import Yams

/// A YAML node read by `FrontMatterYAML`: the text, style and position Yams would give the same node.
enum FrontMatterNode: YAMLNodeView {
    /// A one-line scalar: its text, style (plain, single- or double-quoted), 1-based line and column.
    case scalar(String, Node.Scalar.Style, line: Int, column: Int)
    /// A flow sequence `[a, b]`, placed at its `[`.
    case sequence([FrontMatterNode], line: Int, column: Int)
    /// A mapping: the block mapping of the front matter, or a flow mapping `{k: v}` placed at its `{`.
    case mapping([(key: FrontMatterNode, value: FrontMatterNode)], line: Int, column: Int)

    var scalarValue: (text: String, style: Node.Scalar.Style)? {
        guard case .scalar(let text, let style, _, _) = self else { return nil }
        return (text, style)
    }

    var sequenceItems: [FrontMatterNode]? {
        guard case .sequence(let items, _, _) = self else { return nil }
        return items
    }

    var mappingPairs: [(key: FrontMatterNode, value: FrontMatterNode)]? {
        guard case .mapping(let pairs, _, _) = self else { return nil }
        return pairs
    }

    var lineColumn: (line: Int, column: Int)? {
        switch self {
        case .scalar(_, _, let line, let column), .sequence(_, let line, let column), .mapping(_, let line, let column):
            return (line, column)
        }
    }
}
