/// Character classes for Chinese, Japanese and Korean text.
public enum CJK {
    /// East Asian wide or full-width characters: Han, Kana, Hangul, CJK punctuation, full-width forms.
    public static func isWide(_ c: Character) -> Bool {
        guard let s = c.unicodeScalars.first else { return false }
        return isWide(s)
    }

    /// Scalar version of `isWide(_:)`.
    public static func isWide(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        case 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2014:
            // Quotes, ellipsis and dash are ambiguous width; in Chinese text they are full-width.
            return true
        default:
            return false
        }
    }
}
