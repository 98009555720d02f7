import Foundation

/// A linear axis over round numbers: ticks in steps of 1, 2 or 5 times a power of ten.
/// Safe for any finite input (zero, negative, huge, tiny): positions are always finite and within 0…1.
struct NiceScale: Sendable {
    /// Lower end of the axis.
    let lo: Double
    /// Upper end of the axis.
    let hi: Double
    /// Distance between ticks.
    let step: Double
    /// Tick values from `lo` to `hi`.
    let ticks: [Double]

    /// An axis covering `values` (non-finite ones ignored), including zero when asked, with about `count` intervals.
    init(_ values: [Double], includeZero: Bool = true, count: Int = 4) {
        // The least and greatest finite values (0 and 0 when there are none), found as `min()` and `max()` of the
        // finite ones would find them (the first of equal values wins, so -0.0 and 0.0 keep their order), without
        // an array of them.
        var a = Double.infinity, b = -Double.infinity
        for v in values where v.isFinite {
            if v < a { a = v }
            if b < v { b = v }
        }
        if a > b { a = 0; b = 0 }
        if includeZero { a = Swift.min(a, 0); b = Swift.max(b, 0) }
        if a == b {
            if a == 0 { b = 1 } else if a > 0 { a = 0 } else { b = 0 }
        }
        let raw = (b / 2 - a / 2) / (Double(Swift.max(count, 1)) / 2)
        var s = NiceScale.niceStep(raw)
        var l = (a / s).rounded(.down) * s, h = (b / s).rounded(.up) * s
        if !(s > 0 && s.isFinite && l.isFinite && h.isFinite && h > l && (h / 2 - l / 2) / s * 2 < 1000) {
            // Too close to the limits of Double for round numbers: use the data range itself.
            l = a; h = b; s = b / 2 - a / 2
        }
        lo = l; hi = h; step = s
        var t: [Double] = []
        t.reserveCapacity(8)  // usually 4 to 6 ticks: one allocation
        if s > 0, s.isFinite {
            var i = 0.0
            while t.count < 50 {
                var v = l + i * s
                guard v.isFinite, v <= h + s * 1e-9 else { break }
                if abs(v) < s * 1e-9 { v = 0 }
                t.append(Swift.min(v, h))
                i += 1
            }
        }
        if t.isEmpty { t = [l, h] }
        ticks = t
    }

    /// 1, 2 or 5 times a power of ten, not below `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let e = log10(raw).rounded(.down)
        let p = pow(10, e)
        guard p > 0, p.isFinite else { return raw }
        let f = raw / p
        let m: Double = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10
        let s = m * p
        return s.isFinite && s > 0 ? s : raw
    }

    /// Where `v` sits on the axis, 0 (at `lo`) to 1 (at `hi`), clamped; 0 for anything not finite.
    func fraction(_ v: Double) -> Double {
        let span = hi / 2 - lo / 2
        guard span > 0, span.isFinite, v.isFinite else { return 0 }
        let f = (v / 2 - lo / 2) / span
        guard f.isFinite else { return 0 }
        return Swift.min(Swift.max(f, 0), 1)
    }

    /// Decimals needed to write the ticks (0 for whole steps).
    var decimals: Int {
        guard step > 0, step < 1, step.isFinite else { return 0 }
        return Swift.min(6, Int((-log10(step)).rounded(.up)))
    }
}
