import Foundation

/// Finds figures in an article (6081名, 100%, 2377.35万元, 同比下降63.01%, 1157户) and proposes them as
/// items of a `metrics` block, each with the few words before it as its label.
public enum MetricSuggester {
    /// One proposed item.
    public struct Item: Sendable, Equatable {
        /// The words before the figure.
        public var label: String
        /// The number as written (`2377.35`).
        public var value: String
        /// The unit as written (`万元`, `%`, `名`).
        public var unit: String
    }

    /// Most items proposed per article.
    public static let maxItems = 8

    static let figure = #/([0-9]+(?:\.[0-9]+)?)\s*((?:万|亿)?(?:余|多)?(?:万|亿)?(?:人次|户次|场次|万元|亿元|名|人|户|个|家|次|起|件|场|条|所|元|份|篇|部|项|%|％))/#
    static let fillers = ["截至目前", "截至", "目前", "今年以来", "近年来", "其中", "全市", "全县", "全区", "全省", "累计", "共计",
                          "共", "已", "并", "同时", "另外", "此外", "分别", "先后", "约", "确保", "通过", "以在", "对", "有", "与"]
    static let trailers = ["达到", "高达", "达", "超过", "突破", "共计", "共", "分别为", "分别", "为"]

    /// Proposed items for the paragraphs of one article, in order of appearance.
    public static func suggest(_ paragraphs: [String]) -> [Item] {
        var items: [Item] = []
        for text in paragraphs {
            let t = text.replacingOccurrences(of: "**", with: "")
            for m in t.matches(of: figure) {
                let before = t[..<m.range.lowerBound]
                if let prev = before.last, prev.isASCII && prev.isNumber || prev == "." { continue }
                if let prev = before.last(where: { !$0.isWhitespace }), "第前-—～~".contains(prev) { continue }
                let value = String(m.output.1)
                var unit = String(m.output.2)
                if unit == "％" { unit = "%" }
                guard let label = label(before), !label.isEmpty else { continue }
                let item = Item(label: label, value: value, unit: unit)
                if !items.contains(item) { items.append(item) }
                if items.count >= maxItems { return items }
            }
        }
        return items
    }

    /// The clause before a figure, without leading time phrases and fillers or trailing verbs like 达.
    static func label(_ before: Substring) -> String? {
        var clauseStart = before.startIndex
        if let i = before.lastIndex(where: { "，。；、：:,;（(）)！？“”\n".contains($0) }) { clauseStart = before.index(after: i) }
        var s = String(before[clauseStart...])
        // An earlier figure in the same clause (1157户 2811人) is not part of the label.
        while let m = s.firstMatch(of: figure) { s.removeSubrange(s.startIndex..<m.range.upperBound) ; s = s.trimmingCharacters(in: .whitespaces) }
        if s.isEmpty, let m = String(before[clauseStart...]).firstMatch(of: #/^([^0-9]+)/#) { s = String(m.output.1) }
        var changed = true
        while changed {
            changed = false
            s = s.trimmingCharacters(in: .whitespaces)
            if let m = s.prefixMatch(of: #/^[0-9]{4}\s*年\s*(?:[0-9]{1,2}\s*(?:-\s*[0-9]{1,2}\s*)?月份?)?(?:以来|底|初|末)?/#), !m.output.isEmpty {
                s.removeSubrange(m.range); changed = true
            }
            for f in fillers where s.hasPrefix(f) && s.count > f.count { s.removeFirst(f.count); changed = true }
            for t in trailers where s.hasSuffix(t) && s.count > t.count { s.removeLast(t.count); changed = true }
        }
        s = s.trimmingCharacters(in: .whitespaces)
        if s.count > 20 { s = String(s.suffix(20)) }
        // Never close the surrounding HTML comment early.
        s = s.replacingOccurrences(of: "--", with: "—")
        return s.count >= 2 && s.contains(where: { $0.isLetter }) ? s : nil
    }

    /// The suggestion as an HTML comment around `metrics` blocks (one per unit, since a bar chart has one
    /// unit), which the build drops from the page.
    public static func comment(title: String, items: [Item]) -> String {
        var units: [String] = []
        for i in items where !units.contains(i.unit) { units.append(i.unit) }
        let cleanTitle = title.replacingOccurrences(of: "--", with: "—")
        var out = "<!-- 建议的图表数据（请核对数值和标签，删去不要的项，再去掉本行和最后一行的注释符）:\n"
        for unit in units {
            out += "```metrics\n"
            out += "title: \(YAMLText.scalar(units.count > 1 ? "\(cleanTitle)（\(unit)）" : cleanTitle))\n"
            out += "chart: bar\n"
            out += "unit: \(YAMLText.scalar(unit))\n"
            out += "items:\n"
            for i in items where i.unit == unit {
                out += "  - {label: \(YAMLText.scalar(i.label, flow: true)), value: \(i.value)}\n"
            }
            out += "```\n"
        }
        return out + "-->"
    }
}
