import Testing
@testable import JianbaoCore

/// `XML.escape` works on bytes; the reference below works scalar by scalar, as it did before.
@Suite("XML escaping")
struct XMLEscapeTests {
    static func reference(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if ch.value < 0x20 && ch != "\n" && ch != "\t" { continue }
                if ch.value == 0xFFFE || ch.value == 0xFFFF { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    @Test func examples() {
        #expect(XML.escape("市司法局：“三举措”，推动工作。") == "市司法局：“三举措”，推动工作。")
        #expect(XML.escape("a<b & 'c' > \"d\"") == "a&lt;b &amp; &apos;c&apos; &gt; &quot;d&quot;")
        #expect(XML.escape("行\u{1}一\r\n二\t三\u{FFFE}四\u{FFFF}五\u{FFFD}") == "行一\n二\t三四五\u{FFFD}")
        #expect(XML.escape("") == "")
    }

    @Test func matchesScalarReference() {
        // ASCII specials and controls, full-width marks and other EF-led scalars around U+FFFE/U+FFFF,
        // ideographs, a 4-byte emoji and a combining mark.
        let pool: [Unicode.Scalar] = ["&", "<", ">", "\"", "'", "a", " ", "\n", "\t", "\r", "\u{0}", "\u{1F}", "\u{7F}",
                                      "，", "：", "（", "\u{FFBE}", "\u{FFBF}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}",
                                      "\u{EFBF}", "简", "报", "😀", "\u{301}"]
        var rng = SeededGenerator(seed: 0x584D_4C45_7363)  // the same 2,000 strings on every run
        for _ in 0..<2000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...12, using: &rng) { s.unicodeScalars.append(pool.randomElement(using: &rng)!) }
            // Bytes, not String equality (which would accept canonically equivalent text).
            #expect(Array(XML.escape(s).utf8) == Array(XMLEscapeTests.reference(s).utf8), "\(Array(s.unicodeScalars))")
        }
    }
}
