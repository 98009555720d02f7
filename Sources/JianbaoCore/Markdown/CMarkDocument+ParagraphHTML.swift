#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCmarkGFM

// The one place besides `CMark.swift` that calls cmark-gfm: it reads nodes, it never changes them.

extension CMarkDocument {
    /// Appends the HTML of a top-level paragraph to `html` exactly as `renderHTML(_:appendingTo:)` writes it, and its
    /// plain text (as `MarkdownTransforms.appendPlainText` writes it) to `text` when `withText`, for a paragraph made only
    /// of text, soft and hard breaks, code spans, emphasis and strong emphasis: nearly every paragraph of a bulletin.
    /// Returns false, with nothing appended to either, for anything else (links, images, raw HTML, strikethrough…),
    /// which the caller renders with cmark.
    ///
    /// cmark's renderer escapes text byte by byte through a table (`houdini_escape_html0`, ~8 instructions a byte)
    /// into a buffer of its own that is then copied; here text is escaped sixteen bytes at a time (`HTMLEscape`) straight into `html`.
    /// A paragraph that is not a child of the document also returns false (a tight list would hide its `<p>`).
    func appendParagraphHTML(_ node: CMarkNode, to html: inout [UInt8], text: inout [UInt8], withText: Bool) -> Bool {
        guard cmark_node_get_type(node.pointer) == CMARK_NODE_PARAGRAPH,
              cmark_node_parent(node.pointer).map({ cmark_node_get_type($0) == CMARK_NODE_DOCUMENT }) == true else { return false }
        let htmlStart = html.count, textStart = text.count
        html.append(contentsOf: "<p>".utf8)
        guard Self.appendInlines(of: node.pointer, html: &html, text: &text, withText: withText) else {
            html.removeSubrange(htmlStart...)
            text.removeSubrange(textStart...)
            return false
        }
        html.append(contentsOf: "</p>\n".utf8)
        return true
    }

    /// The children of an inline container; false at the first node this renderer does not handle.
    private static func appendInlines(of parent: OpaquePointer, html: inout [UInt8], text: inout [UInt8], withText: Bool) -> Bool {
        var child = cmark_node_first_child(parent)
        while let n = child {
            switch cmark_node_get_type(n) {
            case CMARK_NODE_TEXT:
                guard let p = cmark_node_get_literal(n) else { return false }
                p.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes in
                    let literal = UnsafeBufferPointer(start: bytes, count: strlen(p))
                    HTMLEscape.append(literal, to: &html)
                    if withText { text.append(contentsOf: literal) }
                }
            case CMARK_NODE_SOFTBREAK:
                html.append(0x0A)
                if withText { text.append(0x20) }
            case CMARK_NODE_LINEBREAK:
                html.append(contentsOf: "<br />\n".utf8)
                if withText { text.append(0x20) }
            case CMARK_NODE_CODE:
                guard let p = cmark_node_get_literal(n) else { return false }
                p.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes in
                    let literal = UnsafeBufferPointer(start: bytes, count: strlen(p))
                    html.append(contentsOf: "<code>".utf8)
                    HTMLEscape.append(literal, to: &html)
                    html.append(contentsOf: "</code>".utf8)
                    if withText { text.append(contentsOf: literal) }
                }
            case CMARK_NODE_EMPH:
                html.append(contentsOf: "<em>".utf8)
                guard appendInlines(of: n, html: &html, text: &text, withText: withText) else { return false }
                html.append(contentsOf: "</em>".utf8)
            case CMARK_NODE_STRONG:
                html.append(contentsOf: "<strong>".utf8)
                guard appendInlines(of: n, html: &html, text: &text, withText: withText) else { return false }
                html.append(contentsOf: "</strong>".utf8)
            default:
                return false
            }
            child = cmark_node_next(n)
        }
        return true
    }
}
