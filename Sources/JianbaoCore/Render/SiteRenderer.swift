import Foundation
import Mustache

/// Renders every page of a `Site` through the theme into a sink, in parallel.
public struct SiteRenderer: @unchecked Sendable {
    /// The site.
    public let site: Site
    /// The theme.
    public let theme: Theme
    /// Articles per page on department and topic pages.
    public static let pageSize = 50

    let base: String
    let seriesTitles: [String: String]
    /// Total articles in the site.
    let articleCount: Int
    /// `{{assets.style_css}}` -> `/jianbao/assets/style.1a2b3c.css`.
    let assetURLs: TemplateValue
    /// `{{site}}` for each navigation key (`home`, a series key…): the same on every page with that key.
    let siteByNav: [String: TemplateValue]
    /// `{{site}}` for a page whose navigation key is not a series.
    let siteWithoutSeries: TemplateValue
    /// Per issue (same index as `site.issues`), the strings its links and listings show.
    let issueLinks: [IssueLink]
    /// Per issue, its entry in issue lists (home, series, topic pages).
    let issueSummaries: [TemplateValue]
    /// Department name -> its page URL.
    let departmentURLs: NameMap<String>
    /// Topic name -> its page URL.
    let topicURLs: NameMap<String>
    /// Every department's trend groups, once a full render has made them.
    let trendGroups = TrendGroupsCache()

    /// Creates a renderer.
    public init(site: Site, theme: Theme) {
        self.site = site
        self.theme = theme
        base = site.config.basePath
        var titles: [String: String] = [:]
        for s in site.config.series { titles[s.key] = s.title }
        seriesTitles = titles
        // By index here and below: iterating the issues (or reading one out whole) would copy each one, retaining
        // and releasing every field.
        var articles = 0
        for i in site.issues.indices { articles += site.issues[i].articles.count }
        articleCount = articles
        var assets: TemplateObject = [:]
        for (name, out) in theme.assetPaths.sorted(by: { $0.key < $1.key }) {
            assets[name.replacingOccurrences(of: ".", with: "_").replacingOccurrences(of: "/", with: "_")] = .string(site.config.basePath + out)
        }
        assetURLs = .object(assets)
        let siteContext = SiteRenderer.siteContext(site.config)
        func withSeries(current: String) -> TemplateValue {
            var ctx = siteContext
            ctx["series"] = .list(site.config.series.map { s in
                .object(["url": .string(site.config.basePath + s.key + "/"), "title": .string(s.title),
                         "shortTitle": .string(SiteRenderer.shortTitle(s.title)), "current": .bool(s.key == current)])
            })
            return .object(ctx)
        }
        var byNav: [String: TemplateValue] = [:]
        for s in site.config.series { byNav[s.key] = withSeries(current: s.key) }
        siteByNav = byNav
        siteWithoutSeries = withSeries(current: "")
        let base = base
        let links = site.issues.indices.map { i in
            let series = site.issues[i].series
            return IssueLink(site, i, base: base, seriesTitle: titles[series] ?? series)
        }
        issueLinks = links
        issueSummaries = site.issues.indices.map { i in
            let link = links[i]
            var d: TemplateObject = ["url": .string(link.url), "title": .string(site.issues[i].title), "dateISO": .string(link.dateISO),
                                     "dateChinese": .string(link.dateChinese), "seriesTitle": .string(link.seriesTitle)]
            d["numberLabel"] = .nonEmpty(link.numberLabel)
            d["draft"] = .bool(site.issues[i].draft)
            return .object(d)
        }
        departmentURLs = NameMap(site.departmentSlugs.mapValues { base + "departments/" + $0 + "/" })
        topicURLs = NameMap(site.topicSlugs.mapValues { base + "topics/" + $0 + "/" })
    }

    /// `{{site}}` without its series: title, language, domain, base, description, footer.
    static func siteContext(_ config: SiteConfig) -> TemplateObject {
        let f = config.footer
        var footer: TemplateObject = [:]
        footer["sponsor"] = .nonEmpty(f.sponsor)
        footer["organizer"] = .nonEmpty(f.organizer)
        footer["siteIDCode"] = .nonEmpty(f.siteIDCode)
        footer["icp"] = .nonEmpty(f.icp)
        footer["policeRecord"] = .nonEmpty(f.policeRecord)
        footer["phone"] = .nonEmpty(f.phone)
        footer["email"] = .nonEmpty(f.email)
        if !f.govMarkImage.isEmpty {
            footer["govMark"] = .object(["image": .string(f.govMarkImage), "link": .string(f.govMarkLink.nonEmpty ?? "https://bszs.conac.cn/")])
        }
        var ctx: TemplateObject = [
            "title": .string(config.title),
            "language": .string(config.language),
            "domain": .string(config.domain),
            "base": .string(config.basePath),
            "footer": .object(footer),
        ]
        ctx["description"] = .nonEmpty(config.description)
        return ctx
    }

