import Foundation
import Testing
@testable import JianbaoCore

@Suite("Search index writer")
struct SearchIndexWriterTests {
    func json(_ sink: MemorySink, _ path: String) throws -> Any {
        let data = try #require(sink.files[path], "missing \(path)")
        return try JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)
    }

    func shard(_ sink: MemorySink, _ token: String) throws -> [Int]? {
        let meta = try #require(try json(sink, "search/meta.json") as? [String: Any])
        let counts = try #require(meta["shards"] as? [String: Int])
        let family = SearchTokenizer.isCharacterToken(token) ? "c" : "t"
        let path = "search/shards/\(family)-\(SearchIndexWriter.shard(token, count: counts[family]!)).json"
        let shard = try #require(try json(sink, path) as? [String: String])
        return try shard[token].map { try #require(SearchNumbers.decode($0)) }
    }

    /// Document ids of a posting list.
    func ids(_ postings: [Int]?) -> [Int] {
        var id = 0, out: [Int] = []
        for k in stride(from: 0, to: postings?.count ?? 0, by: 2) { id += postings![k]; out.append(id) }
        return out
    }

    @Test func metaDescribesTheMiniSite() throws {
        let sink = try searchSite().renderInMemory()
        let meta = try #require(try json(sink, "search/meta.json") as? [String: Any])
        #expect(meta["docs"] as? Int == 5)
        #expect(meta["version"] as? Int == 1)
        let series = try #require(meta["series"] as? [[String: Any]])
        #expect(series.map { $0["key"] as? String } == ["ganzhou", "zhenjiang"])
        #expect(series.map { $0["count"] as? Int } == [4, 1])
        let departments = try #require(meta["departments"] as? [[String: Any]])
        #expect(departments.map { $0["name"] as? String } == ["市司法局", "市公安局", "市公安局西湖分局", "瑞金市"])
        #expect(departments.map { $0["count"] as? Int } == [2, 1, 1, 1])
        let years = try #require(meta["years"] as? [[String: Int]])
        #expect(years == [["year": 2022, "start": 0, "end": 3], ["year": 2021, "start": 3, "end": 4],
                          ["year": 2017, "start": 4, "end": 5]])
    }

    @Test func documentsCarryTheirMetadata() throws {
        let sink = try searchSite().renderInMemory()
        let docs = try #require(try json(sink, "search/docs/0.json") as? [[String: Any]])
        #expect(docs.count == 5)
        #expect(docs[0]["title"] as? String == "市司法局“三举措” 推动安置帮教工作创新发展")
        #expect(docs[0]["url"] as? String == "/jianbao/ganzhou/2022/151/#a1")
        #expect(docs[0]["label"] as? String == "第151期")
        #expect(docs[0]["date"] as? String == "2022-08-25")
        #expect(docs[0]["department"] as? String == "市司法局")
        #expect(docs[0]["series"] as? Int == 0)
        #expect((docs[0]["text"] as? String)?.contains("无缝对接安置帮教") == true)
        #expect(docs[2]["url"] as? String == "/jianbao/ganzhou/2022/151/#ruijin")
        #expect(docs[2]["department"] as? String == "瑞金市")
        #expect(docs[3]["url"] as? String == "/jianbao/ganzhou/2021/150/#a1")
        #expect(docs[4]["url"] as? String == "/jianbao/zhenjiang/2017/anzhi-bangjiao-2017/#a1")
        #expect(docs[4]["series"] as? Int == 1)
        #expect(docs[4]["label"] as? String == "")
    }

    @Test func shardsHoldTheExpectedTokens() throws {
        let sink = try searchSite().renderInMemory()
        #expect(ids(try shard(sink, "反诈")) == [3])
        #expect(ids(try shard(sink, "帮教")) == [0, 4])
        #expect(ids(try shard(sink, "6081")) == [0])
        #expect(ids(try shard(sink, "西湖")) == [1])
        #expect(ids(try shard(sink, "瑞")) == [2])
        #expect(ids(try shard(sink, "151")) == [0, 1, 2]) // the issue label 第151期
        #expect(try shard(sink, "不存在的词") == nil)
    }

    @Test func titleAndDepartmentMatchesWeighMore() throws {
        let sink = try searchSite().renderInMemory()
        // 帮教 is in doc 0's title and in doc 4's body only.
        let p = try #require(try shard(sink, "帮教"))
        #expect(p[1] > p[3])
        // 公安 is doc 3's department (市公安局) and only mentioned in doc 1's subtitle/department 市公安局西湖分局.
        let ranked = SearchIndexStats.matches("市公安局", files: sink.files)
        #expect(ranked.first == 3)
    }

    @Test func filterFilesListDocuments() throws {
        let sink = try searchSite().renderInMemory()
        func list(_ path: String) throws -> [Int]? { (try json(sink, path) as? String).flatMap(SearchNumbers.decode) }
        #expect(try list("search/filters/series-0.json") == [0, 1, 1, 1])
        #expect(try list("search/filters/series-1.json") == [4])
        #expect(try list("search/filters/department-0.json") == [0, 4])
    }

    @Test func outputIsDeterministic() throws {
        let a = try searchSite().renderInMemory().files.filter { $0.key.hasPrefix("search/") }
        let b = try searchSite().renderInMemory().files.filter { $0.key.hasPrefix("search/") }
        #expect(!a.isEmpty)
        #expect(a == b)
        let meta = String(decoding: try #require(a["search/meta.json"]), as: UTF8.self)
        #expect(meta.hasPrefix("{\"chunk\":"))
    }

    @Test func hostileTitlesAreEscaped() throws {
        let site = try searchSite()
        try site.write("content/zhenjiang/2018/x.md", """
        ---
        slug: hostile
        date: 2018-01-02
        title: 测试
        ---

        ## &lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; 标题 {department=市司法局}

        正文 `</script><b>` 内容。
        """)
        let sink = try site.renderInMemory()
        var sawHostile = false
        for (path, data) in sink.files where path.hasPrefix("search/") && path.hasSuffix(".json") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<"), "\(path)")
            #expect(!text.contains(">"), "\(path)")
            #expect(!text.contains("&"), "\(path)")
            if text.contains("\\u003c/script\\u003e") { sawHostile = true }
        }
        #expect(sawHostile)
        let docs = try #require(try json(sink, "search/docs/0.json") as? [[String: Any]])
        let titles = docs.compactMap { $0["title"] as? String }
        #expect(titles.contains("</script><img src=x onerror=alert(1)> & 标题"))
        #expect(docs.contains { ($0["text"] as? String)?.contains("</script><b>") == true })
    }

    @Test func shardCountsGrowWithTheCorpus() throws {
        let site = try searchSite()
        let sink = try site.renderInMemory()
        let compiled = try SiteBuild.compile(SiteLoader.load(site.root), includeDrafts: false)
        let small = SearchIndexWriter.files(compiled.site, options: .init(shardBytes: 64, chunkBytes: 1))
        let meta = try #require(try JSONSerialization.jsonObject(with: small["search/meta.json"]!) as? [String: Any])
        let shards = try #require(meta["shards"] as? [String: Int])
        #expect(shards["t"]! > 1)
        #expect(meta["chunk"] as? Int == 1)
        #expect(small["search/docs/4.json"] != nil)
        // Queries give the same matches however the index is split.
        for q in ["反诈", "安置帮教", "市公安局西湖分局", "6081", "瑞"] {
            #expect(SearchIndexStats.matches(q, files: small) == SearchIndexStats.matches(q, files: sink.files), "\(q)")
            #expect(!SearchIndexStats.matches(q, files: small).isEmpty, "\(q)")
        }
    }

    @Test func bytesForQueryCountsOnlyTheNeededFiles() throws {
        let site = try searchSite()
        let compiled = try SiteBuild.compile(SiteLoader.load(site.root), includeDrafts: false)
        let files = SearchIndexWriter.files(compiled.site, options: .init(shardBytes: 64, chunkBytes: 1))
        let fetched = SearchIndexStats.filesForQuery("反诈", files: files)
        let shards = fetched.filter { $0.hasPrefix("search/shards/") }
        #expect(shards.count == 1)
        #expect(fetched.contains("search/meta.json"))
        #expect(fetched.contains("search/docs/3.json"))
        #expect(!fetched.contains("search/docs/0.json"))
        let expected = fetched.reduce(0) { $0 + files[$1]!.count }
        #expect(SearchIndexStats.bytesForQuery("反诈", files: files) == expected)
        #expect(SearchIndexStats.bytesForQuery("反诈", files: files) < SearchIndexStats.indexBytes(files: files))
        #expect(SearchIndexStats.filesForQuery("，。", files: files) == ["search/meta.json"])
    }
}

/// The mini fixture as the search tests expect it: without issue 149, which the chart tests added
/// (its articles would shift the document numbers these tests name).
func searchSite() throws -> TestSite {
    let site = try TestSite()
    try site.remove("content/ganzhou/2022/149.md")
    return site
}

@Suite("Search department groups")
struct SearchDepartmentGroupTests {
    /// The grouping by bytes gives what a `[String: [Int]]` filled name by name gives, keys included (canonically
    /// equivalent spellings share a list under the first one's spelling).
    @Test func groupsMatchAStringKeyedDictionary() {
        let composed = "市司法局\u{00E9}", decomposed = "市司法局e\u{0301}"
        let names = ["市司法局", "瑞金市", decomposed, "市司法局", composed, "", "瑞金市", decomposed, "市公安局"]
        var expected: [String: [Int]] = [:]
        for (id, name) in names.enumerated() { expected[name, default: []].append(id) }
        let groups = SearchIndexWriter.departmentGroups(names)
        #expect(groups == expected)
        #expect(groups[composed] == [2, 4, 7])
        let keys = groups.keys.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        let expectedKeys = expected.keys.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        #expect(keys == expectedKeys)
        #expect(keys.contains(Array(decomposed.utf8)))
    }
}
