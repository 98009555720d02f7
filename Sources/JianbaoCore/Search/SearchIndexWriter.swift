import Foundation

/// Writes the static search index under `search/`:
///
/// - `search/meta.json` — document count, shard counts, chunk size, the series, departments and years for the filters;
/// - `search/shards/t-N.json` (terms: bigrams and words) and `search/shards/c-N.json` (single characters) —
///   `{token: [docDelta, weight, docDelta, weight, …]}`, a token in shard `fnv1a32(token) % count`;
/// - `search/docs/N.json` — documents `N*chunk ..< (N+1)*chunk`: title, url, series, label, date, department, text;
/// - `search/filters/series-N.json`, `search/filters/department-N.json` — delta-encoded document ids.
///
/// Documents are the articles, numbered newest first, so each year is a contiguous range of ids.
/// Weights are BM25 term weights (k1 1.2, b 0.75) plus a bonus for a match in the title and in the department,
/// times `scale`; the browser multiplies them by the idf it computes from the posting count.
public enum SearchIndexWriter {
    /// Sizing of the index files.
    public struct Options: Sendable {
        /// Aimed-for bytes of one token shard.
        public var shardBytes: Int
        /// Aimed-for bytes of one documents chunk.
        public var chunkBytes: Int
        /// Most shards per family.
        public var maxShards: Int

        /// Default sizes: 48 KB shards, 16 KB document chunks, at most 4096 shards.
        public init(shardBytes: Int = 48 * 1024, chunkBytes: Int = 16 * 1024, maxShards: Int = 4096) {
            self.shardBytes = shardBytes
            self.chunkBytes = chunkBytes
            self.maxShards = maxShards
        }
    }

    /// Format version in meta.json.
    public static let version = 1
    /// Weights are stored as integers: weight × scale.
    public static let scale = 100
    /// BM25 parameters.
    static let k1 = 1.2, b = 0.75
    /// Added to a term's weight when it occurs in the title, and in the department.
    static let titleBonus = 1.0, departmentBonus = 0.6

    /// Writes the index files under `search/`.
    public static func write(_ site: Site, into sink: OutputSink) throws {
        for (path, data) in files(site) { try sink.write(path, data) }
    }

