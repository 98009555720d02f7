#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCmarkGFM
import Foundation

// Every call into cmark-gfm lives in this file and in the read-only paragraph renderer
// (`CMarkDocument+ParagraphHTML.swift`). `CMarkDocument` owns the parser and the tree it returns and frees both in
// `deinit`; `CMarkNode` is a handle that is valid while its document lives.

/// The kinds of cmark node the pipeline cares about.
public enum CMarkNodeKind: Equatable, Sendable {
    case document, blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading, thematicBreak
    case text, softBreak, lineBreak, code, htmlInline, emph, strong, link, image
    case strikethrough, table, tableRow, tableCell
    case other
}

/// A parsed Markdown document (GFM: tables, strikethrough with `~~`, autolinks).
public final class CMarkDocument {
    private let parser: OpaquePointer
    /// The document node.
    public let root: CMarkNode
    /// The UTF-8 of the Markdown text the document was parsed from (node line/column positions refer to it); a
    /// slice, so that an issue's body is not copied out of its file's bytes.
    public let source: ArraySlice<UInt8>
    /// Registers the GFM extensions once.
    ///
    /// cmark-gfm 0.29 keeps the extensions' inline trigger characters (`~` for strikethrough, `:` and `w` for
    /// autolinks) in one global table that every parser sets when it starts on inlines and clears when it is
    /// done (github/cmark-gfm#176), so documents parsed at once on other threads could lose strikethrough or
    /// autolinks at random. Autolinks only need their characters to stay special: they are set here for good
    /// and the extension's list is emptied, so no parser clears them. Strikethrough also uses its list to own
    /// `~~` delimiters, so it keeps it; it is attached only to documents that contain a `~` (without one it
    /// could not change anything), and those finish their inline pass one at a time (`tildeLock`).
    private static let strikethroughExtension: OpaquePointer? = {
        cmark_gfm_core_extensions_ensure_registered()
        if let autolink = cmark_find_syntax_extension("autolink") {
            let p: OpaquePointer = cmark_parser_new(CMarkDocument.parseOptions)
            cmark_parser_attach_syntax_extension(p, autolink)
            cmark_manage_extensions_special_characters(p, 1)
            cmark_parser_free(p)
            cmark_syntax_extension_set_special_inline_chars(autolink, nil)
        }
        return cmark_find_syntax_extension("strikethrough")
    }()
    private static let tableExtension = cmark_find_syntax_extension("table")
    private static let autolinkExtension = cmark_find_syntax_extension("autolink")
    /// Held while a document with strikethrough runs its inline pass (see `strikethroughExtension`).
    private static let tildeLock = NSLock()

    /// The node type value cmark assigned to strikethrough at registration.
    private static let strikethroughType: cmark_node_type = {
        let doc = CMarkDocument(markdown: "~~x~~")
        let strike = doc.root.firstChild?.firstChild
        return strike.map { cmark_node_get_type($0.pointer) } ?? CMARK_NODE_NONE
    }()

    static let parseOptions: Int32 = CMARK_OPT_DEFAULT | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE
    static let renderOptions: Int32 = CMARK_OPT_DEFAULT

    /// Parses Markdown.
    public convenience init(markdown: String) {
        self.init(utf8: ArraySlice(markdown.utf8))
    }

    /// Parses Markdown given as UTF-8 bytes (valid UTF-8: cmark-gfm copies invalid bytes into its output as they are).
    public init(utf8 markdown: ArraySlice<UInt8>) {
        let strikethrough = CMarkDocument.strikethroughExtension
        let p: OpaquePointer = cmark_parser_new(CMarkDocument.parseOptions)
        if let table = CMarkDocument.tableExtension { cmark_parser_attach_syntax_extension(p, table) }
        if let autolink = CMarkDocument.autolinkExtension { cmark_parser_attach_syntax_extension(p, autolink) }
        let hasTilde = markdown.withUnsafeBufferPointer { buf in buf.baseAddress.map { memchr($0, 0x7E, buf.count) != nil } ?? false }
        if hasTilde, let strikethrough { cmark_parser_attach_syntax_extension(p, strikethrough) }
        source = markdown
        markdown.withUnsafeBufferPointer { buf in
            guard !buf.isEmpty else { return }
            buf.withMemoryRebound(to: CChar.self) { cmark_parser_feed(p, $0.baseAddress, buf.count) }
        }
        parser = p
        if hasTilde {
            CMarkDocument.tildeLock.lock()
            root = CMarkNode(pointer: cmark_parser_finish(p))
            CMarkDocument.tildeLock.unlock()
        } else {
            root = CMarkNode(pointer: cmark_parser_finish(p))
        }
    }

    deinit {
        cmark_node_free(root.pointer)
        cmark_parser_free(parser)
    }

