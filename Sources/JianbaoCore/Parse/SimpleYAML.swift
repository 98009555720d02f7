/// A strict subset of YAML, read without building a full YAML tree: enough for the usual shape of
/// metric blocks (`key: value` lines, and an `items:` list of `{k: v, …}` flow mappings or
/// `- k: v` block mappings). Anything outside the subset (anchors, tags, multi-line or escaped
/// strings, nesting, duplicate keys, tabs) returns nil and the caller parses with Yams, which
/// also produces the diagnostics. So this is only ever a faster road to the same result.
/// It works on UTF-8 bytes, in slices of the text's own buffer: Character-based Substring operations, and then
/// the reference counting of array slices, were most of its cost.
enum SimpleYAML {
    /// A value of the subset.
    enum Value {
        case scalar(String)
        case list([[(String, String)]])
    }

    typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    /// Top-level pairs in order, or nil when the text is outside the subset.
    static func parse(_ text: String) -> [(String, Value)]? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// `parse(_:)` on the text's UTF-8 bytes.
    static func parse(bytes all: UnsafeBufferPointer<UInt8>) -> [(String, Value)]? {
        // Tabs, CR and characters YAML does not allow or reads as line breaks (C0/C1 controls, DEL, U+2028/U+2029,
        // U+FFFE/U+FFFF, BOM): leave to Yams. The same rule as the front matter's fast path.
        guard FrontMatterYAML.onlyPlainCharacters(all) else { return nil }
        var out: [(String, Value)] = []
        out.reserveCapacity(6)
        // The keys seen, few: a linear search instead of a Set.
        var keys: [String] = []
        keys.reserveCapacity(6)
        var items: [[(String, String)]] = []
        var listKey: String?
        var currentItem: [(String, String)]?
        var itemIndent = -1
        var sequenceIndent = -1

        func closeList() {
            if let key = listKey {
                if let item = currentItem { items.append(item) }
                out.append((key, .list(items)))
            }
            listKey = nil; items = []; currentItem = nil; itemIndent = -1; sequenceIndent = -1
        }

        var start = 0
        while start <= all.count {
            var end = start
            while end < all.count && all[end] != 10 { end += 1 }
            defer { start = end + 1 }
            let line = stripComment(all[start..<end])
            var t = line.startIndex
            while t < line.endIndex && line[t] == 32 { t += 1 }
            if t == line.endIndex { if end >= all.count { break } else { continue } }
            let indent = t - line.startIndex
            let trimmed = line[t...]
            if indent == 0 {
                closeList()
                guard let (key, rest) = splitPair(trimmed), !keys.contains(key) else { return nil }
                keys.append(key)
                if rest.isEmpty {
                    listKey = key
                } else {
                    guard let v = scalar(rest, flow: false) else { return nil }
                    out.append((key, .scalar(v)))
                }
            } else {
                guard listKey != nil else { return nil }
                if trimmed.first == 45 && (trimmed.count == 1 || trimmed[trimmed.startIndex + 1] == 32) {  // "- "
                    // Every entry of the sequence at the same indentation as the first.
                    if sequenceIndent < 0 { sequenceIndent = indent } else if indent != sequenceIndent { return nil }
                    if let item = currentItem { items.append(item) }
                    currentItem = nil
                    var r = trimmed.startIndex + 1
                    while r < trimmed.endIndex && trimmed[r] == 32 { r += 1 }
                    let rest = trimmed[r...]
                    if rest.first == 123 {  // {
                        guard let m = flowMapping(rest) else { return nil }
                        items.append(m)
                        itemIndent = -1
                    } else {
                        guard !rest.isEmpty, let (k, v) = splitPair(rest), !v.isEmpty, let s = scalar(v, flow: false) else { return nil }
                        currentItem = [(k, s)]
                        itemIndent = indent + (r - trimmed.startIndex)
                    }
                } else {
                    // Continuation of a block-mapping item.
                    guard currentItem != nil, indent == itemIndent, let (k, v) = splitPair(trimmed), !v.isEmpty,
                          let s = scalar(v, flow: false), !currentItem!.contains(where: { $0.0 == k }) else { return nil }
                    currentItem!.append((k, s))
                }
            }
            if end >= all.count { break }
        }
        closeList()
        return out
    }

