import Testing
@testable import JianbaoCore

@Suite("Trimming")
struct TrimmingTests {
    /// The reference: drop whitespace characters at both ends, Character by Character.
    func reference(_ s: String) -> String {
        var t = Substring(s)
        while let f = t.first, f.isWhitespace { t.removeFirst() }
        while let l = t.last, l.isWhitespace { t.removeLast() }
        return String(t)
    }

    @Test func fastPathAgreesWithCharacterTrimming() {
        let cases = ["", " ", "\u{3000}", "正文。", " 正文。\n", "\u{3000}\u{3000}正文", "正文\u{3000}", "a", "a\u{301}",
                     " \u{301}正文", "正文 \u{301}", "正文\u{302A}", "“引号”", "——副标题", "\u{A0}x\u{A0}", "x\u{2028}", "１２３"]
        for c in cases { #expect(c.trimmingWhitespace() == reference(c), "\(c.unicodeScalars.map { String($0.value, radix: 16) })") }
    }
}
