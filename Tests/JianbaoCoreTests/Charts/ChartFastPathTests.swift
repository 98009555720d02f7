import Foundation
import Testing
@testable import JianbaoCore

/// Inputs made from raw 64-bit draws only (no `Double.random`, `randomElement`), so the same seed gives the same
/// inputs on every toolchain and the recorded digests stay valid.
struct ChartInputs {
    var g: SeededGenerator

    init(seed: UInt64) { g = SeededGenerator(seed: seed) }

    /// 0..<n.
    mutating func int(_ n: Int) -> Int { Int(g.next() % UInt64(n)) }

    /// One of `list`.
    mutating func pick<T>(_ list: [T]) -> T { list[int(list.count)] }

    mutating func bool() -> Bool { g.next() & 1 == 1 }

    static let specials: [Double] = [
        0, -0.0, 1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, 0.05, 0.15, 0.25, 0.35, 0.45, 1.005, 2.675, 99.995, 99.9999, 99.99995,
        0.1 + 0.2, 2377.35, 63.01, 6081, 10126, 48.64, 1234567.891, 0.000123, 1e-7, -1e-9, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1e-300,
        999, 1000, -1000, 999_999, 1e5, 1e8, 1e12, 99_999.995, 99_999_999.995, 1e15 - 1, 1e15 - 0.5, 999_999_999_999_999.9,
        1e15, -1e15, 1.5e15, 9_007_199_254_740_992 /* 2^53 */, 1e16, 1e20, -1e20, 9.2e18, 9e18, 1e300, -1e300,
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNormalMagnitude, .nan, .infinity, -.infinity,
    ]

    /// Values of every shape a chart meets: specials, integers, decimals, halves at each decimal place, any magnitude.
    mutating func value(finite: Bool = false) -> Double {
        var v: Double
        switch int(7) {
        case 0: v = pick(ChartInputs.specials)
        case 1: v = Double(Int64(bitPattern: g.next()) % pow10(int(16)))
        case 2: v = Double(Int64(bitPattern: g.next()) % pow10(int(13))) / Double(pow10(int(9)))
        case 3: v = (Double(int(100_000)) + 0.5) / Double(pow10(int(8)))
        case 4: v = Double(bitPattern: g.next())
        case 5:
            v = Double(int(1 << 53)) / Double(1 << 53) * 10
            for _ in 0..<int(22) { v *= 10 }
            for _ in 0..<int(14) { v /= 10 }
        default: v = Double(int(20_000)) / 100
        }
        if bool() { v = -v }
        if finite, !v.isFinite { v = 0 }
        return v
    }

    private func pow10(_ n: Int) -> Int64 { (0..<n).reduce(1) { r, _ in r * 10 } }

    static let textParts = [
        "接送", "省内刑满释放人员", "服务对象", "解决就业", "2021年", "一季度", "（含省外重点人员）", "《通知》", "“引号”", "，。", "、",
        "：", "；", "——", "·", "…", "！", "？", "】", "【", "％", "%", "A&B", "<b>", "'单引'", "\"", "Very long English label text",
        "abc", "ilI.,:;'|!", "XYZ", "0123456789", "  ", " ", "\u{3000}", "\n", "\r\n", "\t", "💡", "👍🏽", "🇨🇳", "e\u{301}",
        "\u{F98E}", "\u{3099}か", "한글", "\u{1100}\u{1161}", "Ⅻ", "²", "١٢", "Äß", "\u{00A0}", "\u{0E33}", "\u{0600}1",
        "〰", "\u{302A}", "𠀀𪚥", "ｱ", "－", "/", "（", "）", "年", "月", "日",
    ]

    /// The parts made of scalars `SVGText` measures one by one (the common case: Chinese, ASCII, CJK punctuation).
    static let simpleParts = textParts.filter { $0.unicodeScalars.allSatisfy { SVGText.simpleAdvance($0.value) != nil } }

    /// Text mixing Chinese, Latin, digits, punctuation, spaces, line breaks, emoji and combining marks
    /// (only simple scalars with `simple`).
    mutating func text(maxParts: Int = 8, simple: Bool = false) -> String {
        (0..<int(maxParts + 1)).map { _ in pick(simple ? ChartInputs.simpleParts : ChartInputs.textParts) }.joined()
    }

