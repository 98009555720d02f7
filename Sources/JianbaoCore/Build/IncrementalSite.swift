import Foundation

/// A site kept in memory between edits (for `jianbao serve`): re-reads and re-parses only the files that
/// changed, and re-renders only the pages a content change touches. A change to `site.yml` or to a template
/// re-renders everything (still in memory). The result of a good build is the same as a full
/// `SiteBuild.compile` + `SiteRenderer.render` + `SearchIndexWriter.write` of the same sources.
///
/// Not thread-safe: call `apply` from one thread at a time.
public final class IncrementalSite {
    /// What one successful `apply` did.
    public struct ChangeSet: Sendable {
        /// Output paths (relative, e.g. `ganzhou/2022/151/index.html`) added, changed or removed, sorted.
        public var changedFiles: [String]
        /// Whether every page was rendered (first build, `site.yml` or template change).
        public var full: Bool
        /// Issue files parsed for this build.
        public var parsed: Int
        /// Pages rendered for this build.
        public var rendered: Int
        /// Warnings of the build.
        public var warnings: [Diagnostic]
        /// Issues in the site.
        public var issues: Int
    }

    /// One issue file: its text (or the read error) and, once parsed, the result.
    private struct Entry {
        var text: String?
        var readDiagnostic: Diagnostic?
        var parsed: (Issue?, [Diagnostic])?
    }

    /// The site folder.
    public let root: URL
    /// Whether `draft: true` issues are included (preview: yes).
    public let includeDrafts: Bool
    /// Files of the last good build, by output path.
    public private(set) var files: [String: Data] = [:]
    /// The model of the last good build.
    public private(set) var site: Site?

    /// Base path (`/jianbao/`) from the last `site.yml` that parsed, even if the build then failed.
    public var basePath: String? { config?.basePath }

    private var started = false
    private var configText: String?
    private var configReadDiagnostics: [Diagnostic] = []
    private var config: SiteConfig?
    private var configDiagnostics: [Diagnostic] = []
    private var templateTexts: [String: String]?
    private var assetBytes: [String: Data]?
    private var templateReadDiagnostics: [Diagnostic] = []
    private var theme: Theme?
    private var themeDiagnostics: [Diagnostic] = []
    private var entries: [String: Entry] = [:]
    private var contentListDiagnostics: [Diagnostic] = []
    /// Sites with more issues than this keep the previous search index after text-only edits in preview.
    static let freshSearchLimit = 2000
    /// The last render touched only issue pages (a text-only edit).
    private var affectedAreOnlyIssuePages = false
    /// Set when config or theme changed since the last good render.
    private var renderAllPending = true
    /// Issue source paths changed since the last good render.
    private var dirtySources: Set<String> = []

    /// A site that has not been read yet; the first `apply` (with any paths) reads everything.
    public init(source: URL, includeDrafts: Bool = true) {
        root = source.standardizedFileURL
        self.includeDrafts = includeDrafts
    }

    /// Reads everything and builds (same as `apply(changedPaths: ["*"])`).
    public func buildAll() -> Result<ChangeSet, BuildFailure> { apply(changedPaths: ["*"]) }

    /// Takes note of changed source paths (relative to the site folder: `site.yml`, `content/…`, `templates/…`,
    /// folders allowed; `*` means everything), rebuilds, and returns what changed in the output. On failure the
    /// last good `files` stay as they are and the failure lists every diagnostic.
    public func apply(changedPaths: [String]) -> Result<ChangeSet, BuildFailure> {
        var everything = !started
        var reloadConfig = false, reloadTemplates = false, rescanContent = false
        var contentChanged: [String] = []
        for raw in changedPaths {
            var p = raw
            while p.hasPrefix("./") { p.removeFirst(2) }
            while p.hasPrefix("/") { p.removeFirst() }
            while p.hasSuffix("/") { p.removeLast() }
            if p == "*" || p.isEmpty { everything = true }
            else if p == "site.yml" { reloadConfig = true }
            else if p == "templates" || p.hasPrefix("templates/") { reloadTemplates = true }
            else if p == "content" || p.hasPrefix("content/") { rescanContent = true; contentChanged.append(p) }
        }
        if everything {
            reloadConfig = true; reloadTemplates = true; rescanContent = true; contentChanged = ["content"]
        }
        started = true
        let timer = StageTimer()
        if reloadConfig { loadConfig() }
        if reloadTemplates { loadTemplates() }
        var parsedCount = 0
        if rescanContent { rescan(changed: contentChanged, force: everything) }
        timer.lap("预览: 扫描")
        parsedCount = parsePending()
        timer.lap("预览: 解析")
        let result = compileAndRender(parsed: parsedCount, timer: timer)
        timer.lap("预览: 比较")
        return result
    }