    /// Renders one node (and its children) to HTML with cmark's safe defaults (no raw HTML).
    public func renderHTML(_ node: CMarkNode) -> String {
        var bytes: [UInt8] = []
        renderHTML(node, appendingTo: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the HTML of one node (and its children) to `out` as UTF-8 bytes, without making a String.
    public func renderHTML(_ node: CMarkNode, appendingTo out: inout [UInt8]) {
        guard let cstr = cmark_render_html(node.pointer, CMarkDocument.renderOptions, cmark_parser_get_syntax_extensions(parser)) else { return }
        defer { free(cstr) }
        cstr.withMemoryRebound(to: UInt8.self, capacity: 1) { out.append(contentsOf: UnsafeBufferPointer(start: $0, count: strlen(cstr))) }
    }

    /// A new node of a kind (text, emph, strong, strikethrough, paragraph), not yet in the tree.
    /// Insert it with `insertBefore`/`insertAfter`/`appendChild`; a node never inserted must be `free`d.
    public func makeNode(_ kind: CMarkNodeKind, literal: String? = nil) -> CMarkNode {
        let ptr: OpaquePointer
        switch kind {
        case .emph: ptr = cmark_node_new(CMARK_NODE_EMPH)
        case .strong: ptr = cmark_node_new(CMARK_NODE_STRONG)
        case .paragraph: ptr = cmark_node_new(CMARK_NODE_PARAGRAPH)
        case .strikethrough:
            ptr = cmark_node_new_with_ext(CMarkDocument.strikethroughType, CMarkDocument.strikethroughExtension)
        default: ptr = cmark_node_new(CMARK_NODE_TEXT)
        }
        let node = CMarkNode(pointer: ptr)
        if let literal { node.literal = literal }
        return node
    }
}

/// A handle on a node of a `CMarkDocument`.
public struct CMarkNode: Hashable {
    let pointer: OpaquePointer

    init(pointer: OpaquePointer) { self.pointer = pointer }
    init?(_ p: OpaquePointer?) {
        guard let p else { return nil }
        pointer = p
    }

    /// The node's kind.
    public var kind: CMarkNodeKind {
        switch cmark_node_get_type(pointer) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_EMPH: return .emph
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        default:
            guard let s = cmark_node_get_type_string(pointer) else { return .other }
            switch String(cString: s) {
            case "strikethrough": return .strikethrough
            case "table": return .table
            case "table_row": return .tableRow
            case "table_cell": return .tableCell
            default: return .other
            }
        }
    }

    /// Text of text, code, code-block and HTML nodes.
    public var literal: String? {
        get { cmark_node_get_literal(pointer).map { String(cString: $0) } }
        nonmutating set { _ = cmark_node_set_literal(pointer, newValue ?? "") }
    }

    /// Appends the UTF-8 bytes of the node's literal (if any) to `out`, without making a String.
    public func appendLiteral(to out: inout [UInt8]) {
        guard let p = cmark_node_get_literal(pointer) else { return }
        p.withMemoryRebound(to: UInt8.self, capacity: 1) { out.append(contentsOf: UnsafeBufferPointer(start: $0, count: strlen(p))) }
    }

    /// Calls `body` with the UTF-8 bytes of the node's literal (empty when it has none), without making a String.
    /// The bytes belong to the node: they are valid only inside `body`, which must not change the node.
    public func withLiteralBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        CMarkNode.withBytes(of: cmark_node_get_literal(pointer), body)
    }

    /// `withLiteralBytes` for the info string of a fenced code block.
    public func withFenceInfoBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        CMarkNode.withBytes(of: cmark_node_get_fence_info(pointer), body)
    }

    /// The bytes of a NUL-terminated string that cmark-gfm owns (empty for NULL), lent to `body`.
    private static func withBytes<R>(of cstr: UnsafePointer<CChar>?, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard let cstr else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return cstr.withMemoryRebound(to: UInt8.self, capacity: 1) { body(UnsafeBufferPointer(start: $0, count: strlen(cstr))) }
    }

    /// The URL of a link or image.
    public var url: String? {
        get { cmark_node_get_url(pointer).map { String(cString: $0) } }
        nonmutating set { _ = cmark_node_set_url(pointer, newValue ?? "") }
    }

    /// The info string of a fenced code block.
    public var fenceInfo: String? { cmark_node_get_fence_info(pointer).map { String(cString: $0) } }
    /// Heading level 1–6 (0 for other nodes).
    public var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
    /// 1-based line where the node starts, within the Markdown text.
    public var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    /// 1-based column where the node starts.
    public var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
    /// 1-based line where the node ends.
    public var endLine: Int { Int(cmark_node_get_end_line(pointer)) }
    /// 1-based column (in UTF-8 bytes) where the node ends, inclusive.
    public var endColumn: Int { Int(cmark_node_get_end_column(pointer)) }

    /// The parent node, if any.
    public var parent: CMarkNode? { CMarkNode(cmark_node_parent(pointer)) }
    /// The first child, if any.
    public var firstChild: CMarkNode? { CMarkNode(cmark_node_first_child(pointer)) }
    /// The last child, if any.
    public var lastChild: CMarkNode? { CMarkNode(cmark_node_last_child(pointer)) }
    /// The next sibling, if any.
    public var next: CMarkNode? { CMarkNode(cmark_node_next(pointer)) }
    /// The previous sibling, if any.
    public var previous: CMarkNode? { CMarkNode(cmark_node_previous(pointer)) }

    /// The children, in order (a snapshot: safe to modify the tree while iterating).
    public var children: [CMarkNode] {
        var out: [CMarkNode] = []
        var c = firstChild
        while let n = c { out.append(n); c = n.next }
        return out
    }

    /// Inserts `node` just before this one.
    public func insertBefore(_ node: CMarkNode) { _ = cmark_node_insert_before(pointer, node.pointer) }
    /// Inserts `node` just after this one.
    public func insertAfter(_ node: CMarkNode) { _ = cmark_node_insert_after(pointer, node.pointer) }
    /// Appends `node` as the last child.
    public func appendChild(_ node: CMarkNode) { _ = cmark_node_append_child(pointer, node.pointer) }
    /// Takes the node out of the tree (it must then be freed or inserted again).
    public func unlink() { cmark_node_unlink(pointer) }
    /// Unlinks and frees the node and its children. The handle is invalid afterwards.
    public func remove() {
        cmark_node_unlink(pointer)
        cmark_node_free(pointer)
    }
}
