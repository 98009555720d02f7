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
            }
            #expect(e.isCharacter == SearchTokenizer.isCharacterToken(e.token))
        }
        // The document lengths count what the tokenizer gives.
        let first = SearchTokenizer.indexTokens(docs[0].title + "\n" + docs[0].department + "\n" + docs[0].text)
        #expect(Int(postings.charLength[0]) == first.filter(SearchTokenizer.isCharacterToken).count)
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