    static let units = ["", "%", "‰", "人", "万元", "亿元", "万亿元", "万", "亿", "次", "<u>", "&", "个百分点", "万\u{301}元"]

    mutating func block(kind: ChartKind) -> MetricBlock {
        let items = (0..<(1 + int(12))).map { i -> MetricItem in
            var label = text(maxParts: 6)
            if i == 0, bool() { label += ChartPropertyTests.evil }
            return MetricItem(label: label, value: value(finite: int(10) > 0), unit: pick(ChartInputs.units), key: nil,
                              target: bool() ? value(finite: true) : nil)
        }
        return MetricBlock(title: "标题" + text(maxParts: 3), chart: kind, unit: pick(ChartInputs.units),
                           period: bool() ? "2021年以来" : "", source: bool() ? "市司法局&<x>" : "", items: items, line: 1)
    }
}

/// 64-bit FNV-1a of the UTF-8 bytes, as 16 hex digits: a stable fingerprint of a chart's exact bytes.
func fnv1a(_ s: String) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}

/// The byte-level fast paths (numbers, coordinates, text widths, wrapping, SVG assembly) must give exactly the text
/// of the String-based code they replaced. The references are frozen copies (LegacyChartText.swift) or digests of
/// output recorded before the rewrite.
@Suite("Chart fast paths match the original text")
struct ChartFastPathTests {
    @Test func numbersMatchTheOriginalFormatting() {
        var inputs = ChartInputs(seed: 1)
        for _ in 0..<6000 {
            let v = inputs.value()
            for d in -1...7 {
                #expect(NumberFormat.fixed(v, maxDecimals: d) == LegacyNumberFormat.fixed(v, maxDecimals: d), "fixed(\(v), \(d))")
            }
            #expect(NumberFormat.plain(v) == LegacyNumberFormat.plain(v), "plain(\(v))")
            #expect(NumberFormat.grouped(v) == LegacyNumberFormat.grouped(v), "grouped(\(v))")
            #expect(NumberFormat.chinese(v) == LegacyNumberFormat.chinese(v), "chinese(\(v))")
        }
    }

    @Test func scaledNumbersMatchTheOriginal() {
        var inputs = ChartInputs(seed: 2)
        for _ in 0..<3000 {
            let vs = ValueScale(maxAbs: inputs.value(), unit: inputs.pick(ChartInputs.units))
            let v = inputs.value()
            for d in [0, 1, 2, 3, 4, 6] {
                #expect(vs.number(v, decimals: d) == LegacyValueScale.number(vs, v, decimals: d), "number(\(v), \(d)) in \(vs)")
            }
            #expect(vs.label(v) == LegacyValueScale.label(vs, v), "label(\(v)) in \(vs)")
        }
    }

