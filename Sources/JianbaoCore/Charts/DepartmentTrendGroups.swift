/// A department's keyed measures as its trend charts show them: per metric key, in key order, the observations of that
/// key oldest first, at most one per issue (the issue's first article with the key, and that article's first item).
/// Keys seen in fewer than two issues are kept here and skipped when drawing.
///
/// `SiteCharts.trendGroups(_:)` makes every department's groups in one pass over the issues in order; a department's
/// articles, taken department by department, are scattered over the whole model, and following each one's issue,
/// article, block and item cost a cache miss at every step (a fifth of the time of the pages).
struct DepartmentTrendGroups: Sendable {
    /// Per key (sorted by key as Strings compare), its observations oldest first.
    var keys: [(key: String, observations: [SiteCharts.Observation])]

    /// Collects one department's observations from its articles, given in (issue, article) order.
    struct Builder {
        private var keyIndex: [String: Int] = [:]
        private var lists: [[SiteCharts.Observation]] = []

        /// Adds the keyed items of article `ref`. Articles must come in (issue, article) order: then the observation an
        /// issue already has of a key is the last in the key's list, and it wins.
        mutating func add(_ site: Site, _ ref: ArticleRef) {
            // By index: iterating the blocks and items would copy each one.
            let metrics = site.issues[ref.issue].articles[ref.article].metrics
            for b in metrics.indices {
                let items = metrics[b].items
                for m in items.indices {
                    guard let key = items[m].key else { continue }
                    let k: Int
                    if let existing = keyIndex[key] {
                        k = existing
                    } else {
                        k = lists.count
                        keyIndex[key] = k
                        lists.append([])
                    }
                    if lists[k].last?.issue != ref.issue {
                        lists[k].append(SiteCharts.Observation(issue: ref.issue, article: ref.article, block: b, item: m))
                    }
                }
            }
        }

        /// The groups, each key's observations sorted oldest first: by `rank` (an issue's position in date, number,
        /// source path order) when given, else by those fields read from the issues.
        func finish(_ site: Site, rank: [Int]?) -> DepartmentTrendGroups {
            var keys: [(key: String, observations: [SiteCharts.Observation])] = []
            keys.reserveCapacity(lists.count)
            for key in keyIndex.keys.sorted() {
                let list = lists[keyIndex[key]!]
                let sorted: [SiteCharts.Observation]
                if let rank {
                    sorted = list.sorted { rank[$0.issue] < rank[$1.issue] }
                } else {
                    // Oldest first: date, then number, then source path (`Issue.sortKey`), read in place.
                    sorted = list.sorted { a, b in
                        let da = site.issues[a.issue].date.ordinal, db = site.issues[b.issue].date.ordinal
                        if da != db { return da < db }
                        let na = site.issues[a.issue].number ?? 0, nb = site.issues[b.issue].number ?? 0
                        if na != nb { return na < nb }
                        return site.issues[a.issue].sourcePath < site.issues[b.issue].sourcePath
                    }
                }
                keys.append((key, sorted))
            }
            return DepartmentTrendGroups(keys: keys)
        }
    }
}

extension SiteCharts {
    /// The trend groups of department `department` alone, from its own articles.
    static func trendGroups(_ site: Site, department: Int) -> DepartmentTrendGroups {
        var builder = DepartmentTrendGroups.Builder()
        let refs = site.departments[department].articles.sorted { ($0.issue, $0.article) < ($1.issue, $1.article) }
        for ref in refs { builder.add(site, ref) }
        return builder.finish(site, rank: nil)
    }

    /// The trend groups of every department (same index as `site.departments`), in one pass over the issues in order:
    /// the same groups `trendGroups(_:department:)` makes for each.
    static func trendGroups(_ site: Site) -> [DepartmentTrendGroups] {
        let departments = site.departments
        // Articles numbered through the site, issue by issue.
        var first = [Int](repeating: 0, count: site.issues.count + 1)
        for i in site.issues.indices { first[i + 1] = first[i] + site.issues[i].articles.count }
        // Which department lists each article (-1: none). An article listed by more than one (two registry entries of
        // one name) keeps the others in `alsoListedBy`; listed twice by one department it counts once, as in a
        // department's own pass (its second visit finds the issue already observed).
        var listedBy = [Int32](repeating: -1, count: first[site.issues.count])
        var alsoListedBy: [Int: [Int32]] = [:]
        for d in departments.indices {
            let refs = departments[d].articles
            for r in refs.indices {
                let n = first[refs[r].issue] + refs[r].article
                if listedBy[n] < 0 {
                    listedBy[n] = Int32(d)
                } else if listedBy[n] != Int32(d), !(alsoListedBy[n]?.contains(Int32(d)) ?? false) {
                    alsoListedBy[n, default: []].append(Int32(d))
                }
            }
        }
        var builders = [DepartmentTrendGroups.Builder](repeating: DepartmentTrendGroups.Builder(), count: departments.count)
        for i in site.issues.indices {
            for a in 0..<(first[i + 1] - first[i]) {
                let n = first[i] + a
                guard listedBy[n] >= 0 else { continue }
                builders[Int(listedBy[n])].add(site, ArticleRef(issue: i, article: a))
                if let more = alsoListedBy[n] {
                    for d in more { builders[Int(d)].add(site, ArticleRef(issue: i, article: a)) }
                }
            }
        }
        // Every issue's position oldest first, so each key's observations sort by one array read per comparison.
        var keys: [(ordinal: Int, number: Int)] = []
        keys.reserveCapacity(site.issues.count)
        for i in site.issues.indices { keys.append((site.issues[i].date.ordinal, site.issues[i].number ?? 0)) }
        let order = site.issues.indices.sorted { a, b in
            if keys[a].ordinal != keys[b].ordinal { return keys[a].ordinal < keys[b].ordinal }
            if keys[a].number != keys[b].number { return keys[a].number < keys[b].number }
            return site.issues[a].sourcePath < site.issues[b].sourcePath
        }
        var rank = [Int](repeating: 0, count: site.issues.count)
        for (position, i) in order.enumerated() { rank[i] = position }
        return builders.map { $0.finish(site, rank: rank) }
    }
}
