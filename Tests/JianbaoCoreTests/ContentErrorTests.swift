import Foundation
import Testing
@testable import JianbaoCore

/// Every error case of the content contract: exact message, line and column.
@Suite("Content contract errors")
struct ContentErrorTests {
    /// The single error of parsing `text` as an issue.
    func onlyError(_ text: String, path: String = "content/ganzhou/2022/1.md") throws -> Diagnostic {
        let (issue, diags) = try parseIssue(text, path: path)
        let errors = diags.filter { $0.severity == .error }
        #expect(issue == nil)
        #expect(errors.count == 1, "\(errors)")
        return try #require(errors.first)
    }

    @Test func missingOpeningFence() throws {
        let d = try onlyError("issue: 1\ndate: 2022-01-01\n\n## 市司法局x\n")
        #expect(d.description == "content/ganzhou/2022/1.md:1:1: 错误: 文件应以 --- 开头的 front matter（期号、日期等）开始")
    }

    @Test func missingClosingFence() throws {
        let d = try onlyError("---\nissue: 1\ndate: 2022-01-01\n\n## 市司法局x\n")
        #expect(d.description == "content/ganzhou/2022/1.md:1:1: 错误: front matter 没有结束的 ---（第 1 行的 --- 之后需要另一行 ---）")
    }

    @Test func malformedYAML() throws {
        let d = try onlyError("---\nissue: [1\ndate: 2022-01-01\n---\n## 市司法局x\n")
        #expect((d.line, d.column) == (3, 5))
        #expect(d.message.hasPrefix("YAML 格式错误: 缺少 , 或 ]"))
    }

    @Test func unknownKeyWithSuggestion() throws {
        let d = try onlyError("---\nissue: 1\ndate: 2022-01-01\ntitel: 标题\n---\n## 市司法局x\n\n正文\n")
        #expect(d.description == "content/ganzhou/2022/1.md:4:1: 错误: 未知字段 “titel”，是否想写 “title”？")
    }

    @Test func missingIssueNumber() throws {
        let d = try onlyError("---\ndate: 2022-01-01\n---\n## 市司法局x\n\n正文\n")
        #expect(d.description == "content/ganzhou/2022/1.md:2:1: 错误: 缺少必填字段 “issue”（期号，例如 issue: 151）")
    }

    @Test func missingDate() throws {
        let d = try onlyError("---\nissue: 3\n---\n## 市司法局x\n\n正文\n")
        #expect(d.description == "content/ganzhou/2022/1.md:2:1: 错误: 缺少必填字段 “date”（印发日期，例如 date: 2022-08-25）")
    }

    @Test func issueMustBeAPositiveInteger() throws {
        let a = try onlyError("---\nissue: 第一期\ndate: 2022-01-01\n---\n## 市司法局x\n\n正文\n")
        #expect(a.description == "content/ganzhou/2022/1.md:2:8: 错误: “issue” 应当是整数，例如 issue: 151")
        let b = try onlyError("---\nissue: 0\ndate: 2022-01-01\n---\n## 市司法局x\n\n正文\n")
        #expect(b.description == "content/ganzhou/2022/1.md:2:8: 错误: “issue” 应当不小于 1")
    }

    @Test func impossibleDate() throws {
        let d = try onlyError("---\nissue: 1\ndate: 2022-02-30\n---\n## 市司法局x\n\n正文\n")
        #expect(d.description == "content/ganzhou/2022/1.md:3:7: 错误: 日期 “2022-02-30” 不存在")
    }

    @Test func dateInAnotherFormat() throws {
        let a = try onlyError("---\nissue: 1\ndate: 2022/01/05\n---\n## 市司法局x\n\n正文\n")
        #expect(a.description == "content/ganzhou/2022/1.md:3:7: 错误: “date” 应当是日期 YYYY-MM-DD，例如 2022-08-25，而不是 “2022/01/05”")
        let b = try onlyError("---\nissue: 1\ndate: 2022-1-5\n---\n## 市司法局x\n\n正文\n")
        #expect(b.description == "content/ganzhou/2022/1.md:3:7: 错误: 日期 “2022-1-5” 应写成 2022-01-05（YYYY-MM-DD）")
    }