    @Test func coordinatesMatchTheOriginal() {
        var inputs = ChartInputs(seed: 3)
        var values = ChartInputs.specials + [0.05, -0.05, 0.04999, 12.35, -12.35, 1e6, -1e6, 1e6 + 0.05, 999_999.95, -999_999.95]
        for _ in 0..<20000 { values.append(inputs.value()) }
        for _ in 0..<5000 { values.append(Double(inputs.int(8_000_001)) / 1000 - 4000) }
        // Halves of the last decimal, and the doubles just beside them (rounding away from zero).
        for k in -4000...4000 {
            let half = Double(2 * k + 1) / 20
            values += [half, half.nextUp, half.nextDown, Double(k) / 20 + 0.5, (Double(k) / 20 + 0.5).nextDown]
        }
        for v in values { #expect(SVGText.n(v) == LegacySVGText.n(v), "n(\(v))") }
    }

    @Test func markupBufferEscapesLongTextAsHTMLEscapeDoes() {
        // Texts long enough for the eight-bytes-at-a-time scan, with the escaped characters at every offset of a
        // word, next to multi-byte characters and to other ASCII below 64 (digits, `/`, space).
        let pool = ["简", "报", "a", "Z", "&", "<", ">", "\"", "'", "0", "/", " ", "é", "，", "👍"]
        var rng = SeededGenerator(seed: 0x6573_6361_7065)
        for _ in 0..<2000 {
            var s = ""
            for _ in 0..<Int.random(in: 0..<90, using: &rng) {
                s += Int.random(in: 0..<4, using: &rng) == 0 ? pool.randomElement(using: &rng)! : pool[Int.random(in: 0..<2, using: &rng)]
            }
            var b = MarkupBuffer(capacity: 16)
            b.appendEscaped(s)
            #expect(b.string == HTML.escape(s))
        }
    }

    @Test func markupBufferWritesWhatTheStringHelpersWrite() {
        var inputs = ChartInputs(seed: 6)
        for _ in 0..<3000 {
            let v = inputs.value(), d = inputs.int(8), s = inputs.text()
            let i = Int(truncatingIfNeeded: inputs.g.next()) >> inputs.int(64)
            var b = MarkupBuffer()
            b.appendNumber(v, maxDecimals: d, grouped: false)
            b.append("|")
            b.appendNumber(v)
            b.append("|")
            b.appendCoordinate(v)
            b.append("|")
            b.appendEscaped(s)
            b.append("|")
            b.appendInt(i)
            let expected = LegacyNumberFormat.fixed(v, maxDecimals: d) + "|" + LegacyNumberFormat.grouped(v) + "|" + LegacySVGText.n(v)
                + "|" + HTML.escape(s) + "|" + String(i)
            #expect(b.string == expected)
        }
        var b = MarkupBuffer()
        b.appendInt(.min); b.append(" "); b.appendInt(.max); b.append(" "); b.appendInt(0)
        #expect(b.string == "\(Int.min) \(Int.max) 0")
        // Growing far past the first block keeps every byte.
        var big = MarkupBuffer(capacity: 1)
        var expected = ""
        for k in 0..<3000 {
            big.appendInt(k)
            big.append("、")
            expected += "\(k)、"
        }
        #expect(big.string == expected && big.count == expected.utf8.count)
    }

    /// Every simple scalar: the advance, wideness, line-break classes and whitespace of the Character path, and a
    /// Character of its own next to letters, ideographs, hangul syllables and itself (so no joining rule applies).
    @Test func simpleScalarsBehaveLikeTheirCharacters() {
        let probes: [Unicode.Scalar] = ["a", "中", "가", " "]
        var simple = 0
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            guard let a = SVGText.simpleAdvance(v) else {
                #expect(!(0x4E00...0x9FFF).contains(v) && !(0x20...0x7E).contains(v), "\(v) should be simple")
                continue
            }
            simple += 1
            let ch = Character(u)
            var ok = a == LegacySVGText.advance(ch) && SVGText.isWide(scalar: v) == LegacySVGText.isWide(ch)
                && SVGText.isNoLineStart(v) == LegacySVGText.noLineStart.contains(ch)
                && SVGText.isSoftBreakAfter(v) == LegacySVGText.softBreakAfter.contains(ch)
                && SVGText.isSoftBreakBefore(v) == LegacySVGText.softBreakBefore.contains(ch)
                && SVGText.isSimpleSpace(v) == CharacterSet.whitespaces.contains(u)
            for p in probes + [u] where ok {
                ok = String(String.UnicodeScalarView([p, u])).count == 2 && String(String.UnicodeScalarView([u, p])).count == 2
            }
            if !ok { Issue.record("simple scalar U+\(String(v, radix: 16)) differs from its Character"); break }
        }
        #expect(simple > 170_000)
    }

    @Test func textWidthsMatchTheOriginal() {
        var inputs = ChartInputs(seed: 4)
        for n in 0..<5000 {
            let s = inputs.text(simple: n % 2 == 0)
            let size = inputs.pick([1.0, 12, 13, 14, 0.5])
            #expect(SVGText.width(s, size: size) == LegacySVGText.width(s, size: size), "width(\(s.debugDescription))")
        }
    }