    // MARK: Reading

    private func loadConfig() {
        let url = root.appendingPathComponent("site.yml")
        var text: String?
        var diags: [Diagnostic] = []
        if let data = FileManager.default.contents(atPath: url.path) {
            switch SiteLoader.decode(data, path: "site.yml") {
            case .success(let t): text = t
            case .failure(let d): diags.append(d)
            }
        } else {
            diags.append(Diagnostic(file: "site.yml", "找不到 site.yml（站点设置），请在 \(root.path) 下创建"))
        }
        configReadDiagnostics = diags
        if let text, text == configText, config != nil || !configDiagnostics.isEmpty { return }
        configText = text
        let (parsed, parseDiags) = SiteConfigParser.parse(text ?? "", file: "site.yml")
        config = parsed
        configDiagnostics = parseDiags
        // The issue parser depends on the config (series, departments): parse every issue again.
        for key in entries.keys { entries[key]?.parsed = nil }
        dirtySources.formUnion(entries.keys)
        renderAllPending = true
    }

    private func loadTemplates() {
        var diags: [Diagnostic] = []
        var texts: [String: String] = [:]
        var assets: [String: Data] = [:]
        let templatesRoot = root.appendingPathComponent("templates")
        if FileManager.default.fileExists(atPath: templatesRoot.path) {
            for path in SiteLoader.listFiles(templatesRoot, base: "templates", within: root, diags: &diags).sorted() {
                let url = root.appendingPathComponent(path)
                if path.hasPrefix("templates/assets/") {
                    if let data = FileManager.default.contents(atPath: url.path) {
                        assets[String(path.dropFirst("templates/assets/".count))] = data
                    }
                } else if path.hasSuffix(".mustache") {
                    switch SiteLoader.read(url, path: path) {
                    case .success(let t): texts[path] = t
                    case .failure(let d): diags.append(d)
                    }
                }
            }
        } else {
            diags.append(Diagnostic(file: "templates", "找不到 templates/ 文件夹（页面模板）"))
        }
        templateReadDiagnostics = diags
        if texts == templateTexts, assets == assetBytes { return }
        templateTexts = texts
        assetBytes = assets
        var templates: [String: SourceFile] = [:]
        for (path, text) in texts {
            let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
            templates[name] = SourceFile(path: path, text: text)
        }
        let (loaded, loadDiags) = Theme.load(templates: templates, assets: assets)
        theme = loaded
        themeDiagnostics = loadDiags
        renderAllPending = true
    }

    /// Lists content/ again; reads new files and files under a changed path; forgets removed ones.
    private func rescan(changed: [String], force: Bool) {
        var diags: [Diagnostic] = []
        let contentRoot = root.appendingPathComponent("content")
        var paths: [String] = []
        // Saves of known Markdown files (the usual case) need no listing of the whole tree.
        if !force, !entries.isEmpty, !changed.isEmpty,
           changed.allSatisfy({ ($0.hasSuffix(".md") || $0.hasSuffix(".markdown")) && FileIO.isRegularFileOrMissing(root.path + "/" + $0) }) {
            var present: [String] = []
            for p in changed {
                if FileIO.size(root.path + "/" + p) != nil { present.append(p) } else if entries[p] != nil {
                    entries[p] = nil
                    dirtySources.insert(p)
                }
            }
            read(present)
            return
        }
        if FileManager.default.fileExists(atPath: contentRoot.path) {
            paths = SiteLoader.listFiles(contentRoot, base: "content", within: contentRoot, diags: &diags)
                .filter { $0.hasSuffix(".md") || $0.hasSuffix(".markdown") }
        } else {
            diags.append(Diagnostic(file: "content", "找不到 content/ 文件夹"))
        }
        contentListDiagnostics = diags
        let current = Set(paths)
        for gone in entries.keys where !current.contains(gone) {
            entries[gone] = nil
            dirtySources.insert(gone)
        }
        let toRead = paths.filter { path in
            force || entries[path] == nil || changed.contains { path == $0 || path.hasPrefix($0 + "/") }
        }
        read(toRead)
    }

    /// Reads files and marks those whose text changed as dirty.
    private func read(_ toRead: [String]) {
        var results = [Result<String, Diagnostic>?](repeating: nil, count: toRead.count)
        let root = self.root
        results.withUnsafeMutableBufferPointer { out in
            DispatchQueue.concurrentPerform(iterations: toRead.count) { i in
                out[i] = SiteLoader.read(root.appendingPathComponent(toRead[i]), path: toRead[i])
            }
        }
        for (path, result) in zip(toRead, results) {
            var entry = Entry()
            switch result! {
            case .success(let t): entry.text = t
            case .failure(let d): entry.readDiagnostic = d
            }
            if let old = entries[path], old.text == entry.text, old.readDiagnostic == entry.readDiagnostic, old.parsed != nil {
                continue // saved without a change
            }
            entries[path] = entry
            dirtySources.insert(path)
        }
    }

