import Testing
@testable import JianbaoCore

/// `UTF8Validation` must accept exactly what the standard library accepts (`String(validating:as:)`), and
/// `SiteLoader.decodeUTF8` must give the bytes of the String `SiteLoader.decode` gives, or the same diagnostic.
@Suite("UTF-8 check of content files")
struct UTF8ValidationTests {
    func stdlibAccepts(_ bytes: [UInt8]) -> Bool { String(validating: bytes, as: UTF8.self) != nil }

    /// `bytes` alone and between contexts that put it at every offset of the 8-byte and 6-byte fast paths and
    /// right at the end of the buffer.
    func expectAgrees(_ bytes: [UInt8], _ note: String = "") {
        let contexts: [([UInt8], [UInt8])] = [
            ([], []), (Array("中".utf8), []), (Array("a".utf8), Array("文".utf8)),
            (Array("ab中文".utf8), Array("中文中文".utf8)), (Array("abcdefg".utf8), Array("x".utf8)),
            (Array("中文字".utf8), Array("abcdefghij".utf8)), (Array("abcdefgh".utf8), Array("中".utf8)),
        ]
        for (before, after) in contexts {
            let input = before + bytes + after
            #expect(UTF8Validation.isValid(input) == stdlibAccepts(input), "\(note) \(input)")
        }
    }

    @Test func everyOneAndTwoByteSequence() {
        for a in 0...255 {
            expectAgrees([UInt8(a)])
            for b in 0...255 {
                let input = [UInt8(a), UInt8(b)]
                #expect(UTF8Validation.isValid(input) == stdlibAccepts(input), "\(input)")
            }
        }
    }

    @Test func everyThreeByteSequenceWithAThreeByteLead() {
        // Each lead byte E0–EF with every second and third byte, alone and in CJK text (the fast paths).
        var mismatches: [[UInt8]] = []
        for a in 0xE0...0xEF {
            for b in 0...255 {
                for c in 0...255 {
                    let seq = [UInt8(a), UInt8(b), UInt8(c)]
                    for input in [seq, Array("中".utf8) + seq + Array("文字".utf8), seq + seq + Array("ab".utf8)]
                    where UTF8Validation.isValid(input) != stdlibAccepts(input) {
                        mismatches.append(input)
                    }
                }
            }
        }
        #expect(mismatches.count == 0, "first mismatches: \(mismatches.prefix(5))")
    }

    @Test func fourByteLeadsAndTheirLimits() {
        for a in 0xF0...0xFF {
            for b in [0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0] {
                for tail in [[0x80, 0x80], [0xBF, 0xBF], [0x80], [0x80, 0x7F], [0x7F, 0x80], [0xC0, 0x80]] {
                    expectAgrees([UInt8(a), UInt8(b)] + tail.map(UInt8.init))
                }
            }
        }
        // The extremes of each form, valid and one past.
        for scalar in ["\u{7F}", "\u{80}", "\u{7FF}", "\u{800}", "\u{D7FF}", "\u{E000}", "\u{FFFF}", "\u{10000}", "\u{10FFFF}"] {
            expectAgrees(Array(scalar.utf8), scalar)
        }
    }

    @Test func generatedTextWithDamage() {
        // Chinese text with ASCII, punctuation, four-byte characters and E0/ED forms, then the same with one byte
        // changed, dropped or cut at the end.
        let pieces = ["中", "文", "，", "。", "ab", "1", "\n", "é", "€", "\u{800}", "\u{D7FF}", "\u{E000}", "😀", "\u{10FFFF}",
                      "abcdefgh", "简报第一五一期", "**", " "].map { Array($0.utf8) }
        var rng = LCG(state: 42)
        var sawInvalid = 0
        for _ in 0..<4000 {
            var text: [UInt8] = []
            for _ in 0..<(1 + rng.next(40)) { text += pieces[rng.next(pieces.count)] }
            #expect(UTF8Validation.isValid(text), "\(text)")
            var damaged = text
            switch rng.next(3) {
            case 0: damaged[rng.next(damaged.count)] = UInt8(rng.next(256))
            case 1: damaged.remove(at: rng.next(damaged.count))
            default: damaged.removeLast(1 + rng.next(min(3, damaged.count)))
            }
            if !stdlibAccepts(damaged) { sawInvalid += 1 }
            #expect(UTF8Validation.isValid(damaged) == stdlibAccepts(damaged), "\(damaged)")
        }
        #expect(sawInvalid > 500)
    }

    @Test func decodeUTF8GivesTheBytesOfDecode() {
        let inputs: [[UInt8]] = [
            Array("---\ndate: 2022-08-25\n---\n## 市司法局\n\n正文。\n".utf8),
            [0xEF, 0xBB, 0xBF] + Array("---\n---\n正文\n".utf8),
            Array("---\r\ntitle: 简报\r\n---\r\n正文\r".utf8),
            Array("正文\u{E000}标记".utf8),
            Array("正文".utf8) + [0] + Array("后".utf8),
            Array("正文".utf8) + [0xED, 0xA0, 0x80],
            Array("中文".utf8) + [0xE4, 0xB8],
            [], [0xEF, 0xBB, 0xBF], Array(" \n\t\r\n".utf8),
        ]
        for input in inputs {
            let text = SiteLoader.decode(input, path: "x.md")
            let bytes = SiteLoader.decodeUTF8(input, path: "x.md")
            switch (text, bytes) {
            case (.success(let t), .success(let b)): #expect(Array(t.utf8) == b)
            case (.failure(let d1), .failure(let d2)): #expect(d1.description == d2.description)
            default: Testing.Issue.record("decode and decodeUTF8 disagree on \(input)")
            }
        }
    }
}
