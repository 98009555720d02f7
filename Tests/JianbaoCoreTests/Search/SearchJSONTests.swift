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

    @Test func escapedTextParsesBack() throws {
        let s = "标题</script>&<>\"\\\t\u{2029}"
        let parsed = try JSONSerialization.jsonObject(with: SearchJSON.array([.string(s)]).data) as? [String]
        #expect(parsed == [s])
    }
}
