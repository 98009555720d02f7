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
    /// A compiled template: a list of nodes.
    typealias Body = [Node]

    /// One token of a template.
    enum Node {
        /// Literal markup: a range of `text`, the UTF-8 of all the templates' literal markup (a range is copied
        /// without reference counting, so the render loop passes over text nodes without retains).
        case text(Range<Int>)
        case variable(Path, escaped: Bool)
        case section(Path, Body, inverted: Bool)
        case block(String, Body)
        case partial(String, inherits: [String: Body]?)
    }

    /// A name split at dots once, at compile time.
    struct Path {
        let parts: [String]
        /// `.` (the current object).
        let isCurrent: Bool
        /// `.name`: look only at the top of the stack.
        let anchored: Bool

        init(_ name: String) {
            isCurrent = name == "."
            anchored = name.first == "." && name != "."
            parts = name.split(separator: ".").map(String.init)
        }
    }

    private let templates: [String: Body]
    /// The literal markup of every template, which `.text` nodes index.
    private let text: [UInt8]

    private init(templates: [String: Body], text: [UInt8]) {
        self.templates = templates
        self.text = text
    }

    /// Compiles every template of `library` named in `names`, or returns nil when one uses a feature
    /// the interpreter does not cover.
    static func compile(_ library: MustacheLibrary, names: [String]) -> CompiledTemplates? {
        var out: [String: Body] = [:]
        var text: [UInt8] = []
        for name in names {
            guard let template = library.getTemplate(named: name), let body = compile(template, &text) else { return nil }
            out[name] = body
        }
        return CompiledTemplates(templates: out, text: text)
    }

    /// Reads a swift-mustache template's tokens through `Mirror`; literal markup is appended to `text`.
    static func compile(_ template: MustacheTemplate, _ text: inout [UInt8]) -> Body? {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value as? [Any] else { return nil }
        var body: Body = []
        body.reserveCapacity(tokens.count)
        for token in tokens {
            guard let node = compileToken(token, &text) else { return nil }
            if let node { body.append(node) }
        }
        return body
    }

    /// nil: unsupported; .some(nil): a token that renders nothing.
    private static func compileToken(_ token: Any, _ text: inout [UInt8]) -> Node?? {
        let mirror = Mirror(reflecting: token)
        guard let payload = mirror.children.first, let kind = payload.label else { return nil }
        let fields = Mirror(reflecting: payload.value).children.map(\.value)
        func string(_ i: Int) -> String? { i < fields.count ? fields[i] as? String : (i == 0 ? payload.value as? String : nil) }
        func noTransforms(_ i: Int) -> Bool { i < fields.count ? ((fields[i] as? [String])?.isEmpty ?? false) : false }
        func sub(_ i: Int) -> Body? { (i < fields.count ? fields[i] as? MustacheTemplate : nil).flatMap { compile($0, &text) } }
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
        switch kind {
        case "text":
            guard let literal = payload.value as? String else { return nil }
            let start = text.count
            text.append(contentsOf: literal.utf8)
            return .some(.text(start..<text.count))
        case "variable", "unescapedVariable":
            guard let name = string(0), noTransforms(1) else { return nil }
            return .some(.variable(Path(name), escaped: kind == "variable"))
        case "section", "invertedSection":
            guard let name = string(0), noTransforms(1), let body = sub(2) else { return nil }
            return .some(.section(Path(name), body, inverted: kind == "invertedSection"))
        case "blockExpansion":
            guard let name = string(0), let body = sub(1), plainIndentation(2) else { return nil }
            return .some(.block(name, body))
        case "partial":
            guard let name = string(0), plainIndentation(1), fields.count > 2 else { return nil }
            let inheritsMirror = Mirror(reflecting: fields[2])
            guard inheritsMirror.displayStyle == .optional else { return nil }
            guard let inheritsValue = inheritsMirror.children.first?.value else { return .some(.partial(name, inherits: nil)) }
            guard let dict = inheritsValue as? [String: MustacheTemplate] else { return nil }
            var inherits: [String: Body] = [:]
            for (k, t) in dict {
                guard let b = compile(t, &text) else { return nil }
                inherits[k] = b
            }
            return .some(.partial(name, inherits: inherits))
        default:
            // dynamicNamePartial, contentType, blockDefinition: not covered.
            return nil
        }
    }

    // MARK: Rendering

    /// Renders template `name` with `context` into `out`; false when there is no such template.
    func render(_ name: String, _ context: TemplateValue, into out: inout MarkupBuffer) -> Bool {
        guard let body = templates[name] else { return false }
        var stack: [TemplateValue] = [context]
        text.withUnsafeBufferPointer { text in
            render(body, &stack, inherited: nil, text: text, into: &out)
        }
        return true
    }

    private func render(_ body: Body, _ stack: inout [TemplateValue], inherited: [String: Body]?,
                        text: UnsafeBufferPointer<UInt8>, into out: inout MarkupBuffer) {
        // By index: `for node in body` would copy (retain and release) every node.
        for n in body.indices {
            switch body[n] {
            case .text(let range):
                out.appendBytes(UnsafeBufferPointer(rebasing: text[range]))
            case .variable(let path, let escaped):
                guard let value = lookup(path, stack) else { continue }
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
                let value = lookup(path, stack)
                if inverted {
                    if CompiledTemplates.isFalsy(value) { render(inner, &stack, inherited: inherited, text: text, into: &out) }
                    continue
                }
                guard let value else { continue }
                switch value {
                case .bool(let b):
                    if b { render(inner, &stack, inherited: inherited, text: text, into: &out) }
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        render(inner, &stack, inherited: inherited, text: text, into: &out)
                        stack.removeLast()
                    }
                default:
                    stack.append(value)
                    render(inner, &stack, inherited: inherited, text: text, into: &out)
                    stack.removeLast()
                }
            case .block(let name, let fallback):
                render(inherited?[name] ?? fallback, &stack, inherited: inherited, text: text, into: &out)
            case .partial(let name, let inherits):
                guard let body = templates[name] else { continue }
                var merged = inherited
                if let inherits {
                    if let original = inherited {
                        merged = original.merging(inherits) { value, _ in value }
                    } else {
                        merged = inherits
                    }
                }
                render(body, &stack, inherited: merged, text: text, into: &out)
            }
        }
    }

    /// Mustache name resolution: the first part is looked for from the top of the stack down. Inlined, and finding
    /// positions rather than values, so that only the value found is copied.
    @inline(__always)
    private func lookup(_ path: Path, _ stack: [TemplateValue]) -> TemplateValue? {
        if path.isCurrent { return stack.last }
        guard let first = path.parts.first else { return nil }
        var level = stack.count - 1
        let lowest = path.anchored ? level : 0
        while level >= lowest {
            if case .object(let o) = stack[level], let i = o.index(of: first) {
                guard path.parts.count > 1 else { return o.value(at: i) }
                var current = o.value(at: i)
                for p in path.parts.indices.dropFirst() {
                    guard let next = CompiledTemplates.child(path.parts[p], of: current) else { return nil }
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
