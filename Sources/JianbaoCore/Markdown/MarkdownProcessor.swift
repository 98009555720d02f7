import Foundation

/// Turns an issue body into articles: columns (`#`), articles (`##`) with their attributes,
/// subtitles and departments' raw hints, charts from `metrics` blocks, HTML and plain text.
/// Pure: Markdown in, values and diagnostics out.
public struct MarkdownProcessor {
    /// An article before its department is resolved.
    public struct RawArticle {
        /// Anchor of the article on its issue page (`a1`, or the one written in the heading).
        public var anchor: String
        /// Whether the heading wrote its own anchor (`{#id}`).
        public var explicitAnchor: Bool
        /// Title as plain text.
        public var title: String
        /// Title as inline HTML (emphasis, code).
        public var titleHTML: String
        /// Subtitle (a `——` paragraph right under the heading), or empty.
        public var subtitle: String
        /// Column (`#` heading) the article is under, or empty.
        public var column: String
        /// Department written in the heading's attributes (`{department=…}`), if any.
        public var departmentAttribute: String?
        /// Column where the heading starts, for diagnostics about its attributes.
        public var attributeColumn: Int
        /// Body HTML (charts included), UTF-8.
        public var bodyHTMLBytes: [UInt8]
        /// Body as plain text, UTF-8, trimmed.
        public var textBytes: [UInt8]
        /// Metric blocks of the article, in order.
        public var metrics: [MetricBlock]
        /// Line of the heading in the file.
        public var line: Int

        /// Body HTML as a String.
        public var bodyHTML: String { String(decoding: bodyHTMLBytes, as: UTF8.self) }
        /// Body text as a String.
        public var text: String { String(decoding: textBytes, as: UTF8.self) }
    }

    /// The processed body.
    public struct Result {
        /// HTML of the blocks before the first article.
        public var leadHTML: String = ""
        /// The articles, in order.
        public var articles: [RawArticle] = []
        /// Problems found in the body.
        public var diagnostics: [Diagnostic] = []
    }

    /// File path for diagnostics.
    public let file: String
    /// Line in the file where the Markdown body starts (1-based).
    public let firstLine: Int

    /// Creates a processor for the body of `file` starting at `firstLine`.
    public init(file: String, firstLine: Int) {
        self.file = file
        self.firstLine = firstLine
    }

    func fileLine(_ line: Int) -> Int { line + firstLine - 1 }

    /// Renders a standalone snippet (编者按) with the same rules.
    public static func renderSnippet(_ markdown: String) -> String {
        let doc = CMarkDocument(markdown: markdown)
        MarkdownTransforms.apply(doc)
        return doc.renderHTML(doc.root)
    }

    /// Processes the body.
    public func process(_ markdown: String) -> Result {
        process(utf8: ArraySlice(markdown.utf8))
    }

