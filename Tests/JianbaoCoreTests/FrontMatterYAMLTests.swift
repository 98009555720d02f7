import Foundation
import Testing
@testable import JianbaoCore

/// The front matter fast path (`FrontMatterYAML`) either refuses a text or builds exactly the tree Yams builds,
/// so issues and diagnostics are the same on both roads.
@Suite("Front matter fast path agrees with Yams")
struct FrontMatterYAMLTests {
    /// Front matters of the usual shape: the fast path must take them.
    static let usual = [
        "issue: 110\ndate: 2019-03-03\ntags: [安置帮教, 反诈]",
        "issue: 16\ndate: 2019-05-13\ntags: [生态保护, 数字政府]\n",
        "series: ganzhou\nissue: 151\ndate: 2022-08-25\ntitle: 市司法局“三举措” 推动安置帮教工作创新发展等\npublisher: 赣州市“五型”政府建设领导小组办公室\nsigner: 涂俊炜\ntags: [安置帮教, 反诈]\nreport_to: [市“五型”政府建设领导小组组长]\nsend_to: [各县（市、区）政府]\ncontact: {phone: \"8992059\", email: gzswxzfb@163.com}",
        "title: \"市司法局“三举措” 推动\"\nissue: 1\ndate: 2022-01-17",
        "title: '单引号 标题'\nissue: 2\ndate: 2022-01-17",
        "issue: 151 # 期号\ndate: 2022-08-25     # 日期\ntags: [a] # 主题",
        "# 注释\nissue: 1\n\ndate: 2022-01-01\n  # 缩进的注释\n\n",
        "issue:  151\ndate:   2022-08-25\ntags:   [ 甲 ,乙,  丙  ]",
        "series: zhenjiang\nslug: anzhi-bangjiao-2017\ndate: 2017-04-06\ntitle: 关于印发《2017年度全市安置帮教工作要点》的通知",
        "issue: 1\ndate: 2022-01-01\ntags: [安置帮教, 😀, e\u{301}x, \"引号\", 'x y', 反诈]\nsigner: 张三",
        "issue: 1\ndate: 2022-01-01\ntitle: http://x.gov.cn/a?b=c\nsigner: a:b",
        "issue: 1\ndate: 2022-01-01\ndraft: yes",
    ]

