import Foundation
import Testing
@testable import JianbaoCore

/// The shared tokenizer specification (also read by tests/js/tokenizer.test.mjs).
struct TokenizerSpec: Decodable {
    struct Case: Decodable { let note: String; let input: String; let index: [String]; let query: [String] }
    struct HashCase: Decodable { let token: String; let fnv1a32: UInt32 }
    struct NumbersCase: Decodable { let values: [Int]; let text: String }
    let cases: [Case]
    let hashes: [HashCase]
    let numbers: [NumbersCase]

    static func load() throws -> TokenizerSpec {
        let data = try Data(contentsOf: Repo.fixtures.appendingPathComponent("search-tokenizer-cases.json"))
        return try JSONDecoder().decode(TokenizerSpec.self, from: data)
    }
}

@Suite("Search tokenizer")
struct SearchTokenizerTests {
    @Test func specificationHasCases() throws {
        let spec = try TokenizerSpec.load()
        #expect(spec.cases.count >= 30)
        #expect(spec.hashes.count >= 5)
        #expect(spec.numbers.count >= 5)
    }

    @Test func indexTokensFollowTheSharedCases() throws {
        for c in try TokenizerSpec.load().cases {
            #expect(SearchTokenizer.indexTokens(c.input) == c.index, "\(c.note): \(c.input)")
        }
    }

    @Test func queryTokensFollowTheSharedCases() throws {
        for c in try TokenizerSpec.load().cases {
            #expect(SearchTokenizer.queryTokens(c.input) == c.query, "\(c.note): \(c.input)")
        }
    }

    @Test func hashesFollowTheSharedCases() throws {
        for h in try TokenizerSpec.load().hashes {
            #expect(SearchIndexWriter.fnv1a32(h.token) == h.fnv1a32, "\(h.token)")
        }
    }

    @Test func numbersFollowTheSharedCases() throws {
        for n in try TokenizerSpec.load().numbers {
            #expect(SearchNumbers.encode(n.values) == n.text)
            #expect(SearchNumbers.decode(n.text) == n.values)
        }
        #expect(SearchNumbers.decode("W") == nil) // ends mid-number
        #expect(SearchNumbers.decode("a\"") == nil)
    }

    @Test func everyQueryTokenOfATextIsAnIndexTokenOfIt() throws {
        for c in try TokenizerSpec.load().cases {
            let index = Set(SearchTokenizer.indexTokens(c.input))
            for t in SearchTokenizer.queryTokens(c.input) { #expect(index.contains(t), "\(c.note): \(t)") }
        }
    }

    @Test func characterTokensAreSingleChineseCharacters() {
        #expect(SearchTokenizer.isCharacterToken("市"))
        #expect(SearchTokenizer.isCharacterToken("\u{20000}"))
        #expect(!SearchTokenizer.isCharacterToken("反诈"))
        #expect(!SearchTokenizer.isCharacterToken("a"))
        #expect(!SearchTokenizer.isCharacterToken("1"))
    }
}

@Suite("Search tokenizer, UTF-8 fast path")
struct SearchTokenizerFastPathTests {
    /// Tokens of the fast path as sorted texts (the index counts them, so order does not matter).
    func fast(_ text: String) -> [String] {
        var sink = Collect()
        SearchIndexScanner().scan(text, into: &sink)
        return sink.tokens.sorted()
    }

    /// The scanner's tokens as texts.
    struct Collect: SearchIndexKeySink {
        var tokens: [String] = []
        mutating func character(_ c: UInt32) { tokens.append(SearchToken.character(c).text) }
        mutating func bigram(_ a: UInt32, _ b: UInt32) { tokens.append(SearchToken.bigram(a, b).text) }
        mutating func word(_ utf8: UnsafeBufferPointer<UInt8>) { tokens.append(String(decoding: utf8, as: UTF8.self)) }
    }

    func reference(_ text: String) -> [String] {
        var out: [String] = []
        SearchTokenizer.forEachIndexToken(text) { out.append($0.text) }
        return out.sorted()
    }

    @Test func sharedCasesGiveTheSameTokens() throws {
        for c in try TokenizerSpec.load().cases {
            #expect(fast(c.input) == c.index.sorted(), "\(c.note): \(c.input)")
        }
    }

    /// The lengths a scan returns are the numbers of character tokens and of the other tokens it reported.
    @Test func lengthsCountTheTokensReported() throws {
        var texts = try TokenizerSpec.load().cases.map(\.input)
        texts += ["", "安置帮教", "帮教ア々安置〇", "第151期abc", "\u{20000}安置", String(repeating: "安置帮教", count: 200) + "x"]
        let scanner = SearchIndexScanner()
        for text in texts {
            var sink = Collect()
            let lengths = scanner.scan(text, into: &sink)
            let characters = sink.tokens.filter(SearchTokenizer.isCharacterToken).count
            #expect(lengths.characters == characters, "\(text)")
            #expect(lengths.terms == sink.tokens.count - characters, "\(text)")
            var bytesSink = Collect()
            let fromBytes = scanner.scan(utf8: Array(text.utf8), into: &bytesSink)
            #expect(fromBytes.characters == lengths.characters && fromBytes.terms == lengths.terms, "\(text)")
        }
    }

    @Test func randomMixturesGiveTheSameTokens() {
        let pool: [String] = ["安", "置", "帮", "教", "。", "，", "1", "2", ".", "．", "Ａ", "b", "Z", "６", "é", "e\u{301}", "ﬁ", "Ⅻ",
                              "ｶ", "ア", "ー", "々", "〇", "\u{20000}", "㐀", "😀", " ", "\n", "-", "Ü", "ß", "İ", "٣", "①", "\u{2028}"]
        var seed: UInt64 = 7
        for _ in 0..<2000 {
            var s = ""
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            for _ in 0..<(Int(seed >> 60) + 1) {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                s += pool[Int(seed >> 33) % pool.count]
            }
            #expect(fast(s) == reference(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}

@Suite("Search fold table")
struct SearchFoldTableTests {
    /// The batched computation (one NFKD call for all scalars) gives the table of folding each scalar on its own.
    @Test func batchedTableMatchesOneByOne() {
        let batched = FoldTable.compute(), single = FoldTable.computeOneByOne()
        #expect(batched.entries == single.entries)
        #expect(batched.multiple == single.multiple)
        #expect(FoldTable.shared.entries == single.entries)
        #expect(!single.multiple.isEmpty)
        #expect(single.entries.contains(FoldTable.removed))
    }
}

@Suite("Search scanner, texts one after the other")
struct SearchScannerSplitTests {
    /// A document's `extra` and `issueExtra` are scanned one after the other, in place of the two joined by a line
    /// feed: the tokens, in order, are the same (the scan ends its word, and a line feed ends a Chinese run and a word).
    @Test func twoScansGiveTheTokensOfTheTwoJoinedByALineFeed() {
        let parts = ["", "典型推介", "市司法局“三举措”", "2377.", "35", "abc", "第151期", "赣州市五型政府", "x1.", "Ｅ", "é"]
        let scanner = SearchIndexScanner()
        for a in parts {
            for b in parts {
                var joined = SearchTokenizerFastPathTests.Collect(), split = SearchTokenizerFastPathTests.Collect()
                scanner.scan(a + "\n" + b, into: &joined)
                scanner.scan(a, into: &split)
                scanner.scan(b, into: &split)
                #expect(split.tokens == joined.tokens, "\(a) | \(b)")
            }
        }
    }
}
