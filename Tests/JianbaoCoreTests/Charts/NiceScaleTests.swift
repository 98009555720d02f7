import Testing
@testable import JianbaoCore

/// `NiceScale` finds the least and greatest finite values in one pass; the axis must be the one the least and
/// greatest (as `min()` and `max()` of the finite values give them) alone would give, whatever else is in the list.
@Suite("Axis over the finite values")
struct NiceScaleTests {
    @Test func axisDependsOnlyOnTheFiniteExtremes() {
        let pool: [Double] = [0, -0.0, 1, -1, 6081, 281, 0.3, -5, 12, 1e300, -1e300, .nan, .infinity, -.infinity, 2.5, 0.001]
        var rng = LCG(state: 3)
        for _ in 0..<3000 {
            let values = (0..<rng.next(7)).map { _ in pool[rng.next(pool.count)] }
            let finite = values.filter(\.isFinite)
            let reference = NiceScale([finite.min() ?? 0, finite.max() ?? 0])
            let scale = NiceScale(values)
            #expect(scale.lo.bitPattern == reference.lo.bitPattern && scale.hi.bitPattern == reference.hi.bitPattern,
                    "\(values)")
            #expect(scale.ticks.map(\.bitPattern) == reference.ticks.map(\.bitPattern) && scale.step == reference.step, "\(values)")
        }
    }
}
