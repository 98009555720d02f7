import Foundation
import Testing
@testable import JianbaoCore

@Suite("Search index JSON")
struct SearchJSONTests {
    @Test func keysAreSortedAndOutputIsCompact() {
        let v: SearchJSON = .object(["b": .int(2), "a": .array([.string("x"), .ints([1, -2])]), "市": .int(0)])
        #expect(v.text == #"{"a":["x",[1,-2]],"b":2,"市":0}"#)
    }

    @Test func htmlSignificantCharactersAreEscaped() {
        let v: SearchJSON = .string("</script><img src=x onerror=\"alert(1)\">&\u{2028}\\\n\u{1}")
        #expect(v.text == #""\u003c/script\u003e\u003cimg src=x onerror=\"alert(1)\"\u003e\u0026\u2028\\\n\u0001""#)
    }

    /// The escaping rules, scalar by scalar.
    func reference(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{7F}", "\u{2028}", "\u{2029}": out += String(format: "\\u%04x", u.value)
            default: out += u.value < 0x20 ? String(format: "\\u%04x", u.value) : String(u)
            }
        }
        return out + "\""
    }

    @Test func randomTextsAreEscapedScalarByScalar() {
        let pool = ["安", "。", "，", "“", "”", "—", "\u{2028}", "\u{2029}", "\u{2027}", "a", "1", " ", "\n", "\t", "\r", "\"", "\\",
                    "<", ">", "&", "\u{7F}", "\u{1}", "é", "😀", "\u{20000}", "ｶ", "…"]
        var seed: UInt64 = 11
        for _ in 0..<3000 {
            var s = ""
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            for _ in 0..<(Int(seed >> 58) + 1) {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                s += pool[Int(seed >> 33) % pool.count]
            }
            #expect(SearchJSON.string(s).text == reference(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// Texts longer than the sixteen- and sixty-four-byte steps of the escaper, with random scalars and with each
    /// special scalar at every offset around the steps' ends (a U+2028 or U+2029 across two steps included).
    @Test func longTextsAreEscapedScalarByScalar() {
        let pool = ["安", "置", "。", "“", "”", "—", "…", "\u{2028}", "\u{2029}", "\u{2027}", "a", "1", " ", "\n", "\"", "\\",
                    "<", ">", "&", "\u{7F}", "\u{1F}", "é", "😀", "ｶ", "_", "|", "~", "^"]
        var rng = LCG(state: 7)
        for _ in 0..<400 {
            var s = ""
            for _ in 0...rng.next(256) {
                // Mostly Chinese, as in an article.
                let k = rng.next(pool.count * 4)
                s += k < pool.count ? pool[k] : pool[k % 2]
            }
            #expect(SearchJSON.string(s).text == reference(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        for special in ["\u{2028}", "\u{2029}", "\n", "\"", "\\", "<", ">", "&", "\u{7F}", "\u{0}", "“"] {
            for offset in 0..<140 {
                for tail in ["", "a", "安置帮教工作", String(repeating: "安", count: 30)] {
                    let s = String(repeating: "a", count: offset) + special + tail
                    #expect(SearchJSON.string(s).text == reference(s), "\(offset) \(special.unicodeScalars.first!.value)")
                }
            }
        }
    }

    @Test func escapedTextParsesBack() throws {
        let s = "标题</script>&<>\"\\\t\u{2029}"
        let parsed = try JSONSerialization.jsonObject(with: SearchJSON.array([.string(s)]).data) as? [String]
        #expect(parsed == [s])
    }
}

@Suite("Search JSON key order")
struct SearchJSONKeyOrderTests {
    /// `keyOrder` (memcmp) orders as the UTF-8 bytes compared one by one.
    @Test func keyOrderIsByteOrder() {
        let keys = ["", "a", "ab", "b", "abc", "安置", "安置帮教", "安", "6081", "60", "é", "e\u{301}", "Z", "z", "\u{10000}", "\u{FFFF}"]
        for a in keys {
            for b in keys {
                #expect(SearchJSON.keyOrder(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) \(b)")
            }
        }
    }
}
