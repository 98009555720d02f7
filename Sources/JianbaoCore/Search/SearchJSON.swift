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
    public var text: String {
        var out = ""
        SearchJSON.append(self, to: &out)
        return out
    }

    /// The encoded bytes.
    public var data: Data { Data(text.utf8) }

    static func append(_ v: SearchJSON, to out: inout String) {
        switch v {
        case .int(let i): out += String(i)
        case .string(let s): appendString(s, to: &out)
        case .ints(let a):
            out += "["
            for (k, i) in a.enumerated() {
                if k > 0 { out += "," }
                out += String(i)
            }
            out += "]"
        case .array(let a):
            out += "["
            for (k, e) in a.enumerated() {
                if k > 0 { out += "," }
                append(e, to: &out)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (k, key) in o.keys.sorted(by: SearchJSON.keyOrder).enumerated() {
                if k > 0 { out += "," }
                appendString(key, to: &out)
                out += ":"
                append(o[key]!, to: &out)
            }
            out += "}"
        }
    }

    /// Key order: by UTF-8 bytes (no Unicode normalization, so it is the same everywhere).
    public static func keyOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    static let hex: [Character] = Array("0123456789abcdef")

    /// Appends `s` as a JSON string literal.
    static func appendString(_ s: String, to out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}", "\u{0}"..."\u{1F}", "\u{7F}":
                let v = u.value
                out += "\\u"
                out.append(hex[Int((v >> 12) & 0xF)]); out.append(hex[Int((v >> 8) & 0xF)])
                out.append(hex[Int((v >> 4) & 0xF)]); out.append(hex[Int(v & 0xF)])
            default: out.unicodeScalars.append(u)
            }
        }
        out += "\""
    }
}
