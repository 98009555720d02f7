import Foundation

/// The whole pipeline: load → parse → model → render → write.
public enum SiteBuild {
    /// What a build needs to know.
    public struct Options: Sendable {
        /// Site folder (with site.yml, content/, templates/).
        public var source: URL
        /// Output folder (default `<source>/public`).
        public var output: URL
        /// Include `draft: true` issues (preview only).
        public var includeDrafts: Bool

        /// Creates options.
        public init(source: URL, output: URL? = nil, includeDrafts: Bool = false) {
            self.source = source
            self.output = output ?? source.appendingPathComponent("public")
            self.includeDrafts = includeDrafts
        }
    }

    /// What a successful build did.
    public struct Summary: Sendable {
        /// Files written.
        public var written: Int
        /// Files whose bytes changed (or were added or removed).
        public var changed: Int
        /// Issues built.
        public var issues: Int
        /// Warnings found.
        public var warnings: [Diagnostic]
        /// Wall time in seconds.
        public var seconds: Double

        /// `已生成 123 个文件（变更 4 个），共 3 期简报，用时 0.21 秒`.
        public var line: String {
            "已生成 \(written) 个文件（变更 \(changed) 个），共 \(issues) 期简报，用时 \(String(format: "%.2f", seconds)) 秒"
        }
    }

    /// A site compiled in memory, ready to render.
    public struct Compiled: Sendable {
        /// The model.
        public var site: Site
        /// The theme.
        public var theme: Theme
        /// Warnings.
        public var warnings: [Diagnostic]
    }

    /// Parses and models a loaded site; throws `BuildFailure` with every error found.
    public static func compile(_ source: SiteSource, includeDrafts: Bool) throws -> Compiled {
        let files = source.contents
        return try compile(config: source.config, templates: source.templates, assets: source.assets,
                           diagnostics: source.diagnostics, fileCount: files.count, includeDrafts: includeDrafts) { parser, i in
            parser.parse(path: files[i].path, text: files[i].text)
        }
    }

    /// Reads, parses and models a listed site: each content file is parsed right after it is read, on the
    /// same core, so its bytes are still in the cache and the sources are never all in memory at once. The
    /// files are parsed from their checked UTF-8 bytes, never made into Strings (see `SiteLoader.decodeUTF8`).
    public static func compile(_ listing: SiteListing, includeDrafts: Bool) throws -> Compiled {
        try compile(config: listing.config, templates: listing.templates, assets: listing.assets,
                    diagnostics: listing.diagnostics, fileCount: listing.contentPaths.count, includeDrafts: includeDrafts) { parser, i in
            switch listing.readContentUTF8(i) {
            case .success(let f): parser.parse(path: f.path, utf8: f.utf8)
            case .failure(let d): (nil, [d])
            }
        }
    }

    /// The parse and model stages over `fileCount` content files, each read (if need be) and parsed by `parse`
    /// (from several threads).
    private static func compile(config configFile: SourceFile, templates: [String: SourceFile], assets: [String: Data],
                                diagnostics: [Diagnostic], fileCount: Int, includeDrafts: Bool,
                                parse: @Sendable (IssueParser, Int) -> (Issue?, [Diagnostic])) throws -> Compiled {
        var diags = diagnostics
        let (configOpt, configDiags) = SiteConfigParser.parse(configFile.text, file: configFile.path)
        diags += configDiags
        let (themeOpt, themeDiags) = Theme.load(templates: templates, assets: assets)
        diags += themeDiags
        guard let config = configOpt else { throw BuildFailure(diags) }
        let parser = IssueParser(config: config)
        var results = [(Issue?, [Diagnostic])](repeating: (nil, []), count: fileCount)
        results.withUnsafeMutableBufferPointer { out in
            DispatchQueue.concurrentPerform(iterations: fileCount) { i in
                out[i] = parse(parser, i)
            }
        }
        var issues: [Issue] = []
        issues.reserveCapacity(results.count)
        for i in results.indices {
            diags += results[i].1
            // Moved out (`take`), not copied: a copy retains every field of the issue, and freeing `results` releases them.
            if let issue = results[i].0.take() { issues.append(issue) }
        }
        // A file that could not be read is an error, so "no content yet" (a warning given only without errors)
        // depends on the number of files alone.
        return try model(config: config, theme: themeOpt, issues: consume issues, diagnostics: diags,
                         hasContent: fileCount > 0, includeDrafts: includeDrafts).get()
    }

