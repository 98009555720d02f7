import Foundation
import Testing
import JianbaoCore
@testable import JianbaoImport

@Suite("导入: 部门与输出")
struct OutputTests {
    static let header = "南昌市“五型”政府建设领导小组办公室简报(第2期)\n发布日期: 2022-02-10\n\n"

    @Test func departmentFromHeadingNeedsNoAttribute() throws {
        let c = ImportFixtures.convert(Self.header + "市公安局联建联动 联勤联防\n\n南昌市公安局全力推进平安校园建设。\n")
        let md = try #require(c.markdown)
        #expect(md.contains("\n## 市公安局联建联动 联勤联防\n"))
        #expect(c.departments == ["南昌市公安局"])
    }

    @Test func departmentFromFirstSentenceBecomesAnAttribute() throws {
        let c = ImportFixtures.convert(Self.header + "联建联动构建平安校园\n\n近年来，青云谱区坚持探索以“小网格”拉动“大治理”。南昌县也有类似做法。\n")
        let md = try #require(c.markdown)
        #expect(md.contains("\n## 联建联动构建平安校园 {department=青云谱区}\n"))
        #expect(c.departments == ["青云谱区"])
        #expect(c.diagnostics.positions.contains("4:1: 标题不以部门名开头，按正文首句推定部门为 “青云谱区”，已加 {department=青云谱区}（请核对）"))
    }

    @Test func unresolvedDepartmentIsATodoWarning() throws {
        let c = ImportFixtures.convert(Self.header + "联建联动构建平安校园\n\n近年来，各地坚持探索以“小网格”拉动“大治理”。\n")
        _ = try #require(c.markdown)
        #expect(c.departments == [nil])
        #expect(c.diagnostics.positions.contains("4:1: TODO: 无法确定文章 “联建联动构建平安校园” 的部门（标题和正文首句都没有 site.yml 名录中的部门）；请在标题末尾加 {department=部门名}，否则构建会报错"))
        #expect(c.diagnostics.contains { $0.message.hasPrefix("生成的文件构建时会报错") })
    }

    @Test func frontMatterIsQuotedWhereNeeded() throws {
        let c = ImportFixtures.convert("""
        赣州市“五型”政府建设工作简报
        第 152期
        2022年9月1日

        市司法局: 新举措 #1

        市司法局在巩固落实安置帮教机制的基础上，推动工作创新发展。

        瑞金市打好攻坚战

        近年来，瑞金市认真贯彻落实决策部署。

        市“五型”政府建设领导小组办公室编
        电话：8992059
        """)
        let md = try #require(c.markdown)
        #expect(md.hasPrefix("""
        ---
        series: ganzhou
        issue: 152
        date: 2022-09-01
        title: "市司法局: 新举措 #1等"
        publisher: 赣州市“五型”政府建设领导小组办公室
        contact: {phone: "8992059"}
        ---
        """))
        let (issue, diags) = IssueParser(config: ImportFixtures.config).parse(path: "content/" + c.relativePath!, text: md)
        #expect(diags.filter { $0.severity == .error }.isEmpty)
        #expect(issue?.title == "市司法局: 新举措 #1等")
        #expect(issue?.contactPhone == "8992059")
    }

    @Test func yamlScalars() {
        #expect(YAMLText.scalar("赣州市“五型”政府") == "赣州市“五型”政府")
        #expect(YAMLText.scalar("8992059") == "\"8992059\"")
        #expect(YAMLText.scalar("yes") == "\"yes\"")
        #expect(YAMLText.scalar("%") == "\"%\"")
        #expect(YAMLText.scalar("a, b", flow: true) == "\"a, b\"")
        #expect(YAMLText.scalar("说 \"好\": 是") == "\"说 \\\"好\\\": 是\"")
    }

    @Test func paragraphsThatLookLikeMarkdownAreEscaped() {
        #expect(MarkdownWriter.escapeParagraph("# 不是标题") == "\\# 不是标题")
        #expect(MarkdownWriter.escapeParagraph("1. 不是列表") == "1\\. 不是列表")
        #expect(MarkdownWriter.escapeParagraph("1.开展帮教前置工作。") == "1.开展帮教前置工作。")
        #expect(MarkdownWriter.escapeParagraph("使用<script>标签") == "使用\\<script>标签")
    }

    @Test func metricSuggestions() {
        let items = MetricSuggester.suggest([
            "2021年以来，全市共接送省内刑满释放人员 6081名，接送率 100%。排名第 7名。",
            "兑现金额2377.35万元；2022年 1-5月份电诈发案数同比下降63.01%。共识别认定低保边缘家庭 1157户 2811人。",
        ])
        #expect(items == [
            .init(label: "接送省内刑满释放人员", value: "6081", unit: "名"),
            .init(label: "接送率", value: "100", unit: "%"),
            .init(label: "兑现金额", value: "2377.35", unit: "万元"),
            .init(label: "电诈发案数同比下降", value: "63.01", unit: "%"),
            .init(label: "识别认定低保边缘家庭", value: "1157", unit: "户"),
            .init(label: "识别认定低保边缘家庭", value: "2811", unit: "人"),
        ])
    }

    @Test func suggestedMetricsAreACommentThatParsesOnceUncommented() throws {
        let c = ImportFixtures.convert(Self.header + "南昌县持续深化平安建设\n\n2021年，南昌县公众安全感指数提升至99.12%，新增建成6000个“昌南智慧云眼”。\n", metrics: true)
        let md = try #require(c.markdown)
        let start = try #require(md.range(of: "<!-- 建议的图表数据"))
        let block = String(md[start.lowerBound...])
        #expect(block.hasSuffix("```\n-->\n"))
        // One block per unit (a bar chart has one unit); each parses once uncommented.
        let yamls = block.components(separatedBy: "```metrics\n").dropFirst().map { $0.components(separatedBy: "```\n")[0] }
        #expect(yamls.count == 2)
        var labels: [String] = []
        for yaml in yamls {
            let (metric, diags) = MetricBlockParser.parse(yaml, file: "x.md", blockLine: 1)
            #expect(diags.isEmpty)
            labels += metric?.items.map { "\($0.label) \($0.value) \($0.unit)" } ?? []
        }
        #expect(labels == ["南昌县公众安全感指数提升至 99.12 %", "新增建成 6000.0 个"])
        // Commented out, it builds and draws nothing.
        let (issue, errors) = IssueParser(config: ImportFixtures.config).parse(path: "content/" + c.relativePath!, text: md)
        #expect(errors.filter { $0.severity == .error }.isEmpty)
        #expect(issue?.articles.first?.metrics.isEmpty == true)
        #expect(issue?.articles.first?.text.contains("metrics") == false)
    }
}
