/// CJK-friendly emphasis: `**二是集体帮教安心服务。**创新帮教模式` becomes bold up to and including the 。.
///
/// CommonMark's flanking rules refuse a closing `**` that follows punctuation and precedes a Han
/// character, so cmark-gfm leaves such runs as literal text. This pass re-runs CommonMark's
/// "process emphasis" algorithm on each inline container (paragraph, heading, table cell, link text)
/// with the left/right-flanking definitions of the CJK-friendly amendment
/// (https://github.com/tats-u/markdown-cjk-friendly/blob/main/specification.md):
///
/// 1. The container's inlines are flattened back into a sequence of text, delimiter runs and atoms
///    (code spans, links, breaks, raw HTML). Emphasis, strong and strikethrough nodes that cmark made
///    are unwrapped into their delimiter runs, so that a run cmark refused can pair differently than
///    cmark paired the others (`**一是。**甲**乙**` must bold `一是。`, not `甲`).
/// 2. When no run can open or close differently under the CJK rules, the container is left exactly
///    as cmark parsed it; plain CommonMark input is therefore never changed.
/// 3. Otherwise the runs are matched again (delimiter stack, rule of three, `~~` only with `~~`) and
///    the container's children are rebuilt; code spans, links and breaks are moved, not copied.
///
/// Delimiter characters that came from a backslash escape or an entity (`\*`, `&#42;`) are told
/// apart from real runs with the source text (cmark merges adjacent text nodes). Code spans and code
/// blocks (including ```metrics blocks) are never looked into, nor are autolinks.
enum CJKEmphasis {
    /// Applies CJK-friendly emphasis to every inline container of `doc`. `rebuildAlways` (for tests)
    /// re-matches every container even when the CJK rules change nothing.
    static func apply(_ doc: CMarkDocument, rebuildAlways: Bool = false) {
        CJKEmphasisPass(doc: doc, rebuildAlways: rebuildAlways).walkBlocks(doc.root)
    }
}

/// One run of the pass over a document.
final class CJKEmphasisPass {
    let doc: CMarkDocument
    let source: CJKSourceMap
    let rebuildAlways: Bool
    /// Line endings (soft and hard breaks) met so far in the current block, in document order.
    private var breaksSeen = 0

    init(doc: CMarkDocument, rebuildAlways: Bool = false) {
        self.doc = doc
        self.rebuildAlways = rebuildAlways
        source = CJKSourceMap(doc.source)
    }

    /// An element of a flattened inline sequence.
    final class Piece {
        enum Kind {
            case text(String)
            case delimiter
            case atom(CMarkNode)
            case group(CMarkNodeKind, [Piece])
        }
        var kind: Kind
        /// Delimiter character (`*`, `_`, `~`).
        var char: Unicode.Scalar = "*"
        /// Characters left in the run.
        var count = 0
        /// Length of the whole run in the source (for the rule of three).
        var length = 0
        var canOpen = false
        var canClose = false
        /// A delimiter still on cmark's delimiter stack (it can open or close and was not dropped).
        var inStack = true
        /// Text that is a delimiter character written as `\*` or an entity: to the flanking rules it
        /// looks like the `\`, `&` or `;` around it (punctuation).
        var escaped = false
        /// A hard line break written as `\` + newline (not as trailing spaces).
        var backslashBreak = false

        init(_ kind: Kind) { self.kind = kind }

        static func delimiter(_ c: Unicode.Scalar, _ n: Int) -> Piece {
            let p = Piece(.delimiter)
            p.char = c
            p.count = n
            p.length = n
            return p
        }

        var isDelimiter: Bool {
            if case .delimiter = kind { return true }
            return false
        }
    }

    /// Context of one block-level container (paragraph, heading, table cell).
    struct Scope {
        /// Delimiter characters that some line of the container writes as an escape or entity; the
        /// others are real wherever they appear in its text.
        var escapedChars: Set<UInt8>
        /// Where the container's content starts (cmark reports inline columns relative to it).
        var firstLine: Int
        var firstColumn: Int
        /// From this line on, cmark's inline positions are off (after a backslash hard break).
        var reliableBefore: Int
    }

    /// The scope of a block-level container.
    func scope(of block: CMarkNode) -> Scope {
        let first = block.startLine, last = max(block.startLine, block.endLine)
        var reliableBefore = Int.max
        if first >= 1 {
            for n in first..<last where source.endsWithBackslash(line: n) {
                reliableBefore = n
                break
            }
        }
        return Scope(escapedChars: source.escapedDelimiters(lines: first, last), firstLine: first,
                     firstColumn: block.startColumn, reliableBefore: reliableBefore)
    }

