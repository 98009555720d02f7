/// The magnitude a chart writes its numbers in: one scale for a whole chart so that labels compare
/// (`7万`, `18万`, `12万` rather than `70,000` next to `18万`). Never smaller than the editor's own unit
/// (`万元` stays at least 万).
struct ValueScale: Sendable {
    /// Divides a value (already in base units) for display.
    let divisor: Double
    /// `""`, `万`, `亿`, `万亿`.
    let suffix: String
    /// The unit without its 万/亿 prefix (`元` for `万元`).
    let baseUnit: String
    /// What one unit of the editor's number is worth in base units (1e4 for `万元`).
    let unitMultiplier: Double
    /// The unit as shown next to scaled numbers: `万份`, `亿元`, `%`.
    let unitLabel: String

    /// Display magnitudes, largest first.
    private static let scales: [(Double, String)] = [(1e12, "万亿"), (1e8, "亿"), (1e4, "万"), (1, "")]

    init(maxAbs: Double, unit: String) {
        var mult = 1.0, base = unit
        // Only a unit starting with 万 or 亿 gets a multiplier: one whose bytes start with theirs (E4 B8 87, E4 BA BF),
        // or with a scalar of U+F000 or above that might decompose to one (CJK compatibility ideographs). Other units
        // skip `count` and the comparisons (of unequal non-ASCII Strings: ~300 instructions each).
        if ValueScale.mayStartWithWanOrYi(unit), unit.count > 1 || unit == "万" || unit == "亿" {
            if unit.hasPrefix("万亿") { mult = 1e12; base = String(unit.dropFirst(2)) }
            else if unit.hasPrefix("亿") { mult = 1e8; base = String(unit.dropFirst()) }
            else if unit.hasPrefix("万") { mult = 1e4; base = String(unit.dropFirst()) }
        }
        let m = maxAbs.isFinite ? abs(maxAbs) * mult : 0
        var chosen = (1.0, "")
        if ValueScale.same(unit, "%") || ValueScale.same(unit, "‰") {
            chosen = (1, "")
        } else {
            for (d, s) in ValueScale.scales {
                let threshold = d == 1e4 ? 1e5 : d
                if m >= threshold || d <= mult { chosen = (d, s); break }
            }
        }
        divisor = chosen.0
        suffix = chosen.1
        baseUnit = base
        unitMultiplier = mult
        unitLabel = suffix + base
    }

    /// `text == literal` for a literal of one scalar without a canonical decomposition (`%`, `‰`, `万`, `亿`),
    /// comparing bytes first. A text with other bytes can only be canonically equivalent to it when the text is a
    /// single scalar (decomposing never makes a text shorter), so only then is String's `==` asked.
    /// Unified ideographs (U+4E00–U+9FFF) and ASCII have no canonical decomposition, so they are decided by the bytes too.
    static func same(_ text: String, _ literal: String) -> Bool {
        if text.utf8.elementsEqual(literal.utf8) { return true }
        var scalars = text.unicodeScalars.makeIterator()
        guard let only = scalars.next(), scalars.next() == nil else { return false }
        if only.value < 0x80 || (0x4E00...0x9FFF).contains(only.value) { return false }
        return text == literal
    }

    /// False only when `unit` cannot start with the character 万 or 亿 (see `init`).
    static func mayStartWithWanOrYi(_ unit: String) -> Bool {
        var bytes = unit.utf8.makeIterator()
        guard let b0 = bytes.next() else { return false }
        if b0 >= 0xEF { return true }
        guard b0 == 0xE4, let b1 = bytes.next(), let b2 = bytes.next() else { return false }
        return (b1 == 0xB8 && b2 == 0x87) || (b1 == 0xBA && b2 == 0xBF)
    }

    /// The value as written on the chart, before grouping: scaled, or as given when scaling overflows.
    private func scaled(_ v: Double) -> Double {
        let x = v * unitMultiplier / divisor
        return x.isFinite ? x : v
    }

    /// The scaled number: `18`, `2,377.35`.
    func number(_ v: Double, decimals: Int = 2) -> String {
        NumberFormat.string(scaled(v), maxDecimals: decimals, grouped: true)
    }

    /// The scaled number with its unit: `18万份`, `63.01%`.
    func label(_ v: Double, decimals: Int = 2) -> String { number(v, decimals: decimals) + unitLabel }

    /// Calls `body` with the UTF-8 bytes of `number(v, decimals:)`, formatted on the stack (no String is made
    /// unless the value is 10^15 or more). The bytes are ASCII digits, `,`, `.`, `-`, `e` and `+` (the last two only in
    /// `description`'s exponent form from 10^16 on), or `—`, so they need no escaping.
    func withNumberBytes<R>(_ v: Double, decimals: Int = 2, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let x = scaled(v)
        if var s = NumberFormat.slowPath(x, maxDecimals: decimals, grouped: true) { return s.withUTF8(body) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: NumberFormat.maxWritten) { buf in
            let n = NumberFormat.write(x, maxDecimals: decimals, grouped: true, into: buf)
            return body(UnsafeBufferPointer(rebasing: buf[..<n]))
        }
    }

    /// Appends `number(v, decimals:)` (needs no escaping).
    func appendNumber(_ v: Double, decimals: Int = 2, to out: inout MarkupBuffer) {
        out.appendNumber(scaled(v), maxDecimals: decimals, grouped: true)
    }

    /// Appends `label(v, decimals:)`, escaped.
    func appendLabel(_ v: Double, decimals: Int = 2, to out: inout MarkupBuffer) {
        out.appendNumber(scaled(v), maxDecimals: decimals, grouped: true)
        out.appendEscaped(unitLabel)
    }
}
