import Foundation

/// Writes the static search index under `search/`:
///
/// - `search/meta.json` — document count, shard counts, chunk size, the series, departments and years for the filters;
/// - `search/shards/t-N.json` (terms: bigrams and words) and `search/shards/c-N.json` (single characters) —
///   `{token: postings}`, a token in shard `fnv1a32(token) % count`; postings are the numbers
///   `docDelta, weight, docDelta, weight, …` written with `SearchNumbers.encode`;
/// - `search/docs/N.json` — documents `N*chunk ..< (N+1)*chunk`: title, url, series, label, date, department, text;
/// - `search/filters/series-N.json`, `search/filters/department-N.json` — delta-encoded document ids (`SearchNumbers`).
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

        /// Default sizes: 32 KB shards, 8 KB document chunks, at most 4096 shards.
        public init(shardBytes: Int = 32 * 1024, chunkBytes: Int = 8 * 1024, maxShards: Int = 4096) {
            self.shardBytes = shardBytes
            self.chunkBytes = chunkBytes
            self.maxShards = maxShards
        }
    }

    /// Format version in meta.json.
    public static let version = 1
    /// Weights are stored as integers: weight × scale.
    public static let scale = 10
    /// BM25 parameters.
    static let k1 = 1.2, b = 0.75
    /// Added to a term's weight when it occurs in the title, and in the department.
    static let titleBonus = 1.0, departmentBonus = 0.6

    /// Writes the index files under `search/`, shard by shard from all cores.
    public static func write(_ site: Site, into sink: OutputSink) throws {
        let errors = ErrorBox()
        forEachFile(site, options: Options()) { path, bytes in
            do { try sink.write(path, bytes: bytes) } catch { errors.set(error) }
        }
        if let error = errors.value { throw error }
    }

    /// The index files, by output path.
    public static func files(_ site: Site, options: Options = Options()) -> [String: Data] {
        let sink = MemorySink()
        forEachFile(site, options: options) { path, bytes in try? sink.write(path, bytes: bytes) }
        return sink.files
    }

    /// The length part of the BM25 denominator of a document: `k1 × (1 − b + b × length / average)`.
    @inline(__always)
    static func lengthNorm(_ length: Int, average: Double) -> Double { k1 * (1 - b + b * Double(length) / average) }

    /// The BM25 weight of a token in a document whose `lengthNorm` is `norm`, times `scale`, at least 1.
    @inline(__always)
    static func weight(tf: Int, inTitle: Bool, inDepartment: Bool, norm: Double) -> Int {
        let tf = Double(tf)
        var w = tf * (k1 + 1) / (tf + norm)
        if inTitle { w += titleBonus }
        if inDepartment { w += departmentBonus }
        return max(1, roundedPositive(w * Double(scale)))
    }

    /// `x` rounded to the nearest integer, halves away from zero (as `x.rounded()`), for `x` ≥ 0: `rounded()`
    /// calls the C library's `round` (no instruction rounds halves away from zero), this truncates inline. The
    /// fraction `x − trunc(x)` of a double is exact, so the comparison with 0.5 decides as `round` does.
    @inline(__always)
    static func roundedPositive(_ x: Double) -> Int {
        let t = Int(x)
        return x - Double(t) >= 0.5 ? t + 1 : t
    }

    /// Calls `emit` with each index file's path and bytes (from several threads at once).
    static func forEachFile(_ site: Site, options: Options, _ emit: @escaping @Sendable (String, [UInt8]) -> Void) {
        let timer = StageTimer()
        let docs = documents(site)
        timer.lap("search: documents")

        let shardCounts = writeShards(docs, options: options, timer: timer, emit)
        let termShards = shardCounts["t"]!, charShards = shardCounts["c"]!
        let chunk = writeDocuments(docs, options: options, emit)
        timer.lap("search: documents written")
        // Filters.
        var seriesMeta: [SearchJSON] = []
        var seriesIDs = [[Int]](repeating: [], count: site.config.series.count)
        for id in docs.indices where seriesIDs.indices.contains(docs[id].series) { seriesIDs[docs[id].series].append(id) }
        let departmentIDs = departmentGroups(docs.indices.lazy.map { docs[$0].department }) // (a key path would copy each document)
        for (i, s) in site.config.series.enumerated() {
            let ids = seriesIDs[i]
            guard !ids.isEmpty else { continue }
            emit("search/filters/series-\(i).json", SearchJSON.string(SearchNumbers.encode(deltas(ids))).bytes)
            seriesMeta.append(.object(["key": .string(s.key), "title": .string(s.title), "file": .string("series-\(i)"),
                                       "count": .int(ids.count)]))
        }
        var departmentMeta: [SearchJSON] = []
        var registryOrder = site.config.departments.map(\.name)
        for name in departmentIDs.keys.sorted(by: SearchJSON.keyOrder) where !registryOrder.contains(name) { registryOrder.append(name) }
        let groups = Dictionary(site.config.departments.map { ($0.name, $0.group) }, uniquingKeysWith: { a, _ in a })
        for (i, name) in registryOrder.enumerated() {
            guard let ids = departmentIDs[name] else { continue }
            emit("search/filters/department-\(i).json", SearchJSON.string(SearchNumbers.encode(deltas(ids))).bytes)
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
        emit("search/meta.json", meta.bytes)
        Lifetime.releaseInBackground(docs)
    }

    /// Builds the postings and writes the token shards; returns the shard count per family. Everything it
    /// holds is freed when it returns.
    static func writeShards(_ docs: [Document], options: Options, timer: StageTimer,
                            _ emit: @escaping @Sendable (String, [UInt8]) -> Void) -> [String: Int] {
        let entries: [SearchPostings.Entry] = {
            let postings = SearchPostings(docs)
            timer.lap("search: postings")
            return postings.finish()
        }()
        timer.lap("search: weights")
        var shardCounts: [String: Int] = [:]
        var shards: [(String, [SearchPostings.Entry])] = []
        for (family, isChar) in [("t", false), ("c", true)] {
            let list = entries.filter { $0.isCharacter == isChar }
            let count = shardCount(list.reduce(0) { $0 + $1.token.utf8.count + $1.bytes.count + 6 }, options)
            shardCounts[family] = count
            var grouped = [[SearchPostings.Entry]](repeating: [], count: count)
            for e in list { grouped[shard(e.token, count: count)].append(e) }
            for (k, g) in grouped.enumerated() { shards.append(("search/shards/\(family)-\(k).json", g)) }
        }
        DispatchQueue.concurrentPerform(iterations: shards.count) { i in
            emit(shards[i].0, encodeShard(shards[i].1.map { ($0.token, $0.bytes) }))
        }
        timer.lap("search: shards")
        return shardCounts
    }

    /// Writes the documents in chunks; returns the documents per chunk.
    ///
    /// The documents per chunk follow from the documents' average size before JSON escaping (escapes add a few bytes
    /// to a few documents), known before any is encoded, so that each chunk is encoded and written at once and its
    /// bytes freed: the 180 MB of chunks of a 10,000-issue archive are never all in memory.
    static func writeDocuments(_ docs: [Document], options: Options, _ emit: @escaping @Sendable (String, [UInt8]) -> Void) -> Int {
        let n = docs.count
        var unescaped = [Int](repeating: 0, count: n)
        for i in 0..<n { unescaped[i] = docs[i].unescapedJSONCount }
        let chunk = chunkSize(total: unescaped.reduce(0, +), count: n, options)
        docs.withUnsafeBufferPointer { docs in
            DispatchQueue.concurrentPerform(iterations: (n + chunk - 1) / chunk) { c in
                let start = c * chunk, end = min(n, start + chunk)
                var bytes: [UInt8] = []
                // Room for the escapes of a few line feeds per paragraph and quotes, so the array is not grown.
                let size = unescaped[start..<end].reduce(2) { $0 + $1 + 1 }
                bytes.reserveCapacity(size + size / 16 + 64)
                bytes.append(UInt8(ascii: "["))
                for k in start..<end {
                    if k > start { bytes.append(UInt8(ascii: ",")) }
                    Document.appendJSON(docs.baseAddress.unsafelyUnwrapped + k, to: &bytes)
                }
                bytes.append(UInt8(ascii: "]"))
                emit("search/docs/\(c).json", bytes)
            }
        }
        return chunk
    }

    /// Documents per chunk for documents of `total` bytes in all (before JSON escaping): the aimed-for chunk bytes over
    /// the average document, at least 1, at most 64.
    static func chunkSize(total: Int, count: Int, _ options: Options) -> Int {
        let avgDoc = max(1, total / max(1, count))
        return min(64, max(1, options.chunkBytes / avgDoc))
    }

    /// The shard of `token` among `count`: FNV-1a (32 bit) of its UTF-8 bytes, modulo `count`.
    public static func shard(_ token: String, count: Int) -> Int { Int(fnv1a32(token) % UInt32(max(1, count))) }

    /// FNV-1a, 32 bit, of the UTF-8 bytes of `s`.
    public static func fnv1a32(_ s: String) -> UInt32 {
        var h: UInt32 = 0x811C_9DC5
        for byte in s.utf8 { h ^= UInt32(byte); h = h &* 0x0100_0193 }
        return h
    }

    /// Shards for a family of `bytes` estimated bytes: bytes over `shardBytes`, rounded up to a power of two.
    static func shardCount(_ bytes: Int, _ options: Options) -> Int {
        var n = 1
        while n < options.maxShards && n * options.shardBytes < bytes { n *= 2 }
        return n
    }

    /// `{"token":"postings",…}`, tokens sorted by their UTF-8 bytes.
    static func encodeShard(_ entries: [(String, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.reduce(2) { $0 + $1.0.utf8.count * 2 + $1.1.count + 6 })
        out.append(UInt8(ascii: "{"))
        for (k, e) in entries.sorted(by: { SearchJSON.keyOrder($0.0, $1.0) }).enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            SearchJSON.appendString(e.0, to: &out)
            out.append(UInt8(ascii: ":"))
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: e.1) // the alphabet needs no escaping
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The ids (positions) of each name, as `[String: [Int]]` keyed by the names, filled as a String-keyed
    /// dictionary would be (canonically equivalent spellings share a list, under the spelling seen first) but
    /// looked up through a `NameMap`.
    static func departmentGroups<Names: Sequence<String>>(_ names: Names) -> [String: [Int]] {
        var groupOf = NameMap<Int>()
        var groups: [(name: String, ids: [Int])] = []
        for (id, name) in names.enumerated() {
            if let g = groupOf[name] { groups[g].ids.append(id) } else {
                groupOf[name] = groups.count
                groups.append((name, [id]))
            }
        }
        return Dictionary(uniqueKeysWithValues: groups.map { ($0.name, $0.ids) })
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
        /// The article's plain text as UTF-8 (the model's bytes, shared, not copied or decoded).
        var textUTF8: [UInt8]
        /// Body text indexed besides the text: the article's subtitle and column, the non-empty ones one per line.
        var extra: String
        /// More, shared by an issue's articles and made once per issue: the series title and the issue label, the
        /// non-empty ones one per line. (A line feed separates tokens, so scanning `extra` and then this gives the
        /// tokens of the two joined by a line feed.)
        var issueExtra: String = ""

        /// The document as a JSON object, keys in UTF-8 order (`SearchJSON`'s), written straight to bytes.
        var jsonBytes: [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(unescapedJSONCount)
            withUnsafePointer(to: self) { Document.appendJSON($0, to: &out) }
            return out
        }

        /// The bytes of `jsonBytes` if no character needed escaping (escapes only add bytes).
        var unescapedJSONCount: Int {
            // Braces, commas, the keys with their quotes and colons, the quotes of the six strings.
            78 + date.utf8.count + department.utf8.count + label.utf8.count + (series < 0 ? 1 : 0) + decimalDigits(series)
                + textUTF8.count + title.utf8.count + url.utf8.count
        }

        private func decimalDigits(_ v: Int) -> Int {
            var v = v.magnitude, d = 1
            while v >= 10 { v /= 10; d += 1 }
            return d
        }

        /// Appends the `jsonBytes` of the document at `doc` to `out`. (The fields are read through the pointer one by
        /// one: a document of this size read in place and handed to a function, or used as `self`, is copied first,
        /// each of its references retained and released, even when the function is inlined or borrows it.)
        @inline(__always)
        static func appendJSON(_ doc: UnsafePointer<Document>, to out: inout [UInt8]) {
            /// Appends a key with the brace or comma before it and the colon after it, in one piece.
            func key(_ k: StaticString) {
                out.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
            }
            key(#"{"date":"#); SearchJSON.appendString(doc.pointee.date, to: &out)
            key(#","department":"#); SearchJSON.appendString(doc.pointee.department, to: &out)
            key(#","label":"#); SearchJSON.appendString(doc.pointee.label, to: &out)
            key(#","series":"#); out.append(contentsOf: String(doc.pointee.series).utf8)
            key(#","text":"#); doc.pointee.textUTF8.withUnsafeBufferPointer { SearchJSON.appendString(utf8: $0, to: &out) }
            key(#","title":"#); SearchJSON.appendString(doc.pointee.title, to: &out)
            key(#","url":"#); SearchJSON.appendString(doc.pointee.url, to: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Every article of the site, newest issue first, articles in order. What an issue's articles share is
    /// computed once per issue.
    static func documents(_ site: Site) -> [Document] {
        let config = site.config
        let basePath = config.basePath
        var seriesIndex: [String: Int] = [:]
        var seriesTitle: [String: String] = [:] // the first series of a key, as `SiteConfig.series(_:)`
        for (i, s) in config.series.enumerated() {
            seriesIndex[s.key] = i
            if seriesTitle[s.key] == nil { seriesTitle[s.key] = s.title }
        }
        var docs: [Document] = []
        docs.reserveCapacity(site.issues.reduce(0) { $0 + $1.articles.count })
        // By index, fields read where they are: iterating the issues and articles would copy each one (a retain and
        // a release for every field).
        for i in site.issues.indices {
            let seriesKey = site.issues[i].series, date = site.issues[i].date
            let title = seriesTitle[seriesKey] ?? "", label = site.issues.numberLabel(ofIssue: i), iso = date.iso
            let page = basePath + site.issues.path(ofIssue: i) + "#", series = seriesIndex[seriesKey] ?? 0, year = date.year
            let articles = site.issues[i].articles
            // The non-empty parts one per line (appended one by one: an array of them would be allocated each time).
            func joined(_ first: String, _ second: String) -> String {
                if first.isEmpty { return second }
                if second.isEmpty { return first }
                return first + "\n" + second
            }
            let issueExtra = joined(title, label)
            for a in articles.indices {
                docs.append(Document(title: articles[a].title, url: page + articles[a].anchor, series: series, label: label,
                                     date: iso, year: year, department: articles[a].department,
                                     textUTF8: articles[a].textBytes, extra: joined(articles[a].subtitle, articles[a].column),
                                     issueExtra: issueExtra))
            }
        }
        return docs
    }
}