    /// The real 1-based source column of an inline position cmark reported, or nil when unknown.
    ///
    /// cmark-gfm reports columns on a paragraph's continuation lines as the offset within the line's
    /// content (after container prefixes and indentation) plus the paragraph's first column, which is
    /// wrong when the first line was indented differently; this maps them back.
    func sourceColumn(line: Int, column: Int, in scope: Scope) -> Int? {
        guard line >= 1, column >= 1, line < scope.reliableBefore else { return nil }
        if line == scope.firstLine { return column }
        guard let start = source.contentStart(line: line) else { return nil }
        return start + (column - scope.firstColumn) + 1
    }

    /// The source byte at an inline node's reported start (or end) position.
    func sourceByte(_ node: CMarkNode, end: Bool = false, in scope: Scope) -> UInt8? {
        let line = end ? node.endLine : node.startLine
        guard let column = sourceColumn(line: line, column: end ? node.endColumn : node.startColumn, in: scope) else { return nil }
        return source.byte(line: line, column: column)
    }

    // MARK: Walking

    /// Visits block nodes and processes each paragraph, heading and table cell.
    func walkBlocks(_ node: CMarkNode) {
        for child in node.children {
            switch child.kind {
            case .paragraph, .heading, .tableCell:
                breaksSeen = 0
                process(child, open: .whitespace, close: .whitespace, scope: scope(of: child))
            case .codeBlock, .htmlBlock, .thematicBreak, .text, .softBreak, .lineBreak, .code, .htmlInline,
                 .emph, .strong, .link, .image, .strikethrough:
                continue
            case .document, .blockQuote, .list, .item, .table, .tableRow, .other:
                walkBlocks(child)
            }
        }
    }

    /// Re-runs emphasis matching in one inline container whose content sits between `open` and `close`.
    func process(_ container: CMarkNode, open: CJKFlanking.Side, close: CJKFlanking.Side, scope: Scope) {
        var pieces: [Piece] = []
        var atoms: [CMarkNode] = []
        guard flatten(container, into: &pieces, atoms: &atoms, scope: scope) else { return }
        pieces = merged(pieces)

        var changed = false
        for (i, p) in pieces.enumerated() where p.isDelimiter {
            let before = neighbour(of: i, in: pieces, lookingBack: true, boundary: open, scope: scope)
            let after = neighbour(of: i, in: pieces, lookingBack: false, boundary: close, scope: scope)
            let standard = CJKFlanking.flags(p.char, before: before, after: after, cjk: false)
            let friendly = CJKFlanking.flags(p.char, before: before, after: after, cjk: true)
            p.canOpen = friendly.canOpen
            p.canClose = friendly.canClose
            if standard != friendly { changed = true }
        }
        // Same flags as CommonMark: cmark's tree is already the answer.
        guard changed || rebuildAlways else { return }

        Self.matchDelimiters(&pieces)

        for atom in atoms { atom.unlink() }
        for child in container.children { child.remove() }
        emit(pieces, into: container)
    }

    // MARK: Flattening

    /// Appends the inlines of `node` to `pieces`, unwrapping emphasis. False when the tree cannot be
    /// mapped back to its delimiters (then the container is left alone).
    func flatten(_ node: CMarkNode, into pieces: inout [Piece], atoms: inout [CMarkNode], scope: Scope) -> Bool {
        for child in node.children {
            switch child.kind {
            case .text:
                split(child, into: &pieces, scope: scope)
            case .emph, .strong:
                // The character comes from the source; the opening and closing runs must agree.
                guard let b = sourceByte(child, in: scope), b == 0x2A || b == 0x5F,
                      sourceByte(child, end: true, in: scope) == b else { return false }
                let n = child.kind == .emph ? 1 : 2
                pieces.append(.delimiter(Unicode.Scalar(b), n))
                guard flatten(child, into: &pieces, atoms: &atoms, scope: scope) else { return false }
                pieces.append(.delimiter(Unicode.Scalar(b), n))
            case .strikethrough:
                pieces.append(.delimiter("~", 2))
                guard flatten(child, into: &pieces, atoms: &atoms, scope: scope) else { return false }
                pieces.append(.delimiter("~", 2))
            case .link, .image:
                if !isAutolink(child) { process(child, open: .punctuation, close: .punctuation, scope: scope) }
                atoms.append(child)
                pieces.append(Piece(.atom(child)))
            default:
                let piece = Piece(.atom(child))
                if child.kind == .softBreak || child.kind == .lineBreak {
                    // The n-th line ending of the block ends its n-th line.
                    breaksSeen += 1
                    piece.backslashBreak = child.kind == .lineBreak && source.endsWithBackslash(line: scope.firstLine + breaksSeen - 1)
                }
                atoms.append(child)
                pieces.append(piece)
            }
        }
        return true
    }

