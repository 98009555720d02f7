import Foundation
@testable import JianbaoCore

/// Paths of the repository, found from this file.
enum Repo {
    /// The repository root.
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// Test fixtures.
    static let fixtures = root.appendingPathComponent("Tests/JianbaoCoreTests/Fixtures")
    /// The default theme.
    static let templates = root.appendingPathComponent("templates")
}

/// A site in a fresh temporary folder: a fixture (or nothing) plus the repository's templates.
final class TestSite {
    let root: URL

    /// Copies `fixture` (a folder under Fixtures/, or nil for an empty site) and the templates.
    init(fixture: String? = "mini", templates: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("jianbao-test-\(UUID().uuidString)")
        let fm = FileManager.default
        if let fixture {
            try fm.copyItem(at: Repo.fixtures.appendingPathComponent(fixture), to: root)
        } else {
            try fm.createDirectory(at: root, withIntermediateDirectories: true)
        }
        if templates { try fm.copyItem(at: Repo.templates, to: root.appendingPathComponent("templates")) }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes a file relative to the site root (creating folders).
    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Writes raw bytes.
    func write(_ path: String, bytes: [UInt8]) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Removes a file.
    func remove(_ path: String) throws { try FileManager.default.removeItem(at: root.appendingPathComponent(path)) }

    /// Output folder of `build()`.
    var output: URL { root.appendingPathComponent("public") }

    /// Runs the full build into `public/`.
    @discardableResult
    func build(drafts: Bool = false) throws -> SiteBuild.Summary {
        try SiteBuild.run(SiteBuild.Options(source: root, includeDrafts: drafts))
    }

    /// The build's diagnostics when it fails (empty when it succeeds).
    func failure() -> [Diagnostic] {
        do { try build(); return [] } catch let f as BuildFailure { return f.diagnostics } catch { return [Diagnostic(file: "?", "\(error)")] }
    }

    /// Compiles in memory and renders into a MemorySink.
    func renderInMemory(drafts: Bool = false) throws -> MemorySink {
        let compiled = try SiteBuild.compile(SiteLoader.load(root), includeDrafts: drafts)
        let sink = MemorySink()
        try SiteRenderer(site: compiled.site, theme: compiled.theme).render(into: sink)
        try SearchIndexWriter.write(compiled.site, into: sink)
        return sink
    }

    /// A file of the output as text.
    func page(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every file of the output with its bytes, by relative path.
    func snapshot() -> [String: Data] {
        var out: [String: Data] = [:]
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: output.path) else { return out }
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: output.path + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = fm.contents(atPath: output.path + "/" + rel)
            }
        }
        return out
    }
}

/// Parses one issue text against the mini fixture's site.yml.
func parseIssue(_ text: String, path: String = "content/ganzhou/2022/1.md") throws -> (Issue?, [Diagnostic]) {
    let yml = try String(contentsOf: Repo.fixtures.appendingPathComponent("mini/site.yml"), encoding: .utf8)
    let (config, diags) = SiteConfigParser.parse(yml)
    guard let config else { throw BuildFailure(diags) }
    return IssueParser(config: config).parse(path: path, text: text)
}

/// Renders Markdown the way issue bodies are rendered.
func renderMarkdown(_ md: String) -> String {
    MarkdownProcessor.renderSnippet(md)
}
