import Foundation
import JianbaoCore

/// Recognisers for the lines of an imported bulletin. Pure functions over one line's text.
enum Patterns {
    // MARK: Characters

    /// Punctuation that ends a sentence or a clause before a list.
    static let sentenceEnders: Set<Character> = ["。", "！", "？", "；", "：", "…", "!", "?", ";", ":", "．"]
    /// Closing quotes and brackets.
    static let closers: Set<Character> = ["”", "」", "）", "』", ")", "】", "》", "’", "〕", "]"]
    /// Punctuation inside a sentence.
    static let commas: Set<Character> = ["，", ",", "、"]

    /// Text without `**` markers, for classification.
    static func plain(_ s: String) -> String {
        s.contains("**") ? s.replacingOccurrences(of: "**", with: "") : s
    }

    /// True when the line ends a sentence: 。！？；： (also inside a closing quote, as in `。”`).
    static func endsSentence(_ s: String) -> Bool {
        let p = plain(s)
        guard let last = p.last else { return true }
        if sentenceEnders.contains(last) { return true }
        if closers.contains(last) {
            let rest = p.dropLast()
            if let before = rest.last, sentenceEnders.contains(before) { return true }
        }
        return false
    }

    /// True when `s` has a sentence end before its last character.
    static func hasInnerSentenceEnd(_ s: String) -> Bool {
        let p = plain(s)
        return p.dropLast().contains { "。！？；!?;".contains($0) }
    }

    // MARK: Markers

