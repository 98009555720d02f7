import Foundation
import Mustache

/// Compiled templates and fingerprinted assets.
public struct Theme: Sendable {
    /// The templates, by name (`issue`, `partials/header`).
    public let library: MustacheLibrary
    /// Assets by source name (`style.css`) -> output path (`assets/style.3f2a9c1b.css`).
    public let assetPaths: [String: String]
    /// Asset bytes by output path.
    public let assetFiles: [String: Data]
    /// The same templates compiled for fast rendering (nil: a template needs swift-mustache itself).
    let compiled: CompiledTemplates?

    /// Templates every site needs.
    public static let requiredTemplates = ["base", "home", "series", "issue", "departments", "department",
                                           "topics", "topic", "search", "404"]

    /// Compiles `source.templates`; syntax errors and missing partials come back with file, line and column.
    public static func load(templates: [String: SourceFile], assets: [String: Data]) -> (Theme?, [Diagnostic]) {
        var bag = DiagnosticBag()
        var library = MustacheLibrary()
        for name in templates.keys.sorted() {
            let file = templates[name]!
            do {
                library.register(try MustacheTemplate(string: file.text), named: name)
            } catch let e as MustacheTemplate.ParserError {
                bag.error(file.path, e.context.lineNumber, e.context.columnNumber + 1, "模板语法错误: \(describe(e.error))")
            } catch {
                bag.error(file.path, 1, 1, "模板语法错误: \(error)")
            }
        }
        for name in requiredTemplates where templates[name] == nil {
            bag.error("templates/\(name).mustache", 0, 0, "缺少模板 templates/\(name).mustache")
        }
        // Every partial (`{{> name}}`) and parent (`{{< name}}`) must exist.
        for name in templates.keys.sorted() {
            let file = templates[name]!
            for ref in partialReferences(file.text) where templates[ref.name] == nil {
                bag.error(file.path, ref.line, ref.column, "找不到局部模板 “\(ref.name)”（应在 templates/\(ref.name).mustache）")
            }
        }
        // Assets, fingerprinted by content.
        var assetPaths: [String: String] = [:], assetFiles: [String: Data] = [:]
        for (name, data) in assets.sorted(by: { $0.key < $1.key }) {
            let hash = String(Hash.fnv1a64(data), radix: 16).prefix(10)
            let ext = (name as NSString).pathExtension
            let stem = ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
            let out = "assets/\(stem).\(hash)\(ext.isEmpty ? "" : "." + ext)"
            assetPaths[name] = out
            assetFiles[out] = data
        }
        guard !bag.hasErrors else { return (nil, bag.all) }
        let compiled = ProcessInfo.processInfo.environment["JIANBAO_REFERENCE_RENDERER"] == nil
            ? CompiledTemplates.compile(library, names: templates.keys.sorted()) : nil
        return (Theme(library: library, assetPaths: assetPaths, assetFiles: assetFiles, compiled: compiled), bag.all)
    }

    static func describe(_ e: Error) -> String {
        guard let pe = e as? MustacheTemplate.Error else { return "\(e)" }
        switch pe {
        case .sectionCloseNameIncorrect: return "结束标签与开始的区块名不一致"
        case .unfinishedName: return "标签没有闭合（缺少 }}）"
        case .expectedSectionEnd: return "区块没有结束标签 {{/…}}"
        case .invalidSetDelimiter: return "分隔符设置无效"
        case .transformAppliedToInheritanceSection: return "继承区块不能使用转换"
        case .illegalTokenInsideInheritSection: return "继承区块 {{<…}} 内只能有 {{$…}} 块"
        case .textInsideInheritSection: return "继承区块内不能有文字"
        case .invalidConfigVariableSyntax: return "配置变量语法无效"
        case .unrecognisedConfigVariable: return "未知的配置变量"
        @unknown default: return "\(pe)"
        }
    }

    struct PartialRef { let name: String; let line: Int; let column: Int }

    /// `{{> name}}` and `{{< name}}` references with their positions.
    static func partialReferences(_ text: String) -> [PartialRef] {
        var out: [PartialRef] = []
        var line = 1
        for l in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = l[...]
            while let open = rest.range(of: "{{") {
                let after = rest[open.upperBound...].drop { $0 == " " }
                guard let kind = after.first, kind == ">" || kind == "<" else { rest = rest[open.upperBound...]; continue }
                let nameStart = after.dropFirst().drop { $0 == " " }
                guard let close = nameStart.range(of: "}}") else { break }
                let name = nameStart[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                if !name.hasPrefix("*") {
                    let col = l.distance(from: l.startIndex, to: open.lowerBound) + 1
                    out.append(PartialRef(name: name, line: line, column: col))
                }
                rest = nameStart[close.upperBound...]
            }
            line += 1
        }
        return out
    }
}

/// Non-cryptographic hashes for fingerprints.
public enum Hash {
    /// FNV-1a, 64 bit.
    public static func fnv1a64<D: Sequence>(_ bytes: D) -> UInt64 where D.Element == UInt8 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in bytes { h ^= UInt64(b); h = h &* 0x100000001b3 }
        return h
    }
}

extension Theme {
    /// Renders template `name` with a context tree into `out`: the compiled templates when available, else
    /// swift-mustache. False when there is no such template.
    func render(_ name: String, _ context: TemplateValue, into out: inout MarkupBuffer) -> Bool {
        if let compiled { return compiled.render(name, context, into: &out) }
        guard let text = library.render(context.any, withTemplate: name) else { return false }
        out.append(contentsOf: text)
        return true
    }

    /// A copy that renders with swift-mustache only (the reference, for tests).
    var reference: Theme { Theme(library: library, assetPaths: assetPaths, assetFiles: assetFiles, compiled: nil) }
}