    /// Processes the body given as UTF-8 bytes (valid UTF-8; a slice of an issue file's bytes after its front matter).
    public func process(utf8 markdown: ArraySlice<UInt8>) -> Result {
        var result = Result()
        let doc = CMarkDocument(utf8: markdown)
        MarkdownTransforms.apply(doc)

        var column = ""
        var current: RawArticle?
        // The HTML of the current article (or, before the first one, of the lead) and the article's plain text,
        // as UTF-8 bytes (never decoded into Strings here).
        var bodyBytes: [UInt8] = []
        var textBytes: [UInt8] = []
        var leadBytes: [UInt8] = []
        var usedAnchors = Set<String>()
        var chartIndex = 0

        func finish() {
            if var a = current {
                a.bodyHTMLBytes = bodyBytes.exactCopy() // the buffer is reused
                a.textBytes = UTF8Trim.trimmingWhitespace(textBytes)
                result.articles.append(a)
            } else {
                leadBytes += bodyBytes
            }
            current = nil
            bodyBytes.removeAll(keepingCapacity: true)
            textBytes.removeAll(keepingCapacity: true)
        }

        for node in doc.root.children {
            let kind = node.kind
            if kind == .heading && node.headingLevel == 1 {
                finish()
                column = MarkdownTransforms.plainText(node).trimmingWhitespace()
                continue
            }
            if kind == .heading && node.headingLevel == 2 {
                finish()
                let attrs = HeadingAttributes.extract(from: node)
                for problem in attrs.problems {
                    result.diagnostics.append(Diagnostic(.error, file: file, line: fileLine(node.startLine), column: attrs.column, problem))
                }
                let inner = doc.renderHTML(node)
                let titleHTML = MarkdownTransforms.innerHTML(of: inner, tag: "h2")
                let title = MarkdownTransforms.plainText(node).trimmingWhitespace()
                var anchor = "a\(result.articles.count + 1)"
                var explicit = false
                if let id = attrs.id {
                    anchor = id
                    explicit = true
                }
                if !usedAnchors.insert(anchor).inserted {
                    result.diagnostics.append(Diagnostic(.error, file: file, line: fileLine(node.startLine), column: attrs.column,
                                                         "锚点 “#\(anchor)” 在本期中重复"))
                }
                if title.isEmpty {
                    result.diagnostics.append(Diagnostic(.error, file: file, line: fileLine(node.startLine), column: 1, "文章标题为空"))
                }
                current = RawArticle(anchor: anchor, explicitAnchor: explicit, title: title, titleHTML: titleHTML,
                                     subtitle: "", column: column, departmentAttribute: attrs.department,
                                     attributeColumn: attrs.column, bodyHTMLBytes: [], textBytes: [], metrics: [],
                                     line: fileLine(node.startLine))
                continue
            }
            // A `——` paragraph right under the heading is the article's subtitle.
            // (The cheap tests first: binding `current` copies the whole article, a retain for each of its fields.)
            if kind == .paragraph, bodyBytes.isEmpty, current?.subtitle.isEmpty == true, var a = current {
                var raw: [UInt8] = []
                MarkdownTransforms.appendPlainText(node, to: &raw)
                let text = MarkdownProcessor.mayStartWithDashes(raw) ? String(decoding: raw, as: UTF8.self).trimmingWhitespace() : ""
                if text.hasPrefix("——") || text.hasPrefix("--") {
                    a.subtitle = String(text.drop { $0 == "—" || $0 == "-" }).trimmingWhitespace()
                    let html = doc.renderHTML(node)
                    bodyBytes.append(contentsOf: html.replacingFirst("<p>", with: "<p class=\"subtitle\">").utf8)
                    current = a
                    continue
                }
            }
            // Charts and rendered blocks go straight into the article's (or the lead's) bytes.
            if kind == .codeBlock, MarkdownProcessor.isMetricsFence(node) {
                // The YAML is read from the node's bytes (a String of it is made only when the block is unusual).
                let blockLine = fileLine(node.startLine)
                let parsed = node.withLiteralBytes { MetricBlockParser.parse(utf8: $0, file: file, blockLine: blockLine) }
                result.diagnostics.append(contentsOf: parsed.diagnostics)
                if let block = parsed.block {
                    chartIndex += 1
                    let anchorBase = current?.anchor ?? "lead"
                    let id = "\(anchorBase)-c\(chartIndex)"
                    ChartRenderer.appendFigure(block, id: id, to: &bodyBytes)
                    if current != nil {
                        current!.metrics.append(block)
                        let before = textBytes.count
                        block.appendSearchText(to: &textBytes)
                        if textBytes.count > before { textBytes.append(0x0A) }
                    }
                }
            } else if kind == .paragraph {
                // Paragraphs of text and emphasis: HTML and plain text in one walk (same bytes as below).
                let before = textBytes.count
                if doc.appendParagraphHTML(node, to: &bodyBytes, text: &textBytes, withText: current != nil) {
                    if textBytes.count > before { textBytes.append(0x0A) }
                    continue
                }
                doc.renderHTML(node, appendingTo: &bodyBytes)
                if current != nil {
                    MarkdownTransforms.appendPlainText(node, to: &textBytes)
                    if textBytes.count > before { textBytes.append(0x0A) }
                }
            } else {
                doc.renderHTML(node, appendingTo: &bodyBytes)
                if current != nil {
                    let before = textBytes.count
                    MarkdownTransforms.appendPlainText(node, to: &textBytes)
                    if textBytes.count > before { textBytes.append(0x0A) }
                }
            }
        }
        finish()
        result.leadHTML = String(decoding: leadBytes, as: UTF8.self)
        return result
    }

    /// Whether a code block's info string, trimmed, is `metrics`. Seen on the bytes: an info string of 7 bytes or
    /// fewer can only be `metrics` exactly (trimming shortens it); longer ones are trimmed as Strings, as before.
    static func isMetricsFence(_ node: CMarkNode) -> Bool {
        let known = node.withFenceInfoBytes { info -> Bool? in
            guard info.count <= 7 else { return nil }
            return info.elementsEqual("metrics".utf8)
        }
        if let known { return known }
        return node.fenceInfo?.trimmingWhitespace() == "metrics"
    }

    /// False when plain text `bytes` cannot begin with `——` or `--` once trimmed: the first byte that is not ASCII
    /// whitespace is another ASCII character, or the lead byte of a CJK ideograph (U+4000–U+9FFF); neither starts a
    /// whitespace character or a dash. Most articles' first paragraphs are then never made into Strings.
    static func mayStartWithDashes(_ bytes: [UInt8]) -> Bool {
        for b in bytes {
            switch b {
            case 0x09...0x0D, 0x20: continue
            case 0x2D: return true
            case 0x00..<0x80, 0xE4...0xE9: return false
            default: return true
            }
        }
        return false
    }
}

extension String {
    /// Trims spaces and newlines (including full-width spaces).
    func trimmingWhitespace() -> String {
        // Most strings start and end with a visible ASCII or Chinese character: nothing to trim. Visible ASCII
        // (0x21-0x7E, a `keepsEnd` range) is seen in the first and last bytes without decoding scalars.
        if let f = utf8.first, let l = utf8.last, f >= 0x21, f <= 0x7E, l >= 0x21, l <= 0x7E { return self }
        if let first = unicodeScalars.first, let last = unicodeScalars.last, String.keepsEnd(first), String.keepsEnd(last) { return self }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// True for a scalar that is not whitespace and always starts its own character (printable ASCII, ideographs,
    /// Chinese and full-width punctuation, dashes and quotes), so a string that begins and ends with one has nothing to trim.
    static func keepsEnd(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x21...0x7E, 0x4E00...0x9FFF, 0x3001...0x3029, 0x3030...0x303F, 0xFF01...0xFF5E, 0x2010...0x2027, 0x2030...0x205E: return true
        default: return false
        }
    }

    /// Replaces the first occurrence of `target`.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}
