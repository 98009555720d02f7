import Foundation

/// The AST passes run on every parsed document before rendering.
enum MarkdownTransforms {
    /// CJK-friendly emphasis, soft breaks between wide characters, unsafe URLs.
    static func apply(_ doc: CMarkDocument) {
        CJKEmphasis.apply(doc)
        // One walk finds the nodes both passes need (neither pass frees a node the other one uses).
        var found = Collected()
        collect(doc.root, into: &found, inLink: false, inImage: false)
        removeWideSoftBreaks(found.softBreaks)
        dropUnsafeLinks(doc, links: found.links, images: found.images)
    }

    /// Nodes of the kinds the passes change, in document order.
    struct Collected {
        var softBreaks: [CMarkNode] = []
        /// Links (none is inside another link).
        var links: [CMarkNode] = []
        /// Images that are not inside another image.
        var images: [CMarkNode] = []
    }

    /// Fills `found` in one walk: for each of soft breaks, links and images, the nodes of that kind under `node` in
    /// document order, not looking inside a node of the same kind (what a walk per kind found before).
    static func collect(_ node: CMarkNode, into found: inout Collected, inLink: Bool, inImage: Bool) {
        var c = node.firstChild
        while let n = c {
            switch n.kind {
            case .softBreak:
                found.softBreaks.append(n)
            case .link:
                if !inLink { found.links.append(n) }
                collect(n, into: &found, inLink: true, inImage: inImage)
            case .image:
                if !inImage { found.images.append(n) }
                collect(n, into: &found, inLink: inLink, inImage: true)
            case .text, .code, .codeBlock, .htmlBlock, .htmlInline, .thematicBreak, .lineBreak:
                break   // no children
            default:
                collect(n, into: &found, inLink: inLink, inImage: inImage)
            }
            c = n.next
        }
    }