    @Test func dateStaysTheCalendarDateInAnyTimeZone() throws {
        setenv("TZ", "America/Los_Angeles", 1)
        defer { unsetenv("TZ") }
        let (issue, _) = try parseIssue("---\nissue: 1\ndate: 2022-08-25\n---\n## 市司法局x\n\n正文\n")
        #expect(issue?.date.iso == "2022-08-25")
        #expect(issue?.date.chinese == "2022年8月25日")
    }

    @Test func wrongTypes() throws {
        let a = try onlyError("---\nissue: 1\ndate: 2022-01-01\ndraft: 否\n---\n## 市司法局x\n\n正文\n")
        #expect(a.description == "content/ganzhou/2022/1.md:4:8: 错误: “draft” 应当是 true 或 false，而不是 “否”")
        let b = try onlyError("---\nissue: 1\ndate: 2022-01-01\ntags: {a: 1}\n---\n## 市司法局x\n\n正文\n")
        #expect(b.description == "content/ganzhou/2022/1.md:4:7: 错误: “tags” 应当是列表，例如 tags: [甲, 乙]")
        let c = try onlyError("---\nissue: 1\ndate: 2022-01-01\ntitle: [a, b]\n---\n## 市司法局x\n\n正文\n")
        #expect(c.description == "content/ganzhou/2022/1.md:4:8: 错误: “title” 应当是文字")
    }

    @Test func yamlAliasesAreRefused() throws {
        let d = try onlyError("---\nissue: 1\ndate: 2022-01-01\nreport_to: &a [甲]\nsend_to: *a\n---\n## 市司法局x\n\n正文\n")
        #expect(d.description == "content/ganzhou/2022/1.md:4:12: 错误: 不支持 YAML 锚点和别名（& 与 *），请直接写出内容")
    }

    @Test func billionLaughsIsRefusedQuickly() throws {
        var yaml = "---\nissue: 1\ndate: 2022-01-01\n"
        yaml += "report_to: &a0 [\"哈\",\"哈\",\"哈\",\"哈\",\"哈\",\"哈\",\"哈\",\"哈\",\"哈\"]\n"
        for i in 1...9 { yaml += "send_to\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ",") + "]\n" }
        yaml += "---\n## 市司法局x\n"
        let (issue, diags) = try parseIssue(yaml)
        #expect(issue == nil)
        #expect(diags.contains { $0.message.contains("不支持 YAML 锚点和别名") })
    }

    @Test func frontMatterOver64KiBIsRefused() throws {
        let big = "---\nissue: 1\ndate: 2022-01-01\n" + String(repeating: "# 注释注释注释注释注释注释注释注释\n", count: 3000) + "---\n## 市司法局x\n"
        let d = try onlyError(big)
        #expect(d.description == "content/ganzhou/2022/1.md:1:1: 错误: front matter 超过 64 KiB，已拒绝")
    }

    @Test func unknownSeries() throws {
        let d = try onlyError("---\nseries: gangzhou\nissue: 1\ndate: 2022-01-01\n---\n## 市司法局x\n\n正文\n")
        #expect(d.description == "content/ganzhou/2022/1.md:2:9: 错误: 未知的简报系列 “gangzhou”，是否想写 “ganzhou”？")
    }

    @Test func unknownSeriesFromFolder() throws {
        let d = try onlyError("---\nissue: 1\ndate: 2022-01-01\n---\n## 市司法局x\n\n正文\n", path: "content/nanchang/2022/1.md")
        #expect(d.description == "content/nanchang/2022/1.md:1:1: 错误: 未知的简报系列 “nanchang”（site.yml 中定义的系列: ganzhou, zhenjiang）")
    }

