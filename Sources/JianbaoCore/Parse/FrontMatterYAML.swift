import Yams

/// The usual shape of an issue's front matter, read on UTF-8 bytes without Yams: `key: value` lines at the left
/// margin, each value on its one line and either a plain scalar, a simply quoted one (`"…"` without escapes,
/// `'…'` without `''`), a flow sequence `[a, "b"]` or a flow mapping `{k: v}` of such scalars. Comment lines,
/// blank lines and ` # comments` after a value are allowed.
///
/// The result is the tree Yams would build (same texts, styles, lines and columns), so `FrontMatterFields` checks
/// it with the same code and the same diagnostics. Anything else (block scalars and lists, indented or continued
/// lines, empty values, anchors, tags, escapes, duplicate keys, tabs, control and line-separator characters, or
/// anything Yams might read another way or reject) returns nil, and the caller parses with Yams.
enum FrontMatterYAML {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The root mapping of `text`, or nil when `text` is outside the subset (or has no key at all).
    static func parse(_ text: String) -> FrontMatterNode? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// `parse(_:)` on the UTF-8 bytes of the text.
    static func parse(bytes u: Bytes) -> FrontMatterNode? {
        guard onlyPlainCharacters(u) else { return nil }
        var pairs: [(key: FrontMatterNode, value: FrontMatterNode)] = []
        var firstLine = 0
        var line = 0
        var start = 0
        while start < u.count {
            line += 1
            var end = start
            while end < u.count && u[end] != 10 { end += 1 }
            defer { start = end + 1 }
            let t = skipSpaces(u, start, end)
            if t == end || u[t] == 35 { continue }   // blank line or comment line
            guard t == start else { return nil }      // indented: a continuation, nested block or block list
            guard let (key, afterKey) = newKey(u, start, end, notIn: pairs) else { return nil }
            let v = skipSpaces(u, afterKey, end)
            guard v < end, u[v] != 35 else { return nil }   // an empty value
            guard let (value, after) = blockValue(u, v, end, lineStart: start, line: line),
                  endsLine(u, after, end) else { return nil }
            if pairs.isEmpty { firstLine = line }
            pairs.append((.scalar(key, .plain, line: line, column: 1), value))
        }
        guard !pairs.isEmpty else { return nil }
        return .mapping(pairs, line: firstLine, column: 1)
    }