    /// Other front matters, valid and invalid: the fast path may refuse them, but must agree when it does not.
    static let unusual = [
        "", "# 只有注释", "\n\n",
        "issue: 1\ndate: 2022-01-01\ntitle:", "issue: 1\ndate: 2022-01-01\ntitle:   ", "issue: 1\ndate: 2022-01-01\ntitle: # 注释",
        "issue: 1\ndate: 2022-01-01\ntitle: \"\"", "issue: 1\ndate: 2022-01-01\ntitle: ''",
        "issue: 1\ndate: 2022-01-01\ntags:\n  - 甲\n  - 乙", "issue: 1\ndate: 2022-01-01\ntags:\n- 甲\n- 乙",
        "issue: 1\ndate: 2022-01-01\nunknown: x", "issue: 1\ndate: 2022-01-01\ntitel: x", "Issue: 1\ndate: 2022-01-01",
        "issue: 1\nissue: 2\ndate: 2022-01-01", "issue: 1\ndate: 2022-01-01\ncontact: {phone: 1, phone: 2}",
        "issue: 1\ndate: 2022/01/05", "issue: 1\ndate: 2022-1-5", "issue: 1\ndate: 2022-02-30", "issue: 1\ndate: '2022-01-05'",
        "issue: 1\ndate: \"2022-01-05\"", "issue: 1\ndate: 2022-01-05T10:00:00", "issue: 1\ndate: 20220105", "issue: 1\ndate: 2022-13-01",
        "issue: 1\ndate: [2022-01-05]", "issue: 1\ndate: \" 2022-01-05 \"", "issue: 1\ndate: \"\u{3000}2022-01-05\"",
        "issue: 007\ndate: 2022-01-01", "issue: 0\ndate: 2022-01-01", "issue: -1\ndate: 2022-01-01", "issue: +5\ndate: 2022-01-01",
        "issue: 1.0\ndate: 2022-01-01", "issue: \"12\"\ndate: 2022-01-01", "issue: 1_000\ndate: 2022-01-01", "issue: 0x10\ndate: 2022-01-01",
        "issue: 第一期\ndate: 2022-01-01", "issue: 1 2\ndate: 2022-01-01", "issue: 99999999999999999999\ndate: 2022-01-01",
        "issue: 1\ndate: 2022-01-01\ndraft: no", "issue: 1\ndate: 2022-01-01\ndraft: True", "issue: 1\ndate: 2022-01-01\ndraft: OFF",
        "issue: 1\ndate: 2022-01-01\ndraft: 否", "issue: 1\ndate: 2022-01-01\ndraft: \"true\"", "issue: 1\ndate: 2022-01-01\ndraft: maybe",
        "issue: 1\ndate: 2022-01-01\ntitle: ~", "issue: 1\ndate: 2022-01-01\ntitle: null", "issue: 1\ndate: 2022-01-01\ntitle: NULL",
        "issue: 1\ndate: 2022-01-01\ntitle: Null", "issue: 1\ndate: 2022-01-01\ntitle: '~'", "issue: 1\ndate: 2022-01-01\ntitle: \"null\"",
        "issue: 1\ndate: 2022-01-01\ntitle: a: b", "issue: 1\ndate: 2022-01-01\ntitle: a:", "issue: 1\ndate: 2022-01-01\ntitle: a #b",
        "issue: 1\ndate: 2022-01-01\ntitle: a#b", "issue: 1\ndate: 2022-01-01\ntitle: it's a #test", "issue: 1\ndate: 2022-01-01\ntitle: 5\" screen # c",
        "issue: 1\ndate: 2022-01-01\ntitle: 关于\"a #b\"", "issue: 1\ndate: 2022-01-01\ntitle:   多个空格  ", "issue: 1\ndate: 2022-01-01\ntitle: \u{3000}全角空格\u{3000}",
        "issue: 1\ndate: 2022-01-01\ntitle: \u{3000}", "issue: 1\ndate: 2022-01-01\ntitle: \u{00A0}x", "issue: 1\ndate: 2022-01-01\ntitle: \u{00A0}",
        "issue: 1\ndate: 2022-01-01\ntitle: \"\u{2003} \"", "issue: 1\ndate: 2022-01-01\ntitle: a ]", "issue: 1\ndate: 2022-01-01\ntitle: a, b",
        "issue: 1\ndate: 2022-01-01\ntitle: x}", "issue: 1\ndate: 2022-01-01\ntitle: a\\b", "issue: 1\ndate: 2022-01-01\ntitle: K\u{212A}",
        "issue: 1\ndate: 2022-01-01\ntitle: [a, b]", "issue: 1\ndate: 2022-01-01\ntitle: {a: 1}", "issue: 1\ndate: 2022-01-01\ntags: {a: 1}",
        "issue: 1\ndate: 2022-01-01\ntags: 单个", "issue: 1\ndate: 2022-01-01\ntags: [ ]", "issue: 1\ndate: 2022-01-01\ntags: []",
        "issue: 1\ndate: 2022-01-01\ntags: [a,b]", "issue: 1\ndate: 2022-01-01\ntags: [a, b,]", "issue: 1\ndate: 2022-01-01\ntags: [a, , b]",
        "issue: 1\ndate: 2022-01-01\ntags: [a: 1]", "issue: 1\ndate: 2022-01-01\ntags: [a b, c#d, e #f]", "issue: 1\ndate: 2022-01-01\ntags: [a",
        "issue: 1\ndate: 2022-01-01\ntags: [a]]", "issue: 1\ndate: 2022-01-01\ntags: [a]#x", "issue: 1\ndate: 2022-01-01\ntags: [a, [b]]",
        "issue: 1\ndate: 2022-01-01\ntags: [a, {b: c}]", "issue: 1\ndate: 2022-01-01\ntags: [~, null, '']", "issue: 1\ndate: 2022-01-01\ntags: [\u{3000}, a]",
        "issue: 1\ndate: 2022-01-01\ntags: [\"a\" , 'b']", "issue: 1\ndate: 2022-01-01\ntags: [\"a\"b]", "issue: 1\ndate: 2022-01-01\ntags: [a\"b, c'd]",
        "issue: 1\ndate: 2022-01-01\ntags: [a:b]", "issue: 1\ndate: 2022-01-01\ntags: [http://x]", "issue: 1\ndate: 2022-01-01\ntags: [-a]",
        "issue: 1\ndate: 2022-01-01\ntags: [a,\n  b]", "issue: 1\ndate: 2022-01-01\ntags: [\"a\\\"\"]", "issue: 1\ndate: 2022-01-01\ntags: ['it''s']",
        "issue: 1\ndate: 2022-01-01\ncontact: {}", "issue: 1\ndate: 2022-01-01\ncontact: {fax: 1}", "issue: 1\ndate: 2022-01-01\ncontact: {phone: }",
        "issue: 1\ndate: 2022-01-01\ncontact: {phone:1}", "issue: 1\ndate: 2022-01-01\ncontact: {phone: 1,}", "issue: 1\ndate: 2022-01-01\ncontact: {\"phone\": 1}",
        "issue: 1\ndate: 2022-01-01\ncontact: {phone: a b, email: 'x@y'}", "issue: 1\ndate: 2022-01-01\ncontact: x", "issue: 1\ndate: 2022-01-01\ncontact: [a]",
        "issue: 1\ndate: 2022-01-01\ncontact: {phone: [1]}", "issue: 1\ndate: 2022-01-01\ncontact: {phone: ~}", "issue: 1\ndate: 2022-01-01\ncontact: {phone: a:b}",
        "issue: 1\ndate: 2022-01-01\nseries: gangzhou", "issue: 1\ndate: 2022-01-01\nseries: ganzhou", "series: zhenjiang\ndate: 2017-01-01",
        "series: zhenjiang\nissue: 4\nslug: x\ndate: 2017-01-01", "issue: 1\ndate: 2022-01-01\nslug: x", "series: zhenjiang\nslug: Bad Slug\ndate: 2017-01-01",
        "issue: 1\ndate: 2022-01-01\neditor_note: |\n  平安是社会发展\n  第二行", "issue: 1\ndate: 2022-01-01\neditor_note: 单行按语",
        "issue: 1\ndate: 2022-01-01\neditor_note: >\n  折叠", "issue: 1\ndate: 2022-01-01\neditor_note: \"**加粗**按语\"",
        "issue: 1\ndate: 2022-01-01\ntitle: &a x", "issue: 1\ndate: 2022-01-01\ntitle: *a", "issue: 1\ndate: 2022-01-01\ntitle: !!str x",
        "issue: 1\ndate: 2022-01-01\ntitle: %x", "issue: 1\ndate: 2022-01-01\ntitle: @x", "issue: 1\ndate: 2022-01-01\ntitle: `x`",
        "issue: 1\ndate: 2022-01-01\ntitle: -x", "issue: 1\ndate: 2022-01-01\ntitle: - x", "issue: 1\ndate: 2022-01-01\ntitle: ? x",
        "issue: 1\ndate: 2022-01-01\ntitle: |", "issue: 1\ndate: 2022-01-01\ntitle: >", "issue: 1\ndate: 2022-01-01\ntitle: :x",
        "issue: 1\ndate: 2022-01-01\ntitle: a\n  continued", "issue: 1\ndate: 2022-01-01\ntitle: a\ncontinued",
        "issue: 1\ndate: 2022-01-01\ntitle: \"a\\nb\"", "issue: 1\ndate: 2022-01-01\ntitle: 'it''s'", "issue: 1\ndate: 2022-01-01\ntitle: \"a\" b",
        "issue: 1\ndate: 2022-01-01\ntitle: \"a\"b", "issue: 1\ndate: 2022-01-01\ntitle: \"a\"#b", "issue: 1\ndate: 2022-01-01\ntitle: \"未闭合",
        "issue: 1\ndate: 2022-01-01\ntitle: 'x' 'y'", "issue: 1\ndate: 2022-01-01\ntitle: \"multi\n  line\"", "issue: 1\ndate: 2022-01-01\ntitle: 'a\nb'",
        "issue: 1\n\ttitle: x", "issue: 1\ndate: 2022-01-01\ntitle: a\tb", "issue: 1\ndate: 2022-01-01\ntitle: a\u{2028}b",
        "issue: 1\ndate: 2022-01-01\ntitle: a\u{85}b", "issue: 1\ndate: 2022-01-01\ntitle: a\u{FEFF}b", "issue: 1\ndate: 2022-01-01\ntitle: a\u{7F}b",
        "issue: 1\ndate: 2022-01-01\ntitle: a\u{1}b", "issue: 1\ndate: 2022-01-01\ntitle: a\rb", "issue: 1\r\ndate: 2022-01-01",
        "issue: 1\ndate: 2022-01-01\ntitle: a\u{FFFE}", "issue: 1\ndate: 2022-01-01\ntitle: 😀表情",
        "issue: 1\n--- a\ndate: 2022-01-01", "issue: 1\n...x\ndate: 2022-01-01", "%YAML 1.1\nissue: 1", "key with spaces: x\nissue: 1",
        "1: x\nissue: 1\ndate: 2022-01-01", "title : x\nissue: 1", "title:x\nissue: 1", "  issue: 1\n  date: 2022-01-01",
        String(repeating: "k", count: 70) + ": 1\nissue: 1", "issue: 1\ndate: 2022-01-01\nreport_to: &a [甲]\nsend_to: *a",
        "issue: 1\ndate: 2022-01-01\ntitle: a #b #c", "issue: 1 #\ndate: 2022-01-01", "issue: 1\ndate: 2022-01-01\n#", "issue: 1\ndate: 2022-01-01\ntags: [a] b",
        "- a\n- b", "just text", "[a, b]", "issue: 1\ndate: 2022-01-01\ntitle: {a", "issue: 1\ndate: 2022-01-01\ntags: [\"a\",'b',\"\"]",
    ]

