/// UTF-8 bytes of chart markup, written in place: literals, escaped text, coordinates and numbers go straight
/// into one growing array instead of through interpolated temporary Strings. Everything appended is valid
/// UTF-8, so `string` never repairs anything.
struct MarkupBuffer {
    /// The markup so far.
    private(set) var bytes: [UInt8] = []

    /// An empty buffer with room for `capacity` bytes.
    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// The markup as a String.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Number of bytes written.
    var count: Int { bytes.count }

    /// Appends a literal as is.
    @inline(__always)
    mutating func append(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// Appends `s` as is (it must already be markup: escaped, or known to need no escaping).
    @inline(__always)
    mutating func append(contentsOf s: String) { bytes.append(contentsOf: s.utf8) }

    /// Appends another buffer's bytes.
    mutating func append(_ other: MarkupBuffer) { bytes.append(contentsOf: other.bytes) }

    /// Appends raw bytes (valid UTF-8 as a whole).
    @inline(__always)
    mutating func appendBytes(_ p: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: p) }

    /// Appends one ASCII byte.
    @inline(__always)
    mutating func append(byte: UInt8) { bytes.append(byte) }

    /// Appends `s` escaped exactly as `HTML.escape` does (`& < > " '`). The five are ASCII, and ASCII bytes never
    /// occur inside a multi-byte UTF-8 sequence, so bytes can be checked one by one.
    mutating func appendEscaped(_ s: String) {
        var s = s
        s.withUTF8 { u in
            var start = 0
            for i in 0..<u.count {
                let b = u[i]
                guard b == 38 || b == 60 || b == 62 || b == 34 || b == 39 else { continue }
                if i > start { appendBytes(UnsafeBufferPointer(rebasing: u[start..<i])) }
                switch b {
                case 38: append("&amp;")
                case 60: append("&lt;")
                case 62: append("&gt;")
                case 34: append("&quot;")
                default: append("&#39;")
                }
                start = i + 1
            }
            if start < u.count { appendBytes(UnsafeBufferPointer(rebasing: u[start...])) }
        }
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
        if v < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(v.magnitude)
    }

    /// Appends the decimal digits of `v` (no sign, no separators).
    mutating func appendDigits(_ v: UInt) {
        if v < 10 { bytes.append(48 + UInt8(v)); return }
        var n = 0, t = v
        repeat { n += 1; t /= 10 } while t > 0
        let end = bytes.count + n
        bytes.append(contentsOf: repeatElement(48, count: n))
        var q = v, i = end
        while q > 0 { i -= 1; bytes[i] = 48 + UInt8(q % 10); q /= 10 }
    }

    /// Appends a coordinate exactly as `SVGText.n` writes it: at most one decimal, non-finite values as `0`.
    mutating func appendCoordinate(_ x: Double) {
        guard x.isFinite else { bytes.append(UInt8(ascii: "0")); return }
        let c = Swift.min(Swift.max(x, -1e6), 1e6)
        let i = Int((c * 10).rounded(.toNearestOrAwayFromZero))
        if i < 0 { bytes.append(UInt8(ascii: "-")) }
        let a = i.magnitude
        appendDigits(a / 10)
        if a % 10 != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(48 + UInt8(a % 10))
        }
    }
}
