import Foundation
@testable import JianbaoCore

/// Paths of the repository, found from this file.
enum Repo {
    /// The repository root.
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// Fixtures of the core tests (shared).
    static let fixtures = root.appendingPathComponent("Tests/JianbaoCoreTests/Fixtures")
    /// The default theme.
    static let templates = root.appendingPathComponent("templates")
}

/// A site in a fresh temporary folder: the `mini` fixture plus the repository's templates.
final class TestSite: @unchecked Sendable {
    let root: URL

    /// Copies `fixture` and the templates.
    init(fixture: String = "mini") throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("jianbao-preview-test-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Repo.fixtures.appendingPathComponent(fixture), to: root)
        try FileManager.default.copyItem(at: Repo.templates, to: root.appendingPathComponent("templates"))
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes a file relative to the site root (creating folders).
    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Reads a file relative to the site root.
    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Replaces text in a file.
    func edit(_ path: String, replacing old: String, with new: String) throws {
        let text = try read(path)
        precondition(text.contains(old), "\(path) does not contain \(old)")
        try write(path, text.replacingOccurrences(of: old, with: new))
    }

    /// Removes a file.
    func remove(_ path: String) throws { try FileManager.default.removeItem(at: root.appendingPathComponent(path)) }

    /// What a full `jianbao build` (with drafts) writes, by relative path: the reference for incremental builds.
    func fullRender(drafts: Bool) throws -> [String: Data] {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("jianbao-preview-ref-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        _ = try SiteBuild.run(SiteBuild.Options(source: root, output: out, includeDrafts: drafts))
        var files: [String: Data] = [:]
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: out.path) else { return files }
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: out.path + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                files[rel] = fm.contents(atPath: out.path + "/" + rel)
            }
        }
        return files
    }
}

/// A draft issue for the mini site's ganzhou series.
let draftIssue = """
---
issue: 152
date: 2022-09-01
draft: true
---

## 市公安局草稿文章

草稿正文内容。

"""
