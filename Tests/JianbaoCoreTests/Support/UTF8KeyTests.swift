import Testing
@testable import JianbaoCore

@Suite("UTF8Key")
struct UTF8KeyTests {
    @Test func equalBytesAreEqualKeysAndOtherBytesAreNot() {
        let names = ["市司法局", "市行政审批服务局", "市司法局 ", "", "a", "e\u{301}", "\u{E9}", "反诈", "反诈宣传", String(repeating: "简报", count: 20)]
        for a in names {
            for b in names {
                let same = Array(a.utf8) == Array(b.utf8)
                #expect((UTF8Key(a) == UTF8Key(b)) == same)
                if same { #expect(UTF8Key(a).hashValue == UTF8Key(b).hashValue) }
            }
        }
        // Canonically equivalent spellings are equal Strings but different keys; lookups fall back to the String table.
        #expect("e\u{301}" == "\u{E9}")
        #expect(UTF8Key("e\u{301}") != UTF8Key("\u{E9}"))
    }

    @Test func dictionaryLookupsFindTheSameEntries() {
        var table: [UTF8Key: Int] = [:]
        let names = (0..<300).map { "部门\($0)" } + ["市司法局", "市公安局", "kx"]
        for (i, n) in names.enumerated() { table[UTF8Key(n)] = i }
        for (i, n) in names.enumerated() { #expect(table[UTF8Key(String(Array(n.unicodeScalars).map(Character.init)))] == i) }
        #expect(table[UTF8Key("市司法")] == nil)
    }
}