    /// Splits a text node into plain text and the delimiter runs written in the source.
    func split(_ node: CMarkNode, into pieces: inout [Piece], scope: Scope) {
        let literal = node.literal ?? ""
        let count = literal.utf8.lazy.filter(CJKSourceMap.isDelimiter).count
        guard count > 0 else {
            if !literal.isEmpty { pieces.append(Piece(.text(literal))) }
            return
        }
        let flags: [Bool]
        if scope.escapedChars.isEmpty {
            flags = Array(repeating: true, count: count)
        } else {
            var found: [Bool]?
            if let start = sourceColumn(line: node.startLine, column: node.startColumn, in: scope) {
                // cmark sometimes reports end column 0; then the span is found from its start alone.
                var end: Int?
                if node.endLine == node.startLine, node.endColumn >= node.startColumn {
                    end = sourceColumn(line: node.endLine, column: node.endColumn, in: scope)
                }
                found = source.delimiterFlags(literal: literal, line: node.startLine, start: start, end: end)
            }
            // cmark's span was unusable: trust only characters the container never escapes.
            flags = found ?? literal.utf8.filter(CJKSourceMap.isDelimiter).map { !scope.escapedChars.contains($0) }
        }
        var text = String.UnicodeScalarView()
        var k = 0
        for s in literal.unicodeScalars {
            if s.isASCII, CJKSourceMap.isDelimiter(UInt8(s.value)) {
                let real = flags[k]
                k += 1
                if !text.isEmpty { pieces.append(Piece(.text(String(text)))); text = String.UnicodeScalarView() }
                if real {
                    pieces.append(.delimiter(s, 1))
                } else {
                    let p = Piece(.text(String(s)))
                    p.escaped = true
                    pieces.append(p)
                }
                continue
            }
            text.append(s)
        }
        if !text.isEmpty { pieces.append(Piece(.text(String(text)))) }
    }

    /// Joins neighbouring runs of one character (a run in the source is maximal) and neighbouring
    /// texts; a `~` run other than `~~` is text, as in GFM with the double-tilde option.
    func merged(_ pieces: [Piece]) -> [Piece] {
        var out: [Piece] = []
        for p in pieces {
            if let last = out.last {
                if p.isDelimiter, last.isDelimiter, last.char == p.char {
                    last.count += p.count
                    last.length = last.count
                    continue
                }
                if !last.escaped, !p.escaped, case .text(let a) = last.kind, case .text(let b) = p.kind {
                    last.kind = .text(a + b)
                    continue
                }
            }
            out.append(p)
        }
        for p in out where p.isDelimiter && p.char == "~" && p.count != 2 {
            p.kind = .text(String(repeating: "~", count: p.count))
        }
        // Texts may now touch each other again.
        var result: [Piece] = []
        for p in out {
            if let last = result.last, !last.escaped, !p.escaped, case .text(let a) = last.kind, case .text(let b) = p.kind {
                last.kind = .text(a + b)
            } else {
                result.append(p)
            }
        }
        return result
    }

    /// An autolink (`<https://…>`, `www.…`, bare URL): its text is the URL and is never touched.
    func isAutolink(_ link: CMarkNode) -> Bool {
        guard link.kind == .link, let only = link.firstChild, only.next == nil, only.kind == .text,
              let text = only.literal, let url = link.url else { return false }
        return url == text || url.hasSuffix(":" + text) || url == "http://" + text
    }

    // MARK: Flanking

    /// The side of the run at `i`. Like cmark-gfm, a `*`/`_` run looks through `~` characters
    /// (strikethrough delimiters are "skip characters" there), so `*~~a~~*` is emphasis.
    func neighbour(of i: Int, in pieces: [Piece], lookingBack: Bool, boundary: CJKFlanking.Side, scope: Scope) -> CJKFlanking.Side {
        let skipTildes = pieces[i].char != "~"
        var j = lookingBack ? i - 1 : i + 1
        while j >= 0, j < pieces.count {
            let p = pieces[j]
            guard skipTildes, !p.escaped else { return side(of: p, lookingBack: lookingBack, scope: scope) }
            if p.isDelimiter, p.char == "~" {
                j += lookingBack ? -1 : 1
                continue
            }
            if case .text(let s) = p.kind {
                var scalars = Substring(s).unicodeScalars
                if lookingBack {
                    while scalars.last == "~" { scalars.removeLast() }
                    if !scalars.isEmpty { return CJKFlanking.sideBefore(scalars) }
                } else {
                    while scalars.first == "~" { scalars.removeFirst() }
                    if !scalars.isEmpty { return CJKFlanking.sideAfter(scalars) }
                }
                j += lookingBack ? -1 : 1
                continue
            }
            return side(of: p, lookingBack: lookingBack, scope: scope)
        }
        return boundary
    }

