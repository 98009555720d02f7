import Foundation

/// What the preview tells browsers after a rebuild.
public struct ReloadEvent: Sendable, Equatable, Codable {
    /// The kind of event.
    public enum Kind: String, Sendable, Codable {
        /// A good build changed pages: reload if yours is among `paths` (or `full`).
        case reload
        /// The build failed: every page reloads to show the error overlay.
        case error
        /// Sent when a browser connects: reload if `generation` differs from the page's.
        case hello
    }

    /// The kind.
    public var type: Kind
    /// Build generation of the server after this event (pages carry the generation they were served with).
    public var generation: String
    /// URL paths whose content changed (`/jianbao/ganzhou/2022/151/`), sorted.
    public var paths: [String]
    /// Every page should reload (templates, site.yml, or recovery from an error).
    public var full: Bool
    /// Error messages (`path:line:col: 错误: …`) for `error`.
    public var errors: [String]

    /// Creates an event.
    public init(type: Kind, generation: String, paths: [String] = [], full: Bool = false, errors: [String] = []) {
        self.type = type
        self.generation = generation
        self.paths = paths
        self.full = full
        self.errors = errors
    }

    /// The event as a JSON text (keys sorted).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// `ganzhou/2022/151/index.html` -> `/jianbao/ganzhou/2022/151/`.
    static func urlPath(_ file: String, basePath: String) -> String {
        if file == "index.html" { return basePath }
        if file.hasSuffix("/index.html") { return basePath + file.dropLast("index.html".count) }
        return basePath + file
    }
}
