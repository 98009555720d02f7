import Foundation

/// A strict subset of YAML, read without building a full YAML tree: enough for the usual shape of
/// metric blocks (`key: value` lines, and an `items:` list of `{k: v, …}` flow mappings or
/// `- k: v` block mappings). Anything outside the subset (anchors, tags, multi-line or escaped
/// strings, nesting, duplicate keys, tabs) returns nil and the caller parses with Yams, which
/// also produces the diagnostics. So this is only ever a faster road to the same result.
/// It works on the text's UTF-8 bytes in place, as a base pointer and index ranges `lo..<hi`: Character-based
/// Substring operations, then the reference counting of array slices, then the range checks of buffer slices were
/// most of its cost. Every index read is inside the range it was given (each loop checks `i < hi` first).
enum SimpleYAML {
    /// A value of the subset.
    enum Value {
        case scalar(String)
        case list([[(String, String)]])
    }

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
        guard let u = all.baseAddress else { return [] }  // no bytes: no pairs
        let n = all.count
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
        while start <= n {
            var end = n
            if start < n, let p = memchr(u + start, 10, n - start) {
                end = UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self) - u
            }
            defer { start = end + 1 }
            let lineEnd = stripComment(u, start, end)
            var t = start
            while t < lineEnd && u[t] == 32 { t += 1 }
            if t == lineEnd { if end >= n { break } else { continue } }
            let indent = t - start
            if indent == 0 {
                closeList()
                guard let (key, rest) = splitPair(u, t, lineEnd), !keys.contains(key) else { return nil }
                keys.append(key)
                if rest == lineEnd {
                    listKey = key
                } else {
                    guard let v = scalar(u, rest, lineEnd, flow: false) else { return nil }
                    out.append((key, .scalar(v)))
                }
            } else {
                guard listKey != nil else { return nil }
                if u[t] == 45 && (lineEnd - t == 1 || u[t + 1] == 32) {  // "- "
                    // Every entry of the sequence at the same indentation as the first.
                    if sequenceIndent < 0 { sequenceIndent = indent } else if indent != sequenceIndent { return nil }
                    if let item = currentItem { items.append(item) }
                    currentItem = nil
                    var r = t + 1
                    while r < lineEnd && u[r] == 32 { r += 1 }
                    if r < lineEnd && u[r] == 123 {  // {
                        guard let m = flowMapping(u, r, lineEnd) else { return nil }
                        items.append(m)
                        itemIndent = -1
                    } else {
                        guard r < lineEnd, let (k, v) = splitPair(u, r, lineEnd), v < lineEnd,
                              let s = scalar(u, v, lineEnd, flow: false) else { return nil }
                        currentItem = [(k, s)]
                        itemIndent = indent + (r - t)
                    }
                } else {
                    // Continuation of a block-mapping item.
                    guard currentItem != nil, indent == itemIndent, let (k, v) = splitPair(u, t, lineEnd), v < lineEnd,
                          let s = scalar(u, v, lineEnd, flow: false), !currentItem!.contains(where: { $0.0 == k }) else { return nil }
                    currentItem!.append((k, s))
                }
            }
            if end >= n { break }
        }
        closeList()
        return out
    }

    /// The end of line `lo..<hi` without a ` #` comment outside quotes and without trailing spaces.
    static func stripComment(_ u: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int) -> Int {
        var quote: UInt8 = 0
        var end = hi
        var i = lo
        // Without a `#` there is no comment, whatever the quotes (the usual line): only trailing spaces go.
        if lo < hi, memchr(u + lo, 35, hi - lo) == nil { i = hi }
        while i < hi {
            let c = u[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 34 || c == 39 {
                quote = c
            } else if c == 35 && (i == lo || u[i - 1] == 32) {
                end = i
                break
            }
            i += 1
        }
        while end > lo && u[end - 1] == 32 { end -= 1 }
        return end
    }

    /// `key: rest` with an ASCII key at `lo`: the key and where the rest starts (`hi` when there is none).
    static func splitPair(_ u: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int) -> (String, Int)? {
        // The key runs up to the first colon, and is only letters, digits and `_`.
        var colon = lo
        while colon < hi && FrontMatterYAML.isKeyByte(u[colon]) { colon += 1 }
        guard colon > lo, colon < hi, u[colon] == 58 else { return nil }
        let key = String(decoding: UnsafeBufferPointer(start: u + lo, count: colon - lo), as: UTF8.self)
        var r = colon + 1
        if r == hi { return (key, r) }
        guard u[r] == 32 else { return nil }
        while r < hi && u[r] == 32 { r += 1 }
        return (key, r)
    }

    /// `{a: 1, b: "x"}` on one line (`lo..<hi`).
    static func flowMapping(_ u: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int) -> [(String, String)]? {
        guard hi - lo >= 2, u[lo] == 123, u[hi - 1] == 125 else { return nil }
        let innerEnd = hi - 1
        var pairs: [(String, String)] = []
        pairs.reserveCapacity(6)   // one allocation for the usual few pairs
        var quote: UInt8 = 0
        var partStart = lo + 1
        var i = lo + 1
        func take(_ from: Int, _ to: Int) -> Bool {
            var a = from, b = to
            while a < b && u[a] == 32 { a += 1 }
            while b > a && u[b - 1] == 32 { b -= 1 }
            guard a < b, let (k, v) = splitPair(u, a, b), v < b, let value = scalar(u, v, b, flow: true),
                  !pairs.contains(where: { $0.0 == k }) else { return false }
            pairs.append((k, value))
            return true
        }
        while i < innerEnd {
            let c = u[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 34 || c == 39 {
                quote = c
            } else if c == 123 || c == 125 || c == 91 || c == 93 {
                return nil
            } else if c == 44 {
                guard take(partStart, i) else { return nil }
                partStart = i + 1
            }
            i += 1
        }
        guard quote == 0, take(partStart, innerEnd) else { return nil }
        return pairs
    }

    /// A plain or simply quoted scalar, `lo..<hi`.
    static func scalar(_ u: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int, flow: Bool) -> String? {
        guard lo < hi else { return nil }
        let first = u[lo]
        let count = hi - lo
        if first == 34 || first == 39 {  // " or '
            guard count >= 2, u[hi - 1] == first else { return nil }
            for i in (lo + 1)..<(hi - 1) where u[i] == first || u[i] == 92 { return nil }  // no inner quote, no backslash
            return String(decoding: UnsafeBufferPointer(start: u + lo + 1, count: count - 2), as: UTF8.self)
        }
        // - ? : , [ ] { } # & * ! | > ' " % @ `
        switch first {
        case 45:
            // `-3` is a plain scalar; a lone `-` or `- x` is not.
            guard count > 1, u[lo + 1] != 32 else { return nil }
        case 63, 58, 44, 91, 93, 123, 125, 35, 38, 42, 33, 124, 62, 37, 64, 96:
            return nil
        default: break
        }
        if u[hi - 1] == 58 { return nil }
        var i = lo
        while i < hi {
            let b = u[i]
            if b == 58 && i + 1 < hi && u[i + 1] == 32 { return nil }   // ": "
            // ` #` starts a comment that `stripComment` kept because a quote character inside the plain text
            // (`it's a #note`) looked like an open quote to it. (A `#` is never first here, so `i > lo`.)
            if b == 35 && u[i - 1] == 32 { return nil }
            if flow && (b == 44 || b == 91 || b == 93 || b == 123 || b == 125) { return nil }
            i += 1
        }
        // Values YAML 1.1 might read as something else entirely (`~`, `null`, `Null`, `NULL`) are left to Yams.
        if count == 1 && first == 126 { return nil }
        if count == 4 && (first == 110 || first == 78) {
            let rest = (u[lo + 1], u[lo + 2], u[lo + 3])
            if rest == (117, 108, 108) || rest == (85, 76, 76) && first == 78 { return nil }
        }
        return String(decoding: UnsafeBufferPointer(start: u + lo, count: count), as: UTF8.self)
    }
}