    @Test func wrappingAndTruncationMatchTheOriginal() {
        var inputs = ChartInputs(seed: 5)
        for n in 0..<4000 {
            let s = inputs.text(maxParts: 14, simple: n % 2 == 0)
            let width = inputs.pick([20.0, 44, 56, 60, 96, 120, 140, 152, 200, 344, Double(inputs.int(400))])
            let size = inputs.pick([12.0, 13, 14])
            let maxLines = inputs.pick([0, 1, 2, 2, 3])
            let new = SVGText.wrap(s, width: width, size: size, maxLines: maxLines)
            let old = LegacySVGText.wrap(s, width: width, size: size, maxLines: maxLines)
            #expect(new.lines == old.lines && new.truncated == old.truncated, "wrap(\(s.debugDescription), \(width), \(size), \(maxLines))")
            let t = SVGText.truncate(s, width: width, size: size), ot = LegacySVGText.truncate(s, width: width, size: size)
            #expect(t.text == ot.text && t.truncated == ot.truncated, "truncate(\(s.debugDescription), \(width))")
            #expect(SVGText.fit(s, width: width, maxSize: 20, minSize: 9) == LegacySVGText.fit(s, width: width, maxSize: 20, minSize: 9))
        }
    }

    /// Every chart kind over generated blocks, against digests recorded from the String-based renderer.
    @Test func generatedChartsMatchRecordedDigests() {
        var inputs = ChartInputs(seed: 20_221_125)
        var lines: [String] = []
        for n in 0..<600 {
            let kind = ChartKind.allCases[n % ChartKind.allCases.count]
            let block = inputs.block(kind: kind)
            lines.append("\(n) \(kind.rawValue) \(fnv1a(ChartRenderer.figure(block, id: "a\(n)-c1")))")
        }
        ChartSnapshot.check("generated-digests.txt", lines.joined(separator: "\n") + "\n")
    }

    /// Lines placed by position and linking somewhere, as on department pages.
    @Test func generatedTrendLinesMatchRecordedDigests() {
        var inputs = ChartInputs(seed: 77)
        var lines: [String] = []
        for n in 0..<300 {
            let count = 1 + inputs.int(n % 3 == 0 ? 150 : 20)
            let points = (0..<count).map { i -> LineChart.Point in
                let position: Double? = switch inputs.int(6) {
                case 0: nil
                case 1: .nan
                case 2: Double(i) / Double(max(count - 1, 1))
                default: Double(inputs.int(1001)) / 1000
                }
                return LineChart.Point(label: inputs.bool() ? "2022-0\(1 + inputs.int(9))-1\(inputs.int(10))" : inputs.text(maxParts: 4),
                                       value: inputs.value(finite: inputs.int(20) > 0), position: position,
                                       tooltip: inputs.text(maxParts: 5), href: inputs.bool() ? "/jianbao/a&b/\(i)/#a1" : nil)
            }
            let vs = ValueScale(maxAbs: points.map { abs($0.value) }.max() ?? 0, unit: inputs.pick(ChartInputs.units))
            lines.append("\(n) \(count) \(fnv1a(LineChart.draw(points, scale: vs).string))")
        }
        ChartSnapshot.check("generated-trend-digests.txt", lines.joined(separator: "\n") + "\n")
    }

    /// Fixed blocks of every kind, written out in full.
    @Test(arguments: FixedBlocks.all.map(\.0))
    func fixedBlocksMatchSnapshots(_ name: String) throws {
        let block = try #require(FixedBlocks.all.first { $0.0 == name }?.1)
        let html = ChartRenderer.figure(block, id: "f-c1")
        ChartSnapshot.check("fixed-\(name).html", html)
        #expect(html.hasSuffix("</figure>\n"))
    }

