import Foundation
import Yams

/// Reads a YAML document into Yams nodes with positions, and validates values key by key.
/// Anchors and aliases are refused (no billion laughs), and every error carries file, line, column.
struct YAMLReader {
    /// Path shown in diagnostics.
    let file: String
    /// Lines before the YAML text in its file (front matter starts on line 2).
    let lineOffset: Int
    /// Collected diagnostics.
    var bag = DiagnosticBag()

    init(file: String, lineOffset: Int = 0) {
        self.file = file
        self.lineOffset = lineOffset
    }

    /// Parses `text`; on failure adds a diagnostic and returns nil. An empty document is an empty mapping.
    mutating func parse(_ text: String) -> Node? {
        do {
            // The basic resolver: values are read as text and validated per key (no regex tag resolution,
            // so `no`/`否` never turn into booleans behind the editor's back), UTF-8 without an environment lookup.
            let parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
            let root = try parser.singleRoot()
            // Keep the parser (and so the anchors it holds) alive while we look for them.
            let ok = withExtendedLifetime(parser) { refuseAnchors(root) }
            guard ok else { return nil }
            return root ?? Node.mapping(Node.Mapping([]))
        } catch let e as YamlError {
            let (line, column, problem) = YAMLReader.describe(e)
            bag.error(file, line + lineOffset, column, "YAML 格式错误: \(problem)")
        } catch {
            bag.error(file, 1 + lineOffset, 1, "YAML 格式错误: \(error)")
        }
        return nil
    }

    private mutating func refuseAnchors(_ root: Node?) -> Bool {
        guard let root else { return true }
        var stack = [root]
        while let node = stack.popLast() {
            var anchored = false
            switch node {
            case .alias:
                anchored = true
            case .scalar(let s):
                anchored = s.anchor != nil
            case .mapping(let m):
                anchored = m.anchor != nil
                if !anchored { for (k, v) in m { stack.append(k); stack.append(v) } }
            case .sequence(let s):
                anchored = s.anchor != nil
                if !anchored { stack.append(contentsOf: s) }
            }
            if anchored {
                let (l, c) = position(node)
                bag.error(file, l, c, "不支持 YAML 锚点和别名（& 与 *），请直接写出内容")
                return false
            }
        }
        return true
    }

    static func describe(_ e: YamlError) -> (Int, Int, String) {
        switch e {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let extra = context.map { "（\(translate($0.text))）" } ?? ""
            // At the end of the text the start of the unfinished construct is the useful place.
            if problem.contains("end of stream"), let context { return (context.mark.line, context.mark.column, translate(problem) + extra) }
            return (mark.line, mark.column, translate(problem) + extra)
        case let .reader(problem, _, _, _):
            return (1, 1, translate(problem))
        case let .duplicatedKeysInMapping(duplicates, context):
            return (context.mark.line, context.mark.column, "重复的键: \(duplicates.joined(separator: ", "))")
        default:
            return (1, 1, "\(e)")
        }
    }

    static func translate(_ problem: String) -> String {
        let table: [(String, String)] = [
            ("mapping values are not allowed in this context", "此处不能出现“键: 值”（冒号后的值可能需要加引号）"),
            ("did not find expected key", "缺少预期的键（缩进可能不一致）"),
            ("found character that cannot start any token", "出现了不能开始任何记号的字符（如制表符，请改用空格）"),
            ("could not find expected ':'", "缺少冒号 :"),
            ("found undefined alias", "引用了未定义的别名"),
            ("did not find expected node content", "缺少预期的内容"),
            ("found unexpected end of stream", "文本意外结束（引号或括号可能没有闭合）"),
            ("did not find expected ',' or ']'", "缺少 , 或 ]"),
            ("did not find expected ',' or '}'", "缺少 , 或 }"),
            ("found duplicate key", "重复的键"),
            ("control characters are not allowed", "不允许出现控制字符"),
            ("invalid leading UTF-8 octet", "无效的 UTF-8 字节"),
            ("found undefined tag handle", "未定义的 YAML 标签"),
            ("found a tab character that violates indentation", "缩进中出现了制表符，请改用空格"),
            ("block sequence entries are not allowed in this context", "此处不能开始列表（- ），请检查缩进"),
            ("did not find expected '-' indicator", "缺少列表项的 - （缩进可能不一致）"),
            ("while scanning a quoted scalar", "从这里开始的引号没有闭合"),
            ("while parsing a flow sequence", "从这里开始的 [ ] 列表"),
            ("while parsing a flow mapping", "从这里开始的 { } 映射"),
            ("while parsing a block mapping", "从这里开始的映射"),
            ("while scanning a simple key", "读取键时"),
            ("while parsing a block collection", "从这里开始的列表"),
        ]
        for (en, zh) in table where problem.contains(en) { return zh }
        return problem
    }

    /// 1-based line and column of a node in its file.
    func position<N: YAMLNodeView>(_ node: N) -> (Int, Int) {
        guard let mark = node.lineColumn else { return (1 + lineOffset, 1) }
        return (mark.line + lineOffset, mark.column)
    }

    mutating func error<N: YAMLNodeView>(_ node: N, _ message: String) {
        let (l, c) = position(node)
        bag.error(file, l, c, message)
    }

    mutating func warning<N: YAMLNodeView>(_ node: N, _ message: String) {
        let (l, c) = position(node)
        bag.warning(file, l, c, message)
    }

