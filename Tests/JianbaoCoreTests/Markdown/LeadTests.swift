import Testing
@testable import JianbaoCore

/// What comes before an issue's first article (its lead): every block, through column headings, in order.
@Suite("Lead")
struct LeadTests {
    @Test func blocksBeforeTheFirstArticleAreTheLeadAndStayOutOfArticles() {
        let body = """
        导语第一段。

        # 典型经验

        导语第二段。

        ```metrics
        chart: bar
        title: 导语图表
        items:
          - {label: 甲, value: 1}
          - {label: 乙, value: 2}
        ```

        ## 文章一

        正文一。
        """
        let result = MarkdownProcessor(file: "x.md", firstLine: 1).process(body)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let lead = result.leadHTML
        #expect(lead.hasPrefix("<p>导语第一段。</p>\n<p>导语第二段。</p>\n<figure class=\"chart chart-bar\" id=\"lead-c1\">"))
        #expect(!lead.contains("典型经验"))
        #expect(!lead.contains("正文一"))
        #expect(result.articles.count == 1)
        #expect(result.articles[0].bodyHTML == "<p>正文一。</p>\n")
        #expect(result.articles[0].text == "正文一。")
        #expect(result.articles[0].metrics.isEmpty)
        #expect(result.articles[0].column == "典型经验")
    }
}