    // MARK: Trees

    /// Checks `yaml`: the fast tree, if any, equals Yams' tree. Returns whether the fast path took it.
    @discardableResult
    static func checkTree(_ yaml: String) -> Bool {
        guard let fast = FrontMatterYAML.parse(yaml) else { return false }
        var r = YAMLReader(file: "x.md", lineOffset: 1)
        let full = r.parse(yaml)
        #expect(full != nil, "fast path took text Yams refuses: \(yaml.debugDescription) \(r.bag.all)")
        if let full { #expect(fast.isSameTree(as: full), "trees differ for \(yaml.debugDescription)") }
        return true
    }

    /// The comparison itself tells trees apart by text, style, position and shape.
    @Test func treeComparisonSeesEveryDifference() throws {
        func yams(_ yaml: String) throws -> some YAMLNodeView {
            var r = YAMLReader(file: "x.md", lineOffset: 1)
            let node = r.parse(yaml)
            return try #require(node)
        }
        let fast = try #require(FrontMatterYAML.parse("issue: 1\ntags: [a, b]"))
        #expect(fast.isSameTree(as: try yams("issue: 1\ntags: [a, b]")))
        for other in ["issue: 2\ntags: [a, b]", "issue: \"1\"\ntags: [a, b]", "issue: 1\ntags: [a,  b]", "\nissue: 1\ntags: [a, b]",
                      "issue: 1\ntags: [a, b, c]", "issue: 1\ntags: {a: b}", "issue: 1\ntag: [a, b]"] {
            #expect(!fast.isSameTree(as: try yams(other)), "\(other.debugDescription)")
        }
    }

    @Test(arguments: usual)
    func usualFrontMatterTakesTheFastPathWithYamsTree(_ yaml: String) {
        #expect(Self.checkTree(yaml), "fast path refused \(yaml.debugDescription)")
    }

    @Test func unusualFrontMatterIsRefusedOrAgrees() {
        var taken = 0
        for yaml in Self.unusual where Self.checkTree(yaml) { taken += 1 }
        // Many are of the subset (with values the checks refuse later); the rest go to Yams.
        #expect(taken > 50 && taken < Self.unusual.count)
    }

    // MARK: Issues and diagnostics

    /// The issue file with `yaml` as front matter.
    static func file(_ yaml: String) -> String { "---\n\(yaml)\n---\n## 市司法局x\n\n正文\n" }

    /// Parses with and without the fast path and compares everything.
    static func checkIssue(_ yaml: String, path: String = "content/ganzhou/2022/1.md") throws {
        let yml = try String(contentsOf: Repo.fixtures.appendingPathComponent("mini/site.yml"), encoding: .utf8)
        let config = try #require(SiteConfigParser.parse(yml).0)
        let parser = IssueParser(config: config)
        let (fastIssue, fastDiags) = parser.parse(path: path, text: file(yaml), fastFrontMatter: true)
        let (issue, diags) = parser.parse(path: path, text: file(yaml), fastFrontMatter: false)
        #expect(fastDiags.map(\.description) == diags.map(\.description), "\(yaml.debugDescription)")
        #expect(String(reflecting: fastIssue) == String(reflecting: issue), "\(yaml.debugDescription)")
        if let fastIssue, let issue {
            #expect(fastIssue.tagsPosition == issue.tagsPosition && fastIssue.numberLine == issue.numberLine
                    && fastIssue.numberColumn == issue.numberColumn)
        }
    }

