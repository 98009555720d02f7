import Foundation

/// A String hashed and compared by its UTF-8 bytes, as a dictionary key.
///
/// `String` hashes and compares the canonical (NFC) form of non-ASCII text, so a lookup by a short Chinese name
/// (a department, a topic) costs ~1,000 instructions. Tables keyed by names the pipeline passes along unchanged
/// (an article's department is its registry entry's name) are looked up by bytes first; a miss falls back to the
/// String-keyed table, so canonically equivalent spellings still find each other as before.
struct UTF8Key: Hashable {
    let string: String
    /// FNV-1a (64 bit) of the bytes, made once: the dictionary compares keys in every bucket it probes, and
    /// different fingerprints settle most of those comparisons without reading the bytes.
    private let fingerprint: UInt64

    // The bytes are read through `withUTF8` (a pointer): iterating `utf8` costs ~30 instructions a byte.

    init(_ string: String) {
        var s = string
        fingerprint = s.withUTF8 { u in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in u { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            return h
        }
        self.string = s
    }

    static func == (a: UTF8Key, b: UTF8Key) -> Bool {
        guard a.fingerprint == b.fingerprint else { return false }
        var x = a.string, y = b.string
        return x.withUTF8 { p in y.withUTF8 { q in p.count == q.count && (p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0) } }
    }

    func hash(into hasher: inout Hasher) { hasher.combine(fingerprint) }
}
