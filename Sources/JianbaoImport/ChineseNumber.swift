/// Small Chinese numerals (一 … 九千九百九十九, 〇 digits) as used in 期号 and dates.
enum ChineseNumber {
    static let digits: [Character: Int] = ["〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
                                           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
    static let units: [Character: Int] = ["十": 10, "百": 100, "千": 1000]

    /// `十二` -> 12, `一百零五` -> 105, `二〇二二` -> 2022 (digit by digit when there is no unit), Arabic and
    /// full-width digits too.
    static func value(_ text: String) -> Int? {
        let t = text.filter { !$0.isWhitespace }
        if t.isEmpty { return nil }
        if t.allSatisfy({ $0.isASCII && $0.isNumber }) { return Int(t) }
        if t.allSatisfy({ ("０"..."９").contains($0) }) {
            return Int(String(t.unicodeScalars.map { Character(Unicode.Scalar($0.value - 0xFF10 + 0x30)!) }))
        }
        if !t.contains(where: { units[$0] != nil }) {
            var v = 0
            for c in t { guard let d = digits[c] else { return nil }; v = v * 10 + d }
            return v
        }
        var total = 0, current = 0
        for c in t {
            if let d = digits[c] { current = d }
            else if let u = units[c] { total += (current == 0 ? 1 : current) * u; current = 0 }
            else { return nil }
        }
        return total + current
    }
}