    @Test(arguments: usual + unusual)
    func sameIssueAndDiagnostics(_ yaml: String) throws {
        try Self.checkIssue(yaml)
        try Self.checkIssue(yaml, path: "content/zhenjiang/2017/x.md")
    }

    /// Random front matters from fragments, valid and not.
    @Test func randomFrontMattersAgree() throws {
        let fragments = [
            "issue: 1", "issue: 151", "issue: 007", "issue: 0", "issue: x", "issue:  2 # 注释", "issue: '3'",
            "date: 2022-08-25", "date: 2022-02-30", "date: 2022-1-5", "date: '2022-08-25'", "date: 2022-08-25 # 日期",
            "tags: [安置帮教, 反诈]", "tags: [ 甲 ,乙 ]", "tags: []", "tags: 单个", "tags: [a, b", "tags: [\"带,逗号\", '单']",
            "tags:\n  - 甲\n  - 乙", "title: 标题", "title: \"引号标题\"", "title: '单引号'", "title: 标题 # 注释", "title: a: b",
            "title:", "title: ~", "title: \u{3000}", "title: [a]", "title: 😀 e\u{301}", "publisher: 办公室", "signer: 张三",
            "report_to: [市领导]", "send_to: [各县（市、区）政府, 市直各部门]", "contact: {phone: \"8992059\", email: a@b.cn}",
            "contact: {phone: 1, fax: 2}", "slug: anzhi-2017", "slug: Bad", "series: ganzhou", "series: zhenjiang", "series: nope",
            "draft: yes", "draft: false", "draft: 否", "editor_note: 按语", "editor_note: |\n  多行\n  按语", "titel: x", "foo: 1",
            "# 注释", "", "  # 缩进注释", "title: a\n  continued", "\ttitle: x", "issue: 1\nissue: 2",
        ]
        var rng = SeededGenerator(seed: 20261130)
        for _ in 0..<600 {
            let count = Int.random(in: 1...7, using: &rng)
            let yaml = (0..<count).map { _ in fragments.randomElement(using: &rng)! }.joined(separator: "\n")
            Self.checkTree(yaml)
            try Self.checkIssue(yaml)
        }
    }