    /// How a neighbouring piece counts for the flanking rules of a run next to it.
    func side(of piece: Piece, lookingBack: Bool, scope: Scope) -> CJKFlanking.Side {
        switch piece.kind {
        case .text(let s):
            if piece.escaped { return .punctuation }
            return lookingBack ? CJKFlanking.sideBefore(s.unicodeScalars) : CJKFlanking.sideAfter(s.unicodeScalars)
        case .delimiter:
            return .punctuation
        case .atom(let node):
            switch node.kind {
            case .softBreak:
                return .whitespace
            case .lineBreak:
                // A run just before `\` + newline sees the backslash; after any break, a line start.
                return !lookingBack && piece.backslashBreak ? .punctuation : .whitespace
            case .link where isAutolink(node):
                if sourceByte(node, in: scope) == 0x3C { return .punctuation }  // <…>
                let text = node.firstChild?.literal ?? ""
                return lookingBack ? CJKFlanking.sideBefore(text.unicodeScalars) : CJKFlanking.sideAfter(text.unicodeScalars)
            default:
                // Code spans (`), links ([ … )), images (! … )), raw HTML (< … >).
                return .punctuation
            }
        case .group:
            return .punctuation
        }
    }

    // MARK: Matching

    /// CommonMark's "process emphasis" over `pieces` (delimiters carry their open/close flags):
    /// matched pairs become `.group` pieces holding what was between them.
    ///
    /// Follows cmark-gfm 0.29 exactly, including its `openers_bottom` shortcut (keyed by character
    /// and run length mod 3, pointing at the delimiter below the failed closer), so that runs the
    /// CJK rules do not affect pair up as cmark pairs them.
    static func matchDelimiters(_ pieces: inout [Piece]) {
        for p in pieces where p.isDelimiter { p.inStack = p.canOpen || p.canClose }
        var openersBottom: [String: Piece] = [:]
        func key(_ d: Piece) -> String { "\(d.char)\(d.length % 3)" }
        var i = 0
        while i < pieces.count {
            let closer = pieces[i]
            guard closer.isDelimiter, closer.inStack, closer.canClose else { i += 1; continue }
            let bottom = openersBottom[key(closer)]
            var found: Int?
            var below: Piece?  // the stack delimiter just below the closer
            var j = i - 1
            while j >= 0 {
                let o = pieces[j]
                j -= 1
                guard o.isDelimiter, o.inStack else { continue }
                if below == nil { below = o }
                if o === bottom { break }
                if o.canOpen, o.char == closer.char,
                   !(closer.canOpen || o.canClose) || closer.length % 3 == 0 || (o.length + closer.length) % 3 != 0 {
                    found = j + 1
                    break
                }
            }
            guard let o = found else {
                openersBottom[key(closer)] = below
                // A closer that cannot open is dropped from the stack: it stays literal.
                if !closer.canOpen { closer.inStack = false }
                i += 1
                continue
            }
            let opener = pieces[o]
            let use: Int
            let kind: CMarkNodeKind
            if closer.char == "~" {
                use = 2
                kind = .strikethrough
            } else {
                use = opener.count >= 2 && closer.count >= 2 ? 2 : 1
                kind = use == 2 ? .strong : .emph
            }
            let inner = Array(pieces[(o + 1)..<i])
            for p in inner where p.isDelimiter { p.inStack = false }
            pieces.replaceSubrange((o + 1)..<i, with: [Piece(.group(kind, inner))])
            i = o + 2
            opener.count -= use
            closer.count -= use
            if opener.count == 0 {
                opener.inStack = false
                pieces.remove(at: o)
                i -= 1
            }
            if closer.count == 0 {
                closer.inStack = false
                pieces.remove(at: i)
            }
        }
    }

    // MARK: Rebuilding

    /// Appends nodes for `pieces` to `parent`; unmatched runs become text again.
    func emit(_ pieces: [Piece], into parent: CMarkNode) {
        var text = ""
        func flush() {
            if !text.isEmpty { parent.appendChild(doc.makeNode(.text, literal: text)) }
            text = ""
        }
        for p in pieces {
            switch p.kind {
            case .text(let s):
                text += s
            case .delimiter:
                text += String(repeating: String(p.char), count: p.count)
            case .atom(let node):
                flush()
                parent.appendChild(node)
            case .group(let kind, let children):
                flush()
                let g = doc.makeNode(kind)
                parent.appendChild(g)
                emit(children, into: g)
            }
        }
        flush()
    }
}
