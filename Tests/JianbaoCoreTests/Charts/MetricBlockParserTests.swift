import Testing
@testable import JianbaoCore

/// Parses `yaml` as if its fence opened on line 10 of `content/x.md`.
private func parse(_ yaml: String) -> (MetricBlock?, [Diagnostic]) {
    let r = MetricBlockParser.parse(yaml, file: "content/x.md", blockLine: 10)
    return (r.block, r.diagnostics)
}

@Suite("Metric block parsing")
struct MetricBlockParserTests {
    /// The search text written as bytes is `searchText`.
    @Test func searchTextBytesAreTheSearchText() {
        let items = [MetricItem(label: "接送率", value: 99.5, unit: "%", key: nil, target: 100),
                     MetricItem(label: "解决就业", value: 2_377.35, unit: "万元", key: nil, target: nil),
                     MetricItem(label: "", value: -3, unit: "", key: nil, target: nil),
                     MetricItem(label: "大数", value: 1e16, unit: "元", key: nil, target: nil)]
        for title in ["工作成效", ""] {
            for n in 0...items.count {
                let block = MetricBlock(title: title, chart: .bar, unit: "", period: "", source: "", items: Array(items.prefix(n)), line: 1)
                var bytes: [UInt8] = []
                block.appendSearchText(to: &bytes)
                #expect(bytes == Array(block.searchText.utf8))
            }
        }
    }

    @Test func parsesTheContractExample() throws {
        let (block, diags) = parse("""
        title: 2021年以来安置帮教成效
        chart: bar
        unit: 人
        period: 2021年以来
        source: 市司法局
        items:
          - {label: 接送省内刑满释放人员, value: 6081}
          - {label: 帮教基地安置, value: 281}
          - {label: 解决就业, value: 372, key: sfj-jiuye}
        """)
        #expect(diags.isEmpty)
        let b = try #require(block)
        #expect(b.title == "2021年以来安置帮教成效")
        #expect(b.chart == .bar)
        #expect(b.period == "2021年以来" && b.source == "市司法局")
        #expect(b.items.map(\.value) == [6081, 281, 372])
        #expect(b.items.allSatisfy { $0.unit == "人" })
        #expect(b.items[2].key == "sfj-jiuye")
        #expect(b.line == 10)
    }

    @Test func blockUnitAppliesEvenWhenWrittenAfterItems() throws {
        let (block, diags) = parse("""
        title: 成效
        items:
          - {label: 甲, value: 1}
          - {label: 乙, value: 2, unit: 人}
          - {label: 丙, value: 3.5}
        unit: 人
        """)
        #expect(diags.isEmpty)
        #expect(try #require(block).items.map(\.unit) == ["人", "人", "人"])
    }

    @Test func valueWithUnitSaysHowToWriteIt() {
        let (block, diags) = parse("""
        title: 成效
        items:
          - {label: 接送, value: 6081名}
        """)
        #expect(block == nil)
        #expect(diags.count == 1)
        #expect(diags.first?.message == "value 应当是数字：请写 value: 6081 并写 unit: 名")
        #expect(diags.first?.line == 13)
        #expect(diags.first?.column == 24)
        #expect(diags.first?.file == "content/x.md")
    }

    @Test func percentValueSuggestsAQuotedUnit() {
        let (_, diags) = parse("""
        title: 成效
        items:
          - label: 同比下降
            value: 63.01%
        """)
        #expect(diags.first?.message == "value 应当是数字：请写 value: 63.01 并写 unit: \"%\"")
        #expect(diags.first?.line == 14)
        #expect(diags.first?.column == 12)
    }

    @Test func wordsAreNotNumbers() {
        let (_, diags) = parse("title: 成效\nitems:\n  - {label: 甲, value: 约六千}\n  - {label: 乙, value: 1, target: 很多}\n")
        #expect(diags.map(\.message) == ["value 应当是数字，而不是 “约六千”", "target 应当是数字，而不是 “很多”"])
        #expect(diags.map(\.line) == [13, 14])
    }

    @Test func emptyItemsListPointsAtItems() {
        let (block, diags) = parse("title: 成效\nunit: 人\nitems: []\n")
        #expect(block == nil)
        #expect(diags.count == 1)
        #expect(diags.first?.message.hasPrefix("items 为空，至少需要一项数据") == true)
        #expect(diags.first?.line == 13)
        #expect(diags.first?.column == 1)
    }

    @Test func itemsWithNothingAfterTheColonIsEmptyToo() {
        let (_, diags) = parse("title: 成效\nitems:\n")
        #expect(diags.first?.message.hasPrefix("items 为空") == true)
        #expect(diags.first?.line == 12)
    }

    @Test func missingTitleAndItemsPointAtTheFence() {
        let (_, diags) = parse("unit: 人\n")
        #expect(diags.map(\.message) == ["图表数据块缺少 title（图表标题）", "图表数据块缺少 items，至少需要一项数据"])
        #expect(diags.map(\.line) == [10, 10])
    }

    @Test func unknownChartTypeSuggestsTheClosest() {
        let (block, diags) = parse("title: 成效\nchart: bars\nitems:\n  - {label: 甲, value: 1}\n")
        #expect(block == nil)
        #expect(diags.first?.message == "未知的图表类型 “bars”，是否想写 “bar”？可用: bar, line, pie, stat, progress")
        #expect(diags.first?.line == 12)
        #expect(diags.first?.column == 8)
    }

    @Test func unknownChartTypeWithoutNeighbourListsAll() {
        let (_, diags) = parse("title: 成效\nchart: 雷达图\nitems:\n  - {label: 甲, value: 1}\n")
        #expect(diags.first?.message == "未知的图表类型 “雷达图”。可用: bar, line, pie, stat, progress")
    }

