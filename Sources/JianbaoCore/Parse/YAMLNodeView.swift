import Yams

/// A parsed YAML node as `YAMLReader`'s checks see it: text and style of a scalar, children of a sequence or
/// mapping, and a position. Yams' `Node` is one; `FrontMatterNode`, built by the front matter fast path without
/// Yams, is the other, so both are checked (and their diagnostics worded and placed) by the same code.
protocol YAMLNodeView {
    /// The text and style of a scalar; nil for a sequence or mapping.
    var scalarValue: (text: String, style: Node.Scalar.Style)? { get }
    /// The items of a sequence; nil for a scalar or mapping.
    var sequenceItems: [Self]? { get }
    /// The key-value pairs of a mapping, in order; nil for a scalar or sequence.
    var mappingPairs: [(key: Self, value: Self)]? { get }
    /// 1-based line and column (in Unicode scalars) of the node's start in the YAML text; nil when unknown.
    var lineColumn: (line: Int, column: Int)? { get }
}

extension Node: YAMLNodeView {
    var scalarValue: (text: String, style: Node.Scalar.Style)? {
        guard case .scalar(let s) = self else { return nil }
        return (s.string, s.style)
    }

    var sequenceItems: [Node]? {
        guard case .sequence(let s) = self else { return nil }
        return Array(s)
    }

    var mappingPairs: [(key: Node, value: Node)]? {
        guard case .mapping(let m) = self else { return nil }
        return Array(m)
    }

    var lineColumn: (line: Int, column: Int)? {
        mark.map { ($0.line, $0.column) }
    }
}

extension YAMLNodeView {
    /// Whether `other` is the same tree: same shape, texts (byte for byte), styles and positions. The front matter
    /// fast path must build exactly the tree Yams builds; the tests and the fuzzer hold it to this.
    func isSameTree<Other: YAMLNodeView>(as other: Other) -> Bool {
        guard lineColumn?.line == other.lineColumn?.line, lineColumn?.column == other.lineColumn?.column else { return false }
        if let (t, s) = scalarValue {
            guard let (u, v) = other.scalarValue else { return false }
            return Array(t.utf8) == Array(u.utf8) && s == v
        }
        if let items = sequenceItems {
            guard let others = other.sequenceItems, others.count == items.count else { return false }
            return zip(items, others).allSatisfy { $0.isSameTree(as: $1) }
        }
        guard let pairs = mappingPairs, let others = other.mappingPairs, others.count == pairs.count else { return false }
        return zip(pairs, others).allSatisfy { $0.key.isSameTree(as: $1.key) && $0.value.isSameTree(as: $1.value) }
    }
}
