import Testing
@testable import JianbaoCore

/// `MarkdownTransforms.innerHTML` answers `<tag>…</tag>\n` (cmark's block shape) without searching; every input must
/// give what the search alone gives (the first `<tag>`, the last `</tag>` after it).
@Suite("Inner HTML of a rendered block")
struct InnerHTMLTests {
    /// The search, as `innerHTML` did it for every input before its fast path.
    func searched(_ html: String, tag: String) -> String {
        let bytes = Array(html.utf8), open = Array("<\(tag)>".utf8), close = Array("</\(tag)>".utf8)
        func matches(_ pattern: [UInt8], at offset: Int) -> Bool {
            offset >= 0 && offset + pattern.count <= bytes.count && pattern.indices.allSatisfy { bytes[offset + $0] == pattern[$0] }
        }
        var start = 0, end = bytes.count
        if let at = bytes.indices.first(where: { matches(open, at: $0) }) { start = at + open.count }
        if let at = stride(from: bytes.count - close.count, through: start, by: -1).first(where: { matches(close, at: $0) }) { end = at }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    @Test func sameAsTheSearch() {
        let fixed = ["<h2>X</h2>\n", "<h2></h2>\n", "<h2></h2>", "<h2>a</h2>b</h2>\n", "<h2>x", "x</h2>", "<h2>", "", "\n",
                     "<p>a</p>\n", "<h2><h2>a</h2></h2>\n", "<h3>a</h2>\n", "<h2>a</h3>\n", "<h2>a</h2>\n\n", "<h2 id=x>a</h2>\n",
                     "<h2>市司法局<em>三</em></h2>\n", "<h2>/h2>\n", "<h2</h2>\n", "<h2>a</h2"]
        for html in fixed {
            for tag in ["h2", "p"] {
                #expect(MarkdownTransforms.innerHTML(of: html, tag: tag) == searched(html, tag: tag), "\(html.debugDescription) \(tag)")
            }
        }
        let pieces = ["<h2>", "</h2>", "<", ">", "/", "h2", "a", "中", "\n", "<p>", "</p>"]
        var rng = LCG(state: 11)
        for _ in 0..<3000 {
            let html = (0..<rng.next(8)).map { _ in pieces[rng.next(pieces.count)] }.joined()
            #expect(MarkdownTransforms.innerHTML(of: html, tag: "h2") == searched(html, tag: "h2"), "\(html.debugDescription)")
        }
    }
}
