/// A fixed linear congruential generator for generated test inputs: the same inputs on every run.
struct LCG {
    var state: UInt64
    /// A number in `0..<bound`.
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
}
