import Foundation

/// Sizes of the search index and what a query downloads, for `make bench`. Mirrors the browser code
/// (templates/assets/search.js): a query fetches meta.json, the shard of each query token, and the document
/// chunks of the first page of results.
public enum SearchIndexStats {
    /// Results shown per page by the browser.
    public static let pageSize = 20

    /// Total bytes of the files under `search/` in `files` (paths relative to the output folder).
    public static func indexBytes(files: [String: Data]) -> Int {
        files.filter { $0.key.hasPrefix("search/") }.reduce(0) { $0 + $1.value.count }
    }

    /// Bytes the browser downloads to show the first page of results for `q`.
    public static func bytesForQuery(_ q: String, files: [String: Data]) -> Int {
        filesForQuery(q, files: files).reduce(0) { $0 + (files[$1]?.count ?? 0) }
    }

    /// The files (sorted) the browser fetches to show the first page of results for `q`.
    public static func filesForQuery(_ q: String, files: [String: Data]) -> [String] {
        let result = search(q, files: files)
        return result.files
    }

    /// The ids of the matching documents, best first (without the phrase bonus the browser adds per page).
    public static func matches(_ q: String, files: [String: Data]) -> [Int] {
        search(q, files: files).ranked
    }

    static func search(_ q: String, files: [String: Data]) -> (files: [String], ranked: [Int]) {
        guard let metaData = files["search/meta.json"],
              let meta = try? JSONSerialization.jsonObject(with: metaData) as? [String: Any],
              let shards = meta["shards"] as? [String: Int], let n = meta["docs"] as? Int, let chunk = meta["chunk"] as? Int
        else { return ([], []) }
        var fetched: Set<String> = ["search/meta.json"]
        let tokens = Array(Set(SearchTokenizer.queryTokens(q))).sorted(by: SearchJSON.keyOrder)
        guard !tokens.isEmpty else { return (fetched.sorted(), []) }
        var scores: [Int: Double]? = nil
        for token in tokens {
            let family = SearchTokenizer.isCharacterToken(token) ? "c" : "t"
            let path = "search/shards/\(family)-\(SearchIndexWriter.shard(token, count: shards[family] ?? 1)).json"
            fetched.insert(path)
            guard let data = files[path], let shard = try? JSONSerialization.jsonObject(with: data) as? [String: String] else {
                return (fetched.sorted(), [])
            }
            let list = shard[token].flatMap(SearchNumbers.decode) ?? []
            let df = list.count / 2
            let idf = log(1 + (Double(n - df) + 0.5) / (Double(df) + 0.5))
            var these: [Int: Double] = [:]
            var id = 0
            var k = 0
            while k + 1 < list.count {
                id += list[k]
                these[id] = idf * Double(list[k + 1]) / Double(SearchIndexWriter.scale)
                k += 2
            }
            if let s = scores {
                var next: [Int: Double] = [:]
                for (doc, v) in s { if let w = these[doc] { next[doc] = v + w } }
                scores = next
            } else {
                scores = these
            }
        }
        let ranked = (scores ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        for doc in ranked.prefix(pageSize) { fetched.insert("search/docs/\(doc / max(1, chunk)).json") }
        return (fetched.sorted(), ranked)
    }
}
