import Testing
@testable import JianbaoCore

@Suite("Subtitle detection")
struct SubtitleTests {
    /// What the processor checks once it has made the String.
    func isSubtitle(_ s: String) -> Bool {
        let t = s.trimmingWhitespace()
        return t.hasPrefix("——") || t.hasPrefix("--")
    }

    /// The byte pre-check never says no to a text that is a subtitle.
    @Test func bytePreCheckNeverRefusesASubtitle() {
        let cases = ["——市司法局", "-- 市司法局", " ——x", "\u{3000}——x", "\n\t——x", "\u{A0}--x", "—x", "-x", "", " ", "正文",
                     "a——", "——\u{301}x", "-\u{301}-x", " \u{301}——", "\u{2003}——", "\u{2028}--", "\u{FEFF}——", "１——"]
        for c in cases where isSubtitle(c) {
            #expect(MarkdownProcessor.mayStartWithDashes(Array(c.utf8)), "\(c.debugDescription)")
        }
        let alphabet = ["—", "-", " ", "\t", "\n", "\u{3000}", "\u{A0}", "\u{2003}", "\u{301}", "市", "正", "a", "1", "“", "\u{85}", "\r\n"]
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<5000 {
            let s = (0..<Int.random(in: 0...6, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            if isSubtitle(s) { #expect(MarkdownProcessor.mayStartWithDashes(Array(s.utf8)), "\(s.debugDescription)") }
        }
        #expect(!MarkdownProcessor.mayStartWithDashes(Array("市司法局“三举措”".utf8)))
        #expect(!MarkdownProcessor.mayStartWithDashes(Array("  2017年，全市".utf8)))
    }
}
