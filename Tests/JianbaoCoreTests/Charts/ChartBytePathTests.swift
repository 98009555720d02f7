import Testing
@testable import JianbaoCore

/// The byte roads of chart drawing and metric parsing give exactly what their String roads give.
@Suite("Chart byte paths")
struct ChartBytePathTests {
    @Test func plainIntegerAgreesWithDouble() {
        var rng = LCG(state: 6081)
        for _ in 0..<5000 {
            let length = 1 + rng.next(17)
            let text = String((0..<length).map { _ in Character(String(rng.next(10))) })
            let fast = MetricBlockParser.plainInteger(text)
            if length <= 15 { #expect(fast == Double(text), "\(text)") } else { #expect(fast == nil, "\(text)") }
            #expect(MetricBlockParser.number(text) == Double(text), "\(text)")
        }
        for text in ["", "-3", "+3", "1.5", "1,000", " 12", "12 ", "１２", "1e6"] {
            #expect(MetricBlockParser.plainInteger(text) == nil, "\(text)")
        }
        #expect(MetricBlockParser.number("1,000") == 1000)
        #expect(MetricBlockParser.number("-3") == -3)
    }

    @Test func widthOfBytesAgreesWithWidthOfString() {
        var rng = LCG(state: 2377)
        let alphabet: [String] = ["1", "9", ",", ".", "-", "—", "a", "Z", " ", "%", "中", "\u{301}", "\t", "|", "'"]
        for _ in 0..<3000 {
            var s = (0..<(rng.next(12))).map { _ in alphabet[rng.next(alphabet.count)] }.joined()
            let byString = SVGText.width(s, size: 12)
            let byBytes = s.withUTF8 { SVGText.width(utf8: $0, size: 12) }
            #expect(byString == byBytes, "\(s)")
        }
    }

    @Test func numberBytesAgreeWithNumber() {
        var rng = LCG(state: 8000)
        let units = ["", "人", "万元", "亿元", "%", "万"]
        for _ in 0..<3000 {
            let v = Double(rng.next(2_000_000) - 1_000_000) * [1, 0.01, 1000, 1e9, 1e12][rng.next(5)]
            let vs = ValueScale(maxAbs: abs(v), unit: units[rng.next(units.count)])
            let decimals = rng.next(5)
            let bytes = vs.withNumberBytes(v, decimals: decimals) { String(decoding: $0, as: UTF8.self) }
            #expect(bytes == vs.number(v, decimals: decimals), "\(v)")
        }
        for v in [Double.infinity, -.infinity, .nan, 1e16, -2.5e20] {
            let vs = ValueScale(maxAbs: 1, unit: "")
            #expect(vs.withNumberBytes(v) { String(decoding: $0, as: UTF8.self) } == vs.number(v))
        }
    }

    @Test func sameAgreesWithStringEquality() {
        let texts = ["", "%", "‰", "万", "亿", "万元", "亿元", "万亿", "％", "人", "%%", "万\u{301}", "\u{2030}", "a", "\u{F967}",
                     "\u{FA10}", "‰ ", " %"]
        for t in texts {
            for literal in ["%", "‰", "万", "亿"] {
                #expect(ValueScale.same(t, literal) == (t == literal), "\(t) \(literal)")
            }
        }
    }

    @Test func valueScaleUnitsUnchangedOnNonCJKFirstBytes() {
        // Units whose first byte is neither E4 nor EF+ never take a 万/亿 multiplier.
        for unit in ["人", "元", "%", "‰", "km", "次", "", "户"] {
            let vs = ValueScale(maxAbs: 123_456, unit: unit)
            #expect(vs.unitMultiplier == 1, "\(unit)")
            #expect(vs.baseUnit == unit)
        }
        #expect(ValueScale(maxAbs: 5, unit: "万元").unitMultiplier == 1e4)
        #expect(ValueScale(maxAbs: 5, unit: "亿").unitMultiplier == 1e8)
        #expect(ValueScale(maxAbs: 5, unit: "万亿元").unitMultiplier == 1e12)
        #expect(ValueScale(maxAbs: 5, unit: "万亿元").baseUnit == "元")
        #expect(ValueScale(maxAbs: 5, unit: "%").divisor == 1)
    }
}
