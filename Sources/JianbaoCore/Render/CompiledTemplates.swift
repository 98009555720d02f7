import Mustache

/// The templates, compiled once for fast rendering.
///
/// swift-mustache parses and validates every template (so syntax errors, whitespace rules and
/// standalone-tag handling are exactly its own), and stays the reference renderer. Its per-lookup
/// cost (dynamic casts, name splitting, `String(describing:)`, per-`Character` escaping) dominated
/// whole builds, so the build renders with this small interpreter over the same token trees, read
/// from swift-mustache's templates by reflection. Whatever the interpreter does not cover
/// (transforms, lambdas, dynamic partials, content-type pragmas, indented partials) makes
/// `compile` return nil and the build falls back to swift-mustache. A test renders every page of the
/// demo site both ways and requires identical bytes. Contexts come as `TemplateValue` trees; pages go
/// out as UTF-8 bytes in a `MarkupBuffer`.
final class CompiledTemplates: @unchecked Sendable {
    /// A compiled template or section body: a range of `nodes` (each body's nodes are stored together).
    typealias Body = Range<Int>

    /// One token of a template. Every payload is plain data (ranges and indices into the tables below), so the
    /// render loop reads nodes without touching reference counts: the templates are shared by every render
    /// thread, and retaining a shared array from two cores at once is slow.
    enum Node {
        /// Literal markup: a range of `text`, the UTF-8 of all the templates' literal markup.
        case text(Range<Int>)
        /// A name to look up: index into `paths`.
        case variable(path: Int, escaped: Bool)
        case section(path: Int, body: Body, inverted: Bool)
        /// A block: index into `names`, and the body shown when no partial's caller overrides it.
        case block(name: Int, body: Body)
        /// A partial: index into `names`, and into `inheritances` (-1: none).
        case partial(name: Int, inherits: Int)
    }

    /// A name split at dots once, at compile time: its parts are a range of `parts` (plain data, as nodes are).
    struct Path {
        let parts: Range<Int>
        /// `.` (the current object).
        let isCurrent: Bool
        /// `.name`: look only at the top of the stack.
        let anchored: Bool
    }

    /// The tables, as the render loop reads them.
    struct View {
        let nodes: UnsafeBufferPointer<Node>
        let paths: UnsafeBufferPointer<Path>
        let parts: UnsafeBufferPointer<String>
        let text: UnsafeBufferPointer<UInt8>
    }

    /// Everything compiled so far: the tables nodes index.
    struct Tables {
        var nodes: [Node] = []
        var paths: [Path] = []
        /// The names' parts, which paths index.
        var parts: [String] = []
        var names: [String] = []
        var inheritances: [[String: Body]] = []
        /// The literal markup of every template, which `.text` nodes index.
        var text: [UInt8] = []
    }

    private let templates: [String: Body]
    private let tables: Tables

    private init(templates: [String: Body], tables: Tables) {
        self.templates = templates
        self.tables = tables
    }

    /// Compiles every template of `library` named in `names`, or returns nil when one uses a feature
    /// the interpreter does not cover.
    static func compile(_ library: MustacheLibrary, names: [String]) -> CompiledTemplates? {
        var out: [String: Body] = [:]
        var tables = Tables()
        for name in names {
            guard let template = library.getTemplate(named: name), let body = compile(template, &tables) else { return nil }
            out[name] = body
        }
        return CompiledTemplates(templates: out, tables: tables)
    }

    /// Reads a swift-mustache template's tokens through `Mirror` into `tables`; returns the range of its nodes.
    /// (Sections are compiled first, so that each body's nodes end up together.)
    static func compile(_ template: MustacheTemplate, _ tables: inout Tables) -> Body? {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value as? [Any] else { return nil }
        var body: [Node] = []
        body.reserveCapacity(tokens.count)
        for token in tokens {
            guard let node = compileToken(token, &tables) else { return nil }
            if let node { body.append(node) }
        }
        let start = tables.nodes.count
        tables.nodes.append(contentsOf: body)
        return start..<tables.nodes.count
    }

