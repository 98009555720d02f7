/// Builds the `Site` from parsed issues: ordering, duplicate numbers, neighbours, departments, topics.
public enum SiteBuilder {
    /// Builds the site; errors (duplicate numbers, slug collisions) come back as diagnostics.
    public static func build(config: SiteConfig, issues parsed: [Issue], includeDrafts: Bool) -> (Site?, [Diagnostic]) {
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
        let issues = order.map { parsed[$0] }
        // Duplicate numbers per the series' rule, and duplicate output paths (the first file, by path, wins).
        var seenNumber: [String: String] = [:]
        var seenPath: [String: String] = [:]
        for i in order.indices.sorted(by: { keys[order[$0]].path < keys[order[$1]].path }) {
            let issue = issues[i]
            guard let series = config.series(issue.series) else { continue }
            if let n = issue.number {
                let key = series.numbering == .yearly ? "\(issue.series)/\(issue.date.year)/\(n)" : "\(issue.series)/\(n)"
                if let other = seenNumber[key] {
                    let scope = series.numbering == .yearly ? "（同在 \(issue.date.year) 年）" : ""
                    bag.error(issue.sourcePath, issue.numberLine, issue.numberColumn, "期号 \(n) 与 \(other) 重复\(scope)")
                    continue
                }
                seenNumber[key] = issue.sourcePath
            }
            let p = issue.path.lowercased()
            if let other = seenPath[p] {
                bag.error(issue.sourcePath, issue.numberLine, issue.numberColumn, "输出路径 /\(issue.path) 与 \(other) 相同")
                continue
            }
            seenPath[p] = issue.sourcePath
        }
        var bySeries: [String: [Int]] = [:]
        for (i, issue) in issues.enumerated() { bySeries[issue.series, default: []].append(i) }
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
        var articlesByDept: [String: [ArticleRef]] = [:]
        for (i, issue) in issues.enumerated() {
            for (j, a) in issue.articles.enumerated() { articlesByDept[a.department, default: []].append(ArticleRef(issue: i, article: j)) }
        }
        let departments = config.departments.compactMap { d -> DepartmentPage? in
            guard let refs = articlesByDept[d.name], !refs.isEmpty else { return nil }
            return DepartmentPage(department: d, articles: refs)
        }
        // Topics: spellings that map to one slug are an error at the files using the less common spelling.
        var topicIssues: [String: [Int]] = [:]
        for (i, issue) in issues.enumerated() {
            for t in Set(issue.tags) { topicIssues[t, default: []].append(i) }
        }
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
                    let issue = issues[i]
                    bag.error(issue.sourcePath, issue.tagsPosition.line, issue.tagsPosition.column,
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
}
