import Testing
@testable import JianbaoCore

/// What the render and model stages do to avoid copying issues and articles, and to decode less, must not change
/// what they produce.
@Suite("Model and feeds without copies")
struct ModelCopyTests {
    static func issue(_ path: String, series: String = "ganzhou", number: Int?, slug: String? = nil, year: Int = 2022,
                      draft: Bool = false) -> JianbaoCore.Issue {
        JianbaoCore.Issue(sourcePath: path, series: series, number: number, slug: slug, date: CalendarDate(year: year, month: 8, day: 25)!,
              title: "标题", publisher: "编印单位", signer: "", editorNoteHTML: "", tags: [], reportTo: [], sendTo: [],
              contactPhone: "", contactEmail: "", draft: draft, leadHTML: "", articles: [], numberLine: 1, numberColumn: 1)
    }

    @Test func pathAndNumberLabelReadInPlaceMatchTheProperties() {
        let issues = [Self.issue("a.md", number: 151), Self.issue("b.md", series: "kx", number: nil, slug: "spring-report", year: 2021),
                      Self.issue("c.md", number: nil, slug: nil, year: 999)]
        #expect(issues.map { $0.path } == ["ganzhou/2022/151/", "kx/2021/spring-report/", "ganzhou/999/untitled/"])
        #expect(issues.map { $0.numberLabel } == ["第151期", "", ""])
        for i in issues.indices {
            #expect(issues.path(ofIssue: i) == issues[i].path)
            #expect(issues.numberLabel(ofIssue: i) == issues[i].numberLabel)
        }
    }

    @Test func arrangedMovesTheIssuesInOrderAndDropsTheRest() {
        var rng = SeededGenerator(seed: 0x4172_7261_6E67)  // the same orders on every run
        for n in 0..<12 {
            for _ in 0..<20 {
                let issues = (0..<n).map { Self.issue("\($0).md", number: $0) }
                let order = Array((0..<n).shuffled(using: &rng).prefix(Int.random(in: 0...n, using: &rng)))
                let arranged = SiteBuilder.arranged(issues, order)
                #expect(arranged.map { $0.sourcePath } == order.map { "\($0).md" })
            }
        }
    }

    @Test func summaryPrefixMatchesStringPrefix() {
        // Han, ASCII, CJK punctuation (the fast path) mixed with what joins scalars into one character: combining
        // marks, CR LF, emoji with ZWJ and modifiers, regional indicators, Hangul jamo, variation selectors, and
        // scalars of four bytes.
        let pool: [String] = ["简", "报", "a", " ", "\n", "，", "。", "“", "”", "（", "—", "…", "\r", "\r\n", "e\u{301}", "\u{301}",
                              "👩\u{200D}💻", "👍🏽", "🇨🇳", "\u{1100}\u{1161}", "\u{AC00}", "\u{FE0F}", "𠀀", "ア", "\u{200D}"]
        var rng = SeededGenerator(seed: 0x4665_6564_73)  // the same 3,000 texts on every run
        for _ in 0..<3000 {
            let length = [0, 1, 5, 150, 199, 200, 201, 400, 1500].randomElement(using: &rng)!
            let plain = Bool.random(using: &rng)
            var s = ""
            for _ in 0..<length {
                s += plain && Int.random(in: 0..<50, using: &rng) > 0 ? pool[Int.random(in: 0..<9, using: &rng)]
                                                                      : pool.randomElement(using: &rng)!
            }
            let bytes = Array(s.utf8)
            for n in [0, 1, 7, 200] {
                #expect(Feeds.prefix(utf8: bytes, characters: n) == String(s.prefix(n)))
            }
        }
    }

    @Test func standaloneScalarsAreCountedWithoutGraphemeBreaking() {
        // Plain article text takes the scalar-counting path, and ends where String.prefix ends it.
        let plain = "第一条，各县（市、区）要“抓落实”——见成效…\n\tHan 汉字 ASCII 123。" + String(repeating: "简报", count: 150)
        for n in [0, 1, 30, 200, 400] {
            let end = plain.utf8.withContiguousStorageIfAvailable { Feeds.standalonePrefixEnd($0, characters: n) } ?? nil
            #expect(end == String(plain.prefix(n)).utf8.count)
        }
        // A scalar that may join its neighbour, anywhere up to the scalar after the n-th character, leaves it to
        // grapheme breaking; past that it does not matter.
        for joiner in ["e\u{301}", "\r\n", "\u{302A}", "\u{200D}", "👍🏽", "é", "\u{FF9E}"] {
            let text = Array("简报\(joiner)简报".utf8)
            #expect(text.withUnsafeBufferPointer { Feeds.standalonePrefixEnd($0, characters: 3) } == nil)
            #expect(text.withUnsafeBufferPointer { Feeds.standalonePrefixEnd($0, characters: 1) } == 3)
            #expect(Feeds.prefix(utf8: text, characters: 3) == String(String(decoding: text, as: UTF8.self).prefix(3)))
        }
        // Malformed sequences are never counted.
        for bytes: [UInt8] in [[0xE4, 0xB8], [0xE4, 0x41, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0x80]] {
            #expect(bytes.withUnsafeBufferPointer { Feeds.standalonePrefixEnd($0, characters: 5) } == nil)
        }
    }

    @Test func summaryPrefixOfMalformedBytesMatchesDecodingThemFirst() {
        let cases: [[UInt8]] = [[0xE7, 0xAE], [0xC0, 0x80, 0x41], [0xE0, 0x80, 0x80, 0x41], [0xED, 0xA0, 0x80], [0xFF, 0x41, 0x42],
                                Array(repeating: 0xE7, count: 900), Array("简报".utf8) + [0x80] + Array(repeating: 0x41, count: 900)]
        for bytes in cases {
            for n in [0, 1, 2, 200] {
                #expect(Feeds.prefix(utf8: bytes, characters: n) == String(String(decoding: bytes, as: UTF8.self).prefix(n)))
            }
        }
    }
}
