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

    @Test func bytesTrimmingAgreesWithCharacterTrimming() {
        let cases = ["", "\n", "\n\n", "正文。\n", "正文。\n\n", " 正文。\n", "\u{3000}正文\n", "正文\u{3000}\n", "a\u{301}\n",
                     "正文 \u{301}\n", "\u{600} \n", "正文\r\n", "正文\n \n", "１２３\n", "x\u{2028}\n", "中\n文\n", "é\n", "𠀀\n", "正文"]
        for c in cases {
            let trimmed = UTF8Trim.trimmingWhitespace(Array(c.utf8))
            #expect(String(decoding: trimmed, as: UTF8.self) == reference(c), "\(c.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// The result has storage of its own size even when nothing is cut (the model keeps it for the whole build).
    @Test func bytesTrimmingNeverSharesTheScratchBuffer() {
        for text in ["一是加强领导。", "一是加强领导。\n\n"] {
            var scratch: [UInt8] = []
            scratch.reserveCapacity(1 << 16)
            scratch.append(contentsOf: Array(text.utf8))
            let trimmed = UTF8Trim.trimmingWhitespace(scratch)
            #expect(trimmed == Array("一是加强领导。".utf8))
            #expect(trimmed.capacity < 256, "\(trimmed.capacity)")
        }
    }
}