    /// The model stage (shared with the preview): the site from the parsed issues, or a failure with every
    /// diagnostic found so far and the model's own. `diagnostics` holds those of loading and parsing. The issues
    /// are moved into the site when the caller lets go of them (`consume`), not copied.
    static func model(config: SiteConfig, theme: Theme?, issues: consuming [Issue], diagnostics: [Diagnostic], hasContent: Bool,
                      includeDrafts: Bool) -> Result<Compiled, BuildFailure> {
        var diags = diagnostics
        if !hasContent && !diags.contains(where: { $0.severity == .error }) {
            diags.append(Diagnostic(.warning, file: "content", "content/ 中还没有简报"))
        }
        let (siteOpt, siteDiags) = SiteBuilder.build(config: config, issues: consume issues, includeDrafts: includeDrafts)
        diags += siteDiags
        guard !diags.contains(where: { $0.severity == .error }), let site = siteOpt, let theme else {
            return .failure(BuildFailure(diags))
        }
        return .success(Compiled(site: site, theme: theme, warnings: diags.filter { $0.severity != .error }.sorted()))
    }

    /// Builds the site into `options.output`, atomically. On failure the output is untouched.
    public static func run(_ options: Options) throws -> Summary {
        let start = Date()
        let timer = StageTimer()
        warmUp()
        // Each source is dropped once parsed: the model holds what the pages need.
        let listing = SiteLoader.list(options.source)
        timer.lap("load")
        let compiled = try compile(listing, includeDrafts: options.includeDrafts)
        timer.lap("read+parse+model")
        let out = try StagedOutput(output: options.output)
        do {
            // The search index is built alongside the pages: each stage has serial stretches (sorting,
            // grouping, the tail of a parallel loop) in which the other keeps the cores busy.
            let site = compiled.site
            let searchError = ErrorBox()
            let search = DispatchGroup()
            DispatchQueue.global().async(group: search) {
                do { try SearchIndexWriter.write(site, into: out) } catch { searchError.set(error) }
            }
            let renderer = SiteRenderer(site: site, theme: compiled.theme)
            do { try renderer.render(into: out) } catch { search.wait(); throw error }
            timer.lap("render+write")
            search.wait()
            if let error = searchError.value { throw error }
            timer.lap("search")
            let removed = out.removedCount()
            timer.lap("compare")
            try out.commit()
            timer.lap("commit")
            let counts = out.counts
            let summary = Summary(written: counts.written, changed: counts.changed + removed, issues: compiled.site.issues.count,
                                  warnings: compiled.warnings, seconds: Date().timeIntervalSince(start))
            Lifetime.releaseInBackground((compiled, renderer))
            return summary
        } catch {
            out.discard()
            throw error
        }
    }
}

extension SiteBuild {
    /// Starts the one-time set-ups every build needs on another thread, while the files are read: ICU's
    /// pinyin transliterator (~60 ms to compile its rules; later uses are cheap) and the search tokenizer's
    /// tables. Whoever needs one first waits for it (Swift globals are initialized once, under a lock).
    static func warmUp() {
        DispatchQueue.global(qos: .userInitiated).async {
            _ = Slug.pinyin(["简报"])
            _ = ScalarClasses.shared
            _ = FoldTable.shared
        }
    }
}

/// Prints the time of each stage to stderr when `JIANBAO_TIMING` is set (for profiling).
final class StageTimer {
    private var last = Date()
    private let enabled = ProcessInfo.processInfo.environment["JIANBAO_TIMING"] != nil

    func lap(_ name: String) {
        guard enabled else { return }
        let now = Date()
        FileHandle.standardError.write(Data("[计时] \(name): \(String(format: "%.3f", now.timeIntervalSince(last))) 秒\(Self.residentMB())，CPU \(String(format: "%.2f", Self.cpuSeconds())) 秒\n".utf8))
        last = now
    }

    /// User and system time of the process so far.
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// `，内存 812 MB` (the process's resident set now), or "" where /proc is missing.
    private static func residentMB() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return "" }
        return "，内存 \(kb / 1024) MB"
    }
}