    /// Parses every entry not parsed yet (in parallel). Returns how many.
    private func parsePending() -> Int {
        guard let config else { return 0 }
        let pending = entries.filter { $0.value.parsed == nil && $0.value.text != nil }.keys.sorted()
        guard !pending.isEmpty else { return 0 }
        let parser = IssueParser(config: config)
        let texts = pending.map { entries[$0]!.text! }
        var results = [(Issue?, [Diagnostic])](repeating: (nil, []), count: pending.count)
        results.withUnsafeMutableBufferPointer { out in
            DispatchQueue.concurrentPerform(iterations: pending.count) { i in
                out[i] = parser.parse(path: pending[i], text: texts[i])
            }
        }
        for (path, result) in zip(pending, results) { entries[path]?.parsed = result }
        return pending.count
    }

    // MARK: Building

    private func compileAndRender(parsed: Int, timer: StageTimer) -> Result<ChangeSet, BuildFailure> {
        var diags = configReadDiagnostics + contentListDiagnostics + templateReadDiagnostics
        diags += configDiagnostics + themeDiagnostics
        guard let config else { return .failure(BuildFailure(diags)) }
        var issues: [Issue] = []
        for path in entries.keys.sorted() {
            let entry = entries[path]!
            if let d = entry.readDiagnostic { diags.append(d) }
            if case let (issue, d)? = entry.parsed {
                diags += d
                if let issue { issues.append(issue) }
            }
        }
        if entries.isEmpty && !diags.contains(where: { $0.severity == .error }) {
            diags.append(Diagnostic(.warning, file: "content", "content/ 中还没有简报"))
        }
        timer.lap("预览: 收集")
        let (siteOpt, siteDiags) = SiteBuilder.build(config: config, issues: issues, includeDrafts: includeDrafts)
        diags += siteDiags
        timer.lap("预览: 建模")
        guard !diags.contains(where: { $0.severity == .error }), let newSite = siteOpt, let theme else {
            return .failure(BuildFailure(diags))
        }
        let warnings = diags.filter { $0.severity != .error }.sorted()
        do {
            let (newFiles, rendered, full, touched) = try render(newSite, theme: theme)
            timer.lap("预览: 渲染 \(rendered) 页")
            var changed: [String] = []
            // Only files produced anew can differ; the others are the previous bytes.
            for path in (full ? Set(newFiles.keys) : touched) where files[path] != newFiles[path] { changed.append(path) }
            if full || files.count != newFiles.count {
                for path in files.keys where newFiles[path] == nil { changed.append(path) }
            }
            files = newFiles
            site = newSite
            renderAllPending = false
            dirtySources = []
            return .success(ChangeSet(changedFiles: changed.sorted(), full: full, parsed: parsed, rendered: rendered,
                                      warnings: warnings, issues: newSite.issues.count))
        } catch let failure as BuildFailure {
            return .failure(failure)
        } catch {
            return .failure(BuildFailure([Diagnostic(file: "templates", "渲染失败：\(error)")]))
        }
    }

    /// Renders the pages that need it; the others keep the bytes of the last good build.
    private func render(_ newSite: Site, theme: Theme) throws -> ([String: Data], Int, Bool, Set<String>) {
        let renderer = SiteRenderer(site: newSite, theme: theme)
        let jobs = renderer.jobs()
        let full = renderAllPending || site == nil
        let affected = full ? [] : affectedPages(old: site!, new: newSite, renderer: renderer)
        affectedAreOnlyIssuePages = !full && !affected.contains("index.html")
        let selected = jobs.filter { job in
            let path = renderer.outputPath(job)
            return full || affected.contains(path) || files[path] == nil
        }
        var out = [(String, String)?](repeating: nil, count: selected.count)
        var errors = [Error?](repeating: nil, count: selected.count)
        out.withUnsafeMutableBufferPointer { o in
            errors.withUnsafeMutableBufferPointer { errs in
                DispatchQueue.concurrentPerform(iterations: selected.count) { i in
                    do { o[i] = try renderer.renderJob(selected[i]) } catch { errs[i] = error }
                }
            }
        }
        if let e = errors.lazy.compactMap({ $0 }).first { throw e }
        var newFiles: [String: Data] = [:]
        if !full {
            for job in jobs {
                let path = renderer.outputPath(job)
                if let data = files[path] { newFiles[path] = data }
            }
        }
        var touched = Set<String>()
        for (i, page) in out.enumerated() {
            let (path, html) = page!
            touched.insert(path)
            // Safety net: if a page's path ever differs from the one predicted, render everything.
            if path != renderer.outputPath(selected[i]) && !full {
                renderAllPending = true
                return try render(newSite, theme: theme)
            }
            newFiles[path] = Data(html.utf8)
        }
        for (path, data) in theme.assetFiles { newFiles[path] = data; touched.insert(path) }
        for (path, text) in Feeds(site: newSite, seriesTitles: renderer.seriesTitles).all() { newFiles[path] = Data(text.utf8); touched.insert(path) }
        // The search index is rebuilt whole. On large sites that takes seconds, so after an edit that
        // changed no listing the preview keeps the previous index (search shows the text as of the
        // last full rebuild: start, template or site.yml change); small sites always get a fresh one.
        let keepSearch = !full && affectedAreOnlyIssuePages && newSite.issues.count > IncrementalSite.freshSearchLimit
            && files.keys.contains { $0.hasPrefix("search/") }
        if keepSearch {
            for (path, data) in files where path.hasPrefix("search/") { newFiles[path] = data }
        } else {
            let search = MemorySink()
            try SearchIndexWriter.write(newSite, into: search)
            for (path, data) in search.files { newFiles[path] = data; touched.insert(path) }
        }
        return (newFiles, selected.count, full, touched)
    }

