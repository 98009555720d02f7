/// One message about the content, printed like a compiler's so editors can click it:
/// `content/ganzhou/2022/151.md:4:8: 错误: 期号 151 与 … 重复`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Error {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Comparable {
        /// The build cannot publish.
        case error = "错误"
        /// Worth fixing; an error under `check --strict`.
        case warning = "警告"
        /// Extra context for the previous diagnostic.
        case note = "提示"

        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// Path of the file, relative to the site folder (e.g. `content/ganzhou/2022/151.md`).
    public var file: String
    /// 1-based line, 0 when the message concerns the whole file.
    public var line: Int
    /// 1-based column (in characters), 0 when unknown.
    public var column: Int
    /// Severity.
    public var severity: Severity
    /// The message, in Chinese.
    public var message: String

    /// Creates a diagnostic.
    public init(_ severity: Severity = .error, file: String, line: Int = 0, column: Int = 0, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    /// `path:line:col: 错误: message`; line and column are omitted when unknown.
    public var description: String {
        var location = file
        if line > 0 {
            location += ":\(line)"
            location += ":\(max(column, 1))"
        }
        return "\(location): \(severity.rawValue): \(message)"
    }
}

extension Diagnostic: Comparable {
    /// Diagnostics sort by file, line, column, then message, so output is deterministic.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.line != b.line { return a.line < b.line }
        if a.column != b.column { return a.column < b.column }
        if a.severity != b.severity { return a.severity < b.severity }
        return a.message < b.message
    }
}

/// The build failed: every error found, not just the first.
public struct BuildFailure: Error, CustomStringConvertible, Sendable {
    /// All diagnostics of the failed build, sorted.
    public var diagnostics: [Diagnostic]

    /// Creates a failure from diagnostics (sorted here).
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted()
    }

    /// The errors only.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// Collects diagnostics across a stage.
public struct DiagnosticBag: Sendable {
    /// Everything collected so far.
    public private(set) var all: [Diagnostic] = []

    /// An empty bag.
    public init() {}

    /// Adds one diagnostic.
    public mutating func add(_ d: Diagnostic) { all.append(d) }

    /// Adds an error.
    public mutating func error(_ file: String, _ line: Int = 0, _ column: Int = 0, _ message: String) {
        all.append(Diagnostic(.error, file: file, line: line, column: column, message))
    }

    /// Adds a warning.
    public mutating func warning(_ file: String, _ line: Int = 0, _ column: Int = 0, _ message: String) {
        all.append(Diagnostic(.warning, file: file, line: line, column: column, message))
    }

    /// Adds many.
    public mutating func add(contentsOf ds: [Diagnostic]) { all.append(contentsOf: ds) }

    /// True when at least one error was collected.
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// The errors only.
    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }

    /// The warnings only.
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }
}

/// A plain message used as an error value inside a stage (turned into a `Diagnostic` with a position later).
struct Message: Error, ExpressibleByStringLiteral {
    let text: String
    init(_ text: String) { self.text = text }
    init(stringLiteral value: String) { text = value }
}
