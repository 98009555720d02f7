import Foundation
import Yams

/// Parses and validates the YAML inside a `metrics` fence. Errors point at lines of the Markdown file:
/// the fence opens on `blockLine`, so line 1 of the YAML is `blockLine + 1`.
public enum MetricBlockParser {
    static let blockKeys = ["title", "chart", "unit", "period", "source", "items"]
    static let itemKeys = ["label", "value", "unit", "key", "target"]

    /// Chinese names of the chart kinds, for messages.
    static let kindNames: [ChartKind: String] = [.bar: "条形图", .line: "折线图", .pie: "饼图", .stat: "数字卡片", .progress: "进度图"]

    /// One parsed item with the YAML nodes that diagnostics point at.
    struct ParsedItem {
        var item: MetricItem
        var node: Node
        var valueNode: Node
        var unitNode: Node?
    }

    /// Parses `yaml`, whose fence opens on `blockLine` of `file`.
    public static func parse(_ yaml: String, file: String, blockLine: Int) -> (block: MetricBlock?, diagnostics: [Diagnostic]) {
        if let block = fastParse(yaml, blockLine: blockLine) { return (block, []) }
        return fullParse(yaml, file: file, blockLine: blockLine)
    }

    /// `parse(_:file:blockLine:)` on the YAML's UTF-8 bytes (a code block's literal, read in place): a String of
    /// them is made only when the fast path refuses the block.
    static func parse(utf8 yaml: UnsafeBufferPointer<UInt8>, file: String, blockLine: Int) -> (block: MetricBlock?, diagnostics: [Diagnostic]) {
        if let block = fastParse(utf8: yaml, blockLine: blockLine) { return (block, []) }
        return fullParse(String(decoding: yaml, as: UTF8.self), file: file, blockLine: blockLine)
    }

    /// The common, valid case without a full YAML tree (see `SimpleYAML`), with exactly the rules of
    /// `fullParse`; nil whenever anything is unusual or invalid, so that `fullParse` reports it with positions.
    /// The fuzz tests compare the two.
    static func fastParse(_ yaml: String, blockLine: Int) -> MetricBlock? {
        var yaml = yaml
        return yaml.withUTF8 { fastParse(utf8: $0, blockLine: blockLine) }
    }

