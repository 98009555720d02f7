import Foundation
import Testing
@testable import JianbaoCore

@Suite("Search postings")
struct SearchPostingsTests {
    /// Deterministic documents from a small vocabulary, with a number of their own (hundreds of words in a range)
    /// and now and then a character hundreds of times (counts of more than one LEB128 byte, weights past the table).
    func documents(_ count: Int) -> [SearchIndexWriter.Document] {
        let words = ["安置帮教", "反诈", "宣传", "一网通办", "市司法局", "2022", "ABC", "６０８１", "工作", "的", "。", "Ｗｏｒｌｄ"]
        var seed: UInt64 = 42
        func next() -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) }
        return (0..<count).map { i in
            var text = (0..<(5 + next() % 40)).map { _ in words[next() % words.count] }.joined(separator: next() % 3 == 0 ? " " : "")
            text += " \(i * 7) " + (i % 50 == 3 ? String(repeating: "的", count: 300 + i) : "")
            return SearchIndexWriter.Document(title: words[i % words.count] + "标题", url: "/a/\(i)/", series: 0, label: "第\(i)期",
                                              date: "2022-01-01", year: 2022, department: i % 2 == 0 ? "市司法局" : "市公安局",
                                              text: text, extra: "")
        }
    }

    /// The reference: every token's (document, tf, inTitle, inDepartment), counted with dictionaries.
    func reference(_ docs: [SearchIndexWriter.Document]) -> [String: [(Int, Int, Bool, Bool)]] {
        var out: [String: [(Int, Int, Bool, Bool)]] = [:]
        for (id, d) in docs.enumerated() {
            var counts: [String: (Int, Bool, Bool)] = [:]
            for (text, title, dept) in [(d.title, true, false), (d.department, false, true), (d.extra, false, false), (d.text, false, false)] {
                for t in SearchTokenizer.indexTokens(text) {
                    var c = counts[t] ?? (0, false, false)
                    c.0 += 1; c.1 = c.1 || title; c.2 = c.2 || dept
                    counts[t] = c
                }
            }
            for (t, c) in counts { out[t, default: []].append((id, c.0, c.1, c.2)) }
        }
        return out
    }

    @Test func postingsMatchADictionaryCountAcrossRanges() throws {
        let docs = documents(549)
        let postings = SearchPostings(docs, rangeCount: 7)
        let lengths = zip(postings.charLength, postings.termLength)
        let entries = postings.finish()
        let expected = reference(docs)
        #expect(entries.count == expected.count)
        #expect(Set(entries.map(\.token)) == Set(expected.keys))
        let avgChars = Double(postings.charLength.reduce(0) { $0 + Int($1) }) / Double(docs.count)
        let avgTerms = Double(postings.termLength.reduce(0) { $0 + Int($1) }) / Double(docs.count)
        let lengthList = Array(lengths)
        // The writer's paths besides the common one (a gap or weight of more than one digit) are taken.
        var longGaps = 0, longWeights = 0
        for e in entries {
            let list = try #require(SearchNumbers.decode(String(decoding: e.bytes, as: UTF8.self)))
            let want = try #require(expected[e.token])
            #expect(list.count == want.count * 2, "\(e.token)")
            var id = 0
            for (k, w) in want.enumerated() where 2 * k + 1 < list.count {
                id += list[2 * k]
                #expect(id == w.0, "\(e.token)")
                let length = e.isCharacter ? Int(lengthList[w.0].0) : Int(lengthList[w.0].1)
                let norm = SearchIndexWriter.lengthNorm(length, average: max(1, e.isCharacter ? avgChars : avgTerms))
                let weight = SearchIndexWriter.weight(tf: w.1, inTitle: w.2, inDepartment: w.3, norm: norm)
                #expect(list[2 * k + 1] == weight, "\(e.token)")
                if list[2 * k] >= 32 { longGaps += 1 }
                if weight >= 32 && w.1 <= 4 { longWeights += 1 }
            }
            #expect(e.isCharacter == SearchTokenizer.isCharacterToken(e.token))
        }
        #expect(longGaps > 0 && longWeights > 0)
        // The document lengths count what the tokenizer gives.
        let first = SearchTokenizer.indexTokens(docs[0].title + "\n" + docs[0].department + "\n" + docs[0].text)
        #expect(Int(postings.charLength[0]) == first.filter(SearchTokenizer.isCharacterToken).count)
    }

    /// Runs broken by punctuation: the run loop reads over plain separators followed by a known character, and
    /// stops at the others (a separator before a new character, kana and 々, a full-width dot, a removed
    /// scalar, a letter); postings and lengths match the tokenizer's.
    @Test func runsAcrossSeparatorsMatchTheTokenizer() throws {
        let pieces = ["安置", "帮教", "。", "，", "、", "“", "”", "（", "）", "：", "々", "ー", "．", "\u{200B}", "\u{0301}", "a",
                      "2", "·", "——", "\n", "㐀", "工作", "的"]
        var seed: UInt64 = 7
        func next() -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) }
        let docs = (0..<300).map { i in
            let text = (0..<(3 + next() % 60)).map { _ in pieces[next() % pieces.count] }.joined()
                + (i % 37 == 0 ? "。新\(String(Character(Unicode.Scalar(0x5000 + i)!)))字，" : "")
            return SearchIndexWriter.Document(title: "标题。" + pieces[i % pieces.count] + "工作", url: "/a/\(i)/", series: 0,
                                              label: "", date: "2022-01-01", year: 2022, department: "市，司法局",
                                              text: text, extra: "")
        }
        #expect(SearchIndexScanner.isPlainSeparator(0x3002) && SearchIndexScanner.isPlainSeparator(0xFF0C))
        #expect(!SearchIndexScanner.isPlainSeparator(0x3005) && !SearchIndexScanner.isPlainSeparator(0x4E00))
        let postings = SearchPostings(docs, rangeCount: 3)
        let entries = postings.finish()
        let expected = reference(docs)
        #expect(Set(entries.map(\.token)) == Set(expected.keys))
        for e in entries {
            let list = try #require(SearchNumbers.decode(String(decoding: e.bytes, as: UTF8.self)))
            let want = try #require(expected[e.token])
            var id = 0
            #expect(list.count == want.count * 2, "\(e.token)")
            for (k, w) in want.enumerated() where 2 * k + 1 < list.count {
                id += list[2 * k]
                #expect(id == w.0, "\(e.token)")
            }
        }
        for (k, d) in docs.enumerated() {
            let tokens = [d.title, d.department, d.text].flatMap(SearchTokenizer.indexTokens)
            let characters = tokens.filter(SearchTokenizer.isCharacterToken).count
            #expect(Int(postings.charLength[k]) == characters)
            #expect(Int(postings.termLength[k]) == tokens.count - characters)
        }
    }

    /// Words (here numbers, which FNV-1a mixes least) each get an id of their own, found again, through the table's growth.
    @Test func wordTableFindsEveryWordAgain() {
        var table = SearchPostings.WordTable()
        defer { table.deallocate() }
        let words = (0..<5000).map { String($0 * 7) } + ["a", "ab", "abc", "é", "2377.35"]
        func id(_ word: String, _ make: (Int) -> Int32) -> Int32 {
            var w = word
            return w.withUTF8 { table.id(of: $0, orInsert: make) }
        }
        for (k, word) in words.enumerated() { #expect(id(word) { Int32($0) } == Int32(k)) }
        #expect(table.count == words.count)
        for (k, word) in words.enumerated().reversed() {
            #expect(id(word) { _ in -2 } == Int32(k))
            #expect(table.word(k) == word)
        }
        #expect(table.count == words.count)
    }

    /// The weights table holds each common weight's one digit, and 0 for a weight of more digits.
    @Test func weightDigitsAreTheOneDigitWeights() {
        let norms = [0.3, 1.0, 1.2, 2.5, 40.0]
        let weights = SearchPostings.Weights(norms: norms)
        var zeros = 0
        for (doc, norm) in norms.enumerated() {
            for flags in 0..<4 { #expect(weights.digits[doc << 5 | flags] == 0) } // no posting has tf 0
            for tf in 1...SearchPostings.Weights.tableTF {
                for flags in 0..<4 {
                    let w = SearchIndexWriter.weight(tf: tf, inTitle: flags & 2 != 0, inDepartment: flags & 1 != 0, norm: norm)
                    let digit = weights.digits[doc << 5 | tf << 2 | flags]
                    if w < 32 { #expect(digit == SearchNumbers.alphabet[w]) } else { #expect(digit == 0); zeros += 1 }
                }
            }
        }
        #expect(zeros > 0)
        #expect(weights.digits.count == norms.count * 32)
    }

    /// Weights round halves away from zero, as `Double.rounded()`, at and around each half.
    @Test func roundedPositiveRoundsAsRounded() {
        var values: [Double] = [0, 0.25, 0.5, 1.5, 2.5, 0.49999999999999994, 4503599627370495.5, 1e15 + 0.5]
        for k in 0..<2000 {
            let half = Double(k) + 0.5
            values += [half, half.nextUp, half.nextDown, Double(k), Double(k).nextUp, Double(k) * 0.37]
        }
        for x in values where x >= 0 { #expect(SearchIndexWriter.roundedPositive(x) == Int(x.rounded()), "\(x)") }
    }

    @Test func documentJSONIsWrittenDirectlyWithTheSameBytes() {
        let doc = SearchIndexWriter.Document(title: "</script>\"标题\"\u{2028}", url: "/a/?b=1&c=2", series: 3, label: "第1期",
                                             date: "2022-08-25", year: 2022, department: "市\\司法局",
                                             text: "第一行\n第二行\t<b>\u{7F}\u{2029}—", extra: "")
        #expect(doc.jsonBytes == doc.json.bytes)
        #expect(String(decoding: doc.jsonBytes, as: UTF8.self).contains("\\u003c/script\\u003e"))
    }
}

extension SearchIndexWriter.Document {
    /// The reference encoding: the document through the general `SearchJSON` writer.
    var json: SearchJSON {
        .object(["title": .string(title), "url": .string(url), "series": .int(series), "label": .string(label),
                 "date": .string(date), "department": .string(department), "text": .string(text)])
    }
}

extension SearchIndexWriter.Document {
    /// A document with its text given as a String.
    init(title: String, url: String, series: Int, label: String, date: String, year: Int, department: String, text: String,
         extra: String) {
        self.init(title: title, url: url, series: series, label: label, date: date, year: year, department: department,
                  textUTF8: Array(text.utf8), extra: extra)
    }

    /// The text as a String.
    var text: String { String(decoding: textUTF8, as: UTF8.self) }
}

@Suite("Search document chunks")
struct SearchDocumentChunkTests {
    /// The reference: each document encoded on its own, the chunk size from their average size without escapes, chunks
    /// concatenated.
    func reference(_ docs: [SearchIndexWriter.Document], _ options: SearchIndexWriter.Options) -> (Int, [String: [UInt8]]) {
        let encoded = docs.map(\.jsonBytes)
        // A document's size before escaping: that of the same document with its text's bytes replaced by as many `a`s.
        let unescaped = docs.map { doc in
            var plain = doc
            plain.textUTF8 = [UInt8](repeating: UInt8(ascii: "a"), count: doc.textUTF8.count)
            return plain.jsonBytes.count
        }
        let avgDoc = max(1, unescaped.reduce(0, +) / max(1, docs.count))
        let chunk = min(64, max(1, options.chunkBytes / avgDoc))
        var files: [String: [UInt8]] = [:]
        for (c, start) in stride(from: 0, to: docs.count, by: chunk).enumerated() {
            let parts = encoded[start..<min(docs.count, start + chunk)]
            files["search/docs/\(c).json"] = Array("[".utf8) + Array(parts.joined(separator: Array(",".utf8))) + Array("]".utf8)
        }
        return (chunk, files)
    }

    func written(_ docs: [SearchIndexWriter.Document], _ options: SearchIndexWriter.Options) -> (Int, [String: [UInt8]]) {
        let sink = MemorySink()
        let chunk = SearchIndexWriter.writeDocuments(docs, options: options) { path, bytes in try? sink.write(path, bytes: bytes) }
        return (chunk, sink.files.mapValues { Array($0) })
    }

    func documents(_ count: Int, text: (Int) -> String) -> [SearchIndexWriter.Document] {
        (0..<count).map { i in
            SearchIndexWriter.Document(title: "标题\(i)", url: "/a/\(i)/#s", series: i % 3 - 1, label: "第\(i)期", date: "2022-08-25",
                                       year: 2022, department: "市司法局", text: text(i), extra: "")
        }
    }

    @Test func unescapedCountIsTheSizeWithoutEscapes() {
        for doc in documents(5, text: { String(repeating: "安置帮教 ", count: $0) }) {
            #expect(doc.unescapedJSONCount == doc.jsonBytes.count)
        }
    }

    /// Few escapes: the documents are written straight into their chunks.
    @Test func chunksWithoutEscapesMatchTheReference() {
        let options = SearchIndexWriter.Options(chunkBytes: 2048)
        let docs = documents(101, text: { String(repeating: "安置帮教工作", count: 10 + $0 % 30) + "\"引号\"" })
        let (chunk, files) = written(docs, options)
        let (want, wantFiles) = reference(docs, options)
        #expect(chunk == want)
        #expect(files == wantFiles)
    }

    /// Many escapes: the chunk size still follows from the sizes before escaping (so that each chunk can be written as
    /// soon as it is encoded), not from the larger escaped ones.
    @Test func chunksWithManyEscapesMatchTheReference() {
        let options = SearchIndexWriter.Options(chunkBytes: 8192)
        let docs = documents(77, text: { String(repeating: "<&>\"\\\n", count: 30 + $0) })
        let escaped = SearchIndexWriter.chunkSize(total: docs.reduce(0) { $0 + $1.jsonBytes.count }, count: docs.count, options)
        let (chunk, files) = written(docs, options)
        let (want, wantFiles) = reference(docs, options)
        #expect(escaped != want)
        #expect(chunk == want)
        #expect(files == wantFiles)
        #expect(written([], options).1.isEmpty)
    }
}