    /// Errors in front matter of the usual shape keep their exact place and wording (now found on the fast path).
    @Test func exactDiagnosticsOnTheFastPath() throws {
        func errors(_ yaml: String) throws -> [String] {
            #expect(FrontMatterYAML.parse(yaml) != nil, "expected the fast path for \(yaml.debugDescription)")
            return try parseIssue(Self.file(yaml)).1.filter { $0.severity == .error }.map(\.description)
        }
        let p = "content/ganzhou/2022/1.md"
        #expect(try errors("issue: 1\ndate: 2022-02-30") == ["\(p):3:7: 错误: 日期 “2022-02-30” 不存在"])
        #expect(try errors("issue: 1\ndate:   2022-1-5 # 注释") == ["\(p):3:9: 错误: 日期 “2022-1-5” 应写成 2022-01-05（YYYY-MM-DD）"])
        #expect(try errors("issue: 1\ndate: 2022-01-01\ntitel: 标题") == ["\(p):4:1: 错误: 未知字段 “titel”，是否想写 “title”？"])
        #expect(try errors("issue: 0\ndate: 2022-01-01") == ["\(p):2:8: 错误: “issue” 应当不小于 1"])
        #expect(try errors("issue: '5'\ndate: 2022-01-01") == ["\(p):2:8: 错误: “issue” 应当是整数，例如 issue: 151"])
        #expect(try errors("issue: 1\ndate: 2022-01-01\ndraft: 否") == ["\(p):4:8: 错误: “draft” 应当是 true 或 false，而不是 “否”"])
        #expect(try errors("issue: 1\ndate: 2022-01-01\ntags: [甲, ~]") == ["\(p):4:11: 错误: “tags” 不能为空"])
        #expect(try errors("issue: 1\ndate: 2022-01-01\ntags: [反诈, \"\u{3000}\"]") == ["\(p):4:12: 错误: “tags” 不能为空"])
        #expect(try errors("issue: 1\ndate: 2022-01-01\ncontact: {phone: 1, fax: 2}") == ["\(p):4:21: 错误: 未知字段 “fax”，可用字段: phone, email"])
        #expect(try errors("series: gangzhou\nissue: 1\ndate: 2022-01-01") == ["\(p):2:9: 错误: 未知的简报系列 “gangzhou”，是否想写 “ganzhou”？"])
        #expect(try errors("issue: 1\ndate: 2022-01-01\ntitle: [a, b]") == ["\(p):4:8: 错误: “title” 应当是文字"])
    }

