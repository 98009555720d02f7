/// Writes YAML scalars for front matter: plain when safe, double-quoted otherwise.
enum YAMLText {
    static let indicators: Set<Character> = ["-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "~"]
    static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"]

    /// `s` as a YAML scalar; `flow` when it sits inside `[…]` or `{…}`.
    static func scalar(_ s: String, flow: Bool = false) -> String {
        needsQuotes(s, flow: flow) ? quoted(s) : s
    }

    static func needsQuotes(_ s: String, flow: Bool) -> Bool {
        guard let first = s.first, let last = s.last else { return true }
        if indicators.contains(first) || first.isWhitespace || last.isWhitespace || last == ":" { return true }
        if s.contains(": ") || s.contains(" #") || s.contains("\t") || s.contains(where: { $0.isNewline }) { return true }
        if s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return true }
        if flow && s.contains(where: { ",[]{}".contains($0) }) { return true }
        if reserved.contains(s.lowercased()) { return true }
        // Anything a YAML resolver could read as a number, date or time.
        if s.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.:_eEoOxX".contains($0)) }) && s.contains(where: { $0.isNumber }) { return true }
        if s.hasPrefix(".") { return true }
        return false
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 { out += "\\x" + String(c.value, radix: 16).leftPadded(2) } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }

    /// `[甲, 乙]`.
    static func list(_ items: [String]) -> String {
        "[" + items.map { scalar($0, flow: true) }.joined(separator: ", ") + "]"
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
