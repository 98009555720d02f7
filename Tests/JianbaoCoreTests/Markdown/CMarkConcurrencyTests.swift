import Foundation
import Testing
@testable import JianbaoCore

/// cmark-gfm 0.29 keeps the extensions' trigger characters in a global table that each parser used to set and
/// clear around its inline pass; documents parsed at once on other threads then lost `~~` or autolinks.
@Suite("cmark-gfm on many threads")
struct CMarkConcurrencyTests {
    static let documents: [String] = (0..<64).map { i in
        """
        第\(i)段：~~删除线\(i)~~ 与 **加粗**，见 https://www.gov.cn/\(i) 或 www.jxgz.gov.cn 查询。

        | 指标 | 数值 |
        | --- | --- |
        | ~~旧~~ | \(i) |
        """
    }

    @Test func documentsParsedInParallelRenderAsWhenParsedAlone() {
        func render(_ md: String) -> String { let doc = CMarkDocument(markdown: md); return doc.renderHTML(doc.root) }
        let expected = Self.documents.map(render)
        // Sanity: the extensions are on.
        #expect(expected[0].contains("<del>删除线0</del>"))
        #expect(expected[0].contains("<a href=\"https://www.gov.cn/0\">"))
        #expect(expected[0].contains("<a href=\"http://www.jxgz.gov.cn\">"))
        #expect(expected[0].contains("<table>"))
        let rounds = 40
        var results = [String](repeating: "", count: Self.documents.count * rounds)
        results.withUnsafeMutableBufferPointer { out in
            DispatchQueue.concurrentPerform(iterations: out.count) { k in
                out[k] = render(Self.documents[k % Self.documents.count])
            }
        }
        let wrong = results.indices.filter { results[$0] != expected[$0 % Self.documents.count] }
        #expect(wrong.isEmpty, "\(wrong.count) of \(results.count) differ, e.g. \(wrong.first.map { results[$0] } ?? "")")
    }
}
