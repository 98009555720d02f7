import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes imported text files: UTF-8 (with or without BOM), else GB18030 through iconv.
public enum ImportTextDecoder {
    /// The encoding a file was read in.
    public enum Encoding: String, Sendable {
        /// UTF-8.
        case utf8 = "UTF-8"
        /// GB18030 (also covers GBK and GB2312).
        case gb18030 = "GB18030"
    }

    /// Text with line endings normalised to `\n`, or nil when the bytes are neither UTF-8 nor GB18030.
    public static func decode(_ data: Data) -> (text: String, encoding: Encoding)? {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let s = String(validatingUTF8Bytes: bytes) { return (normalize(s), .utf8) }
        if let converted = iconvert(bytes, from: "GB18030", to: "UTF-8"), let s = String(validatingUTF8Bytes: converted) {
            return (normalize(s), .gb18030)
        }
        return nil
    }

    /// GB18030 bytes of `text` (for tests and round trips); nil if iconv is unavailable.
    public static func gb18030(_ text: String) -> [UInt8]? {
        iconvert(Array(text.utf8), from: "UTF-8", to: "GB18030")
    }

    /// `\r\n` and `\r` become `\n`; NUL, BOM and zero-width spaces are removed.
    static func normalize(_ s: String) -> String {
        var t = s
        if t.contains("\r") { t = t.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") }
        for junk in ["\u{0}", "\u{FEFF}", "\u{200B}", "\u{E000}"] where t.contains(junk) {
            t = t.replacingOccurrences(of: junk, with: "")
        }
        return t
    }

    /// Converts bytes between encodings with iconv; nil on any invalid sequence.
    static func iconvert(_ bytes: [UInt8], from: String, to: String) -> [UInt8]? {
        if bytes.isEmpty { return [] }
        let cd = iconv_open(to, from)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        var produced = -1
        input.withUnsafeMutableBufferPointer { ib in
            output.withUnsafeMutableBufferPointer { ob in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(ib.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = ib.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(ob.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = ob.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if r != -1 && inLeft == 0 {
                    // Flush any shift state.
                    _ = iconv(cd, nil, nil, &outPtr, &outLeft)
                    produced = ob.count - outLeft
                }
            }
        }
        return produced < 0 ? nil : Array(output.prefix(produced))
    }
}

extension String {
    /// A string from bytes only when they are valid UTF-8.
    init?(validatingUTF8Bytes bytes: [UInt8]) {
        var it = bytes.makeIterator()
        var decoder = UTF8()
        var out = String.UnicodeScalarView()
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let v): out.append(v)
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        self = String(out)
    }
}