    /// nil: unsupported; .some(nil): a token that renders nothing.
    private static func compileToken(_ token: Any, _ tables: inout Tables) -> Node?? {
        let mirror = Mirror(reflecting: token)
        guard let payload = mirror.children.first, let kind = payload.label else { return nil }
        let fields = Mirror(reflecting: payload.value).children.map(\.value)
        func string(_ i: Int) -> String? { i < fields.count ? fields[i] as? String : (i == 0 ? payload.value as? String : nil) }
        func noTransforms(_ i: Int) -> Bool { i < fields.count ? ((fields[i] as? [String])?.isEmpty ?? false) : false }
        func sub(_ i: Int) -> Body? { (i < fields.count ? fields[i] as? MustacheTemplate : nil).flatMap { compile($0, &tables) } }
        func plainIndentation(_ i: Int) -> Bool {
            guard i < fields.count else { return false }
            let v = fields[i]
            if let s = v as? String { return s.isEmpty }
            let m = Mirror(reflecting: v)
            if m.displayStyle == .optional {
                guard let inner = m.children.first?.value else { return true }
                return (inner as? String)?.isEmpty ?? false
            }
            return false
        }
        func path(_ name: String) -> Int {
            let start = tables.parts.count
            tables.parts.append(contentsOf: name.split(separator: ".").map(String.init))
            tables.paths.append(Path(parts: start..<tables.parts.count, isCurrent: name == ".",
                                     anchored: name.first == "." && name != "."))
            return tables.paths.count - 1
        }
        func name(_ name: String) -> Int {
            tables.names.append(name)
            return tables.names.count - 1
        }
        switch kind {
        case "text":
            guard let literal = payload.value as? String else { return nil }
            let start = tables.text.count
            tables.text.append(contentsOf: literal.utf8)
            return .some(.text(start..<tables.text.count))
        case "variable", "unescapedVariable":
            guard let n = string(0), noTransforms(1) else { return nil }
            return .some(.variable(path: path(n), escaped: kind == "variable"))
        case "section", "invertedSection":
            guard let n = string(0), noTransforms(1), let body = sub(2) else { return nil }
            return .some(.section(path: path(n), body: body, inverted: kind == "invertedSection"))
        case "blockExpansion":
            guard let n = string(0), let body = sub(1), plainIndentation(2) else { return nil }
            return .some(.block(name: name(n), body: body))
        case "partial":
            guard let n = string(0), plainIndentation(1), fields.count > 2 else { return nil }
            let inheritsMirror = Mirror(reflecting: fields[2])
            guard inheritsMirror.displayStyle == .optional else { return nil }
            guard let inheritsValue = inheritsMirror.children.first?.value else { return .some(.partial(name: name(n), inherits: -1)) }
            guard let dict = inheritsValue as? [String: MustacheTemplate] else { return nil }
            var inherits: [String: Body] = [:]
            for (k, t) in dict {
                guard let b = compile(t, &tables) else { return nil }
                inherits[k] = b
            }
            tables.inheritances.append(inherits)
            return .some(.partial(name: name(n), inherits: tables.inheritances.count - 1))
        default:
            // dynamicNamePartial, contentType, blockDefinition: not covered.
            return nil
        }
    }

    // MARK: Rendering

    /// Renders template `name` with `context` into `out`; false when there is no such template.
    func render(_ name: String, _ context: TemplateValue, into out: inout MarkupBuffer) -> Bool {
        guard let body = templates[name] else { return false }
        // Room for the nesting of sections the templates have: the stack never grows (and reallocates) on the way.
        var stack: [TemplateValue] = []
        stack.reserveCapacity(16)
        stack.append(context)
        tables.text.withUnsafeBufferPointer { text in
            tables.nodes.withUnsafeBufferPointer { nodes in
                tables.paths.withUnsafeBufferPointer { paths in
                    tables.parts.withUnsafeBufferPointer { parts in
                        render(body, &stack, inherited: nil, View(nodes: nodes, paths: paths, parts: parts, text: text), into: &out)
                    }
                }
            }
        }
        return true
    }

