import Testing
@testable import JianbaoCore

@Suite("Fast metric-block path agrees with Yams")
struct SimpleYAMLTests {
    static let samples = [
        "title: 工作成效\nunit: 人\nitems:\n  - {label: 服务对象, value: 1234, key: jiuye}\n  - {label: 解决就业, value: 56}\n",
        "title: 接送率\nchart: progress\nunit: \"%\"\nitems:\n  - {label: 接送率, value: 100, target: 100}\n",
        "title: t # 注释\nitems:\n  - label: 甲\n    value: 3\n  - label: 乙\n    value: -2.5\n    unit: 万元\n",
        "title: '单引号'\nperiod: 2021年以来\nsource: 市司法局\nitems:\n  - {label: \"带,逗号\", value: 1}\n  - {label: b, value: 2}\n  - {label: c, value: 3}\n",
    ]

    @Test(arguments: samples)
    func fastAndFullParsesAgree(_ yaml: String) throws {
        let fast = try #require(MetricBlockParser.fastParse(yaml, blockLine: 10), "fast path refused: \(String(describing: SimpleYAML.parse(yaml)))")
        let full = try #require(MetricBlockParser.fullParse(yaml, file: "x.md", blockLine: 10).block)
        #expect(fast.title == full.title)
        #expect(fast.chart == full.chart)
        #expect(fast.unit == full.unit)
        #expect(fast.period == full.period)
        #expect(fast.source == full.source)
        #expect(fast.items.map(\.label) == full.items.map(\.label))
        #expect(fast.items.map(\.value) == full.items.map(\.value))
        #expect(fast.items.map(\.unit) == full.items.map(\.unit))
        #expect(fast.items.map(\.key) == full.items.map(\.key))
        #expect(fast.items.map(\.target) == full.items.map(\.target))
    }

    @Test(arguments: [
        "title: t\nitems:\n  - {label: a, value: 6081名}\n",       // invalid value
        "title: t\nitems: []\n",                                    // flow list
        "title: &a t\nitems:\n  - {label: a, value: 1}\n",          // anchor
        "title: \"a\\nb\"\nitems:\n  - {label: a, value: 1}\n",      // escape
        "title: t\ntitle: u\nitems:\n  - {label: a, value: 1}\n",   // duplicate key
        "title: t\nitems:\n  - {label: a, value: 1}\n  - {label: b, value: 2, unit: 元}\n  - {label: c, value: 3}\n", // mixed units in a bar
        "title: |\n  多行\nitems:\n  - {label: a, value: 1}\n",
    ])
    func unusualOrInvalidInputGoesToYams(_ yaml: String) {
        #expect(MetricBlockParser.fastParse(yaml, blockLine: 1) == nil)
    }

    /// Texts the fast path once read differently from Yams: a quote character inside plain text hid a ` #`
    /// comment from it, and it kept the line separators that YAML 1.1 reads as line breaks. Now it refuses them
    /// (or agrees).
    @Test(arguments: [
        "title: it's a #test\nitems:\n  - {label: a, value: 1}\n",
        "title: 5\" screen # 注释\nitems:\n  - {label: a, value: 1}\n",
        "title: t\nitems:\n  - {label: a'b #c', value: 1}\n",
        "title: t\nitems:\n  - label: it's #x\n    value: 1\n",
        "title: a\u{2028}b\nitems:\n  - {label: a, value: 1}\n",
        "title: t\nitems:\n  - {label: a\u{2029}b, value: 1}\n",
        "title: a #b\nitems:\n  - {label: '#1', value: 1} # 注释\n",
        "title: ~\nitems:\n  - {label: a, value: 1}\n", "title: NULL\nitems:\n  - {label: nULL, value: 1}\n",
        "title: t\nitems:\n  - {label: Null, value: 1}\n", "title: t\nitems:\n  - {label: a, value: 1, key: Ab-9_z}\n",
        "title: t\nitems:\n  - {label: a, value: 1, key: a.b}\n", "title: t\nitems:\n  - {label: a, value: 1, key: 甲}\n",
        "title: t\nchart: bar\nitems:\n  - {label: a, value: 1, unit: 元}\n  - {label: b, value: 2, unit: 元}\n",
    ])
    func fastPathRefusesOrAgrees(_ yaml: String) {
        guard let fast = MetricBlockParser.fastParse(yaml, blockLine: 10) else { return }
        let full = MetricBlockParser.fullParse(yaml, file: "x.md", blockLine: 10).block
        #expect(full != nil, "fast path accepted what Yams refuses")
        guard let full else { return }
        #expect(fast.title == full.title && fast.chart == full.chart && fast.unit == full.unit)
        #expect(fast.items.map(\.label) == full.items.map(\.label))
        #expect(fast.items.map(\.value) == full.items.map(\.value))
        #expect(fast.items.map(\.unit) == full.items.map(\.unit))
        #expect(fast.items.map(\.key) == full.items.map(\.key))
    }
}