    /// Removes a ` #` comment outside quotes and trailing spaces.
    static func stripComment(_ line: Bytes) -> Bytes {
        var quote: UInt8 = 0
        var end = line.endIndex
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 34 || c == 39 {
                quote = c
            } else if c == 35 && (i == line.startIndex || line[i - 1] == 32) {
                end = i
                break
            }
            i += 1
        }
        while end > line.startIndex && line[end - 1] == 32 { end -= 1 }
        return line[line.startIndex..<end]
    }

    /// `key: rest` with an ASCII key.
    static func splitPair(_ s: Bytes) -> (String, Bytes)? {
        guard let colon = s.firstIndex(of: 58), colon > s.startIndex else { return nil }
        for b in s[s.startIndex..<colon] {
            let ok = (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == 95
            if !ok { return nil }
        }
        let key = String(decoding: s[s.startIndex..<colon], as: UTF8.self)
        var r = colon + 1
        if r == s.endIndex { return (key, s[r...]) }
        guard s[r] == 32 else { return nil }
        while r < s.endIndex && s[r] == 32 { r += 1 }
        return (key, s[r...])
    }

    /// `{a: 1, b: "x"}` on one line.
    static func flowMapping(_ s: Bytes) -> [(String, String)]? {
        guard s.first == 123, s.last == 125 else { return nil }
        let inner = s[(s.startIndex + 1)..<(s.endIndex - 1)]
        var pairs: [(String, String)] = []
        pairs.reserveCapacity(6)   // one allocation for the usual few pairs
        var quote: UInt8 = 0
        var partStart = inner.startIndex
        var i = inner.startIndex
        func take(_ part: Bytes) -> Bool {
            var a = part.startIndex, b = part.endIndex
            while a < b && part[a] == 32 { a += 1 }
            while b > a && part[b - 1] == 32 { b -= 1 }
            guard a < b, let (k, v) = splitPair(part[a..<b]), !v.isEmpty, let value = scalar(v, flow: true),
                  !pairs.contains(where: { $0.0 == k }) else { return false }
            pairs.append((k, value))
            return true
        }
        while i < inner.endIndex {
            let c = inner[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 34 || c == 39 {
                quote = c
            } else if c == 123 || c == 125 || c == 91 || c == 93 {
                return nil
            } else if c == 44 {
                guard take(inner[partStart..<i]) else { return nil }
                partStart = i + 1
            }
            i += 1
        }
        guard quote == 0, take(inner[partStart..<inner.endIndex]) else { return nil }
        return pairs
    }

    /// A plain or simply quoted scalar.
    static func scalar(_ u: Bytes, flow: Bool) -> String? {
        guard let first = u.first else { return nil }
        if first == 34 || first == 39 {  // " or '
            guard u.count >= 2, u.last == first else { return nil }
            let inner = u[(u.startIndex + 1)..<(u.endIndex - 1)]
            guard !inner.contains(first), !inner.contains(92) else { return nil }  // no inner quote, no backslash
            return String(decoding: inner, as: UTF8.self)
        }
        // - ? : , [ ] { } # & * ! | > ' " % @ `
        switch first {
        case 45:
            // `-3` is a plain scalar; a lone `-` or `- x` is not.
            guard u.count > 1, u[u.startIndex + 1] != 32 else { return nil }
        case 63, 58, 44, 91, 93, 123, 125, 35, 38, 42, 33, 124, 62, 37, 64, 96:
            return nil
        default: break
        }
        if u.last == 58 { return nil }
        var i = u.startIndex
        while i < u.endIndex {
            let b = u[i]
            if b == 58 && i + 1 < u.endIndex && u[i + 1] == 32 { return nil }   // ": "
            // ` #` starts a comment that `stripComment` kept because a quote character inside the plain text
            // (`it's a #note`) looked like an open quote to it.
            if b == 35 && u[i - 1] == 32 { return nil }
            if flow && (b == 44 || b == 91 || b == 93 || b == 123 || b == 125) { return nil }
            i += 1
        }
        // Values YAML 1.1 might read as something else entirely (`~`, `null`, `Null`, `NULL`) are left to Yams.
        if u.count == 1 && first == 126 { return nil }
        if u.count == 4 && (first == 110 || first == 78) {
            let rest = (u[u.startIndex + 1], u[u.startIndex + 2], u[u.startIndex + 3])
            if rest == (117, 108, 108) || rest == (85, 76, 76) && first == 78 { return nil }
        }
        return String(decoding: u, as: UTF8.self)
    }
}