    @Test func progressPercentageOver100() {
        let (block, diags) = parse("""
        title: 完成情况
        chart: progress
        items:
          - {label: 接送率, value: 100, unit: "%", target: 100}
          - {label: 回访率, value: 105, unit: "%", target: 100}
        """)
        #expect(block == nil)
        #expect(diags.count == 1)
        #expect(diags.first?.message == "进度图中的百分比 105% 超过 100%；完成率请写 0–100 之间的数")
        #expect(diags.first?.line == 15)
        #expect(diags.first?.column == 25)
    }

    @Test func inferredProgressAlsoRefusesOver100() {
        let (_, diags) = parse("title: 完成情况\nitems:\n  - {label: 甲, value: 120.5, unit: \"%\", target: 100}\n")
        #expect(diags.first?.message.hasPrefix("进度图中的百分比 120.5% 超过 100%") == true)
        #expect(diags.first?.line == 13)
    }

    @Test func mixedUnitsInABarChartPointAtTheFirstOddItem() {
        let (block, diags) = parse("""
        title: 成效
        unit: 人
        items:
          - {label: 接送, value: 6081}
          - {label: 安置, value: 281}
          - {label: 会见, value: 9267, unit: 次}
          - {label: 接送率, value: 100, unit: "%"}
        """)
        #expect(block == nil)
        #expect(diags.count == 1)
        #expect(diags.first?.message == "条形图中的单位不一致：第一项是“人”，这一项是“次”；请统一单位或拆成多个图表")
        #expect(diags.first?.line == 16)
        #expect(diags.first?.column == 36)
    }

    @Test func mixedUnitsWhereTheOddItemUsesTheBlockUnitPointAtTheItem() {
        let (_, diags) = parse("""
        title: 成效
        chart: bar
        items:
          - {label: 接送, value: 6081, unit: 人}
          - {label: 安置, value: 281}
        """)
        #expect(diags.first?.message == "条形图中的单位不一致：第一项是“人”，这一项是（无单位）；请统一单位或拆成多个图表")
        #expect(diags.first?.line == 15)
        #expect(diags.first?.column == 5)
    }

    @Test func statTilesMayMixUnits() throws {
        let (block, diags) = parse("title: 成效\nitems:\n  - {label: 劝返, value: 120, unit: 人}\n  - {label: 挽回损失, value: 2377.35, unit: 万元}\n")
        #expect(diags.isEmpty)
        #expect(try #require(block).chart == .stat)
    }

    @Test func pieRefusesNegativeValues() {
        let (_, diags) = parse("title: 构成\nchart: pie\nitems:\n  - {label: 甲, value: 3}\n  - {label: 乙, value: -1}\n")
        #expect(diags.first?.message == "饼图的数值不能为负数（-1），请改用条形图（chart: bar）")
        #expect(diags.first?.line == 15)
    }

    @Test func unknownItemFieldSuggests() {
        let (_, diags) = parse("title: 成效\nitems:\n  - {label: 甲, valeu: 3}\n")
        #expect(diags.map(\.message) == ["未知字段 “valeu”，是否想写 “value”？", "数据项缺少 value（数值）"])
        #expect(diags.map(\.line) == [13, 13])
    }

    @Test func badKeyIsRefused() {
        let (_, diags) = parse("title: 成效\nitems:\n  - {label: 甲, value: 3, key: 接送人数}\n")
        #expect(diags.first?.message == "key “接送人数” 只能包含英文字母、数字、- 和 _，例如 key: sfj-jiuye")
    }

    @Test func numbersWithSeparatorsAndExponents() throws {
        let (block, diags) = parse("title: t\nitems:\n  - {label: a, value: \"10,126\"}\n  - {label: b, value: 1e6}\n  - {label: c, value: -0.5}\n")
        #expect(diags.isEmpty)
        #expect(try #require(block).items.map(\.value) == [10126, 1_000_000, -0.5])
        let (_, big) = parse("title: t\nitems:\n  - {label: a, value: 1e400}\n")
        #expect(big.first?.message == "value 的数值 “1e400” 超出范围")
    }

    @Test func errorsInAnIssueFileCarryTheFileLine() throws {
        let text = """
        ---
        issue: 7
        date: 2022-08-25
        ---

        ## 市司法局推进工作

        正文。

        ```metrics
        title: 成效
        items:
          - {label: 接送, value: 6081名}
        ```
        """
        let (_, diags) = try parseIssue(text)
        let d = try #require(diags.first { $0.message.contains("请写 value: 6081 并写 unit: 名") })
        #expect(d.line == 13)
        #expect(d.column == 24)
        #expect(d.file == "content/ganzhou/2022/1.md")
    }

    @Test func typeInference() {
        func item(_ v: Double, _ u: String = "人", target: Double? = nil) -> MetricItem {
            MetricItem(label: "x", value: v, unit: u, key: nil, target: target)
        }
        #expect(MetricBlockParser.inferKind([item(1)]) == .stat)
        #expect(MetricBlockParser.inferKind([item(1), item(2)]) == .stat)
        #expect(MetricBlockParser.inferKind([item(1), item(2), item(3)]) == .bar)
        #expect(MetricBlockParser.inferKind([item(90, "%", target: 100), item(80, "%", target: 95), item(70, "%", target: 100)]) == .progress)
        #expect(MetricBlockParser.inferKind([item(90, "%", target: 100)]) == .progress)
        #expect(MetricBlockParser.inferKind([item(90, "%", target: 100), item(80, "%"), item(70, "%")]) == .bar)
        #expect(MetricBlockParser.inferKind([item(90, "%", target: 100), item(80, "人", target: 100), item(1, "%", target: 1)]) == .bar)
    }
}
