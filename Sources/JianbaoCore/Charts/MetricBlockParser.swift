import Foundation
import Yams

/// Parses and validates the YAML inside a `metrics` fence. Errors point at lines of the Markdown file.
public enum MetricBlockParser {
    static let blockKeys = ["title", "chart", "unit", "period", "source", "items"]
    static let itemKeys = ["label", "value", "unit", "key", "target"]

    /// Parses `yaml`, whose fence opens on `blockLine` of `file`.
    public static func parse(_ yaml: String, file: String, blockLine: Int) -> (block: MetricBlock?, diagnostics: [Diagnostic]) {
        if let block = fastParse(yaml, blockLine: blockLine) { return (block, []) }
        return fullParse(yaml, file: file, blockLine: blockLine)
    }

    /// The common, valid case without a full YAML tree (see `SimpleYAML`); nil whenever anything is
    /// unusual or invalid, so that `fullParse` reports it with positions.
    static func fastParse(_ yaml: String, blockLine: Int) -> MetricBlock? {
        guard let pairs = SimpleYAML.parse(yaml) else { return nil }
        var title: String?, chart: ChartKind?, unit = "", period = "", source = ""
        var rawItems: [[(String, String)]]?
        for (k, v) in pairs {
            switch (k, v) {
            case ("title", .scalar(let s)): title = s
            case ("chart", .scalar(let s)): guard let c = ChartKind(rawValue: s) else { return nil }; chart = c
            case ("unit", .scalar(let s)): unit = s
            case ("period", .scalar(let s)): period = s
            case ("source", .scalar(let s)): source = s
            case ("items", .list(let l)): rawItems = l
            default: return nil
            }
        }
        guard let title, !title.trimmingWhitespace().isEmpty, let rawItems, !rawItems.isEmpty else { return nil }
        var items: [MetricItem] = []
        for raw in rawItems {
            var label: String?, value: Double?, itemUnit: String?, key: String?, target: Double?
            for (k, v) in raw {
                switch k {
                case "label": label = v
                case "value": guard let d = number(v) else { return nil }; value = d
                case "target": guard let d = number(v) else { return nil }; target = d
                case "unit": itemUnit = v
                case "key":
                    guard v.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }) else { return nil }
                    key = v
                default: return nil
                }
            }
            guard let label, !label.trimmingWhitespace().isEmpty, let value else { return nil }
            items.append(MetricItem(label: label, value: value, unit: itemUnit ?? unit, key: key, target: target))
        }
        let kind = chart ?? inferKind(items)
        if kind == .progress, items.contains(where: { $0.unit == "%" && $0.value > 100 }) { return nil }
        if kind == .bar, Set(items.map(\.unit)).count > 1 { return nil }
        return MetricBlock(title: title, chart: kind, unit: unit, period: period, source: source, items: items, line: blockLine)
    }

    /// Full parse through Yams, with a diagnostic for every problem.
    static func fullParse(_ yaml: String, file: String, blockLine: Int) -> (block: MetricBlock?, diagnostics: [Diagnostic]) {
        var r = YAMLReader(file: file, lineOffset: blockLine)
        guard let root = r.parse(yaml) else { return (nil, r.bag.all) }
        guard let pairs = r.mapping(root, allowed: blockKeys, what: "图表数据块") else { return (nil, r.bag.all) }
        var title: String?, chart: ChartKind?, unit = "", period = "", source = ""
        var items: [MetricItem] = []
        var itemNodes: [Node] = []
        var itemsNode: Node?
        for (k, _, v) in pairs {
            switch k {
            case "title": title = r.string(v, key: k)
            case "chart":
                if let s = r.string(v, key: k) {
                    if let c = ChartKind(rawValue: s) { chart = c }
                    else { r.error(v, "未知的图表类型 “\(s)”，可用: \(ChartKind.allCases.map(\.rawValue).joined(separator: ", "))") }
                }
            case "unit": unit = r.string(v, key: k, allowEmpty: true) ?? ""
            case "period": period = r.string(v, key: k, allowEmpty: true) ?? ""
            case "source": source = r.string(v, key: k, allowEmpty: true) ?? ""
            case "items":
                itemsNode = v
                guard case .sequence(let seq) = v else { r.error(v, "items 应当是列表"); continue }
                for node in seq {
                    if let item = parseItem(node, defaultUnit: unit, &r) { items.append(item); itemNodes.append(node) }
                }
            default: break
            }
        }
        // Items parsed before `unit:` was read get the block unit now.
        if let itemsNode, case .sequence(let seq) = itemsNode {
            for (i, node) in seq.enumerated() where i < items.count {
                if case .mapping(let m) = node, m["unit"] == nil { items[i].unit = unit }
            }
        }
        if title == nil, !pairs.contains(where: { $0.key == "title" }) { r.bag.error(file, blockLine, 1, "图表数据块缺少 title") }
        if itemsNode == nil { r.bag.error(file, blockLine, 1, "图表数据块缺少 items，至少需要一项数据") }
        else if let itemsNode, case .sequence(let seq) = itemsNode, seq.isEmpty { r.error(itemsNode, "items 为空，至少需要一项数据") }
        guard !r.bag.hasErrors, let title else { return (nil, r.bag.all) }

        let kind = chart ?? inferKind(items)
        if kind == .progress {
            for (item, node) in zip(items, itemNodes) where item.unit == "%" && item.value > 100 {
                r.error(node, "进度图中的百分比 \(NumberFormat.plain(item.value))% 超过 100")
            }
        }
        if kind == .bar {
            let units = Set(items.map(\.unit))
            if units.count > 1 {
                r.bag.error(file, blockLine + 1, 1, "柱状图中的单位不一致（\(units.sorted().joined(separator: "、"))），请拆成多个图表或统一单位")
            }
        }
        guard !r.bag.hasErrors else { return (nil, r.bag.all) }
        return (MetricBlock(title: title, chart: kind, unit: unit, period: period, source: source, items: items, line: blockLine), r.bag.all)
    }

    /// One or two items -> stat; all `%` with targets -> progress; otherwise bar.
    public static func inferKind(_ items: [MetricItem]) -> ChartKind {
        if !items.isEmpty, items.allSatisfy({ $0.unit == "%" && $0.target != nil }) { return .progress }
        if items.count <= 2 { return .stat }
        return .bar
    }

    static func parseItem(_ node: Node, defaultUnit: String, _ r: inout YAMLReader) -> MetricItem? {
        guard let pairs = r.mapping(node, allowed: itemKeys, what: "数据项") else { return nil }
        var label: String?, value: Double?, unit: String?, key: String?, target: Double?
        var ok = true
        for (k, _, v) in pairs {
            switch k {
            case "label": label = r.string(v, key: k)
            case "value", "target":
                guard case .scalar(let s) = v else { r.error(v, "\(k) 应当是数字"); ok = false; continue }
                if let d = number(s.string) {
                    if k == "value" { value = d } else { target = d }
                } else {
                    let (num, suffix) = splitNumber(s.string)
                    if let num, !suffix.isEmpty {
                        r.error(v, "\(k) 应当是数字: 请写 \(k): \(num) 并写 unit: \(suffix)")
                    } else {
                        r.error(v, "\(k) 应当是数字，而不是 “\(s.string)”")
                    }
                    ok = false
                }
            case "unit": unit = r.string(v, key: k, allowEmpty: true)
            case "key":
                if let s = r.string(v, key: k) {
                    if Slug.isValid(s) || s.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }) { key = s }
                    else { r.error(v, "key “\(s)” 只能包含英文字母、数字、- 和 _"); ok = false }
                }
            default: break
            }
        }
        if label == nil, !pairs.contains(where: { $0.key == "label" }) { r.error(node, "数据项缺少 label"); ok = false }
        if value == nil, !pairs.contains(where: { $0.key == "value" }) { r.error(node, "数据项缺少 value"); ok = false }
        guard ok, let label, let value else { return nil }
        return MetricItem(label: label, value: value, unit: unit ?? defaultUnit, key: key, target: target)
    }

    /// A finite number written plainly (`6081`, `2377.35`, `-3`); thousands separators allowed.
    static func number(_ text: String) -> Double? {
        let t = (text.contains(",") ? text.replacingOccurrences(of: ",", with: "") : text).trimmingWhitespace()
        guard !t.isEmpty, t.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E" }),
              let d = Double(t), d.isFinite else { return nil }
        return d
    }

    /// `6081名` -> ("6081", "名").
    static func splitNumber(_ text: String) -> (String?, String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let digits = t.prefix { ("0"..."9").contains($0) || $0 == "." || $0 == "," || $0 == "-" }
        guard !digits.isEmpty, number(String(digits)) != nil else { return (nil, "") }
        return (String(digits).replacingOccurrences(of: ",", with: ""), String(t.dropFirst(digits.count)).trimmingCharacters(in: .whitespaces))
    }
}