    @Test func unnumberedSeriesNeedsSlugAndNoNumber() throws {
        let a = try onlyError("---\ndate: 2017-01-01\n---\n## 市司法局x\n\n正文\n", path: "content/zhenjiang/2017/Notice One.md")
        #expect(a.description == "content/zhenjiang/2017/Notice One.md:2:1: 错误: 系列 “zhenjiang” 不编期号（numbering: none），需要 slug，例如 slug: notice-one")
        let b = try onlyError("---\nissue: 4\nslug: x\ndate: 2017-01-01\n---\n## 市司法局x\n\n正文\n", path: "content/zhenjiang/2017/x.md")
        #expect(b.description == "content/zhenjiang/2017/x.md:2:8: 错误: 系列 “zhenjiang” 不编期号（numbering: none），请删除 issue 并用 slug 命名")
    }

    @Test func unresolvableDepartmentListsClosestNames() throws {
        let d = try onlyError("---\nissue: 1\ndate: 2022-01-01\n---\n\n## 某某单位的经验做法\n\n正文\n")
        #expect(d.file == "content/ganzhou/2022/1.md")
        #expect((d.line, d.column) == (6, 4))
        #expect(d.message == "无法确定文章 “某某单位的经验做法” 的部门: 标题和副标题都不以部门名开头，请在标题末尾加 {department=部门名}；最接近的部门: 市公安局、市公安局西湖分局、市司法局")
    }

    @Test func departmentMissingFromRegistryShowsYAML() throws {
        let d = try onlyError("---\nissue: 1\ndate: 2022-01-01\n---\n## 财政工作报道 {department=市财政局}\n\n正文\n")
        #expect(d.description == "content/ganzhou/2022/1.md:5:11: 错误: 部门 “市财政局” 不在 site.yml 的部门名录中，请添加:\n  - name: 市财政局\n    slug: shi-cai-zheng-ju")
    }

    @Test func departmentOfAnotherSeries() throws {
        let d = try onlyError("---\nslug: x\ndate: 2017-01-01\n---\n## 通报 {department=市公安局}\n\n正文\n", path: "content/zhenjiang/2017/x.md")
        #expect(d.description == "content/zhenjiang/2017/x.md:5:7: 错误: 部门 “市公安局” 只用于系列 ganzhou，不适用于 “zhenjiang”")
    }

    @Test func unknownHeadingAttribute() throws {
        let d = try onlyError("---\nissue: 1\ndate: 2022-01-01\n---\n## 市司法局经验 {dept=市司法局}\n\n正文\n")
        #expect(d.description == "content/ganzhou/2022/1.md:5:11: 错误: 未知的标题属性 “dept”，是否想写 “department”？")
    }

    @Test func duplicateAnchor() throws {
        let d = try onlyError("---\nissue: 1\ndate: 2022-01-01\n---\n## 市司法局甲 {#x}\n\n正文\n\n## 市司法局乙 {#x}\n\n正文\n")
        #expect(d.description == "content/ganzhou/2022/1.md:9:10: 错误: 锚点 “#x” 在本期中重复")
    }

    @Test func allErrorsOfAFileAreCollected() throws {
        let (_, diags) = try parseIssue("---\nissue: 1\ndate: 2022-02-30\ntitel: x\ndraft: maybe\n---\n## 无名文章\n\n正文\n")
        let lines = diags.filter { $0.severity == .error }.map(\.line).sorted()
        #expect(lines == [3, 4, 5, 7])
    }

    @Test func duplicateIssueNumbersAcrossFiles() throws {
        let site = try TestSite()
        try site.write("content/ganzhou/2022/151-b.md", "---\nseries: ganzhou\n\nissue: 151\ndate: 2022-08-26\n---\n## 市司法局再报\n\n正文\n")
        let diags = site.failure()
        #expect(diags.map(\.description) == ["content/ganzhou/2022/151.md:2:8: 错误: 期号 151 与 content/ganzhou/2022/151-b.md 重复"])
    }