    private func render(_ body: Body, _ stack: inout [TemplateValue], inherited: [String: Body]?, _ view: View,
                        into out: inout MarkupBuffer) {
        for n in body {
            switch view.nodes[n] {
            case .text(let range):
                out.appendBytes(UnsafeBufferPointer(rebasing: view.text[range]))
            case .variable(let path, let escaped):
                guard let value = lookup(view.paths[path], stack, view.parts) else { continue }
                switch value {
                case .string(let s):
                    if escaped { out.appendEscaped(s) } else { out.append(contentsOf: s) }
                case .utf8(let bytes):
                    bytes.withUnsafeBufferPointer { if escaped { out.appendEscaped(utf8: $0) } else { out.appendBytes($0) } }
                case .int(let i):
                    out.appendInt(i)
                case .bool(let b):
                    out.append(b ? "true" : "false")
                case .list, .object:
                    let text = String(describing: value.any)
                    if escaped { out.appendEscaped(text) } else { out.append(contentsOf: text) }
                }
            case .section(let path, let inner, let inverted):
                let value = lookup(view.paths[path], stack, view.parts)
                if inverted {
                    if CompiledTemplates.isFalsy(value) { render(inner, &stack, inherited: inherited, view, into: &out) }
                    continue
                }
                guard let value else { continue }
                switch value {
                case .bool(let b):
                    if b { render(inner, &stack, inherited: inherited, view, into: &out) }
                case .list(let items):
                    // By index: `for item in items` would copy each item once more before it is pushed.
                    for k in items.indices {
                        stack.append(items[k])
                        render(inner, &stack, inherited: inherited, view, into: &out)
                        stack.removeLast()
                    }
                default:
                    stack.append(value)
                    render(inner, &stack, inherited: inherited, view, into: &out)
                    stack.removeLast()
                }
            case .block(let name, let fallback):
                render(inherited?[tables.names[name]] ?? fallback, &stack, inherited: inherited, view, into: &out)
            case .partial(let name, let inherits):
                guard let body = templates[tables.names[name]] else { continue }
                var merged = inherited
                if inherits >= 0 {
                    if let original = inherited {
                        merged = original.merging(tables.inheritances[inherits]) { value, _ in value }
                    } else {
                        merged = tables.inheritances[inherits]
                    }
                }
                render(body, &stack, inherited: merged, view, into: &out)
            }
        }
    }

    /// Mustache name resolution: the first part is looked for from the top of the stack down. Inlined, and finding
    /// positions rather than values, so that only the value found is copied.
    @inline(__always)
    private func lookup(_ path: Path, _ stack: [TemplateValue], _ parts: UnsafeBufferPointer<String>) -> TemplateValue? {
        if path.isCurrent { return stack.last }
        guard !path.parts.isEmpty else { return nil }
        let first = parts[path.parts.lowerBound]
        var level = stack.count - 1
        let lowest = path.anchored ? level : 0
        while level >= lowest {
            if case .object(let o) = stack[level], let i = o.index(of: first) {
                guard path.parts.count > 1 else { return o.value(at: i) }
                var current = o.value(at: i)
                for p in path.parts.dropFirst() {
                    guard let next = CompiledTemplates.child(parts[p], of: current) else { return nil }
                    current = next
                }
                return current
            }
            level -= 1
        }
        return nil
    }

    @inline(__always)
    private static func child(_ name: String, of object: TemplateValue) -> TemplateValue? {
        if case .object(let o) = object { return o[name] }
        return nil
    }

    private static func isFalsy(_ value: TemplateValue?) -> Bool {
        guard let value else { return true }
        switch value {
        case .bool(let b): return !b
        case .list(let a): return a.isEmpty
        default: return false
        }
    }
}