    /// A department with keyed measures in many issues: repeated keys in one issue, several articles of the department
    /// in one issue, one date for two issues, units that switch to 万.
    @Test func departmentTrendsOfAGeneratedSiteMatchTheSnapshot() throws {
        let site = try TestSite()
        var inputs = ChartInputs(seed: 9)
        for k in 0..<24 {
            let m = k == 5 ? 4 : k  // issues 204 and 205 share a date
            let month = 1 + m % 12, day = 1 + (m * 7) % 28
            var body = "---\nissue: \(200 + k)\ndate: \(2019 + k / 12)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)\n---\n\n# 工作动态\n\n"
            for a in 0..<(1 + k % 3) {
                body += "## 市司法局推进工作第\(a + 1)篇\n\n正文。\n\n```metrics\ntitle: 成效\nunit: 人\nitems:\n"
                body += "  - {label: 接送人员, value: \(inputs.int(200_000)), key: jiesong}\n"
                if k % 4 != 1 { body += "  - {label: 帮教对象, value: \(inputs.int(900)).\(inputs.int(100)), key: bangjiao}\n" }
                if a == 1 { body += "  - {label: 接送人员（复核）, value: \(inputs.int(50)), key: jiesong}\n" }
                body += "  - {label: 其他, value: 1}\n```\n\n"
                if k % 5 == 0 {
                    body += "```metrics\ntitle: 资金\nunit: 万元\nitems:\n  - {label: 资金, value: \(inputs.int(30_000)), key: zijin}\n```\n\n"
                }
            }
            try site.write("content/ganzhou/2023/\(200 + k).md", body)
        }
        let compiled = try SiteBuild.compile(SiteLoader.load(site.root), includeDrafts: false)
        let d = try #require(compiled.site.departments.firstIndex { $0.department.name == "市司法局" })
        let trends = SiteCharts.departmentTrends(compiled.site, department: d, base: "/jianbao/")
        ChartSnapshot.check("department-trends-generated.html", trends)
        #expect(trends.components(separatedBy: "<figure").count == 5)  // three keys here, one from the mini fixture
        #expect(trends.contains("共24期"))
        #expect(trends == SiteCharts.departmentTrends(compiled.site, department: d, base: "/jianbao/"))
    }

    /// The renderer's single pass over the whole site (`trendGroups(_:)`, observations sorted by a precomputed rank)
    /// gives every department the same charts as the department's own pass. Issues share dates (and, in a series
    /// without numbers, date and number, so the source path decides), and departments have several articles per issue.
    @Test func trendGroupsOfTheWholeSiteMatchEachDepartmentsOwn() throws {
        let site = try TestSite()
        var inputs = ChartInputs(seed: 11)
        func block(_ keys: [String]) -> String {
            var text = "```metrics\ntitle: 成效\nunit: 人\nitems:\n"
            for key in keys { text += "  - {label: 指标\(key), value: \(inputs.int(5000)), key: \(key)}\n" }
            return text + "  - {label: 其他, value: 1}\n```\n\n"
        }
        let departments = ["市司法局", "市公安局西湖分局", "瑞金市"]
        for k in 0..<30 {
            let date = "2022-\(k % 2 == 0 ? "03" : "04")-\(10 + k % 3)"
            let folder = k % 3 == 0 ? "zhenjiang/2022/z\(k)" : "ganzhou/2022/\(300 + k)"
            var body = "---\n\(folder.hasPrefix("ganzhou") ? "issue: \(300 + k)\n" : "title: 通知\(k)\nslug: z\(k)\n")date: \(date)\n---\n\n# 工作动态\n\n"
            for a in 0..<(1 + k % 4) {
                let department = departments[(k + a) % departments.count]
                body += "## \(department)推进工作第\(a + 1)篇\n\n正文。\n\n"
                body += block(a % 2 == 0 ? ["jiesong", "bangjiao"] : ["bangjiao", "k\(k % 5)"])
            }
            try site.write("content/\(folder).md", body)
        }
        let compiled = try SiteBuild.compile(SiteLoader.load(site.root), includeDrafts: false)
        let all = SiteCharts.trendGroups(compiled.site)
        #expect(all.count == compiled.site.departments.count)
        var drawn = 0
        for d in compiled.site.departments.indices {
            var own = MarkupBuffer(), shared = MarkupBuffer()
            let hasOwn = SiteCharts.appendDepartmentTrends(compiled.site, department: d, base: "/jianbao/", links: nil, to: &own)
            let hasShared = SiteCharts.appendDepartmentTrends(compiled.site, groups: all[d], base: "/jianbao/", links: nil, to: &shared)
            #expect(hasOwn == hasShared)
            #expect(own.string == shared.string)
            if hasOwn { drawn += 1 }
        }
        #expect(drawn == 3)
    }
}

