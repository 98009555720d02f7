/// Atom feeds, sitemap.xml and robots.txt. Dates come from content, never from the clock.
struct Feeds {
    let site: Site
    let seriesTitles: [String: String]
    static let feedSize = 30
    /// Characters of an article's text in its department feed entry's summary.
    static let summaryLength = 200

    var root: String { site.config.baseURL }

    /// Every feed and index file, by output path.
    func all() -> [(String, String)] {
        var out: [(String, String)] = [siteFeed()]
        for s in site.config.series { out.append(seriesFeed(s)) }
        for dp in site.departments { out.append(departmentFeed(dp)) }
        out.append(("sitemap.xml", sitemap()))
        out.append(("robots.txt", "User-agent: *\nAllow: /\n\nSitemap: \(root)sitemap.xml\n"))
        return out
    }

    /// The feeds whose entries show any of `issues` (indices into `site.issues`), by output path. After an edit
    /// that changed nothing listings show, only these can differ (entries carry the publisher and the article
    /// text); the sitemap and robots.txt cannot.
    func feeds(showing issues: Set<Int>) -> [(String, String)] {
        var out: [(String, String)] = []
        if site.issues.indices.prefix(Feeds.feedSize).contains(where: issues.contains) { out.append(siteFeed()) }
        for s in site.config.series where (site.bySeries[s.key] ?? []).prefix(Feeds.feedSize).contains(where: issues.contains) {
            out.append(seriesFeed(s))
        }
        for dp in site.departments where dp.articles.prefix(Feeds.feedSize).contains(where: { issues.contains($0.issue) }) {
            out.append(departmentFeed(dp))
        }
        return out
    }

    func siteFeed() -> (String, String) {
        ("feed.xml", issueFeed(title: site.config.title, path: "", issues: Array(site.issues.indices.prefix(Feeds.feedSize))))
    }

    func seriesFeed(_ s: SeriesConfig) -> (String, String) {
        ("\(s.key)/feed.xml", issueFeed(title: s.title, path: "\(s.key)/", issues: site.bySeries[s.key] ?? []))
    }

    func departmentFeed(_ dp: DepartmentPage) -> (String, String) {
        ("departments/\(dp.department.slug)/feed.xml", departmentFeedXML(dp))
    }

    func header(title: String, path: String, feedPath: String, updated: CalendarDate?) -> String {
        var x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n"
        x += "<title>\(XML.escape(title))</title>\n"
        x += "<id>\(XML.escape(root + feedPath))</id>\n"
        x += "<link rel=\"self\" type=\"application/atom+xml\" href=\"\(XML.escape(root + feedPath))\"/>\n"
        x += "<link rel=\"alternate\" type=\"text/html\" href=\"\(XML.escape(root + path))\"/>\n"
        x += "<updated>\(updated?.rfc3339 ?? "2000-01-01T00:00:00+08:00")</updated>\n"
        x += "<author><name>\(XML.escape(site.config.footer.organizer.nonEmpty ?? site.config.title))</name></author>\n"
        return x
    }

    func issueFeed(title: String, path: String, issues: [Int]) -> String {
        var x = header(title: title, path: path, feedPath: path + "feed.xml", updated: issues.first.map { site.issues[$0].date })
        // The issues' and articles' fields are read where they are: an issue or article read out whole is a copy.
        for i in issues.prefix(Feeds.feedSize) {
            let url = root + site.issues.path(ofIssue: i)
            let date = site.issues[i].date.rfc3339
            x += "<entry>\n<title>\(XML.escape("\(seriesTitles[site.issues[i].series] ?? "") \(site.issues.numberLabel(ofIssue: i)) \(site.issues[i].title)"))</title>\n"
            x += "<id>\(XML.escape(url))</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"\(XML.escape(url))\"/>\n"
            x += "<published>\(date)</published>\n<updated>\(date)</updated>\n"
            x += "<author><name>\(XML.escape(site.issues[i].publisher))</name></author>\n"
            let articles = site.issues[i].articles
            var summary = ""
            for a in articles.indices {
                if a > 0 { summary += "；" }
                summary += articles[a].title
            }
            x += "<summary>\(XML.escape(summary))</summary>\n</entry>\n"
        }
        return x + "</feed>\n"
    }

