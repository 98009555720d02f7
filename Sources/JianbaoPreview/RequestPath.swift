/// Turns the raw request target of a preview request into a key of the in-memory site.
///
/// Rules: the path is percent-decoded exactly once (Chinese file names work) and must then be valid UTF-8
/// without NUL, backslash or a further `%XX` escape (double encoding); `.` and `..` segments are refused, never
/// resolved; the result must lie under the site's base path. Anything else is "not found", so nothing outside
/// the built site can ever be named. The preview serves only files held in memory, so symlinks cannot lead out.
public enum RequestPath {
    /// What a request path names.
    public enum Resolution: Equatable, Sendable {
        /// A file of the site, by output path (`ganzhou/2022/151/index.html`).
        case file(String)
        /// Redirect to this absolute path (the base path without its `/`, or a folder without its `/`).
        case redirect(String)
        /// Not a file of the site (or a refused path).
        case notFound
    }

    /// Resolves `rawPath` (still percent-encoded, without the query) against `basePath` (`/jianbao/`), looking
    /// files up with `exists`.
    public static func resolve(_ rawPath: String, basePath: String, exists: (String) -> Bool) -> Resolution {
        guard let path = decode(rawPath) else { return .notFound }
        let base = basePath.hasSuffix("/") ? basePath : basePath + "/"
        if path + "/" == base { return .redirect(base) }
        guard path.hasPrefix(base) else { return .notFound }
        var rel = String(path.dropFirst(base.count))
        if rel.isEmpty || rel.hasSuffix("/") { rel += "index.html" }
        if exists(rel) { return .file(rel) }
        if !rel.hasSuffix("index.html"), exists(rel + "/index.html") { return .redirect(path + "/") }
        return .notFound
    }

    /// Decodes and checks a raw path; nil when it is refused. Repeated slashes are collapsed.
    public static func decode(_ raw: String) -> String? {
        guard raw.hasPrefix("/") else { return nil }
        var bytes: [UInt8] = []
        let utf8 = Array(raw.utf8)
        var i = 0
        while i < utf8.count {
            let b = utf8[i]
            if b == UInt8(ascii: "%") {
                guard i + 2 < utf8.count, let hi = hex(utf8[i + 1]), let lo = hex(utf8[i + 2]) else { return nil }
                bytes.append(hi << 4 | lo)
                i += 3
            } else {
                bytes.append(b)
                i += 1
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        if text.contains("\\") || text.contains("\0") { return nil }
        for scalar in text.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F { return nil }
        // A `%XX` left after one decoding means the client encoded twice: refuse.
        let decodedBytes = Array(text.utf8)
        for (k, b) in decodedBytes.enumerated() where b == UInt8(ascii: "%") {
            if k + 2 < decodedBytes.count, hex(decodedBytes[k + 1]) != nil, hex(decodedBytes[k + 2]) != nil { return nil }
        }
        var segments: [Substring] = []
        let parts = text.split(separator: "/", omittingEmptySubsequences: true)
        for part in parts {
            if part == "." || part == ".." { return nil }
            segments.append(part)
        }
        var out = "/" + segments.joined(separator: "/")
        if text.hasSuffix("/") && !segments.isEmpty { out += "/" }
        return out
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
