/// Finds internal links and `#anchors` in rendered pages that lead nowhere.
public struct LinkChecker {
    /// A link that does not resolve.
    public struct Broken: Sendable, Equatable {
        /// The page holding the link (output path).
        public var page: String
        /// The link as written.
        public var href: String
        /// Why it is broken.
        public var reason: String
    }

    /// Output files by path.
    let files: [String: [UInt8]]
    /// `/jianbao/`.
    let basePath: String
    let ids: [String: Set<String>]

    /// Indexes `files` (output path -> bytes) for a site served under `basePath`.
    public init(files: [String: [UInt8]], basePath: String) {
        self.files = files
        self.basePath = basePath
        var ids: [String: Set<String>] = [:]
        for (path, bytes) in files where path.hasSuffix(".html") {
            ids[path] = Set(LinkChecker.attributeValues(bytes, name: "id"))
        }
        self.ids = ids
    }

    /// Every broken internal link, sorted by page.
    public func check() -> [Broken] {
        var out: [Broken] = []
        for path in files.keys.sorted() where path.hasSuffix(".html") {
            let bytes = files[path]!
            var seen = Set<String>()
            for href in LinkChecker.attributeValues(bytes, name: "href") + LinkChecker.attributeValues(bytes, name: "src") {
                guard seen.insert(href).inserted else { continue }
                if let reason = problem(href, from: path) { out.append(Broken(page: path, href: href, reason: reason)) }
            }
        }
        return out
    }

    /// Why `href` on page `from` is broken, or nil.
    func problem(_ rawHref: String, from: String) -> String? {
        let href = rawHref.replacingOccurrences(of: "&amp;", with: "&")
        if href.hasPrefix("http://") || href.hasPrefix("https://") || href.hasPrefix("mailto:") || href.hasPrefix("tel:") || href.hasPrefix("//") { return nil }
        if href.hasPrefix("?") { return nil }
        var pathPart = href
        var fragment: String?
        if let h = href.firstIndex(of: "#") {
            pathPart = String(href[..<h])
            fragment = String(href[href.index(after: h)...])
        }
        if let q = pathPart.firstIndex(of: "?") { pathPart = String(pathPart[..<q]) }
        let target: String
        if pathPart.isEmpty {
            target = from
        } else if pathPart.hasPrefix("/") {
            guard pathPart.hasPrefix(basePath) else { return "链接不在网站路径 \(basePath) 之下" }
            target = LinkChecker.file(for: String(pathPart.dropFirst(basePath.count)))
        } else {
            // Relative to the page's folder.
            var parts = from.split(separator: "/").dropLast().map(String.init)
            for seg in pathPart.split(separator: "/", omittingEmptySubsequences: false) {
                if seg == ".." { if !parts.isEmpty { parts.removeLast() } } else if seg != "." && !seg.isEmpty { parts.append(String(seg)) }
            }
            target = LinkChecker.file(for: parts.joined(separator: "/") + (pathPart.hasSuffix("/") ? "/" : ""))
        }
        guard let decodedTarget = target.removingPercentEncoding, files[decodedTarget] != nil || files[target] != nil else {
            return "目标页面不存在"
        }
        if let fragment, !fragment.isEmpty {
            let f = fragment.removingPercentEncoding ?? fragment
            let t = files[target] != nil ? target : (target.removingPercentEncoding ?? target)
            guard ids[t]?.contains(f) == true else { return "锚点 #\(f) 在目标页面中不存在" }
        }
        return nil
    }

    /// `ganzhou/2022/151/` -> `ganzhou/2022/151/index.html`.
    static func file(for path: String) -> String {
        if path.isEmpty || path.hasSuffix("/") { return path + "index.html" }
        if let last = path.split(separator: "/").last, !last.contains(".") { return path + "/index.html" }
        return path
    }

    /// Values of `name="…"` attributes (double-quoted, as the templates and cmark write them).
    static func attributeValues(_ bytes: [UInt8], name: String) -> [String] {
        let needle = Array((" " + name + "=\"").utf8)
        var out: [String] = []
        var i = 0
        let n = bytes.count, m = needle.count
        while i + m <= n {
            if bytes[i] == needle[0] {
                var k = 1
                while k < m && bytes[i + k] == needle[k] { k += 1 }
                if k == m {
                    var j = i + m
                    while j < n && bytes[j] != 34 { j += 1 }
                    out.append(String(decoding: bytes[(i + m)..<j], as: UTF8.self))
                    i = j
                    continue
                }
            }
            i += 1
        }
        return out
    }
}

import Foundation