    /// Concatenated text of a node (text, code; soft breaks become a space only between narrow characters).
    static func plainText(_ node: CMarkNode) -> String {
        var out: [UInt8] = []
        appendPlainText(node, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 bytes of `plainText(node)` to `out` (one String is made at the end, not one per text node).
    static func appendPlainText(_ node: CMarkNode, to out: inout [UInt8]) {
        func walk(_ n: CMarkNode) {
            switch n.kind {
            case .text, .code, .codeBlock:
                n.appendLiteral(to: &out)
            case .softBreak, .lineBreak:
                out.append(0x20)
            case .htmlInline, .htmlBlock:
                break
            default:
                var c = n.firstChild
                var first = true
                while let child = c {
                    let kind = child.kind
                    if !first, kind == .paragraph || kind == .item || kind == .heading || kind == .tableRow { out.append(0x0A) }
                    if kind == .tableCell, !first { out.append(0x20) }
                    walk(child)
                    first = false
                    c = child.next
                }
            }
        }
        walk(node)
    }

    /// `<h2>inner</h2>\n` -> `inner`.
    static func innerHTML(of html: String, tag: String) -> String {
        var html = html, tag = tag
        // The usual shape, as cmark writes a block: `<tag>` first and `</tag>` last (before a line feed). The first
        // `<tag>` is then at 0 and the last `</tag>` right before the end, which is what the search below finds.
        let usual = html.withUTF8 { bytes in
            tag.withUTF8 { t -> String? in
                let k = t.count, n = bytes.count
                var end = n
                if end > 0, bytes[end - 1] == 0x0A { end -= 1 }
                guard k > 0, end - (k + 3) >= k + 2, bytes[0] == 0x3C, bytes[k + 1] == 0x3E, bytes[end - 1] == 0x3E,
                      bytes[end - k - 3] == 0x3C, bytes[end - k - 2] == 0x2F,
                      memcmp(bytes.baseAddress! + 1, t.baseAddress!, k) == 0,
                      memcmp(bytes.baseAddress! + end - k - 1, t.baseAddress!, k) == 0 else { return nil }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[(k + 2)..<(end - k - 3)]), as: UTF8.self)
            }
        }
        if let usual { return usual }
        // Byte by byte: Foundation's `range(of:)` costs ~10,000 instructions a call on Linux.
        let open = Array("<\(tag)>".utf8), close = Array("</\(tag)>".utf8)
        return html.withUTF8 { bytes in
            func matches(_ pattern: [UInt8], at offset: Int) -> Bool {
                offset >= 0 && offset + pattern.count <= bytes.count && pattern.indices.allSatisfy { bytes[offset + $0] == pattern[$0] }
            }
            var start = 0, end = bytes.count
            if let at = bytes.indices.first(where: { matches(open, at: $0) }) { start = at + open.count }
            if let at = stride(from: bytes.count - close.count, through: start, by: -1).first(where: { matches(close, at: $0) }) { end = at }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<max(start, end)]), as: UTF8.self)
        }
    }

    // MARK: Soft breaks

    /// A soft break between two East Asian wide characters renders as nothing (not a space).
    /// `breaks` are the document's soft breaks (see `collect(_:into:inLink:inImage:)`).
    static func removeWideSoftBreaks(_ breaks: [CMarkNode]) {
        for br in breaks {
            guard let before = lastChar(before: br), let after = firstChar(after: br) else { continue }
            if CJK.isWide(before) && CJK.isWide(after) { br.remove() }
        }
    }

    /// Last character of inline content before `node` in its paragraph.
    static func lastChar(before node: CMarkNode) -> Character? {
        var n = node.previous
        while let cur = n {
            if let ch = lastChar(in: cur) { return ch }
            n = cur.previous
        }
        // Climb out of emphasis: the break might be the first child of a strong node.
        if let p = node.parent, [.emph, .strong, .strikethrough, .link].contains(p.kind) { return lastChar(before: p) }
        return nil
    }

    static func lastChar(in node: CMarkNode) -> Character? {
        switch node.kind {
        case .text, .code: return node.literal?.last
        case .softBreak, .lineBreak: return nil
        default:
            var c = node.lastChild
            while let n = c { if let ch = lastChar(in: n) { return ch }; c = n.previous }
            return nil
        }
    }

    static func firstChar(after node: CMarkNode) -> Character? {
        var n = node.next
        while let cur = n {
            if let ch = firstChar(in: cur) { return ch }
            n = cur.next
        }
        if let p = node.parent, [.emph, .strong, .strikethrough, .link].contains(p.kind) { return firstChar(after: p) }
        return nil
    }

    static func firstChar(in node: CMarkNode) -> Character? {
        switch node.kind {
        case .text, .code: return node.literal?.first
        case .softBreak, .lineBreak: return nil
        default:
            var c = node.firstChild
            while let n = c { if let ch = firstChar(in: n) { return ch }; c = n.next }
            return nil
        }
    }

    // MARK: Links

    /// Links with a scheme other than http, https, mailto or tel are unwrapped to their text;
    /// images with such a source become their alt text.
    /// `links` and `images` are the document's (see `collect(_:into:inLink:inImage:)`).
    static func dropUnsafeLinks(_ doc: CMarkDocument, links: [CMarkNode], images: [CMarkNode]) {
        for link in links where !URLSafety.isSafe(link.url ?? "") {
            for child in link.children { child.unlink(); link.insertBefore(child) }
            link.remove()
        }
        for image in images where !URLSafety.isSafe(image.url ?? "") {
            let alt = plainText(image)
            image.insertBefore(doc.makeNode(.text, literal: alt))
            image.remove()
        }
    }
}

/// Which URLs may appear in `href` and `src`.
public enum URLSafety {
    /// Allowed schemes; URLs without a scheme (relative, `#`, `/`) are allowed too.
    public static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    /// True when `url` is relative or uses an allowed scheme.
    public static func isSafe(_ url: String) -> Bool {
        // Browsers ignore leading spaces and control characters, and tabs/newlines inside the scheme.
        let cleaned = url.unicodeScalars.filter { $0.value > 0x20 && $0 != "\u{7F}" }
        var scheme = ""
        for s in cleaned {
            if s == ":" { return allowedSchemes.contains(scheme.lowercased()) }
            if s == "/" || s == "?" || s == "#" { return true }
            scheme.unicodeScalars.append(s)
        }
        return true
    }
}
