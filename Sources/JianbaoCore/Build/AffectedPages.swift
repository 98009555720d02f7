/// Which pages may differ between two models of a site after some issue files changed.
enum AffectedPages {
    /// Output paths of pages that may differ after the issues at `dirty` (source paths) changed: the issues, their
    /// old and new neighbours, their series, departments and topics, and the indexes (home, departments, topics).
    /// When every changed issue keeps its place and its `ListingSignature`, only their own pages.
    static func between(old: Site, new: Site, dirty: Set<String>, renderer: SiteRenderer) -> Set<String> {
        if let own = ownPagesOnly(old: old, new: new, dirty: dirty) { return own }
        var pages: Set<String> = ["index.html", "departments/index.html", "topics/index.html"]
        var series: Set<String> = [], departments: Set<String> = [], topics: Set<String> = []
        var issuePaths: Set<String> = []
        func note(_ site: Site) -> [String: Int] {
            var index: [String: Int] = [:]
            for (i, issue) in site.issues.enumerated() {
                index[issue.sourcePath] = i
                guard dirty.contains(issue.sourcePath) else { continue }
                series.insert(issue.series)
                for a in issue.articles { departments.insert(a.department) }
                topics.formUnion(issue.tags)
                issuePaths.insert(issue.sourcePath)
                if let n = site.neighbours[i] {
                    if let o = n.older { issuePaths.insert(site.issues[o].sourcePath) }
                    if let o = n.newer { issuePaths.insert(site.issues[o].sourcePath) }
                }
            }
            return index
        }
        _ = note(old)
        let newIndex = note(new)
        // Issues whose neighbours changed (an issue was added, removed or moved next to them).
        func neighbourPaths(_ site: Site) -> [String: String] {
            var out: [String: String] = [:]
            for (i, issue) in site.issues.enumerated() {
                let n = site.neighbours[i]
                out[issue.sourcePath] = (n?.older.map { site.issues[$0].sourcePath } ?? "") + "\n" + (n?.newer.map { site.issues[$0].sourcePath } ?? "")
            }
            return out
        }
        let oldNeighbours = neighbourPaths(old)
        for (path, pair) in neighbourPaths(new) where oldNeighbours[path] != pair { issuePaths.insert(path) }
        for path in issuePaths {
            if let i = newIndex[path] { pages.insert(new.issues[i].path + "index.html") }
        }
        for key in series { pages.insert("\(key)/index.html") }
        // Department and topic pages: only those of the touched ones whose slice of the list may differ.
        var oldDepartments: [String: [ArticleRef]] = [:]
        for dp in old.departments where departments.contains(dp.department.name) { oldDepartments[dp.department.name] = dp.articles }
        for (d, dp) in new.departments.enumerated() where departments.contains(dp.department.name) {
            let before = (oldDepartments[dp.department.name] ?? []).map { Entry(old.issues[$0.issue].sourcePath, $0.article) }
            let after = dp.articles.map { Entry(new.issues[$0.issue].sourcePath, $0.article) }
            // Page 1 also draws the department's trend charts, from every article.
            for p in changedPages(before, after, dirty: dirty, renderer: renderer).union([1]) {
                pages.insert(renderer.outputPath(.department(d, page: p)))
            }
        }
        var oldTopics: [String: [Int]] = [:]
        for tp in old.topics where topics.contains(tp.name) { oldTopics[tp.name] = tp.issues }
        for (t, tp) in new.topics.enumerated() where topics.contains(tp.name) {
            let before = (oldTopics[tp.name] ?? []).map { Entry(old.issues[$0].sourcePath, 0) }
            let after = tp.issues.map { Entry(new.issues[$0].sourcePath, 0) }
            for p in changedPages(before, after, dirty: dirty, renderer: renderer) {
                pages.insert(renderer.outputPath(.topic(t, page: p)))
            }
        }
        return pages
    }

    /// An entry of a paginated list: an issue's source path and an article index (0 for lists of issues).
    struct Entry: Equatable {
        var source: String
        var article: Int
        init(_ source: String, _ article: Int) { self.source = source; self.article = article }
    }

    /// The page numbers (from 1) of a paginated list whose content may differ between `before` and `after`: every
    /// page when the length changed (each page shows the count and the pagination), else the pages holding an
    /// entry that moved or belongs to a changed issue. Entries of other issues render the same wherever they are.
    static func changedPages(_ before: [Entry], _ after: [Entry], dirty: Set<String>, renderer: SiteRenderer) -> Set<Int> {
        let count = renderer.pageCount(after.count)
        guard before.count == after.count else { return Set(1...count) }
        var pages: Set<Int> = []
        for k in after.indices where before[k] != after[k] || dirty.contains(after[k].source) {
            pages.insert(k / SiteRenderer.pageSize + 1)
        }
        return pages
    }

    /// The own pages of the changed issues when each is in both models at the same place with the same
    /// `ListingSignature` (nothing another page shows changed); nil otherwise.
    static func ownPagesOnly(old: Site, new: Site, dirty: Set<String>) -> Set<String>? {
        guard old.issues.count == new.issues.count else { return nil }
        var oldIndex: [String: Int] = [:]
        for (i, issue) in old.issues.enumerated() where dirty.contains(issue.sourcePath) { oldIndex[issue.sourcePath] = i }
        guard oldIndex.count == dirty.count else { return nil }
        var pages: Set<String> = []
        for (i, issue) in new.issues.enumerated() where dirty.contains(issue.sourcePath) {
            guard let j = oldIndex[issue.sourcePath], j == i, ListingSignature(old.issues[j]) == ListingSignature(issue) else {
                return nil
            }
            pages.insert(issue.path + "index.html")
        }
        return pages.count == dirty.count ? pages : nil
    }
}
