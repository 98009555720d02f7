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
        // Without a `*`, `_` or `~` anywhere there is no emphasis to re-match (and no source map to build).
        guard rebuildAlways || CJKSourceMap.containsDelimiter(doc.source) else { return }
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
        source = CJKSourceMap(utf8: doc.source)
    }

    /// An element of a flattened inline sequence.
    final class Piece {
        enum Kind {
            case text(String)
            case delimiter
            case atom(CMarkNode)
            /// Matched emphasis; its children are a sub-list of the matcher's pieces starting at this
            /// index (-1 when empty), linked by `next`.
            case group(CMarkNodeKind, Int)
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
        /// Neighbours in the matcher's list of pieces (indices into its array, -1 for none).
        var prev = -1, next = -1
        /// Neighbours on the matcher's delimiter stack (indices, -1 for none).
        var prevDelim = -1, nextDelim = -1

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
                guard rebuildAlways || source.mayHaveDelimiters(lines: child.startLine, max(child.startLine, child.endLine)) else { continue }
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

        let head = Self.matchDelimiters(&pieces)

        for atom in atoms { atom.unlink() }
        for child in container.children { child.remove() }
        emit(pieces, from: head, into: container)
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
        var literal = node.literal ?? ""
        // Byte offsets of the delimiters.
        var offsets: [Int] = []
        literal.withUTF8 { CJKSourceMap.appendDelimiterOffsets($0, to: &offsets) }
        let count = offsets.count
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
        // Texts between delimiters are sliced out by scalar index, not rebuilt scalar by scalar. A delimiter is one
        // ASCII byte (never part of a longer UTF-8 sequence), so the offsets around delimiters are scalar boundaries.
        let scalars = literal.unicodeScalars
        let utf8 = literal.utf8
        func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        var runStart = 0
        for (k, offset) in offsets.enumerated() {
            let s = Unicode.Scalar(utf8[index(offset)])
            if runStart != offset { pieces.append(Piece(.text(String(Substring(scalars[index(runStart)..<index(offset)]))))) }
            if flags[k] {
                pieces.append(.delimiter(s, 1))
            } else {
                let p = Piece(.text(String(s)))
                p.escaped = true
                pieces.append(p)
            }
            runStart = offset + 1
        }
        if runStart != utf8.count { pieces.append(Piece(.text(String(Substring(scalars[index(runStart)...]))))) }
    }

    /// Joins neighbouring runs of one character (a run in the source is maximal) and neighbouring
    /// texts; a `~` run other than `~~` is text, as in GFM with the double-tilde option.
    func merged(_ pieces: [Piece]) -> [Piece] {
        var runs: [Piece] = []
        runs.reserveCapacity(pieces.count)
        for p in pieces {
            if p.isDelimiter, let last = runs.last, last.isDelimiter, last.char == p.char {
                last.count += p.count
                last.length = last.count
                continue
            }
            runs.append(p)
        }
        for p in runs where p.isDelimiter && p.char == "~" && p.count != 2 {
            p.kind = .text(String(repeating: "~", count: p.count))
        }
        // Join texts that touch (escaped characters stay apart). The joined text is built in a
        // buffer of its own, so a long chain of texts costs its length, not its length squared.
        var result: [Piece] = []
        result.reserveCapacity(runs.count)
        var joined: String?  // the text of `result.last` while more texts are being appended to it
        func finish() {
            if let text = joined, let last = result.last { last.kind = .text(text) }
            joined = nil
        }
        for p in runs {
            if !p.escaped, case .text(let b) = p.kind, let last = result.last, !last.escaped, case .text(let a) = last.kind {
                if joined == nil { joined = a }
                joined!.append(b)
                continue
            }
            finish()
            result.append(p)
        }
        finish()
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
    /// matched pairs become `.group` pieces holding what was between them. Returns the index of the
    /// first piece of the resulting list (-1 when empty); the pieces are linked by `next`, and groups
    /// are appended to `pieces`.
    ///
    /// Follows cmark-gfm 0.29 exactly, including its `openers_bottom` shortcut (keyed by character
    /// and run length mod 3, pointing at the delimiter below the failed closer, and no longer
    /// stopping the search once that delimiter has left the stack), so that runs the CJK rules do
    /// not affect pair up as cmark pairs them.
    ///
    /// As in cmark, the pieces form a doubly linked list and the delimiters that can still open or
    /// close a separate one (the delimiter stack), so matching a pair, grouping what lies between and
    /// looking for an opener never walk over text: long paragraphs take time in proportion to their size.
    @discardableResult
    static func matchDelimiters(_ pieces: inout [Piece]) -> Int {
        guard !pieces.isEmpty else { return -1 }
        var head = 0
        var lastDelim = -1
        var firstDelim = -1
        for (i, p) in pieces.enumerated() {
            p.prev = i - 1
            p.next = i + 1 < pieces.count ? i + 1 : -1
            p.prevDelim = -1
            p.nextDelim = -1
            guard p.isDelimiter else { continue }
            p.inStack = p.canOpen || p.canClose
            guard p.inStack else { continue }
            p.prevDelim = lastDelim
            if lastDelim >= 0 { pieces[lastDelim].nextDelim = i } else { firstDelim = i }
            lastDelim = i
        }

        /// Takes a delimiter off the stack.
        func unstack(_ i: Int) {
            let d = pieces[i]
            d.inStack = false
            if d.prevDelim >= 0 { pieces[d.prevDelim].nextDelim = d.nextDelim }
            if d.nextDelim >= 0 { pieces[d.nextDelim].prevDelim = d.prevDelim }
            d.prevDelim = -1
            d.nextDelim = -1
        }
        /// Takes a piece out of the list.
        func unlink(_ i: Int) {
            let p = pieces[i]
            if p.prev >= 0 { pieces[p.prev].next = p.next } else { head = p.next }
            if p.next >= 0 { pieces[p.next].prev = p.prev }
            p.prev = -1
            p.next = -1
        }

        // openers_bottom[char][length % 3]: index of a delimiter, -1 for the bottom of the stack.
        var openersBottom = [Int](repeating: -1, count: 12)
        func key(_ d: Piece) -> Int {
            let c: Int
            switch d.char {
            case "*": c = 0
            case "_": c = 1
            case "~": c = 2
            default: c = 3
            }
            return c * 3 + d.length % 3
        }

        var c = firstDelim
        while c >= 0 {
            let closer = pieces[c]
            guard closer.canClose else { c = closer.nextDelim; continue }
            let k = key(closer)
            let bottom = openersBottom[k]
            let below = closer.prevDelim  // the stack delimiter just below the closer
            var found = -1
            var j = below
            while j >= 0, j != bottom {
                let o = pieces[j]
                if o.canOpen, o.char == closer.char,
                   !(closer.canOpen || o.canClose) || closer.length % 3 == 0 || (o.length + closer.length) % 3 != 0 {
                    found = j
                    break
                }
                j = o.prevDelim
            }
            guard found >= 0 else {
                openersBottom[k] = below
                let next = closer.nextDelim
                // A closer that cannot open is dropped from the stack: it stays literal.
                if !closer.canOpen { unstack(c) }
                c = next
                continue
            }
            let o = found
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
            // The delimiters between the two leave the stack.
            var d = opener.nextDelim
            while d >= 0, d != c {
                let inner = pieces[d]
                d = inner.nextDelim
                inner.inStack = false
                inner.prevDelim = -1
                inner.nextDelim = -1
            }
            opener.nextDelim = c
            closer.prevDelim = o
            // What lies between them becomes the group's own list.
            let first = opener.next == c ? -1 : opener.next
            if first >= 0 {
                pieces[first].prev = -1
                pieces[closer.prev].next = -1
            }
            let g = pieces.count
            let group = Piece(.group(kind, first))
            group.prev = o
            group.next = c
            pieces.append(group)
            opener.next = g
            closer.prev = g
            opener.count -= use
            closer.count -= use
            if opener.count == 0 {
                unstack(o)
                unlink(o)
            }
            if closer.count == 0 {
                let next = closer.nextDelim
                unstack(c)
                unlink(c)
                c = next
            }
        }
        return head
    }

    // MARK: Rebuilding

    /// Appends nodes for the list of `pieces` starting at index `first` (linked by `next`) to
    /// `parent`; unmatched runs become text again.
    func emit(_ pieces: [Piece], from first: Int, into parent: CMarkNode) {
        var text = ""
        func flush() {
            if !text.isEmpty { parent.appendChild(doc.makeNode(.text, literal: text)) }
            text = ""
        }
        var i = first
        while i >= 0 {
            let p = pieces[i]
            i = p.next
            switch p.kind {
            case .text(let s):
                text += s
            case .delimiter:
                text.append(contentsOf: repeatElement(Character(p.char), count: p.count))
            case .atom(let node):
                flush()
                parent.appendChild(node)
            case .group(let kind, let children):
                flush()
                let g = doc.makeNode(kind)
                parent.appendChild(g)
                emit(pieces, from: children, into: g)
            }
        }
        flush()
    }
}