    /// The pairs of a mapping, refusing keys not in `allowed` with a "did you mean".
    mutating func mapping<N: YAMLNodeView>(_ node: N, allowed: [String], what: String) -> [(key: String, keyNode: N, value: N)]? {
        guard let m = node.mappingPairs else {
            error(node, "\(what)应当是“键: 值”形式的映射")
            return nil
        }
        var out: [(key: String, keyNode: N, value: N)] = []
        out.reserveCapacity(m.count)
        for (k, v) in m {
            guard let key = k.scalarValue?.text else { error(k, "键必须是文字"); continue }
            if !allowed.contains(key) {
                var msg = "未知字段 “\(key)”"
                if let s = Suggest.closest(key, in: allowed) { msg += "，是否想写 “\(s)”？" }
                else { msg += "，可用字段: \(allowed.joined(separator: ", "))" }
                error(k, msg)
                continue
            }
            // The keys kept so far are all different, and few: a linear search instead of a Set.
            if out.contains(where: { $0.key == key }) { error(k, "字段 “\(key)” 重复"); continue }
            out.append((key: key, keyNode: k, value: v))
        }
        return out
    }

    /// A non-empty string (numbers written bare are accepted as their text).
    mutating func string<N: YAMLNodeView>(_ node: N, key: String, allowEmpty: Bool = false) -> String? {
        guard let (text, style) = node.scalarValue else {
            error(node, "“\(key)” 应当是文字"); return nil
        }
        // A bare `~` or `null` in a text field is almost always a mistake.
        if style == .plain {
            if YAMLReader.isNullWord(text) || (text.isEmpty && !allowEmpty) {
                if allowEmpty { return "" }
                error(node, "“\(key)” 不能为空"); return nil
            }
        }
        if !allowEmpty && YAMLReader.isBlank(text) {
            error(node, "“\(key)” 不能为空"); return nil
        }
        return text
    }

    /// True when `text` lowercased is `~` or `null`. Lowercasing maps every scalar to at least one scalar, so only
    /// a text of at most four scalars (at most 16 UTF-8 bytes) can become one of them; longer texts skip `lowercased()`.
    static func isNullWord(_ text: String) -> Bool {
        guard text.utf8.count <= 16 else { return false }
        // A lead byte E4–E9 starts a scalar in U+4000–U+9FFF (CJK ideographs), which has no case mapping and stays in
        // the lowercased text, so that cannot be `~` or `null`: Chinese texts (tags, names) skip `lowercased()`.
        if text.utf8.contains(where: { $0 >= 0xE4 && $0 <= 0xE9 }) { return false }
        let lowered = text.lowercased()
        return lowered == "~" || lowered == "null"
    }

    /// True when `text` is empty or only whitespace and line breaks (`CharacterSet.whitespacesAndNewlines`). A text
    /// that begins with a visible character (`String.keepsEnd`, none of which is in that set) is answered without
    /// Foundation.
    static func isBlank(_ text: String) -> Bool {
        if let first = text.unicodeScalars.first, String.keepsEnd(first) { return false }
        return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// `text` without leading and trailing `CharacterSet.whitespaces` (spaces and tabs). A text that begins and ends
    /// with a visible character (`String.keepsEnd`, none of which is in that set) is returned as it is.
    static func trimmingSpaces(_ text: String) -> String {
        if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
           String.keepsEnd(first), String.keepsEnd(last) { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// An integer >= minimum.
    mutating func int<N: YAMLNodeView>(_ node: N, key: String, minimum: Int = 1) -> Int? {
        guard let (text, style) = node.scalarValue, style == .plain, let v = Int(text) else {
            error(node, "“\(key)” 应当是整数，例如 \(key): 151"); return nil
        }
        guard v >= minimum else { error(node, "“\(key)” 应当不小于 \(minimum)"); return nil }
        return v
    }

    /// A boolean written true/false.
    mutating func bool<N: YAMLNodeView>(_ node: N, key: String) -> Bool? {
        guard let (text, style) = node.scalarValue, style == .plain else {
            error(node, "“\(key)” 应当是 true 或 false"); return nil
        }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: error(node, "“\(key)” 应当是 true 或 false，而不是 “\(text)”"); return nil
        }
    }

    /// A calendar date `YYYY-MM-DD` that exists.
    mutating func date<N: YAMLNodeView>(_ node: N, key: String) -> CalendarDate? {
        guard let (raw, _) = node.scalarValue else { error(node, "“\(key)” 应当是日期 YYYY-MM-DD"); return nil }
        let text = YAMLReader.trimmingSpaces(raw)
        if let d = CalendarDate(iso: text) { return d }
        let parts = text.split(separator: "-")
        if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) {
            if let date = CalendarDate(year: y, month: m, day: d) {
                error(node, "日期 “\(text)” 应写成 \(date.iso)（YYYY-MM-DD）")
            } else {
                error(node, "日期 “\(text)” 不存在")
            }
            return nil
        }
        error(node, "“\(key)” 应当是日期 YYYY-MM-DD，例如 2022-08-25，而不是 “\(text)”")
        return nil
    }

    /// A list of strings; a single string is accepted as a one-element list.
    mutating func stringList<N: YAMLNodeView>(_ node: N, key: String) -> [String]? {
        if node.scalarValue != nil { return string(node, key: key).map { [$0] } }
        guard let seq = node.sequenceItems else {
            error(node, "“\(key)” 应当是列表，例如 \(key): [甲, 乙]"); return nil
        }
        var out: [String] = []
        out.reserveCapacity(seq.count)
        for item in seq {
            if let s = string(item, key: key) { out.append(s) }
        }
        return out
    }
}
