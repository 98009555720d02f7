import JianbaoCore

/// Writes a draft as one issue file of the content format: YAML front matter, then the body.
enum MarkdownWriter {
    /// What the writer needs beyond the draft.
    struct Extras {
        /// Front-matter title (the 公文 title, or the first article's title + 等).
        var title: String?
        /// 编印单位 to write.
        var publisher: String?
        /// `slug` for series with numbering: none.
        var slug: String?
        /// `{department=…}` per heading index, when the heading alone does not resolve.
        var attributes: [Int: String] = [:]
        /// Suggested metrics comment per heading index.
        var metrics: [Int: String] = [:]
    }

    static func render(_ d: BulletinDraft, _ x: Extras) -> String {
        var fm = "---\n"
        if let s = d.series { fm += "series: \(YAMLText.scalar(s.key))\n" }
        if let slug = x.slug { fm += "slug: \(YAMLText.scalar(slug))\n" } else if let n = d.issue { fm += "issue: \(n)\n" }
        if let date = d.date { fm += "date: \(date.iso)\n" }
        if let t = x.title { fm += "title: \(YAMLText.scalar(t))\n" }
        if let p = x.publisher { fm += "publisher: \(YAMLText.scalar(p))\n" }
        if let s = d.signer { fm += "signer: \(YAMLText.scalar(s))\n" }
        if !d.editorNote.isEmpty {
            fm += "editor_note: |\n" + d.editorNote.map { "  " + $0 }.joined(separator: "\n\n") + "\n"
        }
        if !d.reportTo.isEmpty { fm += "report_to: \(YAMLText.list(d.reportTo))\n" }
        if !d.sendTo.isEmpty { fm += "send_to: \(YAMLText.list(d.sendTo))\n" }
        if d.phone != nil || d.email != nil {
            var parts: [String] = []
            if let p = d.phone { parts.append("phone: \(YAMLText.quoted(p))") }
            if let e = d.email { parts.append("email: \(YAMLText.scalar(e, flow: true))") }
            fm += "contact: {\(parts.joined(separator: ", "))}\n"
        }
        fm += "---\n"

        var blocks: [String] = []
        var heading = -1
        func flushMetrics() {
            if heading >= 0, let m = x.metrics[heading] { blocks.append(m) }
        }
        for b in d.blocks {
            switch b {
            case .column(let c):
                flushMetrics(); heading = -1
                blocks.append("# " + escapeInline(c))
            case .heading(let t, _):
                flushMetrics()
                heading += 1
                // Headings count from 0 across the whole issue.
                var line = "## " + escapeInline(t)
                if let a = x.attributes[heading] { line += " {department=\(a)}" }
                blocks.append(line)
            case .subtitle(let s): blocks.append(escapeInline(s))
            case .subheading(let s): blocks.append("### " + escapeInline(s))
            case .paragraph(let p, _): blocks.append(escapeParagraph(p))
            }
        }
        flushMetrics()
        return fm + "\n" + blocks.joined(separator: "\n\n") + "\n"
    }

    /// Escapes what would turn a paragraph into something else (a heading, quote, list, code or HTML).
    static func escapeParagraph(_ p: String) -> String {
        var s = escapeInline(p)
        if let f = s.first, "#>".contains(f) { s = "\\" + s }
        else if s.hasPrefix("- ") || s.hasPrefix("+ ") || s.hasPrefix("* ") { s = "\\" + s }
        else if s.hasPrefix("```") || s.hasPrefix("~~~") { s = "\\" + s }
        else if let m = s.prefixMatch(of: #/^([0-9]{1,9})([.)])(?=\s|$)/#) {
            s.replaceSubrange(m.range, with: "\(m.output.1)\\\(m.output.2)")
        } else if s.allSatisfy({ "-=_*".contains($0) || $0 == " " }) { s = "\\" + s }
        return s
    }

    /// Keeps `<tag` and `&name;` from being read as HTML.
    static func escapeInline(_ t: String) -> String {
        var s = t
        if s.contains("<") {
            s = s.replacing(#/<(?=[A-Za-z\/!?])/#) { _ in "\\<" }
        }
        if s.contains("&") {
            s = s.replacing(#/&(?=#?[A-Za-z0-9]+;)/#) { _ in "\\&" }
        }
        return s
    }
}