    func departmentFeedXML(_ dp: DepartmentPage) -> String {
        let path = "departments/\(dp.department.slug)/"
        var x = header(title: "\(dp.department.name) - \(site.config.title)", path: path, feedPath: path + "feed.xml",
                       updated: dp.articles.first.map { site.issues[$0.issue].date })
        for ref in dp.articles.prefix(Feeds.feedSize) {
            let articles = site.issues[ref.issue].articles
            let title = articles[ref.article].title, anchor = articles[ref.article].anchor
            let department = articles[ref.article].department, text = articles[ref.article].textBytes
            let url = root + site.issues.path(ofIssue: ref.issue) + "#" + anchor
            let date = site.issues[ref.issue].date.rfc3339
            x += "<entry>\n<title>\(XML.escape(title))</title>\n<id>\(XML.escape(url))</id>\n"
            x += "<link rel=\"alternate\" type=\"text/html\" href=\"\(XML.escape(url))\"/>\n"
            x += "<published>\(date)</published>\n<updated>\(date)</updated>\n"
            x += "<author><name>\(XML.escape(department))</name></author>\n"
            let summary = Feeds.prefix(utf8: text, characters: Feeds.summaryLength)
            x += "<summary>\(XML.escape(summary))</summary>\n</entry>\n"
        }
        return x + "</feed>\n"
    }

    /// The first `n` characters (grapheme clusters, as `String.prefix`) of the UTF-8 text `bytes`, decoding only a
    /// leading part of it: an article's text is kilobytes, its summary a few hundred bytes. The part is cut between
    /// scalars; where a character ends depends only on the scalars up to the first one of the next character, so
    /// when the part holds more than `n` characters, its first `n` are the text's.
    static func prefix(utf8 bytes: [UInt8], characters n: Int) -> String {
        bytes.withUnsafeBufferPointer { u in
            if let end = standalonePrefixEnd(u, characters: n) {
                return String(decoding: UnsafeBufferPointer(rebasing: u[..<end]), as: UTF8.self)
            }
            var window = 4 * n + 64
            while window < u.count {
                var end = window
                while end > 0, u[end] & 0xC0 == 0x80 { end -= 1 }  // not inside a scalar
                let head = String(decoding: UnsafeBufferPointer(rebasing: u[..<end]), as: UTF8.self)
                var index = head.startIndex, count = 0
                while count < n, index < head.endIndex {
                    head.formIndex(after: &index)
                    count += 1
                }
                // The n-th character ends at `index`; it is whole when another one starts there.
                if count == n, index < head.endIndex { return String(head[..<index]) }
                window *= 2
            }
            return String(String(decoding: u, as: UTF8.self).prefix(n))
        }
    }

    /// Where the first `n` characters of `u` end (a byte offset), when each of them is a single scalar that always
    /// stands alone as a character, and so is the scalar after them (when there is one); nil otherwise. Those scalars
    /// (printable ASCII, tab, line feed, Han ideographs, CJK and full-width punctuation, general punctuation such as
    /// “ ” — …) have the grapheme break property Other or Control/LF, and no grapheme rule joins such a scalar to
    /// its neighbour (CR, the one Control that joins LF, is left out): among them every scalar is one character, so
    /// counting scalars counts characters. Article text is almost all such scalars, and grapheme breaking costs
    /// ~300 instructions a character. Anything else (another scalar, a malformed sequence) gives nil.
    static func standalonePrefixEnd(_ u: UnsafeBufferPointer<UInt8>, characters n: Int) -> Int? {
        var i = 0, count = 0
        while i < u.count {
            let b = u[i]
            let length: Int
            if b < 0x80 {
                guard (b >= 0x20 && b < 0x7F) || b == 0x0A || b == 0x09 else { return nil }
                length = 1
            } else {
                // Only three-byte sequences can be standalone here; their continuation bytes are checked, and the
                // ranges below hold no overlong form and no surrogate.
                guard b & 0xF0 == 0xE0, i + 2 < u.count, u[i + 1] & 0xC0 == 0x80, u[i + 2] & 0xC0 == 0x80 else { return nil }
                let scalar = UInt32(b & 0x0F) << 12 | UInt32(u[i + 1] & 0x3F) << 6 | UInt32(u[i + 2] & 0x3F)
                switch scalar {
                case 0x4E00...0x9FFF,  // CJK Unified Ideographs
                     0x3000...0x3029,  // CJK punctuation before the combining tone marks U+302A–U+302F
                     0xFF01...0xFF5E,  // full-width forms (，：（）；！？…)
                     0x2010...0x2027:  // dashes, quotation marks, bullets, ellipsis (before U+2028 LINE SEPARATOR)
                    length = 3
                default:
                    return nil
                }
            }
            // A standalone scalar starts here, so the n-th character (if there is one before it) ended here.
            if count == n { return i }
            count += 1
            i += length
        }
        // The whole text is standalone scalars, at most n of them.
        return u.count
    }

