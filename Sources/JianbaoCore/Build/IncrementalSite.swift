import Foundation

/// A site kept in memory between edits (for `jianbao serve`): re-reads and re-parses only the files that
/// changed, and re-renders only the pages a content change touches. An edit that changes nothing other pages show
/// (an article's text) patches the edited issue into the last model instead of building the model again. A change
/// to `site.yml` or to a template re-renders everything (still in memory). The result of a good build is the same
/// as a full `SiteBuild.compile` + `SiteRenderer.render` + `SearchIndexWriter.write` of the same sources, except
/// for the search index: large sites keep it after text-only edits (see `freshSearchLimit`), and with
/// `defersSearch` it is brought up to date by `refreshSearch`.
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
        /// Whether the site model was built again from every issue (false when the edited issues, whose listings
        /// did not change, were put in place in the last model).
        public var modelRebuilt: Bool
    }

    /// One issue file: its text (or the read error) and, once parsed, the result.
    private struct Entry {
        var text: String?
        var readDiagnostic: Diagnostic?
        var parsed: (Issue?, [Diagnostic])?

        /// The file's diagnostics: reading, then parsing.
        var diagnostics: [Diagnostic] { (readDiagnostic.map { [$0] } ?? []) + (parsed?.1 ?? []) }
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

    /// When true, `apply` does not rebuild the search index (seconds on large sites, most of an edit's time on
    /// small ones) but keeps the last one and sets `searchIsStale`; `refreshSearch` then brings it up to date.
    /// The preview sets it so that pages reload first. The first build always writes the index.
    public var defersSearch = false
    /// Whether the search index in `files` is older than the last good build (only with `defersSearch`).
    public private(set) var searchIsStale = false

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
    /// Set when config or theme changed since the last good render.
    private var renderAllPending = true
    /// Issue source paths changed since the last good render.
    private var dirtySources: Set<String> = []
    /// For each path in `dirtySources` that had a file at the last good build, that file's diagnostics then.
    private var diagnosticsAtLastBuild: [String: [Diagnostic]] = [:]
    /// Index in `site.issues` of each issue, by source path.
    private var issueIndex: [String: Int] = [:]
    /// Warnings of the last good build.
    private var builtWarnings: [Diagnostic] = []
    /// `siteDiagnostics` of the last good build.
    private var builtSiteDiagnostics: [Diagnostic] = []
    /// Output paths of the search index in `files`.
    private var searchPaths: Set<String> = []

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
        let result = applyUnlistedEdits(parsed: parsedCount, timer: timer) ?? compileAndRender(parsed: parsedCount, timer: timer)
        timer.lap("预览: 提交")
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
        // Saves of Markdown files (the usual case) need no listing of the whole tree, and neither do the temporary
        // files of editors that save by writing another file and renaming it over the old one.
        let markdown = changed.filter { $0.hasSuffix(".md") || $0.hasSuffix(".markdown") }
        if !force, !entries.isEmpty, markdown.allSatisfy({ FileIO.isRegularFileOrMissing(root.path + "/" + $0) }),
           !changed.contains(where: { !($0.hasSuffix(".md") || $0.hasSuffix(".markdown")) && affectsListing($0) }) {
            var present: [String] = []
            for p in markdown {
                if FileIO.size(root.path + "/" + p) != nil { present.append(p) } else if entries[p] != nil {
                    markDirty(p)
                    entries[p] = nil
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
            markDirty(gone)
            entries[gone] = nil
        }
        let toRead = paths.filter { path in
            force || entries[path] == nil || changed.contains { path == $0 || path.hasPrefix($0 + "/") }
        }
        read(toRead)
    }

    /// Whether a change at `path`, which is not a Markdown file, may change the list of issue files or its
    /// diagnostics: a folder or a symlink, or a path that had issue files or listing diagnostics under it. A regular
    /// file, or a temporary file that is gone again, does not (the listing keeps only Markdown files).
    private func affectsListing(_ path: String) -> Bool {
        if !FileIO.isRegularFileOrMissing(root.path + "/" + path) { return true }
        let folder = path + "/"
        return contentListDiagnostics.contains { $0.file == path || $0.file.hasPrefix(folder) }
            || entries.keys.contains { $0.hasPrefix(folder) }
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
            markDirty(path)
            entries[path] = entry
        }
    }

    /// Notes that a source changed since the last good build; the first time, remembers its diagnostics then.
    private func markDirty(_ path: String) {
        guard dirtySources.insert(path).inserted, let old = entries[path] else { return }
        diagnosticsAtLastBuild[path] = old.diagnostics
    }

    /// Parses every entry not parsed yet (in parallel). Returns how many.
    private func parsePending() -> Int {
        guard let config else { return 0 }
        // Entries lose their parse only when they are marked dirty (read again, or a new site.yml).
        let pending = dirtySources.filter { entries[$0]?.parsed == nil && entries[$0]?.text != nil }.sorted()
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

    /// Diagnostics not tied to one issue file: reading and parsing `site.yml`, the templates, listing content/.
    private var siteDiagnostics: [Diagnostic] {
        configReadDiagnostics + contentListDiagnostics + templateReadDiagnostics + configDiagnostics + themeDiagnostics
    }

    /// Builds the model from every parsed issue, renders the pages the changes touch, and keeps the result.
    private func compileAndRender(parsed: Int, timer: StageTimer) -> Result<ChangeSet, BuildFailure> {
        var diags = siteDiagnostics
        guard let config else { return .failure(BuildFailure(diags)) }
        var issues: [Issue] = []
        for path in entries.keys.sorted() {
            let entry = entries[path]!
            diags += entry.diagnostics
            if let issue = entry.parsed?.0 { issues.append(issue) }
        }
        timer.lap("预览: 收集")
        let compiled: SiteBuild.Compiled
        switch SiteBuild.model(config: config, theme: theme, issues: consume issues, diagnostics: diags, hasContent: !entries.isEmpty,
                               includeDrafts: includeDrafts) {
        case .success(let c): compiled = c
        case .failure(let f): return .failure(f)
        }
        timer.lap("预览: 建模")
        let newSite = compiled.site, theme = compiled.theme, warnings = compiled.warnings
        do {
            let full = renderAllPending || site == nil
            let produced = try render(newSite, theme: theme, full: full)
            timer.lap("预览: 渲染 \(produced.rendered) 页")
            let changed = commit(produced)
            var index: [String: Int] = [:]
            for (i, issue) in newSite.issues.enumerated() { index[issue.sourcePath] = i }
            issueIndex = index
            keep(newSite, warnings: warnings)
            return .success(ChangeSet(changedFiles: changed, full: full, parsed: parsed, rendered: produced.rendered,
                                      warnings: warnings, issues: newSite.issues.count, modelRebuilt: true))
        } catch {
            return .failure(IncrementalSite.failure(error))
        }
    }

    /// The fast path for edits that change nothing another page shows (the usual edit of an article's text): each
    /// edited issue replaces its old version in the last good model, in place, and only its page, the feeds that
    /// list it and (on small sites) the search index are produced again. Nil when the edits need the model built
    /// again: an issue added, removed, moved, retitled, retagged…; a diagnostic appeared or went away; `site.yml`
    /// or a template changed.
    private func applyUnlistedEdits(parsed: Int, timer: StageTimer) -> Result<ChangeSet, BuildFailure>? {
        guard !renderAllPending, var patched = site, let theme, siteDiagnostics == builtSiteDiagnostics else { return nil }
        if dirtySources.isEmpty { // saved without a change
            return .success(ChangeSet(changedFiles: [], full: false, parsed: parsed, rendered: 0, warnings: builtWarnings,
                                      issues: patched.issues.count, modelRebuilt: false))
        }
        var replacements: [(index: Int, issue: Issue)] = []
        for path in dirtySources {
            guard let entry = entries[path], let before = diagnosticsAtLastBuild[path], entry.diagnostics == before,
                  let issue = entry.parsed?.0, let i = issueIndex[path],
                  ListingSignature(patched.issues[i]) == ListingSignature(issue) else { return nil }
            replacements.append((i, issue))
        }
        replacements.sort { $0.index < $1.index }
        // Let go of the stored model so the issues array is not shared and is patched without a copy.
        site = nil
        var previous: [(index: Int, issue: Issue)] = []
        for r in replacements {
            previous.append((r.index, patched.issues[r.index]))
            patched.issues[r.index] = r.issue
        }
        do {
            let produced = try renderEdited(patched, indices: replacements.map(\.index), theme: theme)
            timer.lap("预览: 渲染 \(produced.rendered) 页（仅替换）")
            let changed = commit(produced)
            keep(patched, warnings: builtWarnings)
            return .success(ChangeSet(changedFiles: changed, full: false, parsed: parsed, rendered: produced.rendered,
                                      warnings: builtWarnings, issues: patched.issues.count, modelRebuilt: false))
        } catch {
            for r in previous { patched.issues[r.index] = r.issue }
            site = patched
            return .failure(IncrementalSite.failure(error))
        }
    }

    /// Brings a search index left stale by `defersSearch` up to date with the last good build (which `apply` may
    /// have failed to replace since). Returns the search files that changed; nothing when the index was fresh.
    public func refreshSearch() -> Result<ChangeSet, BuildFailure> {
        guard searchIsStale, let site else {
            return .success(ChangeSet(changedFiles: [], full: false, parsed: 0, rendered: 0, warnings: builtWarnings,
                                      issues: site?.issues.count ?? 0, modelRebuilt: false))
        }
        let timer = StageTimer()
        var produced = Produced()
        do {
            try addSearch(site, keepLast: false, deferring: false, to: &produced)
        } catch {
            return .failure(IncrementalSite.failure(error))
        }
        let changed = commit(produced)
        timer.lap("预览: 检索索引")
        return .success(ChangeSet(changedFiles: changed, full: false, parsed: 0, rendered: 0, warnings: builtWarnings,
                                  issues: site.issues.count, modelRebuilt: false))
    }

    /// Takes note of a good build: its model and warnings; nothing is dirty any more.
    private func keep(_ newSite: Site, warnings: [Diagnostic]) {
        site = newSite
        builtWarnings = warnings
        builtSiteDiagnostics = siteDiagnostics
        renderAllPending = false
        dirtySources = []
        diagnosticsAtLastBuild = [:]
    }

    private static func failure(_ error: Error) -> BuildFailure {
        (error as? BuildFailure) ?? BuildFailure([Diagnostic(file: "templates", "渲染失败：\(error)")])
    }

    /// What one rebuild produced.
    private struct Produced {
        /// New bytes by output path (compared with the current ones before they replace them).
        var outputs: [(String, Data)] = []
        /// Output paths no longer part of the site.
        var removed: [String] = []
        /// Pages rendered.
        var rendered = 0
        /// The search index's output paths after this rebuild.
        var searchPaths: Set<String> = []
        /// What became of the search index.
        var search = SearchUpdate.kept
    }

    /// What a rebuild did with the search index.
    private enum SearchUpdate {
        /// Wrote a fresh one.
        case fresh
        /// Kept the last one (a large site after an edit that changed no listing).
        case kept
        /// Kept the last one until `refreshSearch` (`defersSearch`).
        case deferred
    }

    /// Renders the pages that need it (all when `full`); the others keep the bytes of the last good build.
    private func render(_ newSite: Site, theme: Theme, full: Bool) throws -> Produced {
        let renderer = SiteRenderer(site: newSite, theme: theme)
        let jobs = renderer.jobs()
        let paths = jobs.map(renderer.outputPath)
        let affected = full ? [] : AffectedPages.between(old: site!, new: newSite, dirty: dirtySources, renderer: renderer)
        let selected = jobs.indices.filter { full || affected.contains(paths[$0]) || files[paths[$0]] == nil }
        let pages = try IncrementalSite.renderPages(selected.map { jobs[$0] }, renderer)
        // Safety net: if a page's path ever differs from the one predicted, render everything.
        if !full, zip(selected, pages).contains(where: { paths[$0.0] != $0.1.0 }) {
            renderAllPending = true
            return try render(newSite, theme: theme, full: true)
        }
        var produced = Produced(outputs: pages.map { ($0.0, Data($0.1.utf8)) }, rendered: pages.count)
        for (path, data) in theme.assetFiles { produced.outputs.append((path, data)) }
        for (path, text) in Feeds(site: newSite, seriesTitles: renderer.seriesTitles).all() {
            produced.outputs.append((path, Data(text.utf8)))
        }
        // An edit that changed no listing leaves the last search index on large sites (see `freshSearchLimit`).
        let onlyIssuePages = !full && !affected.contains("index.html")
        try addSearch(newSite, keepLast: onlyIssuePages, deferring: defersSearch, to: &produced)
        var expected = Set(paths)
        for (path, _) in produced.outputs { expected.insert(path) }
        expected.formUnion(produced.searchPaths)
        produced.removed = files.keys.filter { !expected.contains($0) }
        return produced
    }

    /// Renders the pages of the edited issues at `indices` of `patched` (a model whose listings are the last good
    /// build's) and the feeds that list them; the search index as `addSearch` decides.
    private func renderEdited(_ patched: Site, indices: [Int], theme: Theme) throws -> Produced {
        let renderer = SiteRenderer(site: patched, theme: theme)
        let pages = try IncrementalSite.renderPages(indices.map { .issue($0) }, renderer)
        var produced = Produced(outputs: pages.map { ($0.0, Data($0.1.utf8)) }, rendered: pages.count)
        for (path, text) in Feeds(site: patched, seriesTitles: renderer.seriesTitles).feeds(showing: Set(indices)) {
            produced.outputs.append((path, Data(text.utf8)))
        }
        try addSearch(patched, keepLast: true, deferring: defersSearch, to: &produced)
        return produced
    }

    /// Renders pages in parallel; the first error is thrown.
    private static func renderPages(_ jobs: [SiteRenderer.Job], _ renderer: SiteRenderer) throws -> [(String, String)] {
        var out = [(String, String)?](repeating: nil, count: jobs.count)
        var errors = [Error?](repeating: nil, count: jobs.count)
        out.withUnsafeMutableBufferPointer { o in
            errors.withUnsafeMutableBufferPointer { errs in
                DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
                    do { o[i] = try renderer.renderJob(jobs[i]) } catch { errs[i] = error }
                }
            }
        }
        if let e = errors.lazy.compactMap({ $0 }).first { throw e }
        return out.map { $0! }
    }

    /// The search index is rebuilt whole, and on large sites that takes seconds. So when `keepLast` (the edit
    /// changed no listing) and the site has more than `freshSearchLimit` issues, the last index stays (search shows
    /// the text as of the last rebuild of the index); when `deferring`, it stays too, marked stale; otherwise a
    /// fresh one is added to `produced`, and the files of the last one that it lacks are removed.
    private func addSearch(_ site: Site, keepLast: Bool, deferring: Bool, to produced: inout Produced) throws {
        if !searchPaths.isEmpty {
            if keepLast && site.issues.count > IncrementalSite.freshSearchLimit {
                produced.searchPaths = searchPaths
                produced.search = .kept
                return
            }
            if deferring {
                produced.searchPaths = searchPaths
                produced.search = .deferred
                return
            }
        }
        produced.search = .fresh
        let search = MemorySink()
        try SearchIndexWriter.write(site, into: search)
        for (path, data) in search.files {
            produced.outputs.append((path, data))
            produced.searchPaths.insert(path)
        }
        produced.removed += searchPaths.filter { !produced.searchPaths.contains($0) }
    }

    /// Puts the produced bytes into `files` and removes what is gone. Returns the paths whose bytes changed (or that
    /// were added or removed), sorted.
    private func commit(_ produced: Produced) -> [String] {
        var changed = Set<String>()
        for (path, data) in produced.outputs where files[path] != data {
            files[path] = data
            changed.insert(path)
        }
        for path in produced.removed where files.removeValue(forKey: path) != nil { changed.insert(path) }
        searchPaths = produced.searchPaths
        switch produced.search {
        case .fresh: searchIsStale = false
        case .kept: break
        case .deferred: searchIsStale = true
        }
        return changed.sorted()
    }
}