    /// One page to render.
    enum Job {
        case home, series(String), issue(Int), departments, department(Int, page: Int), topics, topic(Int, page: Int)
        case search, notFound
    }

    /// Every page of the site.
    func jobs() -> [Job] {
        var jobs: [Job] = [.home, .departments, .topics, .search, .notFound]
        for s in site.config.series { jobs.append(.series(s.key)) }
        for i in site.issues.indices { jobs.append(.issue(i)) }
        for (d, page) in site.departments.enumerated() {
            for p in 1...pageCount(page.articles.count) { jobs.append(.department(d, page: p)) }
        }
        for (t, topic) in site.topics.enumerated() {
            for p in 1...pageCount(topic.issues.count) { jobs.append(.topic(t, page: p)) }
        }
        return jobs
    }

    func pageCount(_ n: Int) -> Int { max(1, (n + SiteRenderer.pageSize - 1) / SiteRenderer.pageSize) }

    /// Renders all pages, assets, feeds, sitemap and robots.txt into `sink`. Returns the number of files.
    @discardableResult
    public func render(into sink: OutputSink) throws -> Int {
        let jobs = self.jobs()
        // Feeds, sitemap and assets are written by one extra job that runs alongside the pages; it is handed out
        // first, so that it does not end up alone at the tail. Its errors come after the pages' (`errors[jobs.count]`).
        var errors = [Error?](repeating: nil, count: jobs.count + 1)
        var extra = 0
        // One worker per core, each rendering page after page into one buffer of its own: a fresh buffer per page
        // would be allocated (and, for the large department pages, grown and copied) 11,000 times.
        let work = WorkCounter(count: jobs.count + 1)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, jobs.count + 1))
        errors.withUnsafeMutableBufferPointer { errs in
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                var html = MarkupBuffer(capacity: SiteRenderer.pageCapacity)
                while let n = work.take() {
                    let i = n == 0 ? jobs.count : n - 1
                    do {
                        if i == jobs.count {
                            // First the department pages' trend groups, in one pass over the model, well before those
                            // pages come (they are the last jobs).
                            trendGroups.fill(site)
                            for (path, data) in theme.assetFiles.sorted(by: { $0.key < $1.key }) { try sink.write(path, data); extra += 1 }
                            for (path, text) in Feeds(site: site, seriesTitles: seriesTitles).all() {
                                try sink.write(path, text: text); extra += 1
                            }
                            continue
                        }
                        html.removeAll()
                        let path = try renderPage(jobs[i], into: &html)
                        try sink.write(path, bytes: UnsafeRawBufferPointer(html.bytes))
                    } catch { errs[i] = error }
                }
            }
        }
        if let e = errors.lazy.compactMap({ $0 }).first { throw e }
        return jobs.count + extra
    }

    /// Bytes a page buffer starts with (most pages fit).
    static let pageCapacity = 64 * 1024

    /// Renders one page (for preview and tests): its output path (`ganzhou/2022/151/index.html`) and its HTML.
    func renderJob(_ job: Job) throws -> (String, String) {
        var html = MarkupBuffer(capacity: SiteRenderer.pageCapacity)
        let path = try renderPage(job, into: &html)
        return (path, html.string)
    }

    /// Renders one page's HTML into `out`; returns the file it goes to.
    func renderPage(_ job: Job, into out: inout MarkupBuffer) throws -> String {
        let path = urlPath(job)
        switch job {
        case .home: try page("home", homeContext(), path: path, nav: "home", column: "首页", into: &out)
        case .series(let key):
            try page("series", seriesContext(key), path: path, nav: key, column: seriesTitles[key] ?? key, into: &out)
        case .issue(let i):
            let link = issueLinks[i], title = site.issues[i].title, series = site.issues[i].series
            let extra: [(String, TemplateValue)] = [
                ("articleTitle", .string(title)), ("pubDate", .string(link.dateISO)),
                ("contentSource", .string(site.issues[i].publisher)), ("ogType", .string("article")),
                ("ogTitle", .string("\(seriesTitles[series] ?? "") \(link.numberLabel) \(title)")),
            ]
            try page("issue", issueContext(i), path: path, nav: series, column: link.seriesTitle, extra: extra, into: &out)
        case .departments: try page("departments", departmentsContext(), path: path, nav: "departments", column: "部门", into: &out)
        case .department(let d, let p):
            try page("department", departmentContext(d, page: p), path: path, nav: "departments", column: "部门", into: &out)
        case .topics: try page("topics", topicsContext(), path: path, nav: "topics", column: "主题", into: &out)
        case .topic(let t, let p):
            try page("topic", topicContext(t, page: p), path: path, nav: "topics", column: "主题", into: &out)
        case .search: try page("search", [:], path: path, nav: "search", column: "检索", into: &out)
        case .notFound: try page("404", [:], path: path, nav: "", column: "页面不存在", into: &out)
        }
        return outputPath(job)
    }

    /// A page's path below the site root as its URL shows it: `""` for home, `departments/x/page/2/`, `404.html`.
    func urlPath(_ job: Job) -> String {
        switch job {
        case .home: return ""
        case .series(let key): return "\(key)/"
        case .issue(let i): return issueLinks[i].path
        case .departments: return "departments/"
        case .department(let d, let p): return "departments/\(site.departments[d].department.slug)/" + (p > 1 ? "page/\(p)/" : "")
        case .topics: return "topics/"
        case .topic(let t, let p): return "topics/\(site.topics[t].slug)/" + (p > 1 ? "page/\(p)/" : "")
        case .search: return "search/"
        case .notFound: return "404.html"
        }
    }

    /// The file a page is written to, without rendering it.
    func outputPath(_ job: Job) -> String {
        if case .notFound = job { return "404.html" }
        return urlPath(job) + "index.html"
    }

    /// Renders a template with the shared site context plus `context` into `out`. `extra` adds to (or replaces
    /// entries of) `{{page}}`.
    func page(_ template: String, _ context: consuming TemplateObject, path: String, nav: String, column: String,
              extra: [(String, TemplateValue)] = [], into out: inout MarkupBuffer) throws {
        // Taken over, not copied: the page's context is made for it, and adding to a copy would copy its entries.
        var ctx = context
        ctx["site"] = siteByNav[nav] ?? siteWithoutSeries
        ctx["assets"] = assetURLs
        var pageCtx: TemplateObject = ["canonical": .string(site.config.baseURL + path), "column": .string(column),
                                       "ogType": .string("website"), "ogTitle": .string(site.config.title)]
        for (k, v) in extra { pageCtx[k] = v }
        ctx["page"] = .object(pageCtx)
        ctx["nav"] = .object([nav: .bool(true)])
        guard theme.render(template, .object(ctx), into: &out) else {
            throw BuildFailure([Diagnostic(file: "templates/\(template).mustache", "缺少模板")])
        }
    }

    /// 赣州市“五型”政府建设工作简报 -> 赣州简报 style short labels for navigation.
    static func shortTitle(_ title: String) -> String {
        if let r = title.range(of: "市") { return String(title[..<r.lowerBound]) + "简报" }
        return title
    }

    // MARK: Contexts

    func issueSummary(_ i: Int) -> TemplateValue { issueSummaries[i] }

    func homeContext() -> TemplateObject {
        let latest = site.issues.indices.prefix(20).map(issueSummary)
        let cards = site.config.series.map { s -> TemplateValue in
            let list = site.bySeries[s.key] ?? []
            return .object(["url": .string(base + s.key + "/"), "title": .string(s.title), "count": .int(list.count),
                            "latest": .string(list.first.map { site.issues[$0].date.chinese } ?? "—")])
        }
        return ["issues": .list(latest), "seriesCards": .list(cards),
                "counts": .object(["issues": .int(site.issues.count), "articles": .int(articleCount),
                                   "departments": .int(site.departments.count), "topics": .int(site.topics.count)]),
                "yearChart": .string(SiteCharts.issuesPerYear(site))]
    }

    func seriesContext(_ key: String) -> TemplateObject {
        let list = site.bySeries[key] ?? []
        let s = site.config.series(key)!
        var years: [(Int, [Int])] = []
        for i in list {
            let y = site.issues[i].date.year
            if years.last?.0 == y { years[years.count - 1].1.append(i) } else { years.append((y, [i])) }
        }
        return ["series": .object(["title": .string(s.title), "publisher": .string(s.publisher), "count": .int(list.count),
                                   "feed": .string(base + key + "/feed.xml")]),
                "years": .list(years.map { .object(["year": .int($0.0), "issues": .list($0.1.map(issueSummary))]) })]
    }

    func departmentURL(_ name: String) -> String {
        departmentURLs[name] ?? base + "departments/" + Slug.pinyin(name) + "/"
    }

    func topicURL(_ name: String) -> String {
        topicURLs[name] ?? base + "topics/" + Slug.pinyin(name) + "/"
    }

    func issueContext(_ i: Int) -> TemplateObject {
        let link = issueLinks[i]
        // The issue's fields are read where they are (`site.issues[i].x`) and its articles by index: a whole issue or
        // article read out of its array is a copy, with a retain and a release for every field.
        let articles = site.issues[i].articles
        // Consecutive articles of the same column (栏目) share one section.
        var columns: [(rawName: String, id: String, articles: [TemplateValue])] = []
        var contents: [TemplateValue] = []
        contents.reserveCapacity(articles.count)
        var description = "\(seriesTitles[site.issues[i].series] ?? "")\(link.numberLabel)（\(link.dateChinese)）："
        var descriptionLength = description.utf8.count
        for n in articles.indices { descriptionLength += articles[n].title.utf8.count + 3 }
        description.reserveCapacity(descriptionLength)
        for n in articles.indices {
            let anchor = articles[n].anchor, title = articles[n].title, department = articles[n].department
            let art: TemplateValue = .object(["anchor": .string(anchor), "title": .string(title),
                                              "titleHTML": .string(articles[n].titleHTML), "department": .string(department),
                                              "departmentURL": .string(departmentURL(department)),
                                              "bodyHTML": .utf8(articles[n].bodyHTMLBytes)])
            let column = articles[n].column
            if let last = columns.last, last.rawName == column {
                columns[columns.count - 1].articles.append(art)
            } else {
                columns.append((column, "col\(n + 1)", [art]))
            }
            contents.append(.object(["anchor": .string(anchor), "title": .string(title), "department": .string(department)]))
            if n > 0 { description += "；" }
            description += title
        }
        let tags = site.issues[i].tags
        let contactPhone = site.issues[i].contactPhone, contactEmail = site.issues[i].contactEmail
        var d: TemplateObject = [
            "title": .string(site.issues[i].title), "seriesTitle": .string(link.seriesTitle),
            "seriesURL": .string(base + site.issues[i].series + "/"),
            "publisher": .string(site.issues[i].publisher), "dateISO": .string(link.dateISO), "dateChinese": .string(link.dateChinese),
            "articles": .list(contents),
            "columns": .list(columns.map { .object(["rawName": .string($0.rawName), "articles": .list($0.articles), "id": .string($0.id),
                                                    "name": .string($0.rawName), "hasName": .bool(!$0.rawName.isEmpty)]) }),
            "draft": .bool(site.issues[i].draft),
            "tags": .list(tags.map { .object(["name": .string($0), "url": .string(topicURL($0))]) }),
            "hasTags": .bool(!tags.isEmpty), "hasContact": .bool(!(contactPhone.isEmpty && contactEmail.isEmpty)),
            "description": .string(description),
        ]
        d["numberLabel"] = .nonEmpty(link.numberLabel)
        d["signer"] = .nonEmpty(site.issues[i].signer)
        d["editorNote"] = .nonEmpty(site.issues[i].editorNoteHTML)
        d["lead"] = .nonEmpty(site.issues[i].leadHTML)
        d["reportTo"] = .nonEmpty(site.issues[i].reportTo.joined(separator: "，"))
        d["sendTo"] = .nonEmpty(site.issues[i].sendTo.joined(separator: "，"))
        d["contactPhone"] = .nonEmpty(contactPhone)
        d["contactEmail"] = .nonEmpty(contactEmail)
        if let n = site.neighbours[i] {
            if let o = n.older { d["older"] = neighbourLink(o) }
            if let o = n.newer { d["newer"] = neighbourLink(o) }
        }
        return ["issue": .object(d)]
    }

    func neighbourLink(_ i: Int) -> TemplateValue {
        let link = issueLinks[i]
        return .object(["url": .string(link.url), "label": .string(link.numberLabel.nonEmpty ?? site.issues[i].title)])
    }

    func departmentsContext() -> TemplateObject {
        var groups: [(String, [TemplateValue])] = []
        for dp in site.departments {
            let g = dp.department.group.nonEmpty ?? "其他"
            let latest = site.issues[dp.articles[0].issue].date
            let entry: TemplateValue = .object(["name": .string(dp.department.name), "url": .string(departmentURL(dp.department.name)),
                                                "count": .int(dp.articles.count), "latest": .string(latest.chinese),
                                                "latestISO": .string(latest.iso)])
            if let idx = groups.firstIndex(where: { $0.0 == g }) { groups[idx].1.append(entry) } else { groups.append((g, [entry])) }
        }
        return ["groups": .list(groups.enumerated().map {
            .object(["name": .string($0.element.0), "id": .string("g\($0.offset + 1)"), "departments": .list($0.element.1)])
        })]
    }

    func pagination(_ total: Int, page: Int, root: String) -> TemplateValue? {
        let pages = pageCount(total)
        guard pages > 1 else { return nil }
        var p: TemplateObject = ["current": .int(page), "total": .int(pages)]
        if page > 1 { p["prev"] = .string(page == 2 ? root : root + "page/\(page - 1)/") }
        if page < pages { p["next"] = .string(root + "page/\(page + 1)/") }
        return .object(p)
    }

    func departmentContext(_ d: Int, page: Int) -> TemplateObject {
        let dp = site.departments[d]
        let root = departmentURL(dp.department.name)
        let slice = dp.articles.dropFirst((page - 1) * SiteRenderer.pageSize).prefix(SiteRenderer.pageSize)
        var department: TemplateObject = ["name": .string(dp.department.name), "group": .string(dp.department.group),
                                          "count": .int(dp.articles.count), "feed": .string(root + "feed.xml")]
        if page == 1 {
            // The charts' bytes go into the page as they are (a String would be validated once more on the way).
            var charts = MarkupBuffer(capacity: 1 << 16)
            let groups = trendGroups.groups(d) ?? SiteCharts.trendGroups(site, department: d)
            if SiteCharts.appendDepartmentTrends(site, groups: groups, base: base, links: issueLinks, to: &charts) {
                department["charts"] = .utf8(Array(charts.bytes))
            }
        }
        var ctx: TemplateObject = ["department": .object(department),
                                   "articles": .list(slice.map { articleSummary($0, showDepartment: false) })]
        ctx["pagination"] = pagination(dp.articles.count, page: page, root: root)
        return ctx
    }

    func articleSummary(_ ref: ArticleRef, showDepartment: Bool) -> TemplateValue {
        let link = issueLinks[ref.issue]
        // The article's fields where they are: the article read out whole would be a copy (every field retained).
        let anchor = site.issues[ref.issue].articles[ref.article].anchor
        let title = site.issues[ref.issue].articles[ref.article].title
        let department = site.issues[ref.issue].articles[ref.article].department
        var url = link.url
        url.reserveCapacity(link.url.utf8.count + 1 + anchor.utf8.count)
        url += "#"
        url += anchor
        return .object(["url": .string(url), "title": .string(title), "issueURL": .string(link.url),
                        "seriesTitle": .string(link.seriesTitle), "dateISO": .string(link.dateISO),
                        "dateChinese": .string(link.dateChinese), "department": .string(department),
                        "departmentURL": .string(departmentURL(department)), "showDepartment": .bool(showDepartment),
                        "numberLabel": .string(link.numberLabel)])
    }

    func topicsContext() -> TemplateObject {
        ["topics": .list(site.topics.map { .object(["name": .string($0.name), "url": .string(base + "topics/" + $0.slug + "/"),
                                                    "count": .int($0.issues.count)]) })]
    }

    func topicContext(_ t: Int, page: Int) -> TemplateObject {
        let tp = site.topics[t]
        let root = base + "topics/" + tp.slug + "/"
        let slice = tp.issues.dropFirst((page - 1) * SiteRenderer.pageSize).prefix(SiteRenderer.pageSize)
        var ctx: TemplateObject = ["topic": .object(["name": .string(tp.name), "count": .int(tp.issues.count)]),
                                   "issues": .list(slice.map(issueSummary))]
        ctx["pagination"] = pagination(tp.issues.count, page: page, root: root)
        return ctx
    }
}

extension String {
    /// nil when empty, so Mustache sections skip it.
    var nonEmpty: String? { isEmpty ? nil : self }
}
