import Foundation
import Testing
@testable import JianbaoCore

@Suite("Chart number formatting")
struct NumberFormatTests {
    @Test func plainNumbers() {
        #expect(NumberFormat.plain(6081) == "6081")
        #expect(NumberFormat.plain(2377.35) == "2377.35")
        #expect(NumberFormat.plain(63.01) == "63.01")
        #expect(NumberFormat.plain(-3) == "-3")
        #expect(NumberFormat.plain(0.1 + 0.2) == "0.3")
        #expect(NumberFormat.plain(-0.0) == "0")
        #expect(NumberFormat.plain(1e-9) == "0")
        #expect(NumberFormat.plain(1e20) == "1e+20")
        #expect(NumberFormat.plain(.nan) == "—")
        #expect(NumberFormat.plain(-.infinity) == "—")
    }

    @Test func groupedNumbers() {
        #expect(NumberFormat.grouped(10126) == "10,126")
        #expect(NumberFormat.grouped(999) == "999")
        #expect(NumberFormat.grouped(-1234567.5) == "-1,234,567.5")
        #expect(NumberFormat.grouped(2377.35) == "2,377.35")
        #expect(NumberFormat.grouped(1e300) == "1e+300")
    }

    @Test func chineseMagnitudes() {
        #expect(NumberFormat.chinese(70000) == "70,000")
        #expect(NumberFormat.chinese(180000) == "18万")
        #expect(NumberFormat.chinese(123456) == "12.35万")
        #expect(NumberFormat.chinese(260_000_000) == "2.6亿")
        #expect(NumberFormat.chinese(-350_000_000) == "-3.5亿")
        #expect(NumberFormat.chinese(1.2e12) == "1.2万亿")
        #expect(NumberFormat.chinese(.infinity) == "—")
    }

    @Test func fixedRounding() {
        #expect(NumberFormat.fixed(2.5, maxDecimals: 0) == "3")
        #expect(NumberFormat.fixed(-2.5, maxDecimals: 0) == "-3")
        #expect(NumberFormat.fixed(48.64, maxDecimals: 1) == "48.6")
        #expect(NumberFormat.fixed(0.04, maxDecimals: 1) == "0")
        #expect(NumberFormat.fixed(1234567.891, maxDecimals: 2) == "1234567.89")
        #expect(NumberFormat.fixed(0.000123, maxDecimals: 6) == "0.000123")
    }

    @Test func oneScalePerChartAndNeverBelowTheEditorsUnit() {
        #expect(ValueScale(maxAbs: 180000, unit: "份").label(70000) == "7万份")
        #expect(ValueScale(maxAbs: 6081, unit: "人").label(6081) == "6,081人")
        #expect(ValueScale(maxAbs: 2377.35, unit: "万元").label(2377.35) == "2,377.35万元")
        #expect(ValueScale(maxAbs: 5, unit: "万元").label(5) == "5万元")
        #expect(ValueScale(maxAbs: 300000, unit: "万元").label(300000) == "30亿元")
        #expect(ValueScale(maxAbs: 63.01, unit: "%").label(63.01) == "63.01%")
        #expect(ValueScale(maxAbs: 5e6, unit: "%").label(5e6) == "5,000,000%")
        #expect(ValueScale(maxAbs: 3e8, unit: "").label(3e8) == "3亿")
        #expect(ValueScale(maxAbs: 1.5e4, unit: "万").unitLabel == "亿")
    }

    @Test func niceTicksStepBy125() {
        let a = NiceScale([6081, 281, 372])
        #expect(a.ticks == [0, 2000, 4000, 6000, 8000])
        let b = NiceScale([-5, 12])
        #expect(b.lo == -5 && b.hi == 15 && b.step == 5)
        let c = NiceScale([0.3, 0.7])
        #expect(c.ticks == [0, 0.2, 0.4, 0.6000000000000001, 0.8] || c.step == 0.2)
        #expect(c.decimals == 1)
        let z = NiceScale([0, 0])
        #expect(z.lo == 0 && z.hi == 1)
        for values in [[1e308, -1e308], [.leastNonzeroMagnitude], [Double.greatestFiniteMagnitude], [-1e-300, 1e-300]] {
            let s = NiceScale(values)
            #expect(s.lo.isFinite && s.hi.isFinite && s.hi > s.lo)
            #expect(s.ticks.allSatisfy { $0.isFinite })
            #expect(values.allSatisfy { (0...1).contains(s.fraction($0)) })
        }
        for raw in [0.013, 0.7, 3.0, 17.0, 45.0, 999.0] {
            let step = NiceScale.niceStep(raw)
            #expect(step >= raw)
            let mantissa = step / pow10(Int(log10(step).rounded(.down)))
            #expect([1, 2, 5, 10].contains { abs(mantissa - $0) < 1e-9 })
        }
    }

    @Test func coordinatesAreFiniteWithOneDecimal() {
        #expect(SVGText.n(12.34) == "12.3")
        #expect(SVGText.n(-0.04) == "0")
        #expect(SVGText.n(-12.35) == "-12.4")
        #expect(SVGText.n(.nan) == "0")
        #expect(SVGText.n(.infinity) == "0")
        #expect(SVGText.n(7) == "7")
    }

    @Test func wrappingChineseLabels() {
        let w = SVGText.wrap("通过帮教基地过渡安置的社区矫正对象和刑满释放人员", width: 140, size: 14, maxLines: 2)
        #expect(w.lines.count == 2)
        #expect(w.truncated)
        #expect(w.lines[1].hasSuffix("…"))
        #expect(w.lines.allSatisfy { SVGText.width($0, size: 14) <= 140 + 14 })
        let q = SVGText.wrap("2021年一季度", width: 60, size: 12, maxLines: 2)
        #expect(q.lines == ["2021年", "一季度"])
        let b = SVGText.wrap("社区矫正对象和刑满释放人员（含省外重点人员）", width: 200, size: 14, maxLines: 2)
        #expect(b.lines == ["社区矫正对象和刑满释放人员", "（含省外重点人员）"])
        let p = SVGText.wrap("甲乙丙丁，戊", width: 56, size: 14, maxLines: 2)
        #expect(p.lines.first?.hasSuffix("，") == true)
    }

    private func pow10(_ e: Int) -> Double {
        var r = 1.0
        if e >= 0 { for _ in 0..<e { r *= 10 } } else { for _ in 0..<(-e) { r /= 10 } }
        return r
    }
}