    func sitemap() -> String {
        var x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        func url(_ path: String, _ date: CalendarDate?) {
            x += "<url><loc>\(XML.escape(root + path))</loc>"
            if let date { x += "<lastmod>\(date.iso)</lastmod>" }
            x += "</url>\n"
        }
        url("", site.newestDate)
        for s in site.config.series { url("\(s.key)/", (site.bySeries[s.key]?.first).map { site.issues[$0].date }) }
        let paths = site.issues.indices.map { (site.issues.path(ofIssue: $0), $0) }.sorted { $0.0 < $1.0 }
        for (path, i) in paths { url(path, site.issues[i].date) }
        url("departments/", site.newestDate)
        for dp in site.departments {
            let newest = site.issues[dp.articles[0].issue].date
            url("departments/\(dp.department.slug)/", newest)
            let pages = max(1, (dp.articles.count + SiteRenderer.pageSize - 1) / SiteRenderer.pageSize)
            if pages > 1 { for p in 2...pages { url("departments/\(dp.department.slug)/page/\(p)/", newest) } }
        }
        url("topics/", site.newestDate)
        for t in site.topics {
            let newest = site.issues[t.issues[0]].date
            url("topics/\(t.slug)/", newest)
            let pages = max(1, (t.issues.count + SiteRenderer.pageSize - 1) / SiteRenderer.pageSize)
            if pages > 1 { for p in 2...pages { url("topics/\(t.slug)/page/\(p)/", newest) } }
        }
        url("search/", nil)
        return x + "</urlset>\n"
    }
}

/// XML escaping (also drops characters XML 1.0 forbids).
public enum XML {
    /// Escapes `& < > " '` and removes control characters other than tab and newline, and U+FFFE and U+FFFF.
    ///
    /// Works on UTF-8 bytes: every byte it looks for is ASCII (never part of a multi-byte character), and the two
    /// non-characters are the only scalars encoded `EF BF BE` and `EF BF BF`, so the many full-width marks that
    /// also start with `EF` (`，` `：` …) pass through untouched.
    public static func escape(_ s: String) -> String {
        var s = s
        let escaped: [UInt8]? = s.withUTF8 { u in
            var out: [UInt8]?
            var copied = 0  // bytes of `u` before `copied` are in `out`
            var i = 0
            while i < u.count {
                let b = u[i]
                let replacement: StaticString
                var length = 1
                switch b {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&apos;"
                case 0xEF where i + 2 < u.count && u[i + 1] == 0xBF && u[i + 2] >= 0xBE:
                    replacement = ""
                    length = 3
                case ..<0x20 where b != UInt8(ascii: "\n") && b != UInt8(ascii: "\t"):
                    replacement = ""
                default:
                    i += 1
                    continue
                }
                if out == nil { out = []; out!.reserveCapacity(u.count + 16) }
                out!.append(contentsOf: u[copied..<i])
                out!.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                i += length
                copied = i
            }
            out?.append(contentsOf: u[copied...])
            return out
        }
        return escaped.map { String(decoding: $0, as: UTF8.self) } ?? s
    }
}
