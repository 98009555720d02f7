import Testing
@testable import JianbaoCore

/// An article's bytes are kept for the whole build: they must not carry a scratch buffer's spare capacity.
@Suite("Article byte storage")
struct ArticleStorageTests {
    @Test func exactCopyHasItsOwnSmallStorage() {
        var scratch: [UInt8] = []
        scratch.reserveCapacity(1 << 16)
        scratch.append(contentsOf: Array("<p>一是</p>\n".utf8))
        let copy = scratch.exactCopy()
        #expect(copy == scratch)
        #expect(copy.capacity < 256)
        // The scratch buffer keeps its own storage.
        scratch.removeAll(keepingCapacity: true)
        #expect(copy == Array("<p>一是</p>\n".utf8))
    }

    @Test func articlesAfterALongOneDoNotKeepItsCapacity() {
        let long = String(repeating: "很长的一段文字，用来让缓冲区变大。", count: 2_000)
        let md = "## 甲\n\n\(long)\n\n## 乙\n\n短。\n\n## 丙\n\n也短。\n"
        let result = MarkdownProcessor(file: "t.md", firstLine: 1).process(md)
        #expect(result.articles.count == 3)
        #expect(result.articles[0].bodyHTMLBytes.count > 100_000)
        for a in result.articles {
            #expect(a.bodyHTMLBytes.capacity < a.bodyHTMLBytes.count + 64, "\(a.title): \(a.bodyHTMLBytes.capacity) for \(a.bodyHTMLBytes.count)")
            #expect(a.textBytes.capacity < a.textBytes.count + 64, "\(a.title): text \(a.textBytes.capacity) for \(a.textBytes.count)")
        }
        #expect(result.articles[1].bodyHTML == "<p>短。</p>\n")
    }
}