    /// The fast checks in `YAMLReader` answer as the Foundation expressions they replace.
    @Test func readerTextChecksMatchFoundation() {
        let samples = ["", " ", "a", "~", "null", "NULL", "Null", "nUlL", "null ", " null", "\u{212A}", "K", "\u{3000}", "\u{3000}a\u{3000}",
                       "\t", "\n", "\u{85}", "\u{A0}", "\u{2028}", "\u{200B}", "\u{FEFF}", "a b", "  a  ", "\ta\t", "标题", "“标题”",
                       "e\u{301}", "\u{301}", "😀", "2022-08-25", " 2022-08-25", "2022-08-25\u{2003}", "ＮＵＬＬ", "ＮＵＬＬＮＵＬＬ", "null中", "中~", "Nul一"]
        for s in samples {
            #expect(YAMLReader.isNullWord(s) == ["~", "null"].contains(s.lowercased()), "\(s.debugDescription)")
            #expect(YAMLReader.isBlank(s) == s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(s.debugDescription)")
            #expect(Array(YAMLReader.trimmingSpaces(s).utf8) == Array(s.trimmingCharacters(in: .whitespaces).utf8), "\(s.debugDescription)")
        }
    }
}

/// The series folder of a path, read on bytes for ASCII paths, is the one the Character split gives.
@Suite("Series folder of a path")
struct FolderSeriesTests {
    @Test(arguments: ["content/ganzhou/2022/151.md", "content/ganzhou/x.md", "content/x.md", "content//ganzhou/1.md",
                      "/content/ganzhou/1.md", "content/ganzhou//", "content/ganzhou/", "contents/a/b.md", "Content/a/b.md",
                      "content/赣州/2022/1.md", "content/a\u{301}/b/c.md", "content//\u{301}x/b.md", "", "/", "content"])
    func sameAsCharacterSplit(_ path: String) {
        let parts = path.split(separator: "/").map(String.init)
        let expected = parts.count > 2 && parts[0] == "content" ? parts[1] : nil
        #expect(IssueParser.folderSeries(path) == expected)
    }
}