    /// False when `u` holds a byte or character the subset leaves to Yams: C0 controls other than the line feed
    /// (tabs, carriage returns), DEL, C1 controls (with NEL, a YAML line break), the line and paragraph separators
    /// U+2028/U+2029 (YAML 1.1 line breaks), the byte order mark U+FEFF, and the non-characters U+FFFE/U+FFFF.
    static func onlyPlainCharacters(_ u: Bytes) -> Bool {
        var i = 0
        let n = u.count
        while i < n {
            let b = u[i]
            if b < 0x80 {
                if (b < 0x20 && b != 10) || b == 0x7F { return false }
            } else if b == 0xC2 {
                if i + 1 < n && u[i + 1] <= 0x9F { return false }
            } else if b == 0xE2 {
                if i + 2 < n && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9) { return false }
            } else if b == 0xEF {
                if i + 2 < n && ((u[i + 1] == 0xBB && u[i + 2] == 0xBF) || (u[i + 1] == 0xBF && u[i + 2] >= 0xBE)) { return false }
            }
            i += 1
        }
        return true
    }

    /// ASCII letters, digits and `_`.
    static func isKeyByte(_ b: UInt8) -> Bool {
        (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == 95
    }

    /// A plain ASCII key at `i` (at most 64 letters, digits and `_`) followed by `: `, not yet among `pairs`: the key
    /// and the index after the `: `; nil otherwise.
    static func newKey(_ u: Bytes, _ i: Int, _ end: Int, notIn pairs: [(key: FrontMatterNode, value: FrontMatterNode)]) -> (String, Int)? {
        var k = i
        while k < end && isKeyByte(u[k]) { k += 1 }
        guard k > i, k - i <= 64, k + 1 < end, u[k] == 58, u[k + 1] == 32 else { return nil }
        let key = String(decoding: UnsafeBufferPointer(rebasing: u[i..<k]), as: UTF8.self)
        guard !pairs.contains(where: { $0.key.scalarValue?.text == key }) else { return nil }
        return (key, k + 2)
    }

    /// The index of the first byte at or after `i` that is not a space (`end` if none).
    static func skipSpaces(_ u: Bytes, _ i: Int, _ end: Int) -> Int {
        var j = i
        while j < end && u[j] == 32 { j += 1 }
        return j
    }

    /// After an item of a flow collection that `closer` (`]` or `}`) ends, at `i`: the start of the next item (after
    /// `,` and spaces), or the index of the closer with `closed`; nil when neither follows.
    static func nextFlowItem(_ u: Bytes, _ i: Int, _ end: Int, closer: UInt8) -> (next: Int, closed: Bool)? {
        let j = skipSpaces(u, i, end)
        guard j < end else { return nil }
        if u[j] == closer { return (j, true) }
        guard u[j] == 44 else { return nil }
        return (skipSpaces(u, j + 1, end), false)
    }

    /// 1-based column of byte `i` on the line starting at `lineStart`, counted in Unicode scalars as libyaml does.
    static func column(_ u: Bytes, _ i: Int, lineStart: Int) -> Int {
        var c = 1
        for j in lineStart..<i where u[j] & 0xC0 != 0x80 { c += 1 }
        return c
    }

    /// True when only spaces follow `i` before `end`, or spaces and then a comment.
    static func endsLine(_ u: Bytes, _ i: Int, _ end: Int) -> Bool {
        let j = skipSpaces(u, i, end)
        return j == end || (j > i && u[j] == 35)
    }

    /// The value of a top-level key, starting at `v` (not a space) on the line `[lineStart, end)`, and the index
    /// after it; nil when it is outside the subset.
    static func blockValue(_ u: Bytes, _ v: Int, _ end: Int, lineStart: Int, line: Int) -> (FrontMatterNode, Int)? {
        switch u[v] {
        case 34, 39:   // " '
            return quoted(u, v, end, lineStart: lineStart, line: line)
        case 91:       // [
            var items: [FrontMatterNode] = []
            var i = skipSpaces(u, v + 1, end)
            if i < end && u[i] == 93 { return (.sequence([], line: line, column: column(u, v, lineStart: lineStart)), i + 1) }
            while true {
                guard let (item, after) = flowScalar(u, i, end, lineStart: lineStart, line: line),
                      let (next, closed) = nextFlowItem(u, after, end, closer: 93) else { return nil }
                items.append(item)
                i = next
                if closed { break }
            }
            return (.sequence(items, line: line, column: column(u, v, lineStart: lineStart)), i + 1)
        case 123:      // {
            var pairs: [(key: FrontMatterNode, value: FrontMatterNode)] = []
            var i = skipSpaces(u, v + 1, end)
            if i < end && u[i] == 125 { return (.mapping([], line: line, column: column(u, v, lineStart: lineStart)), i + 1) }
            while true {
                guard let (key, afterKey) = newKey(u, i, end, notIn: pairs),
                      let (value, after) = flowScalar(u, skipSpaces(u, afterKey, end), end, lineStart: lineStart, line: line),
                      let (next, closed) = nextFlowItem(u, after, end, closer: 125) else { return nil }
                pairs.append((.scalar(key, .plain, line: line, column: column(u, i, lineStart: lineStart)), value))
                i = next
                if closed { break }
            }
            return (.mapping(pairs, line: line, column: column(u, v, lineStart: lineStart)), i + 1)
        default:
            guard startsPlain(u[v]) else { return nil }
            // A plain scalar runs to a comment (` #`) or the end of the line; `: ` or a final `:` would make it a key.
            var e = v
            while e < end {
                let b = u[e]
                if b == 35 && u[e - 1] == 32 { break }
                if b == 58 && (e + 1 == end || u[e + 1] == 32) { return nil }
                e += 1
            }
            while u[e - 1] == 32 { e -= 1 }
            let text = String(decoding: UnsafeBufferPointer(rebasing: u[v..<e]), as: UTF8.self)
            return (.scalar(text, .plain, line: line, column: column(u, v, lineStart: lineStart)), e)
        }
    }

    /// A scalar inside `[…]` or `{…}` starting at `i`, and the index after it: quoted, or plain up to `,`, `]` or
    /// `}` without `:`, other brackets or a comment.
    static func flowScalar(_ u: Bytes, _ i: Int, _ end: Int, lineStart: Int, line: Int) -> (FrontMatterNode, Int)? {
        guard i < end else { return nil }
        if u[i] == 34 || u[i] == 39 { return quoted(u, i, end, lineStart: lineStart, line: line) }
        guard startsPlain(u[i]) else { return nil }
        var e = i
        scan: while e < end {
            switch u[e] {
            case 44, 93, 125: break scan                  // , ] }
            case 58, 91, 123: return nil                  // : [ {
            case 35 where u[e - 1] == 32: return nil      // a comment would end the line inside the brackets
            default: e += 1
            }
        }
        while u[e - 1] == 32 { e -= 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: u[i..<e]), as: UTF8.self)
        return (.scalar(text, .plain, line: line, column: column(u, i, lineStart: lineStart)), e)
    }

    /// `"…"` without backslashes or `'…'` without `''`, closed on the same line, and the index after it.
    static func quoted(_ u: Bytes, _ i: Int, _ end: Int, lineStart: Int, line: Int) -> (FrontMatterNode, Int)? {
        let quote = u[i]
        var j = i + 1
        while j < end && u[j] != quote {
            if u[j] == 92 && quote == 34 { return nil }   // an escape
            j += 1
        }
        guard j < end else { return nil }
        if quote == 39 && j + 1 < end && u[j + 1] == 39 { return nil }   // '' inside single quotes
        let text = String(decoding: UnsafeBufferPointer(rebasing: u[(i + 1)..<j]), as: UTF8.self)
        let style: Node.Scalar.Style = quote == 34 ? .doubleQuoted : .singleQuoted
        return (.scalar(text, style, line: line, column: column(u, i, lineStart: lineStart)), j + 1)
    }

    /// True when `b` may begin a plain scalar: not a space and not one of YAML's indicators
    /// `- ? : , [ ] { } # & * ! | > ' " % @` and the backquote.
    static func startsPlain(_ b: UInt8) -> Bool {
        switch b {
        case 32, 45, 63, 58, 44, 91, 93, 123, 125, 35, 38, 42, 33, 124, 62, 39, 34, 37, 64, 96: return false
        default: return true
        }
    }
}
