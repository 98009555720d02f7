import Foundation
import JianbaoCore
@testable import JianbaoImport

/// Paths and a site configuration shared by the import tests.
enum ImportFixtures {
    /// The repository root, found from this file.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Tests/JianbaoImportTests/Fixtures.
    static let folder = root.appendingPathComponent("Tests/JianbaoImportTests/Fixtures")
    /// The three public seed bulletins.
    static let seeds = folder.appendingPathComponent("seeds")
    /// The fixture site.yml text.
    static let siteYAML = try! String(contentsOf: folder.appendingPathComponent("site.yml"), encoding: .utf8)
    /// The parsed fixture config.
    static let config: SiteConfig = {
        let (c, d) = SiteConfigParser.parse(siteYAML)
        precondition(c != nil, "\(d)")
        return c!
    }()

    /// A seed's text.
    static func seed(_ name: String) -> String {
        try! String(contentsOf: seeds.appendingPathComponent(name), encoding: .utf8)
    }

    /// Converts text with the fixture config.
    static func convert(_ text: String, input: String = "in.txt", series: String? = nil, metrics: Bool = false) -> BulletinImporter.Conversion {
        BulletinImporter.convert(text, input: input, config: config,
                                 options: .init(source: URL(fileURLWithPath: "/nonexistent"), series: series, suggestMetrics: metrics))
    }

    /// Analyzes text only (no departments).
    static func analyze(_ text: String, file: String = "in.txt") -> (BulletinDraft, [Diagnostic]) {
        let r = BulletinAnalyzer.analyze(text, file: file, series: config.series)
        return (r.draft, r.diagnostics)
    }
}

/// A site in a temporary folder with the fixture site.yml and the repository's templates.
final class ImportSite {
    let root: URL

    init(templates: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("jianbao-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data(ImportFixtures.siteYAML.utf8).write(to: root.appendingPathComponent("site.yml"))
        if templates {
            try FileManager.default.copyItem(at: ImportFixtures.root.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes an input file (outside content/) and returns its path.
    func input(_ name: String, _ bytes: Data) throws -> String {
        let url = root.appendingPathComponent("in").appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: url)
        return url.path
    }

    /// Runs the importer.
    func run(_ files: [String], force: Bool = false, metrics: Bool = false) -> [BulletinImporter.Outcome] {
        BulletinImporter.run(files: files, config: ImportFixtures.config,
                             options: .init(source: root, suggestMetrics: metrics, force: force), outDisplay: "content")
    }

    /// A file under the site as text.
    func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }
}

extension Array where Element == Diagnostic {
    /// `line:col: message` of each diagnostic, for compact assertions.
    var positions: [String] { map { "\($0.line):\($0.column): \($0.message)" } }
}