    @Test func yearlyNumberingAllowsTheSameNumberInAnotherYear() throws {
        let site = try TestSite()
        let yml = try String(contentsOf: site.root.appendingPathComponent("site.yml"), encoding: .utf8)
        try site.write("site.yml", yml.replacingOccurrences(of: "numbering: continuous", with: "numbering: yearly"))
        try site.write("content/ganzhou/2023/151.md", "---\nissue: 151\ndate: 2023-01-05\n---\n## 市司法局新年\n\n正文\n")
        #expect(site.failure().isEmpty)
        try site.write("content/ganzhou/2023/151-b.md", "---\nissue: 151\ndate: 2023-02-05\n---\n## 市司法局新年\n\n正文\n")
        #expect(site.failure().map(\.description) == ["content/ganzhou/2023/151.md:2:8: 错误: 期号 151 与 content/ganzhou/2023/151-b.md 重复（同在 2023 年）"])
    }

    @Test func errorsFromManyFilesAreReportedTogether() throws {
        let site = try TestSite()
        try site.write("content/ganzhou/2022/160.md", "---\nissue: 160\ndate: 2022-13-01\n---\n## 市司法局x\n\n正文\n")
        try site.write("content/ganzhou/2022/161.md", "---\nissue: 161\ndate: 2022-01-01\nfoo: 1\n---\n## 市司法局x\n\n正文\n")
        try site.write("templates/home.mustache", "{{#broken}}\n")
        let diags = site.failure().map(\.description)
        #expect(diags.contains("content/ganzhou/2022/160.md:3:7: 错误: 日期 “2022-13-01” 不存在"))
        #expect(diags.contains("content/ganzhou/2022/161.md:4:1: 错误: 未知字段 “foo”，可用字段: series, issue, date, title, publisher, signer, editor_note, tags, report_to, send_to, contact, slug, draft"))
        #expect(diags.contains { $0.hasPrefix("templates/home.mustache:") && $0.contains("模板语法错误") })
    }
}

@Suite("site.yml errors")
struct SiteConfigErrorTests {
    func errors(_ yml: String) -> [String] {
        SiteConfigParser.parse(yml).1.filter { $0.severity == .error }.map(\.description)
    }

    @Test func requiredKeys() {
        #expect(errors("description: x\n").sorted() == [
            "site.yml:1:1: 错误: site.yml 缺少必填字段 “base_url”，例如 base_url: https://example.gov.cn/jianbao/",
            "site.yml:1:1: 错误: site.yml 缺少必填字段 “title”",
            "site.yml:1:1: 错误: site.yml 至少需要一个简报系列（series）",
        ].sorted())
    }

    @Test func badSeriesKeyAndNumbering() {
        let e = errors("title: t\nbase_url: https://x.gov.cn/\nseries:\n  - key: GanZhou\n    title: 赣州\n    numbering: monthly\n")
        #expect(e.contains("site.yml:4:10: 错误: 系列 key “GanZhou” 只能包含小写字母、数字和连字符 [a-z0-9-]"))
        #expect(e.contains("site.yml:6:16: 错误: numbering 应当是 continuous、yearly 或 none，而不是 “monthly”"))
    }

    @Test func unknownTopLevelKey() {
        let e = errors("title: t\nbase_url: https://x.gov.cn/\nseries:\n  - {key: a, title: 甲}\nfooter:\n  icp: x\nfotoer: 1\n")
        #expect(e == ["site.yml:7:1: 错误: 未知字段 “fotoer”，是否想写 “footer”？"])
    }

    @Test func baseURLMustBeAbsolute() {
        let e = errors("title: t\nbase_url: /jianbao/\nseries:\n  - {key: a, title: 甲}\n")
        #expect(e == ["site.yml:2:11: 错误: base_url 应当是以 http:// 或 https:// 开头的完整网址"])
    }

    @Test func departmentSeriesMustExist() {
        let e = errors("title: t\nbase_url: https://x.gov.cn/\nseries:\n  - {key: a, title: 甲}\ndepartments:\n  - name: 市公安局\n    series: [b]\n")
        #expect(e == ["site.yml:6:5: 错误: 部门 “市公安局” 的 series 中的 “b” 不是已定义的系列（可用: a）"])
    }
}