    /// `一、` `（一）` `(一)` `1.` `1、` `（1）` at the start of a line.
    static func startsWithMarker(_ s: String) -> Bool {
        let p = plain(s)
        return p.prefixMatch(of: #/^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|[0-9]{1,2}\s*[.．、]|[（(][0-9]{1,2}[）)])/#) != nil
    }

    /// `一是` `二是` … (list points inside a paragraph).
    static func startsWithPoint(_ s: String) -> Bool {
        plain(s).prefixMatch(of: #/^(?:[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}[，,])/#) != nil
    }

    // MARK: Header items

    /// 第N期 (Arabic, full-width or Chinese numerals), in `第 151期`, `(第 18 期)`, `（第1期）`, `总第3期`.
    static func issueNumber(in s: String) -> (value: Int, range: Range<String.Index>)? {
        let re = #/[（(]?\s*(总\s*)?第\s*([0-9０-９]{1,5}|[〇零一二三四五六七八九十百两]{1,6})\s*期\s*[）)]?/#
        var best: (Int, Range<String.Index>, Bool)?
        for m in s.matches(of: re) {
            guard let v = ChineseNumber.value(String(m.output.2)), v >= 1 else { continue }
            let isTotal = m.output.1 != nil
            if best == nil || (best!.2 && !isTotal) { best = (v, m.range, isTotal) }
        }
        return best.map { ($0.0, $0.1) }
    }

    /// A date: `2022年 8月 25日`, `2022-01-17`, `2022.1.17`, `二〇二二年八月二十五日`.
    static func date(in s: String) -> (date: CalendarDate, range: Range<String.Index>)? {
        let arabic = #/([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*[日号]/#
        let iso = #/([0-9]{4})\s*[-./／]\s*([0-9]{1,2})\s*[-./／]\s*([0-9]{1,2})(?![0-9])/#
        let chinese = #/([〇零○Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/#
        if let m = s.firstMatch(of: arabic), let d = CalendarDate(year: Int(m.output.1)!, month: Int(m.output.2)!, day: Int(m.output.3)!) {
            return (d, m.range)
        }
        for m in s.matches(of: iso) {
            if m.range.lowerBound > s.startIndex, s[s.index(before: m.range.lowerBound)].isASCII && s[s.index(before: m.range.lowerBound)].isNumber { continue }
            if let d = CalendarDate(year: Int(m.output.1)!, month: Int(m.output.2)!, day: Int(m.output.3)!) { return (d, m.range) }
        }
        if let m = s.firstMatch(of: chinese), let y = ChineseNumber.value(String(m.output.1)),
           let mo = ChineseNumber.value(String(m.output.2)), let da = ChineseNumber.value(String(m.output.3)),
           let d = CalendarDate(year: y, month: mo, day: da) {
            return (d, m.range)
        }
        return nil
    }

    /// Labels that may stand before a date on its line.
    static let dateLabels = ["发布日期", "发布时间", "印发日期", "成文日期", "日期", "时间"]

    /// The date when the line is only a date (with an optional label like `发布日期:` and brackets).
    static func dateLine(_ s: String) -> CalendarDate? {
        guard let (d, r) = date(in: s) else { return nil }
        var rest = s
        rest.removeSubrange(r)
        for label in dateLabels { rest = rest.replacingOccurrences(of: label, with: "") }
        return rest.allSatisfy({ $0.isWhitespace || "()（）:：[]【】".contains($0) }) ? d : nil
    }

    /// True for a line that starts with a web-page date label (`发布日期:`, `发布时间：`).
    static func isWebDateLine(_ s: String) -> Bool {
        s.hasPrefix("发布日期") || s.hasPrefix("发布时间") || s.contains("稿件来源") || s.contains("信息来源")
    }

    /// 签发人 on a line: `签发人：涂俊炜`, `签发：涂俊炜`.
    static func signer(in s: String) -> (name: String, range: Range<String.Index>)? {
        guard let m = s.firstMatch(of: #/签发人?\s*[:：]\s*([\p{Han}·]{2,6})/#) else { return nil }
        return (String(m.output.1), m.range)
    }

    /// Suffixes of the names of offices that print bulletins.
    static let organizationEnding = #/(?:办公室|领导小组|委员会|人民政府|政府|局|厅|委|办|处|室|中心|小组|部|院|会)$/#

    /// A publisher line: `市“五型”政府建设领导小组办公室编` (returns the name without 编/编印).
    static func publisherLine(_ s: String, allowBare: Bool) -> String? {
        var t = plain(s).trimmingCharacters(in: .whitespaces)
        guard (2...40).contains(t.count), !t.contains(where: { "。，,；;：:！？".contains($0) }) else { return nil }
        var marked = false
        for suffix in ["编印", "主编", "编"] where t.hasSuffix(suffix) {
            t.removeLast(suffix.count)
            marked = true
            break
        }
        t = t.trimmingCharacters(in: .whitespaces)
        guard t.count >= 2, t.firstMatch(of: organizationEnding) != nil else { return nil }
        return (marked || allowBare) ? t : nil
    }

    // MARK: Contact and distribution

    /// Telephone on a contact line (`电话：8992059`, `联系电话: 0797-8992059`).
    static func phone(in s: String) -> String? {
        guard let m = s.firstMatch(of: #/(?:联系)?电\s*话\s*[:：]\s*([0-9０-９\-－—()（）\s]{5,30}[0-9０-９])/#) else { return nil }
        return String(m.output.1).trimmingCharacters(in: .whitespaces)
    }

    /// E-mail on a contact line (`电子邮箱：gzswxzfb@163.com`, `邮箱:`, `E-mail:`).
    static func email(in s: String) -> String? {
        guard let m = s.firstMatch(of: #/(?:电子邮箱|电子信箱|邮箱|[Ee]-?[Mm]ail)\s*[:：]\s*([A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,})/#) else { return nil }
        return String(m.output.1)
    }

    /// True when the whole line is contact details (phone, e-mail, 联系人, 地址, 邮编).
    static func isContactLine(_ s: String) -> Bool {
        let t = plain(s)
        guard t.count <= 80 else { return false }
        return t.prefixMatch(of: #/^(?:联系人|联系电话|电\s*话|传\s*真|电子邮箱|电子信箱|邮\s*箱|[Ee]-?[Mm]ail|通讯地址|地\s*址|邮\s*编)\s*[:：]/#) != nil
    }

    /// `报：…` or `发：…` distribution lists; the kind is `report` or `send`.
    static func distribution(_ s: String) -> (kind: String, items: [String])? {
        let t = plain(s)
        guard let m = t.prefixMatch(of: #/^(报\s*送|报|发\s*送|分\s*送|发|送|抄\s*送)\s*[:：]\s*(.+)$/#) else { return nil }
        let head = String(m.output.1).filter { !$0.isWhitespace }
        let kind = head.hasPrefix("报") ? "report" : "send"
        let items = splitList(String(m.output.2))
        return items.isEmpty ? nil : (kind, items)
    }

    /// The addressee line of a notice (`各辖市区司法局、镇江新区司法办:`), split into units.
    static func addressee(_ s: String) -> [String]? {
        let t = plain(s)
        guard let last = t.last, last == ":" || last == "：", (3...80).contains(t.count),
              !t.contains(where: { "。；;！？".contains($0) }), !t.hasPrefix("编者按") else { return nil }
        let items = splitList(String(t.dropLast()))
        guard !items.isEmpty, items.allSatisfy({ $0.firstMatch(of: #/(?:局|办|委|政府|部门|单位|区|县|市|厅|处|室|会|司|中心|公司|院|所|站|镇|乡|街道)$/#) != nil }) else { return nil }
        return items
    }

    /// Splits `甲、乙，丙；丁` at top level (a 、 inside `（市、区）` stays).
    static func splitList(_ s: String) -> [String] {
        var items: [String] = []
        var current = ""
        var depth = 0
        for c in s {
            if "（(《“【[".contains(c) { depth += 1 }
            if "）)》”】]".contains(c) { depth = max(0, depth - 1) }
            if depth == 0 && "、，,；;".contains(c) {
                items.append(current); current = ""
            } else if depth == 0 && c.isWhitespace && c != " " {
                items.append(current); current = ""
            } else {
                current.append(c)
            }
        }
        items.append(current)
        return items.map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "。.")) }
            .filter { !$0.isEmpty }
    }

    // MARK: Layout

    /// `【典型经验】` (also `〖工作动态〗`, `■ 典型推介`) -> `典型经验`.
    static func columnHeading(_ s: String) -> String? {
        let t = plain(s)
        if let m = t.wholeMatch(of: #/[【\[〖]\s*([^【】\[\]]{2,16}?)\s*[】\]〗]/#) { return String(m.output.1) }
        if let m = t.wholeMatch(of: #/[■◆●▲★]\s*([\p{Han}]{2,10})/#) { return String(m.output.1) }
        return nil
    }

    /// `编者按：…` -> the text after it (may be empty).
    static func editorNote(_ s: String) -> String? {
        let t = s.trimmingCharacters(in: .whitespaces)
        guard let m = t.prefixMatch(of: #/^(?:\*\*)?\s*编\s*者\s*按\s*(?:\*\*)?\s*[:：]?\s*(?:\*\*)?/#) else { return nil }
        return String(t[m.range.upperBound...]).trimmingCharacters(in: .whitespaces)
    }

    /// A printed separator line (`————`, `-----`, `━━━`).
    static func isRule(_ s: String) -> Bool {
        s.count >= 3 && s.allSatisfy { "-—─━_=＝·*".contains($0) || $0.isWhitespace }
    }

    /// `（共印50份）`.
    static func isPrintCount(_ s: String) -> Bool {
        s.wholeMatch(of: #/[（(]?\s*共印\s*[0-9]+\s*份\s*[）)]?/#) != nil
    }
}