/// Hand-written blocks for the full snapshots: signs, targets, big and tiny numbers, many slices, long labels.
enum FixedBlocks {
    static func item(_ label: String, _ value: Double, _ unit: String, target: Double? = nil) -> MetricItem {
        MetricItem(label: label, value: value, unit: unit, key: nil, target: target)
    }

    static let all: [(String, MetricBlock)] = [
        ("bar-mixed", MetricBlock(title: "收支变化", chart: .bar, unit: "万元", period: "2022年", source: "市财政局", items: [
            item("一般公共预算收入", 2_377.35, "万元", target: 2_500), item("基金收入", -1_234.5, "万元", target: -1_000),
            item("债务 A&B <调整>", 0, "万元"), item("Very long English label text for the second line of a bar", 812_345.678, "万元"),
        ], line: 1)),
        ("bar-tiny", MetricBlock(title: "比率", chart: .bar, unit: "%", period: "", source: "", items: [
            item("甲", 0.0012, "%"), item("乙", 0.035, "%", target: 0.04), item("丙", -0.007, "%"),
        ], line: 1)),
        ("line-many", MetricBlock(title: "各月受理量", chart: .line, unit: "件", period: "2022年", source: "", items:
            (1...14).map { item("2022年\($0)月", Double(($0 * 7919) % 1000) * 137.5, "件") }, line: 1)),
        ("line-negative", MetricBlock(title: "同比", chart: .line, unit: "%", period: "", source: "", items: [
            item("一季度", -3.25, "%"), item("二季度", 1.5, "%"), item("三季度", 12.75, "%"),
        ], line: 1)),
        ("pie-many", MetricBlock(title: "构成", chart: .pie, unit: "人", period: "", source: "", items:
            (1...10).map { item("类别\($0)（含“其他”）", Double($0 * $0 * 311), "人") }, line: 1)),
        ("stat-many", MetricBlock(title: "数字", chart: .stat, unit: "", period: "", source: "", items: [
            item("挽回经济损失", 260_000_000, "元", target: 300_000_000), item("人数", 18, "万人"),
            item("比例", 99.5, "%"), item("负数", -42, "件"), item("很长很长很长很长很长很长很长很长的标签", 1.2e12, ""),
        ], line: 1)),
        ("progress-mixed", MetricBlock(title: "完成进度", chart: .progress, unit: "", period: "", source: "", items: [
            item("回访率", 120, "%", target: 100), item("预约", 0, "次", target: 10_000), item("资金", 350_000, "万元"),
            item("负值", -5, "个"),
        ], line: 1)),
    ]
}

@Suite("Trend chart date labels")
struct TrendDateLabelTests {
    @Test func datesOnADenseTrendStayOnOneLine() {
        // 60 issues: the slots are far narrower than a date, which used to break as "2016-0" / "6-12".
        var points: [LineChart.Point] = []
        for i in 0..<60 {
            let month = 1 + i / 5, day = 1 + i % 28
            let label = "2016-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
            let value = Double((i * 7) % 50)
            points.append(LineChart.Point(label: label, value: value, position: nil, tooltip: "第\(i)期", href: nil))
        }
        let svg = LineChart.draw(points, scale: ValueScale(maxAbs: 50, unit: "人")).string
        let labels = svg.components(separatedBy: "<g class=\"c-xlabel\">").dropFirst()
        #expect(labels.count >= 2)
        #expect(labels.count < 60) // the ones that would overlap are left out
        for segment in labels {
            let label = segment.components(separatedBy: "</g>")[0]
            let texts = label.components(separatedBy: "<text").count - 1
            #expect(texts == 1, "\(label.prefix(200))")
        }
        #expect(svg.contains(">2016-12-") || svg.contains(">2016-1"))
        #expect(!svg.contains(">2016-0</text>"))
    }
}
