import Testing
@testable import JianbaoCore

@Suite("NameMap")
struct NameMapTests {
    /// Answers as a `[String: Value]` filled the same way would, for the same names, other names and
    /// canonically equivalent spellings.
    @Test func answersAsAStringKeyedDictionary() {
        let composed = "市司法局\u{00E9}", decomposed = "市司法局e\u{0301}"
        let set = ["市司法局", "瑞金市", decomposed, "", "kx"]
        var map = NameMap<Int>()
        var reference: [String: Int] = [:]
        for (i, name) in set.enumerated() { map[name] = i; reference[name] = i }
        #expect(map.count == reference.count)
        for name in set + [composed, "市公安局", "市司法", "e\u{301}", "\u{E9}"] {
            #expect(map[name] == reference[name], "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(map[composed] == 2)
        #expect(map["市公安局"] == nil)
    }

    @Test func startsFromADictionary() {
        let map = NameMap(["市司法局": "/departments/shi-si-fa-ju/", "\u{E9}": "/topics/e/"])
        #expect(map["市司法局"] == "/departments/shi-si-fa-ju/")
        #expect(map["e\u{301}"] == "/topics/e/")
        #expect(map["市公安局"] == nil)
        #expect(map.count == 2)
    }
}