    /// `fastParse(_:blockLine:)` on the YAML's UTF-8 bytes.
    static func fastParse(utf8 yaml: UnsafeBufferPointer<UInt8>, blockLine: Int) -> MetricBlock? {
        guard let pairs = SimpleYAML.parse(bytes: yaml) else { return nil }
        var title: String?, chart: ChartKind?, unit = "", period = "", source = ""
        var rawItems: [[(String, String)]]?
        for (k, v) in pairs {
            switch (k, v) {
            case ("title", .scalar(let s)): title = s.trimmingWhitespace()
            case ("chart", .scalar(let s)): guard let c = ChartKind(rawValue: s.trimmingWhitespace().lowercased()) else { return nil }; chart = c
            case ("unit", .scalar(let s)): unit = normalizeUnit(s)
            case ("period", .scalar(let s)): period = s.trimmingWhitespace()
            case ("source", .scalar(let s)): source = s.trimmingWhitespace()
            case ("items", .list(let l)): rawItems = l
            default: return nil
            }
        }
        guard let title, !title.isEmpty, let rawItems, !rawItems.isEmpty else { return nil }
        var items: [MetricItem] = []
        items.reserveCapacity(rawItems.count)
        for raw in rawItems {
            var label: String?, value: Double?, itemUnit: String?, key: String?, target: Double?
            for (k, v) in raw {
                switch k {
                case "label": label = v.trimmingWhitespace()
                case "value": guard let d = number(v.trimmingWhitespace()) else { return nil }; value = d
                case "target": guard let d = number(v.trimmingWhitespace()) else { return nil }; target = d
                case "unit": itemUnit = normalizeUnit(v)
                case "key":
                    // `fullParse`'s rule on bytes: an ASCII scalar is alphabetic exactly when it is a letter A-Z or a-z.
                    guard !v.trimmingWhitespace().isEmpty,
                          v.utf8.allSatisfy({ ($0 | 0x20 >= 97 && $0 | 0x20 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 95 }) else { return nil }
                    key = v
                default: return nil
                }
            }
            guard let label, !label.isEmpty, let value else { return nil }
            items.append(MetricItem(label: label, value: value, unit: itemUnit ?? unit, key: key, target: target))
        }
        let kind = chart ?? inferKind(items)
        switch kind {
        case .progress:
            if items.contains(where: { $0.unit == "%" && $0.value > 100 }) { return nil }
        case .bar, .line, .pie:
            if items.contains(where: { $0.unit != items[0].unit }) { return nil }   // more than one unit
            if kind == .pie, items.contains(where: { $0.value < 0 }) { return nil }
        case .stat:
            break
        }
        let blockUnit = unit.isEmpty ? (items.first?.unit ?? "") : unit
        return MetricBlock(title: title, chart: kind, unit: blockUnit, period: period, source: source, items: items, line: blockLine)
    }

    /// Full parse through Yams, with a diagnostic for every problem.
    static func fullParse(_ yaml: String, file: String, blockLine: Int) -> (block: MetricBlock?, diagnostics: [Diagnostic]) {
        var r = YAMLReader(file: file, lineOffset: blockLine)
        guard let root = r.parse(yaml) else { return (nil, r.bag.all) }
        guard let pairs = r.mapping(root, allowed: blockKeys, what: "图表数据块") else { return (nil, r.bag.all) }
        func value(_ key: String) -> (keyNode: Node, value: Node)? {
            pairs.first { $0.key == key }.map { ($0.keyNode, $0.value) }
        }
        var unit = ""
        if let v = value("unit")?.value { unit = normalizeUnit(r.string(v, key: "unit", allowEmpty: true) ?? "") }
        var title: String?
        if let v = value("title")?.value { title = r.string(v, key: "title")?.trimmingWhitespace() }
        else { r.bag.error(file, blockLine, 1, "图表数据块缺少 title（图表标题）") }
        var chart: ChartKind?
        if let v = value("chart")?.value, let s = r.string(v, key: "chart") {
            let name = s.trimmingWhitespace().lowercased()
            if let c = ChartKind(rawValue: name) { chart = c } else {
                var msg = "未知的图表类型 “\(s)”"
                if let g = Suggest.closest(name, in: ChartKind.allCases.map(\.rawValue)) { msg += "，是否想写 “\(g)”？" } else { msg += "。" }
                msg += "可用: \(ChartKind.allCases.map(\.rawValue).joined(separator: ", "))"
                r.error(v, msg)
            }
        }
        let period = value("period").flatMap { r.string($0.value, key: "period", allowEmpty: true) }?.trimmingWhitespace() ?? ""
        let source = value("source").flatMap { r.string($0.value, key: "source", allowEmpty: true) }?.trimmingWhitespace() ?? ""

        var parsed: [ParsedItem] = []
        if let (keyNode, v) = value("items") {
            switch v {
            case .sequence(let seq) where seq.isEmpty:
                r.error(keyNode, "items 为空，至少需要一项数据，例如 - {label: 解决就业, value: 372}")
            case .sequence(let seq):
                for node in seq {
                    if let p = parseItem(node, defaultUnit: unit, &r) { parsed.append(p) }
                }
            case .scalar(let s) where s.string.isEmpty || s.string == "~" || s.string.lowercased() == "null":
                r.error(keyNode, "items 为空，至少需要一项数据，例如 - {label: 解决就业, value: 372}")
            default:
                r.error(v, "items 应当是列表，每项写成 - {label: 名称, value: 数字}")
            }
        } else {
            r.bag.error(file, blockLine, 1, "图表数据块缺少 items，至少需要一项数据")
        }
        guard !r.bag.hasErrors, let title, !parsed.isEmpty else { return (nil, r.bag.all) }

        let items = parsed.map(\.item)
        let kind = chart ?? inferKind(items)
        let kindName = kindNames[kind] ?? kind.rawValue
        switch kind {
        case .progress:
            for p in parsed where p.item.unit == "%" && p.item.value > 100 {
                r.error(p.valueNode, "进度图中的百分比 \(NumberFormat.plain(p.item.value))% 超过 100%；完成率请写 0–100 之间的数")
            }
        case .bar, .line, .pie:
            if let first = parsed.first, let odd = parsed.first(where: { $0.item.unit != first.item.unit }) {
                func shown(_ u: String) -> String { u.isEmpty ? "（无单位）" : "“\(u)”" }
                r.error(odd.unitNode ?? odd.node,
                        "\(kindName)中的单位不一致：第一项是\(shown(first.item.unit))，这一项是\(shown(odd.item.unit))；请统一单位或拆成多个图表")
            }
            if kind == .pie {
                for p in parsed where p.item.value < 0 {
                    r.error(p.valueNode, "饼图的数值不能为负数（\(NumberFormat.plain(p.item.value))），请改用条形图（chart: bar）")
                }
            }
        case .stat:
            break
        }
        guard !r.bag.hasErrors else { return (nil, r.bag.all) }
        let blockUnit = unit.isEmpty ? (items.first?.unit ?? "") : unit
        return (MetricBlock(title: title, chart: kind, unit: blockUnit, period: period, source: source, items: items, line: blockLine), r.bag.all)
    }

    /// The chart drawn when a block names none. A block whose items are all percentages with targets is a
    /// progress chart (even with one or two items: a rate against its goal reads best as a bar filling up);
    /// otherwise one or two items are stat tiles, and more are a bar chart.
    public static func inferKind(_ items: [MetricItem]) -> ChartKind {
        if !items.isEmpty, items.allSatisfy({ $0.unit == "%" && $0.target != nil }) { return .progress }
        if items.count <= 2 { return .stat }
        return .bar
    }

    static func parseItem(_ node: Node, defaultUnit: String, _ r: inout YAMLReader) -> ParsedItem? {
        guard let pairs = r.mapping(node, allowed: itemKeys, what: "数据项") else { return nil }
        var label: String?, value: Double?, unit: String?, key: String?, target: Double?
        var valueNode: Node?, unitNode: Node?
        var ok = true
        for (k, _, v) in pairs {
            switch k {
            case "label":
                label = r.string(v, key: k)?.trimmingWhitespace()
                if label == nil { ok = false }
            case "value", "target":
                if k == "value" { valueNode = v }
                guard let d = number(v, key: k, &r) else { ok = false; continue }
                if k == "value" { value = d } else { target = d }
            case "unit":
                unitNode = v
                unit = r.string(v, key: k, allowEmpty: true).map(normalizeUnit)
            case "key":
                if let s = r.string(v, key: k) {
                    if s.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }) { key = s }
                    else { r.error(v, "key “\(s)” 只能包含英文字母、数字、- 和 _，例如 key: sfj-jiuye"); ok = false }
                } else { ok = false }
            default: break
            }
        }
        if !pairs.contains(where: { $0.key == "label" }) { r.error(node, "数据项缺少 label（名称）"); ok = false }
        if !pairs.contains(where: { $0.key == "value" }) { r.error(node, "数据项缺少 value（数值）"); ok = false }
        guard ok, let label, let value, let valueNode else { return nil }
        return ParsedItem(item: MetricItem(label: label, value: value, unit: unit ?? defaultUnit, key: key, target: target),
                          node: node, valueNode: valueNode, unitNode: unitNode)
    }

    /// The number in a `value` or `target` node, or an error that says how to write it.
    static func number(_ v: Node, key k: String, _ r: inout YAMLReader) -> Double? {
        guard case .scalar(let s) = v else { r.error(v, "\(k) 应当是数字，例如 \(k): 6081"); return nil }
        let text = s.string.trimmingWhitespace()
        if let d = number(text) { return d }
        if looksNumeric(text) {
            r.error(v, "\(k) 的数值 “\(text)” 超出范围")
            return nil
        }
        let (num, suffix) = splitNumber(text)
        if let num, !suffix.isEmpty {
            r.error(v, "\(k) 应当是数字：请写 \(k): \(num) 并写 unit: \(yamlScalar(normalizeUnit(suffix)))")
        } else if text.isEmpty {
            r.error(v, "\(k) 不能为空，请写一个数字，例如 \(k): 6081")
        } else {
            r.error(v, "\(k) 应当是数字，而不是 “\(text)”")
        }
        return nil
    }

    /// Only the characters a plainly written number uses.
    static func looksNumeric(_ t: String) -> Bool {
        !t.isEmpty && t.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ".,-+eE".unicodeScalars.contains($0) }
            && t.unicodeScalars.contains { ("0"..."9").contains($0) }
    }

    /// A finite number written plainly (`6081`, `2377.35`, `-3`, `1e6`); thousands separators allowed.
    static func number(_ text: String) -> Double? {
        if let d = plainInteger(text) { return d }
        let t = (text.utf8.contains(UInt8(ascii: ",")) ? text.replacingOccurrences(of: ",", with: "") : text).trimmingWhitespace()
        guard looksNumeric(t), let d = Double(t), d.isFinite else { return nil }
        return d
    }

    /// The value of 1 to 15 ASCII digits (`6081`), else nil. Below 10^15 a whole number is exact in a Double,
    /// so this is what `Double(text)` returns for such a text, without parsing it through a C string.
    static func plainInteger(_ text: String) -> Double? {
        let utf8 = text.utf8
        let n = utf8.count
        guard n >= 1, n <= 15 else { return nil }
        var v = 0
        for b in utf8 {
            guard b >= 48, b <= 57 else { return nil }
            v = v * 10 + Int(b - 48)
        }
        return Double(v)
    }

    /// `6081名` -> ("6081", "名"); `2377.35万元` -> ("2377.35", "万元"); `约6000` -> (nil, "").
    static func splitNumber(_ text: String) -> (String?, String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let digits = t.prefix { ("0"..."9").contains($0) || $0 == "." || $0 == "," || $0 == "-" || $0 == "+" }
        guard !digits.isEmpty, number(String(digits)) != nil else { return (nil, "") }
        return (String(digits).replacingOccurrences(of: ",", with: ""), String(t.dropFirst(digits.count)).trimmingCharacters(in: .whitespaces))
    }

    /// Full-width percent signs and spaces tidied: `％` -> `%`.
    static func normalizeUnit(_ u: String) -> String {
        let t = u.trimmingWhitespace()
        return t.utf8.contains(0xEF) && t.contains(Character("％")) ? t.replacingOccurrences(of: "％", with: "%") : t
    }

    /// A unit as it must be written in YAML: quoted when it starts with a YAML indicator such as `%`.
    static func yamlScalar(_ s: String) -> String {
        guard let f = s.first else { return "\"\"" }
        return "%@`*&!|>'\"#{}[],?:-".contains(f) ? "\"\(s)\"" : s
    }
}