    /// The index files, by output path.
    public static func files(_ site: Site, options: Options = Options()) -> [String: Data] {
        let docs = documents(site)
        var out: [String: Data] = [:]

        // Postings, per family.
        var terms: [String: [Int]] = [:], chars: [String: [Int]] = [:]
        let analyzed = docs.map(analyze)
        let avgTerms = max(1.0, Double(analyzed.reduce(0) { $0 + $1.termLength }) / Double(max(1, docs.count)))
        let avgChars = max(1.0, Double(analyzed.reduce(0) { $0 + $1.charLength }) / Double(max(1, docs.count)))
        var lastTerm: [String: Int] = [:], lastChar: [String: Int] = [:]
        for (id, a) in analyzed.enumerated() {
            for token in a.counts.keys.sorted(by: SearchJSON.keyOrder) {
                let c = a.counts[token]!
                let isChar = SearchTokenizer.isCharacterToken(token)
                let dl = Double(isChar ? a.charLength : a.termLength), avg = isChar ? avgChars : avgTerms
                let tf = Double(c.tf)
                var w = tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avg))
                if c.inTitle { w += titleBonus }
                if c.inDepartment { w += departmentBonus }
                let weight = max(1, Int((w * Double(scale)).rounded()))
                if isChar {
                    chars[token, default: []] += [id - (lastChar[token] ?? 0), weight]
                    lastChar[token] = id
                } else {
                    terms[token, default: []] += [id - (lastTerm[token] ?? 0), weight]
                    lastTerm[token] = id
                }
            }
        }
        let termShards = shardCount(terms, options)
        let charShards = shardCount(chars, options)
        for (family, postings, count) in [("t", terms, termShards), ("c", chars, charShards)] {
            var shards = [[String: SearchJSON]](repeating: [:], count: count)
            for (token, list) in postings { shards[shard(token, count: count)][token] = .ints(list) }
            for (k, shard) in shards.enumerated() { out["search/shards/\(family)-\(k).json"] = SearchJSON.object(shard).data }
        }

        // Documents, in chunks.
        let totalDocBytes = docs.reduce(0) { $0 + $1.json.text.utf8.count }
        let avgDoc = max(1, totalDocBytes / max(1, docs.count))
        let chunk = min(64, max(1, options.chunkBytes / avgDoc))
        var start = 0
        while start < docs.count {
            let end = min(docs.count, start + chunk)
            out["search/docs/\(start / chunk).json"] = SearchJSON.array(docs[start..<end].map(\.json)).data
            start = end
        }

        // Filters.
        var seriesMeta: [SearchJSON] = []
        for (i, s) in site.config.series.enumerated() {
            let ids = docs.indices.filter { docs[$0].series == i }
            guard !ids.isEmpty else { continue }
            out["search/filters/series-\(i).json"] = SearchJSON.ints(deltas(ids)).data
            seriesMeta.append(.object(["key": .string(s.key), "title": .string(s.title), "file": .string("series-\(i)"),
                                       "count": .int(ids.count)]))
        }
        var departmentIDs: [String: [Int]] = [:]
        for (id, d) in docs.enumerated() { departmentIDs[d.department, default: []].append(id) }
        var departmentMeta: [SearchJSON] = []
        var registryOrder = site.config.departments.map(\.name)
        for name in departmentIDs.keys.sorted(by: SearchJSON.keyOrder) where !registryOrder.contains(name) { registryOrder.append(name) }
        let groups = Dictionary(site.config.departments.map { ($0.name, $0.group) }, uniquingKeysWith: { a, _ in a })
        for (i, name) in registryOrder.enumerated() {
            guard let ids = departmentIDs[name] else { continue }
            out["search/filters/department-\(i).json"] = SearchJSON.ints(deltas(ids)).data
            departmentMeta.append(.object(["name": .string(name), "group": .string(groups[name] ?? ""),
                                           "file": .string("department-\(i)"), "count": .int(ids.count)]))
        }
        var yearMeta: [SearchJSON] = []
        var y = 0
        while y < docs.count {
            var e = y
            while e < docs.count && docs[e].year == docs[y].year { e += 1 }
            yearMeta.append(.object(["year": .int(docs[y].year), "start": .int(y), "end": .int(e)]))
            y = e
        }
        let meta: SearchJSON = .object([
            "version": .int(version),
            "docs": .int(docs.count),
            "chunk": .int(chunk),
            "scale": .int(scale),
            "shards": .object(["t": .int(termShards), "c": .int(charShards)]),
            "series": .array(seriesMeta),
            "departments": .array(departmentMeta),
            "years": .array(yearMeta),
        ])
        out["search/meta.json"] = meta.data
        return out
    }

    /// The shard of `token` among `count`: FNV-1a (32 bit) of its UTF-8 bytes, modulo `count`.
    public static func shard(_ token: String, count: Int) -> Int { Int(fnv1a32(token) % UInt32(max(1, count))) }

    /// FNV-1a, 32 bit, of the UTF-8 bytes of `s`.
    public static func fnv1a32(_ s: String) -> UInt32 {
        var h: UInt32 = 0x811C_9DC5
        for byte in s.utf8 { h ^= UInt32(byte); h = h &* 0x0100_0193 }
        return h
    }

    /// Shards for a family: the estimated bytes over `shardBytes`, rounded up to a power of two.
    static func shardCount(_ postings: [String: [Int]], _ options: Options) -> Int {
        var bytes = 0
        for (token, list) in postings {
            bytes += token.utf8.count + 6
            for v in list { bytes += v < 10 ? 2 : v < 100 ? 3 : v < 1000 ? 4 : v < 10000 ? 5 : 6 }
        }
        var n = 1
        while n < options.maxShards && n * options.shardBytes < bytes { n *= 2 }
        return n
    }

    static func deltas(_ ids: [Int]) -> [Int] {
        var last = 0
        return ids.map { id in defer { last = id }; return id - last }
    }

    /// One searchable article.
    struct Document {
        var title: String
        var url: String
        var series: Int
        var label: String
        var date: String
        var year: Int
        var department: String
        var text: String
        /// Body text indexed besides `text`: subtitle, column, series title, issue label.
        var extra: String

        var json: SearchJSON {
            .object(["title": .string(title), "url": .string(url), "series": .int(series), "label": .string(label),
                     "date": .string(date), "department": .string(department), "text": .string(text)])
        }
    }

    /// Every article of the site, newest issue first, articles in order.
    static func documents(_ site: Site) -> [Document] {
        var seriesIndex: [String: Int] = [:]
        for (i, s) in site.config.series.enumerated() { seriesIndex[s.key] = i }
        var docs: [Document] = []
        for issue in site.issues {
            let seriesTitle = site.config.series(issue.series)?.title ?? ""
            for article in issue.articles {
                let extra = [article.subtitle, article.column, seriesTitle, issue.numberLabel].filter { !$0.isEmpty }.joined(separator: "\n")
                docs.append(Document(title: article.title, url: site.config.basePath + issue.path + "#" + article.anchor,
                                     series: seriesIndex[issue.series] ?? 0, label: issue.numberLabel, date: issue.date.iso,
                                     year: issue.date.year, department: article.department,
                                     text: article.text, extra: extra))
            }
        }
        return docs
    }

    struct TokenCount { var tf = 0; var inTitle = false; var inDepartment = false }
    struct Analyzed { var counts: [String: TokenCount] = [:]; var termLength = 0; var charLength = 0 }

    static func analyze(_ doc: Document) -> Analyzed {
        var a = Analyzed()
        func add(_ text: String, title: Bool = false, department: Bool = false) {
            for t in SearchTokenizer.indexTokens(text) {
                var c = a.counts[t] ?? TokenCount()
                c.tf += 1
                if title { c.inTitle = true }
                if department { c.inDepartment = true }
                a.counts[t] = c
                if SearchTokenizer.isCharacterToken(t) { a.charLength += 1 } else { a.termLength += 1 }
            }
        }
        add(doc.title, title: true)
        add(doc.department, department: true)
        add(doc.extra)
        add(doc.text)
        return a
    }
}
