import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import JianbaoCore

/// A small deterministic generator (SplitMix64), so that every run tests the same inputs.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Whether `text` is well-formed XML (wrapped in one root element).
func isWellFormedXML(_ text: String) -> (Bool, String) {
    let parser = XMLParser(data: Data("<root>\(text)</root>".utf8))
    let ok = parser.parse()
    return (ok, parser.parserError.map { "\($0)" } ?? "")
}

@Suite("Chart properties")
struct ChartPropertyTests {
    static let evil = "<b x=\"1\">&'"
    static let specials: [Double] = [0, -0.0, 1, -1, 100, 0.5, 1e-300, -1e-300, .leastNonzeroMagnitude, 1e300, -1e300,
                                     .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e15, 123456789.123, 99.999]
    static let labelParts = ["接送", "省内刑满释放人员", "A&B", "<script>", "\"引号\"", "'单引'", "2021年", "一季度",
                             "Very long English label text", "，。", "  ", "💡", evil]
    static let units = ["", "%", "人", "万元", "亿元", "次", "<u>", "&"]

    static func value(_ g: inout SeededGenerator) -> Double {
        if Bool.random(using: &g) { return specials.randomElement(using: &g)! }
        let mantissa = Double.random(in: -10...10, using: &g)
        let exponent = Int.random(in: -12...18, using: &g)
        var v = mantissa
        for _ in 0..<abs(exponent) { v = exponent > 0 ? v * 10 : v / 10 }
        return v
    }

    static func block(_ g: inout SeededGenerator, index: Int) -> MetricBlock {
        let kind = ChartKind.allCases[index % ChartKind.allCases.count]
        let count = Int.random(in: 1...12, using: &g)
        var items: [MetricItem] = []
        for i in 0..<count {
            var label = (0..<Int.random(in: 1...4, using: &g)).map { _ in labelParts.randomElement(using: &g)! }.joined()
            if i == 0 { label += evil }
            items.append(MetricItem(label: label, value: value(&g), unit: units.randomElement(using: &g)!,
                                    key: nil, target: Bool.random(using: &g) ? value(&g) : nil))
        }
        return MetricBlock(title: "标题" + evil, chart: kind, unit: units.randomElement(using: &g)!,
                           period: Bool.random(using: &g) ? "2021年以来" : "", source: Bool.random(using: &g) ? evil : "",
                           items: items, line: 1)
    }

    @Test func anyFiniteDataGivesWellFormedEscapedOutput() {
        var g = SeededGenerator(seed: 20220825)
        for n in 0..<400 {
            let b = ChartPropertyTests.block(&g, index: n)
            let html = ChartRenderer.figure(b, id: "a\(n)-c1")
            let (ok, error) = isWellFormedXML(html)
            #expect(ok, "case \(n) (\(b.chart)): not well-formed XML: \(error)")
            #expect(!html.contains("NaN") && !html.lowercased().contains("nan\"") && !html.lowercased().contains("inf"), "case \(n): non-finite number in output")
            #expect(!html.contains("<b ") && !html.contains("<script>") && !html.contains("<u>"), "case \(n): unescaped label")
            #expect(html.contains(HTML.escape(ChartPropertyTests.evil)), "case \(n): escaped label missing")
            #expect(html == ChartRenderer.figure(b, id: "a\(n)-c1"), "case \(n): not deterministic")
            if !ok || html.lowercased().contains("inf") { break }
        }
    }

    @Test func coordinatesStayInsideTheViewBox() throws {
        var g = SeededGenerator(seed: 7)
        let number = try NSRegularExpression(pattern: "(?:x|y|cx|cy|width|height)=\"(-?[0-9.]+)\"")
        for n in 0..<200 {
            let html = ChartRenderer.figure(ChartPropertyTests.block(&g, index: n), id: "c")
            let ns = html as NSString
            for m in number.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
                let v = Double(ns.substring(with: m.range(at: 1)))!
                #expect(v >= -50 && v <= 5000, "case \(n): coordinate \(v) far outside the chart")
            }
        }
    }
}