    /// Output paths of pages that may differ after the issues in `dirtySources` changed: the issues, their old and
    /// new neighbours, their series, departments and topics, and the indexes (home, departments, topics).
    private func affectedPages(old: Site, new: Site, renderer: SiteRenderer) -> Set<String> {
        // An edit that leaves everything listings show unchanged (the usual edit of an article's text)
        // touches only the issue's own page; feeds and the search index are rewritten anyway.
        if old.issues.count == new.issues.count {
            var oldIndex: [String: Int] = [:]
            for (i, issue) in old.issues.enumerated() where dirtySources.contains(issue.sourcePath) { oldIndex[issue.sourcePath] = i }
            var pages: Set<String> = []
            var sameListings = oldIndex.count == dirtySources.count
            for (i, issue) in new.issues.enumerated() where sameListings && dirtySources.contains(issue.sourcePath) {
                guard let j = oldIndex[issue.sourcePath], j == i,
                      IncrementalSite.listingSignature(old.issues[j]) == IncrementalSite.listingSignature(issue) else {
                    sameListings = false
                    break
                }
                pages.insert(issue.path + "index.html")
            }
            if sameListings && pages.count == dirtySources.count { return pages }
        }
        var pages: Set<String> = ["index.html", "departments/index.html", "topics/index.html"]
        var series: Set<String> = [], departments: Set<String> = [], topics: Set<String> = []
        var issuePaths: Set<String> = []
        func note(_ site: Site) -> [String: Int] {
            var index: [String: Int] = [:]
            for (i, issue) in site.issues.enumerated() {
                index[issue.sourcePath] = i
                guard dirtySources.contains(issue.sourcePath) else { continue }
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
        for job in renderer.jobs() {
            switch job {
            case .department(let d, _) where departments.contains(new.departments[d].department.name):
                pages.insert(renderer.outputPath(job))
            case .topic(let t, _) where topics.contains(new.topics[t].name):
                pages.insert(renderer.outputPath(job))
            default: break
            }
        }
        return pages
    }
}

extension IncrementalSite {
    /// Everything about an issue that pages other than its own show: listings, neighbours' links,
    /// department trend charts.
    static func listingSignature(_ issue: Issue) -> String {
        var s = "\(issue.path)|\(issue.date.iso)|\(issue.number ?? -1)|\(issue.title)|\(issue.draft)|\(issue.series)|\(issue.tags.joined(separator: ","))"
        for a in issue.articles {
            s += "|\(a.anchor)|\(a.title)|\(a.department)"
            for m in a.metrics {
                for item in m.items where item.key != nil {
                    s += "|\(item.key!)=\(item.value)\(item.unit)\(item.label)\(m.title)"
                }
            }
        }
        return s
    }
}

extension SiteRenderer {
    /// The output path of a page, without rendering it (must match `renderJob`).
    func outputPath(_ job: Job) -> String {
        switch job {
        case .home: return "index.html"
        case .series(let key): return "\(key)/index.html"
        case .issue(let i): return site.issues[i].path + "index.html"
        case .departments: return "departments/index.html"
        case .department(let d, let p):
            return "departments/\(site.departments[d].department.slug)/" + (p > 1 ? "page/\(p)/" : "") + "index.html"
        case .topics: return "topics/index.html"
        case .topic(let t, let p): return "topics/\(site.topics[t].slug)/" + (p > 1 ? "page/\(p)/" : "") + "index.html"
        case .search: return "search/index.html"
        case .notFound: return "404.html"
        }
    }
}
