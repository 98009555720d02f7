/// Builds the `Site` from parsed issues: ordering, duplicate numbers, neighbours, departments, topics.
public enum SiteBuilder {
    /// Builds the site; errors (duplicate numbers, slug collisions) come back as diagnostics.
    public static func build(config: SiteConfig, issues parsed: consuming [Issue], includeDrafts: Bool) -> (Site?, [Diagnostic]) {
        let config = config.withDepartmentSlugs()
        var bag = DiagnosticBag()
        // Sort indices, not the (large) issue values.
        let kept = parsed.indices.filter { includeDrafts || !parsed[$0].draft }
        // The sort keys, taken out once: comparing whole issue values would copy them (every field retained).
        let keys = parsed.map { (date: $0.date, number: $0.number ?? 0, path: $0.sourcePath) }
        let order = kept.sorted { i, j in
            let a = keys[i], b = keys[j]
            if a.date != b.date { return a.date > b.date }
            if a.number != b.number { return a.number > b.number }
            return a.path < b.path
        }
        let issues = SiteBuilder.arranged(consume parsed, order)
        // Duplicate numbers per the series' rule, and duplicate output paths (the first file, by path, wins).
        var seenNumber: [String: String] = [:]
        var seenPath: [String: String] = [:]
        for i in order.indices.sorted(by: { keys[order[$0]].path < keys[order[$1]].path }) {
            let seriesKey = issues[i].series, year = issues[i].date.year, sourcePath = issues[i].sourcePath
            guard let series = config.series(seriesKey) else { continue }
            if let n = issues[i].number {
                let key = series.numbering == .yearly ? "\(seriesKey)/\(year)/\(n)" : "\(seriesKey)/\(n)"
                if let other = seenNumber[key] {
                    let scope = series.numbering == .yearly ? "（同在 \(year) 年）" : ""
                    bag.error(sourcePath, issues[i].numberLine, issues[i].numberColumn, "期号 \(n) 与 \(other) 重复\(scope)")
                    continue
                }
                seenNumber[key] = sourcePath
            }
            let path = issues.path(ofIssue: i)
            let p = path.lowercased()
            if let other = seenPath[p] {
                bag.error(sourcePath, issues[i].numberLine, issues[i].numberColumn, "输出路径 /\(path) 与 \(other) 相同")
                continue
            }
            seenPath[p] = sourcePath
        }
        // By index throughout: iterating the issues (or `enumerated()`) would copy each one.
        var bySeries: [String: [Int]] = [:]
        for i in issues.indices { bySeries[issues[i].series, default: []].append(i) }
        var neighbours: [Int: (older: Int?, newer: Int?)] = [:]
        for (_, list) in bySeries {
            for (pos, i) in list.enumerated() {
                neighbours[i] = (pos + 1 < list.count ? list[pos + 1] : nil, pos > 0 ? list[pos - 1] : nil)
            }
        }
        // Departments: registry order for slugs; collisions are errors.
        var departmentSlugs: [String: String] = [:]
        var slugOwner: [String: String] = [:]
        for d in config.departments {
            let folded = d.slug.lowercased()
            if let other = slugOwner[folded], other != d.name {
                bag.error("site.yml", d.line, d.column, "部门 “\(d.name)” 的网址 /departments/\(d.slug)/ 与 “\(other)” 相同，请给其中一个指定不同的 slug")
            }
            slugOwner[folded] = d.name
            departmentSlugs[d.name] = d.slug
        }
        // Articles per registry name (an article's department is its registry entry's name: see `NameMap`).
        var nameSlot = NameMap<Int>()
        for d in config.departments where nameSlot[d.name] == nil { nameSlot[d.name] = nameSlot.count }
        var articlesByDept = [[ArticleRef]](repeating: [], count: nameSlot.count)
        for i in issues.indices {
            let articles = issues[i].articles
            for j in articles.indices {
                let name = articles[j].department
                guard let slot = nameSlot[name] else { continue }
                articlesByDept[slot].append(ArticleRef(issue: i, article: j))
            }
        }
        let departments = config.departments.compactMap { d -> DepartmentPage? in
            let refs = articlesByDept[nameSlot[d.name]!]
            guard !refs.isEmpty else { return nil }
            return DepartmentPage(department: d, articles: refs)
        }
        // Topics: spellings that map to one slug are an error at the files using the less common spelling.
        // Issues per tag, each issue once per tag; a tag keeps the spelling it was first seen with (as a String-keyed
        // dictionary would).
        var tagNames: [String] = []
        var tagLists: [[Int]] = []
        var tagSlot = NameMap<Int>()
        for i in issues.indices {
            let tags = issues[i].tags
            for t in tags.indices {
                let tag = tags[t]
                let slot: Int
                if let known = tagSlot[tag] {
                    slot = known
                } else {
                    slot = tagNames.count
                    tagNames.append(tag)
                    tagLists.append([])
                    tagSlot[tag] = slot
                }
                if tagLists[slot].last != i { tagLists[slot].append(i) }
            }
        }
        var topicIssues: [String: [Int]] = [:]
        topicIssues.reserveCapacity(tagNames.count)
        for (name, list) in zip(tagNames, tagLists) { topicIssues[name] = list }
        var spellings: [String: [String]] = [:]
        let topicNames = topicIssues.keys.sorted()
        for (name, slug) in zip(topicNames, Slug.pinyin(topicNames)) { spellings[slug, default: []].append(name) }
        var topicSlugs: [String: String] = [:]
        for (slug, names) in spellings.sorted(by: { $0.key < $1.key }) {
            let owner = names.max { a, b in
                let (ca, cb) = (topicIssues[a]!.count, topicIssues[b]!.count)
                return ca != cb ? ca < cb : a > b
            }!
            topicSlugs[owner] = slug
            for other in names where other != owner {
                for i in topicIssues[other]!.sorted(by: { issues[$0].sourcePath < issues[$1].sourcePath }) {
                    bag.error(issues[i].sourcePath, issues[i].tagsPosition.line, issues[i].tagsPosition.column,
                              "主题 “\(other)” 与 “\(owner)” 的网址相同（/topics/\(slug)/），请统一写法")
                }
            }
        }
        let topics = topicSlugs.map { TopicPage(name: $0.key, slug: $0.value, issues: topicIssues[$0.key]!.sorted()) }
            .sorted { $0.slug < $1.slug }
        guard !bag.hasErrors else { return (nil, bag.all) }
        return (Site(config: config, issues: issues, bySeries: bySeries, departments: departments, topics: topics,
                     neighbours: neighbours, departmentSlugs: departmentSlugs, topicSlugs: topicSlugs,
                     includesDrafts: includeDrafts), bag.all)
    }

    /// The issues at `order`, in that order; the others are dropped. The issues are moved, not copied, when `issues`
    /// is not shared (copying an issue retains and releases every field).
    static func arranged(_ issues: consuming [Issue], _ order: [Int]) -> [Issue] {
        var issues = issues
        let n = issues.count
        // position[k]: where issue k is now; original[p]: which issue is at position p.
        var position = Array(0..<n), original = Array(0..<n)
        issues.withUnsafeMutableBufferPointer { buffer in
            for (k, wanted) in order.enumerated() {
                let from = position[wanted]
                guard from != k else { continue }
                buffer.swapAt(k, from)
                let displaced = original[k]
                original[from] = displaced
                position[displaced] = from
                original[k] = wanted
                position[wanted] = k
            }
        }
        issues.removeLast(n - order.count)
        return issues
    }
}
