import Foundation

/// A JSON value for the search index, written deterministically: object keys sorted by their UTF-8 bytes,
/// no whitespace, and `<`, `>`, `&`, U+2028 and U+2029 escaped so the text is safe anywhere in HTML.
public indirect enum SearchJSON: Equatable, Sendable {
    /// An integer.
    case int(Int)
    /// A string.
    case string(String)
    /// An array.
    case array([SearchJSON])
    /// An object.
    case object([String: SearchJSON])
    /// An array of integers (postings), stored compactly.
    case ints([Int])

    /// The encoded text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The encoded bytes.
    public var data: Data { Data(bytes) }

    /// The encoded bytes, as an array.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        SearchJSON.append(self, to: &out)
        return out
    }

    static func append(_ v: SearchJSON, to out: inout [UInt8]) {
        switch v {
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .string(let s): appendString(s, to: &out)
        case .ints(let a):
            out.append(UInt8(ascii: "["))
            for (k, i) in a.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: String(i).utf8)
            }
            out.append(UInt8(ascii: "]"))
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (k, e) in a.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                append(e, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (k, key) in o.keys.sorted(by: SearchJSON.keyOrder).enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                append(o[key]!, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Key order: by UTF-8 bytes (no Unicode normalization, so it is the same everywhere).
    /// (Compared with `memcmp` where both are contiguous: iterating `utf8` costs ~30 instructions a byte.)
    public static func keyOrder(_ a: String, _ b: String) -> Bool {
        let order: Bool?? = a.utf8.withContiguousStorageIfAvailable { p in
            b.utf8.withContiguousStorageIfAvailable { q in
                let n = min(p.count, q.count)
                let c = n == 0 ? 0 : memcmp(p.baseAddress!, q.baseAddress!, n)
                return c != 0 ? c < 0 : p.count < q.count
            }
        }
        if let order = order ?? nil { return order }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Bytes that need escaping in a string literal (besides U+2028 and U+2029, which start with 0xE2).
    static let special: [Bool] = (0..<256).map { c in c < 0x20 || c == 0x7F || c == 0x22 || c == 0x5C || c == 0x3C || c == 0x3E || c == 0x26 || c == 0xE2 }

    /// Appends `s` as a JSON string literal, copying the runs that need no escaping at once.
    static func appendString(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { appendString(utf8: $0, to: &out) }
    }

    /// Appends the UTF-8 text `utf8` as a JSON string literal (see `appendString(_:to:)`).
    static func appendString(utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        special.withUnsafeBufferPointer { special in
            let n = utf8.count
            var i = 0, run = 0
            while i < n {
                let c = utf8[i]
                // A scalar of three bytes from U+3000 on (Chinese text): none of its bytes is special. (A constant
                // step: a step computed from the byte would make each load wait for the one before.)
                if c >= 0xE3 && c < 0xF0 { i += 3; continue }
                guard special[Int(c)] else { i += 1; continue }
                if c == 0xE2 && !(i + 2 < n && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9)) { i += 1; continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                out.append(UInt8(ascii: "\\"))
                switch c {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(c)
                case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
                case 0xE2:
                    appendUnicodeEscape(utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029, to: &out)
                    i += 2
                default: appendUnicodeEscape(Int(c), to: &out)
                }
                i += 1
                run = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<n]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `u` followed by the four hex digits of `v` (the backslash is already written).
    static func appendUnicodeEscape(_ v: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "u"))
        out.append(hex[(v >> 12) & 0xF]); out.append(hex[(v >> 8) & 0xF])
        out.append(hex[(v >> 4) & 0xF]); out.append(hex[v & 0xF])
    }
}
