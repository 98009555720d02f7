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
    let siteContext: [String: Any]
    let seriesTitles: [String: String]
    /// Total articles in the site.
    let articleCount: Int
    /// `{{assets.style_css}}` -> `/jianbao/assets/style.1a2b3c.css`.
    let assetURLs: [String: String]

    /// Creates a renderer.
    public init(site: Site, theme: Theme) {
        self.site = site
        self.theme = theme
        base = site.config.basePath
        var titles: [String: String] = [:]
        for s in site.config.series { titles[s.key] = s.title }
        seriesTitles = titles
        articleCount = site.issues.reduce(0) { $0 + $1.articles.count }
        var assets: [String: String] = [:]
        for (name, out) in theme.assetPaths {
            assets[name.replacingOccurrences(of: ".", with: "_").replacingOccurrences(of: "/", with: "_")] = site.config.basePath + out
        }
        assetURLs = assets
        let f = site.config.footer
        var footer: [String: Any] = [:]
        footer["sponsor"] = f.sponsor.nonEmpty
        footer["organizer"] = f.organizer.nonEmpty
        footer["siteIDCode"] = f.siteIDCode.nonEmpty
        footer["icp"] = f.icp.nonEmpty
        footer["policeRecord"] = f.policeRecord.nonEmpty
        footer["phone"] = f.phone.nonEmpty
        footer["email"] = f.email.nonEmpty
        if !f.govMarkImage.isEmpty {
            footer["govMark"] = ["image": f.govMarkImage, "link": f.govMarkLink.nonEmpty ?? "https://bszs.conac.cn/"]
        }
        var ctx: [String: Any] = [
            "title": site.config.title,
            "language": site.config.language,
            "domain": site.config.domain,
            "base": site.config.basePath,
            "footer": footer,
        ]
        ctx["description"] = site.config.description.nonEmpty
        siteContext = ctx
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
        // Feeds, sitemap and assets are written by one extra job that runs alongside the pages.
        var errors = [Error?](repeating: nil, count: jobs.count + 1)
        var extra = 0
        errors.withUnsafeMutableBufferPointer { errs in
            DispatchQueue.concurrentPerform(iterations: jobs.count + 1) { i in
                do {
                    if i == jobs.count {
                        for (path, data) in theme.assetFiles.sorted(by: { $0.key < $1.key }) { try sink.write(path, data); extra += 1 }
                        for (path, text) in Feeds(site: site, seriesTitles: seriesTitles).all() {
                            try sink.write(path, text: text); extra += 1
                        }
                        return
                    }
                    let (path, html) = try renderJob(jobs[i])
                    try sink.write(path, text: html)
                } catch { errs[i] = error }
            }
        }
        if let e = errors.lazy.compactMap({ $0 }).first { throw e }
        return jobs.count + extra
    }

    /// Renders one page by its output path (for preview and tests): `ganzhou/2022/151/index.html`.
    func renderJob(_ job: Job) throws -> (String, String) {
        let path = urlPath(job), output = outputPath(job)
        switch job {
        case .home: return (output, try page("home", homeContext(), path: path, nav: "home", column: "首页"))
        case .series(let key):
            return (output, try page("series", seriesContext(key), path: path, nav: key, column: seriesTitles[key] ?? key))
        case .issue(let i):
            let issue = site.issues[i]
            var extra: [String: Any] = ["articleTitle": issue.title, "pubDate": issue.date.iso,
                                        "contentSource": issue.publisher, "ogType": "article"]
            extra["ogTitle"] = "\(seriesTitles[issue.series] ?? "") \(issue.numberLabel) \(issue.title)"
            return (output, try page("issue", issueContext(i), path: path, nav: issue.series,
                                     column: seriesTitles[issue.series] ?? issue.series, extra: extra))
        case .departments: return (output, try page("departments", departmentsContext(), path: path, nav: "departments", column: "部门"))
        case .department(let d, let p):
            return (output, try page("department", departmentContext(d, page: p), path: path, nav: "departments", column: "部门"))
        case .topics: return (output, try page("topics", topicsContext(), path: path, nav: "topics", column: "主题"))
        case .topic(let t, let p):
            return (output, try page("topic", topicContext(t, page: p), path: path, nav: "topics", column: "主题"))
        case .search: return (output, try page("search", [:], path: path, nav: "search", column: "检索"))
        case .notFound: return (output, try page("404", [:], path: path, nav: "", column: "页面不存在"))
        }
    }

    /// A page's path below the site root as its URL shows it: `""` for home, `departments/x/page/2/`, `404.html`.
    func urlPath(_ job: Job) -> String {
        switch job {
        case .home: return ""
        case .series(let key): return "\(key)/"
        case .issue(let i): return site.issues[i].path
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

    /// Renders a template with the shared site context plus `context`.
    func page(_ template: String, _ context: [String: Any], path: String, nav: String, column: String, extra: [String: Any] = [:]) throws -> String {
        var ctx = context
        ctx["site"] = siteContextWithSeries(current: nav)
        ctx["assets"] = assetURLs
        var pageCtx: [String: Any] = ["canonical": site.config.baseURL + path, "column": column, "ogType": "website"]
        pageCtx["ogTitle"] = site.config.title
        for (k, v) in extra { pageCtx[k] = v }
        ctx["page"] = pageCtx
        ctx["nav"] = [nav: true]
        guard let html = theme.render(template, ctx) else {
            throw BuildFailure([Diagnostic(file: "templates/\(template).mustache", "缺少模板")])
        }
        return html
    }

    func siteContextWithSeries(current: String) -> [String: Any] {
        var ctx = siteContext
        ctx["series"] = site.config.series.map { s -> [String: Any] in
            ["url": base + s.key + "/", "title": s.title, "shortTitle": shortTitle(s.title), "current": s.key == current]
        }
        return ctx
    }

    /// 赣州市“五型”政府建设工作简报 -> 赣州简报 style short labels for navigation.
    func shortTitle(_ title: String) -> String {
        if let r = title.range(of: "市") { return String(title[..<r.lowerBound]) + "简报" }
        return title
    }

    // MARK: Contexts

    func issueSummary(_ i: Int) -> [String: Any] {
        let issue = site.issues[i]
        var d: [String: Any] = ["url": base + issue.path, "title": issue.title, "dateISO": issue.date.iso,
                                "dateChinese": issue.date.chinese, "seriesTitle": seriesTitles[issue.series] ?? issue.series]
        d["numberLabel"] = issue.numberLabel.nonEmpty
        d["draft"] = issue.draft
        return d
    }

    func homeContext() -> [String: Any] {
        let latest = Array(site.issues.indices.prefix(20)).map(issueSummary)
        let cards = site.config.series.map { s -> [String: Any] in
            let list = site.bySeries[s.key] ?? []
            return ["url": base + s.key + "/", "title": s.title, "count": list.count,
                    "latest": list.first.map { site.issues[$0].date.chinese } ?? "—"]
        }
        return ["issues": latest, "seriesCards": cards,
                "counts": ["issues": site.issues.count, "articles": articleCount,
                           "departments": site.departments.count, "topics": site.topics.count],
                "yearChart": SiteCharts.issuesPerYear(site)]
    }

    func seriesContext(_ key: String) -> [String: Any] {
        let list = site.bySeries[key] ?? []
        let s = site.config.series(key)!
        var years: [(Int, [Int])] = []
        for i in list {
            let y = site.issues[i].date.year
            if years.last?.0 == y { years[years.count - 1].1.append(i) } else { years.append((y, [i])) }
        }
        return ["series": ["title": s.title, "publisher": s.publisher, "count": list.count, "feed": base + key + "/feed.xml"],
                "years": years.map { ["year": $0.0, "issues": $0.1.map(issueSummary)] as [String: Any] }]
    }

    func departmentURL(_ name: String) -> String { base + "departments/" + (site.departmentSlugs[name] ?? Slug.pinyin(name)) + "/" }

    func issueContext(_ i: Int) -> [String: Any] {
        let issue = site.issues[i]
        var columns: [[String: Any]] = []
        for (n, a) in issue.articles.enumerated() {
            let art: [String: Any] = ["anchor": a.anchor, "title": a.title, "titleHTML": a.titleHTML, "department": a.department,
                                      "departmentURL": departmentURL(a.department), "bodyHTML": a.bodyHTML]
            if let last = columns.last, (last["rawName"] as? String) == a.column {
                var arts = last["articles"] as! [[String: Any]]
                arts.append(art)
                columns[columns.count - 1]["articles"] = arts
            } else {
                let col: [String: Any] = ["rawName": a.column, "articles": [art], "id": "col\(n + 1)",
                                          "name": a.column, "hasName": !a.column.isEmpty]
                columns.append(col)
            }
        }
        var d: [String: Any] = [
            "title": issue.title, "seriesTitle": seriesTitles[issue.series] ?? issue.series, "seriesURL": base + issue.series + "/",
            "publisher": issue.publisher, "dateISO": issue.date.iso, "dateChinese": issue.date.chinese,
            "articles": issue.articles.map { ["anchor": $0.anchor, "title": $0.title, "department": $0.department] },
            "columns": columns, "draft": issue.draft,
            "tags": issue.tags.map { ["name": $0, "url": base + "topics/" + (site.topicSlugs[$0] ?? Slug.pinyin($0)) + "/"] },
            "hasTags": !issue.tags.isEmpty, "hasContact": !(issue.contactPhone.isEmpty && issue.contactEmail.isEmpty),
            "description": "\(seriesTitles[issue.series] ?? "")\(issue.numberLabel)（\(issue.date.chinese)）：" + issue.articles.map(\.title).joined(separator: "；"),
        ]
        d["numberLabel"] = issue.numberLabel.nonEmpty
        d["signer"] = issue.signer.nonEmpty
        d["editorNote"] = issue.editorNoteHTML.nonEmpty
        d["lead"] = issue.leadHTML.nonEmpty
        d["reportTo"] = issue.reportTo.joined(separator: "，").nonEmpty
        d["sendTo"] = issue.sendTo.joined(separator: "，").nonEmpty
        d["contactPhone"] = issue.contactPhone.nonEmpty
        d["contactEmail"] = issue.contactEmail.nonEmpty
        if let n = site.neighbours[i] {
            if let o = n.older { d["older"] = neighbourLink(o) }
            if let o = n.newer { d["newer"] = neighbourLink(o) }
        }
        return ["issue": d]
    }

    func neighbourLink(_ i: Int) -> [String: Any] {
        let issue = site.issues[i]
        return ["url": base + issue.path, "label": issue.numberLabel.nonEmpty ?? issue.title]
    }

    func departmentsContext() -> [String: Any] {
        var groups: [(String, [[String: Any]])] = []
        for dp in site.departments {
            let g = dp.department.group.nonEmpty ?? "其他"
            let latest = site.issues[dp.articles[0].issue].date
            let entry: [String: Any] = ["name": dp.department.name, "url": departmentURL(dp.department.name),
                                        "count": dp.articles.count, "latest": latest.chinese, "latestISO": latest.iso]
            if let idx = groups.firstIndex(where: { $0.0 == g }) { groups[idx].1.append(entry) } else { groups.append((g, [entry])) }
        }
        return ["groups": groups.enumerated().map { ["name": $0.element.0, "id": "g\($0.offset + 1)", "departments": $0.element.1] as [String: Any] }]
    }

    func pagination(_ total: Int, page: Int, root: String) -> [String: Any]? {
        let pages = pageCount(total)
        guard pages > 1 else { return nil }
        var p: [String: Any] = ["current": page, "total": pages]
        if page > 1 { p["prev"] = page == 2 ? root : root + "page/\(page - 1)/" }
        if page < pages { p["next"] = root + "page/\(page + 1)/" }
        return p
    }

    func departmentContext(_ d: Int, page: Int) -> [String: Any] {
        let dp = site.departments[d]
        let root = departmentURL(dp.department.name)
        let slice = dp.articles.dropFirst((page - 1) * SiteRenderer.pageSize).prefix(SiteRenderer.pageSize)
        var department: [String: Any] = ["name": dp.department.name, "group": dp.department.group, "count": dp.articles.count,
                                         "feed": root + "feed.xml"]
        if page == 1 { department["charts"] = SiteCharts.departmentTrends(site, department: d, base: base).nonEmpty }
        var ctx: [String: Any] = ["department": department, "articles": slice.map { articleSummary($0, showDepartment: false) }]
        ctx["pagination"] = pagination(dp.articles.count, page: page, root: root)
        return ctx
    }

    func articleSummary(_ ref: ArticleRef, showDepartment: Bool) -> [String: Any] {
        let issue = site.issues[ref.issue]
        let a = issue.articles[ref.article]
        var d: [String: Any] = ["url": base + issue.path + "#" + a.anchor, "title": a.title, "issueURL": base + issue.path,
                                "seriesTitle": seriesTitles[issue.series] ?? issue.series, "dateISO": issue.date.iso,
                                "dateChinese": issue.date.chinese, "department": a.department,
                                "departmentURL": departmentURL(a.department), "showDepartment": showDepartment]
        d["numberLabel"] = issue.numberLabel.nonEmpty ?? ""
        return d
    }

    func topicsContext() -> [String: Any] {
        ["topics": site.topics.map { ["name": $0.name, "url": base + "topics/" + $0.slug + "/", "count": $0.issues.count] as [String: Any] }]
    }

    func topicContext(_ t: Int, page: Int) -> [String: Any] {
        let tp = site.topics[t]
        let root = base + "topics/" + tp.slug + "/"
        let slice = tp.issues.dropFirst((page - 1) * SiteRenderer.pageSize).prefix(SiteRenderer.pageSize)
        var ctx: [String: Any] = ["topic": ["name": tp.name, "count": tp.issues.count], "issues": slice.map(issueSummary)]
        ctx["pagination"] = pagination(tp.issues.count, page: page, root: root)
        return ctx
    }
}

extension String {
    /// nil when empty, so Mustache sections skip it.
    var nonEmpty: String? { isEmpty ? nil : self }
}
