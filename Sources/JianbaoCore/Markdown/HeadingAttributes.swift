import Foundation

/// `{department=市司法局}` and `{#id}` at the end of a heading: read, then removed from the output.
struct HeadingAttributes {
    var department: String?
    var id: String?
    var column: Int = 1
    var problems: [String] = []

    /// Reads and strips trailing attributes from the heading's last text node.
    static func extract(from heading: CMarkNode) -> HeadingAttributes {
        var attrs = HeadingAttributes()
        attrs.column = heading.startColumn
        // The trailing run of text nodes (cmark splits text at entities and some punctuation).
        var run: [CMarkNode] = []
        var node = heading.lastChild
        while let n = node, n.kind == .text { run.insert(n, at: 0); node = n.previous }
        guard let last = run.first else { return attrs }
        let literal = run.map { $0.literal ?? "" }.joined()
        let trimmed = literal.trimmingWhitespace()
        // A text that ends with `}` ends with its byte (no other scalar decomposes to it, and a mark after it would
        // end the text instead): most headings are turned away without `hasSuffix`'s Unicode comparison.
        guard trimmed.utf8.last == UInt8(ascii: "}"), trimmed.hasSuffix("}"), let open = trimmed.range(of: "{", options: .backwards) else { return attrs }
        let inside = trimmed[trimmed.index(after: open.lowerBound)..<trimmed.index(before: trimmed.endIndex)]
        // Only treat it as attributes when it looks like them: `#id` or `key=value` items.
        let items = inside.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).map(String.init)
        guard !items.isEmpty, items.allSatisfy({ $0.hasPrefix("#") || $0.contains("=") }) else { return attrs }
        // Column of the `{` within the heading line, in characters ("## " + text before it).
        let before = String(trimmed[..<open.lowerBound])
        var prefix = 0
        var n = heading.firstChild
        while let c = n, c != last { prefix += MarkdownTransforms.plainText(c).count; n = c.next }
        attrs.column = heading.startColumn + 3 + prefix + before.count
        for item in items {
            if item.hasPrefix("#") {
                let id = String(item.dropFirst())
                if id.isEmpty || !id.unicodeScalars.allSatisfy({ ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_" }) {
                    attrs.problems.append("锚点 “\(item)” 只能包含英文字母、数字、- 和 _")
                } else { attrs.id = id }
            } else {
                let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
                let key = kv[0], value = kv.count > 1 ? kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'“”")) : ""
                switch key {
                case "department":
                    if value.isEmpty { attrs.problems.append("department 属性不能为空") } else { attrs.department = value }
                default:
                    var msg = "未知的标题属性 “\(key)”"
                    if let s = Suggest.closest(key, in: ["department"]) { msg += "，是否想写 “\(s)”？" }
                    attrs.problems.append(msg)
                }
            }
        }
        var remaining = String(literal[..<literal.range(of: "{", options: .backwards)!.lowerBound])
        while let l = remaining.last, l == " " || l == "\u{3000}" { remaining.removeLast() }
        for extra in run.dropFirst() { extra.remove() }
        if remaining.isEmpty { last.remove() } else { last.literal = remaining }
        return attrs
    }
}

