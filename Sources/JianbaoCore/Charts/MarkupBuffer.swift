/// UTF-8 bytes of chart markup, written in place: literals, escaped text, coordinates and numbers go straight
/// into one growing block of memory instead of through interpolated temporary Strings. Everything appended is
/// valid UTF-8, so `string` never repairs anything.
///
/// Non-copyable: a buffer has one owner, which appends through `inout` and finally reads `string`; the memory
/// is freed when the buffer goes away. (Plain `[UInt8]` appends cost ~90 instructions each in `append(contentsOf:)`.)
struct MarkupBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Number of bytes written.
    private(set) var count = 0

    /// An empty buffer with room for `capacity` bytes before it grows.
    init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The markup as a String.
    var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// The bytes written so far (valid until the next append).
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Empties the buffer, keeping its memory for the next use.
    mutating func removeAll() { count = 0 }

    /// Makes room for `n` more bytes and returns where they go; the caller writes them and adds to `count`.
    @inline(__always)
    private mutating func reserve(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if count + n > capacity { grow(count + n) }
        return base + count
    }

    private mutating func grow(_ needed: Int) {
        var c = capacity * 2
        while c < needed { c *= 2 }
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        new.initialize(from: base, count: count)
        base.deallocate()
        base = new
        capacity = c
    }

    /// Lets `body` write at most `maxCount` bytes in place; it returns how many it wrote.
    @inline(__always)
    mutating func write(maxCount: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        let n = body(UnsafeMutableBufferPointer(start: reserve(maxCount), count: maxCount))
        count += n
    }

    /// Appends raw bytes (valid UTF-8 as a whole).
    @inline(__always)
    mutating func appendBytes(_ p: UnsafeBufferPointer<UInt8>) {
        guard let src = p.baseAddress, p.count > 0 else { return }
        reserve(p.count).initialize(from: src, count: p.count)
        count += p.count
    }

    /// Appends a copy of bytes already written, `range` of the buffer's own bytes.
    @inline(__always)
    mutating func appendOwnBytes(_ range: Range<Int>) {
        let n = range.count
        guard n > 0 else { return }
        // Room first: growing moves the bytes, so the source is read from `base` after `reserve`.
        let to = reserve(n)
        to.initialize(from: base + range.lowerBound, count: n)
        count += n
    }

    /// Appends a literal as is.
    @inline(__always)
    mutating func append(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        reserve(n).initialize(from: s.utf8Start, count: n)
        count += n
    }

    /// Appends `s` as is (it must already be markup: escaped, or known to need no escaping).
    mutating func append(contentsOf s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ appendBytes($0) }) == nil {
            var s = s
            s.withUTF8 { appendBytes($0) }
        }
    }

    /// Appends another buffer's bytes.
    mutating func append(_ other: borrowing MarkupBuffer) { appendBytes(other.bytes) }

    /// Appends one ASCII byte.
    @inline(__always)
    mutating func append(byte: UInt8) {
        reserve(1).pointee = byte
        count += 1
    }

    /// Appends `s` escaped exactly as `HTML.escape` does (`& < > " '`). The five are ASCII, and ASCII bytes never
    /// occur inside a multi-byte UTF-8 sequence, so bytes can be checked one by one.
    mutating func appendEscaped(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ appendEscaped(utf8: $0) }) == nil {
            var s = s
            s.withUTF8 { appendEscaped(utf8: $0) }
        }
    }

    /// Appends UTF-8 bytes escaped as `appendEscaped(_:)` does.
    mutating func appendEscaped(utf8 u: UnsafeBufferPointer<UInt8>) {
        guard let p = u.baseAddress else { return }
        let n = u.count
        var start = 0, i = 0
        while i < n {
            // Eight bytes holding none of the five are passed over at once. Three comparisons of every byte cover
            // them: `"`; `&` and `'` (0x26, 0x27) once bit 0 is set; `<` and `>` (0x3C, 0x3E) once bit 1 is set.
            // A byte equal to the one compared with becomes zero, and `(v - 0x01…) & ~v & 0x80…` is non-zero when
            // `v` has a zero byte (it may also flag the byte above a zero byte, which only means a closer look).
            if n - i >= 8 {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101
                let quote = w ^ (0x22 &* ones), ampersandApostrophe = (w | ones) ^ (0x27 &* ones)
                let angles = (w | (2 &* ones)) ^ (0x3E &* ones)
                let zeros = ((quote &- ones) & ~quote) | ((ampersandApostrophe &- ones) & ~ampersandApostrophe)
                    | ((angles &- ones) & ~angles)
                if zeros & (0x80 &* ones) == 0 { i += 8; continue }
            }
            let end = Swift.min(i + 8, n)
            while i < end {
                let b = p[i]
                if b < 64, b == 38 || b == 60 || b == 62 || b == 34 || b == 39 {
                    if i > start { appendBytes(UnsafeBufferPointer(start: p + start, count: i - start)) }
                    switch b {
                    case 38: append("&amp;")
                    case 60: append("&lt;")
                    case 62: append("&gt;")
                    case 34: append("&quot;")
                    default: append("&#39;")
                    }
                    start = i + 1
                }
                i += 1
            }
        }
        if start < n { appendBytes(UnsafeBufferPointer(start: p + start, count: n - start)) }
    }

    /// Appends ` name="value"`, the value as is (already escaped, or known to need no escaping).
    @inline(__always)
    mutating func appendAttribute(_ name: StaticString, _ value: String) {
        append(byte: UInt8(ascii: " "))
        append(name)
        append("=\"")
        append(contentsOf: value)
        append(byte: UInt8(ascii: "\""))
    }

    /// Appends ` name="x"` with `x` written as a coordinate (`appendCoordinate`).
    @inline(__always)
    mutating func appendAttribute(_ name: StaticString, _ x: Double) {
        append(byte: UInt8(ascii: " "))
        append(name)
        append("=\"")
        appendCoordinate(x)
        append(byte: UInt8(ascii: "\""))
    }

    /// Appends an integer in decimal, as `String(v)` writes it.
    mutating func appendInt(_ v: Int) {
        if v < 0 { append(byte: UInt8(ascii: "-")) }
        appendDigits(UInt(v.magnitude))
    }

    /// Appends the decimal digits of `v` (no sign, no separators).
    mutating func appendDigits(_ v: UInt) {
        if v < 10 { append(byte: 48 + UInt8(v)); return }
        var n = 0, t = v
        repeat { n += 1; t /= 10 } while t > 0
        var p = reserve(n) + n
        t = v
        repeat { p -= 1; p.pointee = 48 + UInt8(t % 10); t /= 10 } while t > 0
        count += n
    }

    /// Appends a coordinate exactly as `SVGText.n` writes it: at most one decimal, non-finite values as `0`.
    mutating func appendCoordinate(_ x: Double) {
        guard x.isFinite else { append(byte: UInt8(ascii: "0")); return }
        let c = Swift.min(Swift.max(x, -1e6), 1e6)
        // `(c * 10).rounded(.toNearestOrAwayFromZero)` without libm's `round` call: `t - trunc(t)` is exact for every
        // finite double, so comparing it with ±0.5 rounds halves away from zero exactly as `round` does.
        let t = c * 10
        var i = Int(t)
        let fraction = t - Double(i)
        if fraction >= 0.5 { i += 1 } else if fraction <= -0.5 { i -= 1 }
        let a = i.magnitude  // at most 10^7
        let whole = a / 10, frac = a % 10
        let digits = whole < 10 ? 1 : whole < 100 ? 2 : whole < 1_000 ? 3 : whole < 10_000 ? 4
            : whole < 100_000 ? 5 : whole < 1_000_000 ? 6 : 7
        let p = reserve(10)  // sign, 7 digits, point, decimal
        var n = 0
        if i < 0 { p[0] = UInt8(ascii: "-"); n = 1 }
        var w = whole, k = n + digits
        repeat { k -= 1; p[k] = 48 + UInt8(truncatingIfNeeded: w % 10); w /= 10 } while w > 0
        n += digits
        if frac != 0 {
            p[n] = UInt8(ascii: ".")
            p[n + 1] = 48 + UInt8(truncatingIfNeeded: frac)
            n += 2
        }
        count += n
    }
}
