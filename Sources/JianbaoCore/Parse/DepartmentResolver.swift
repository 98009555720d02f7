import Foundation

/// Resolves each article to one registry department: the `{department=…}` attribute, else the
/// longest name or alias the heading begins with, else the one a `——` subtitle begins with.
public struct DepartmentResolver: Sendable {
    struct Entry: Sendable {
        let name: String
        let index: Int
        let utf8: [UInt8]
        /// Characters in the name (counted once: `String.count` walks the grapheme clusters).
        let length: Int
        init(name: String, index: Int) { self.name = name; self.index = index; utf8 = Array(name.utf8); length = name.count }
    }
    let departments: [Department]
    /// Names and aliases, longest first.
    let entries: [Entry]

    /// Creates a resolver over the registry.
    public init(departments: [Department]) {
        self.departments = departments
        var e: [Entry] = []
        for (i, d) in departments.enumerated() {
            e.append(Entry(name: d.name, index: i))
            for a in d.aliases { e.append(Entry(name: a, index: i)) }
        }
        entries = e.sorted { $0.length != $1.length ? $0.length > $1.length : $0.name < $1.name }
    }

    /// The department whose name or alias `text` begins with (longest wins); ambiguity is an error message.
    func match(prefixOf text: String, series: String) -> Result<Department?, Message> {
        var bestLength = -1
        var found: [Int] = []
        var text = text
        text.withUTF8 { all in
            // Names are looked for in the first 256 bytes.
            let bytes = UnsafeBufferPointer(rebasing: all.prefix(256))
            for e in entries {
                if e.length < bestLength { break }
                // Byte prefix on UTF-8 is a character prefix here: names are whole characters.
                guard e.utf8.count <= bytes.count, e.utf8.withUnsafeBufferPointer({ name in
                    name.isEmpty || memcmp(name.baseAddress!, bytes.baseAddress!, name.count) == 0
                }), departments[e.index].applies(to: series) else { continue }
                bestLength = e.length
                if !found.contains(e.index) { found.append(e.index) }
            }
        }
        if found.count > 1 {
            let names = found.map { departments[$0].name }.sorted()
            return .failure(Message("“\(text.prefix(bestLength))” 同时对应多个部门（\(names.joined(separator: "、"))），请用 {department=…} 指明"))
        }
        return .success(found.first.map { departments[$0] })
    }

    /// The department named exactly `name` (or by an alias), for this series.
    func exact(_ name: String, series: String) -> Result<Department?, Message> {
        let found = Set(entries.filter { $0.name == name && departments[$0.index].applies(to: series) }.map(\.index))
        if found.count > 1 {
            return .failure(Message("“\(name)” 同时对应多个部门（\(found.map { departments[$0].name }.sorted().joined(separator: "、"))），请在 site.yml 中用 series 区分"))
        }
        return .success(found.first.map { departments[$0] })
    }

    /// Resolves an article of `series` in `file`.
    public func resolve(_ a: MarkdownProcessor.RawArticle, series: String, file: String) -> Result<Department, Diagnostic> {
        if let attr = a.departmentAttribute {
            switch exact(attr, series: series) {
            case .failure(let m): return .failure(Diagnostic(file: file, line: a.line, column: a.attributeColumn, m.text))
            case .success(let d?): return .success(d)
            case .success(nil):
                let elsewhere = departments.first { $0.name == attr || $0.aliases.contains(attr) }
                if let elsewhere {
                    return .failure(Diagnostic(file: file, line: a.line, column: a.attributeColumn,
                        "部门 “\(attr)” 只用于系列 \(elsewhere.series.joined(separator: ", "))，不适用于 “\(series)”"))
                }
                let slug = Slug.pinyin(attr)
                return .failure(Diagnostic(file: file, line: a.line, column: a.attributeColumn,
                    "部门 “\(attr)” 不在 site.yml 的部门名录中，请添加:\n  - name: \(attr)\n    slug: \(slug)"))
            }
        }
        switch match(prefixOf: a.title, series: series) {
        case .failure(let m): return .failure(Diagnostic(file: file, line: a.line, column: 4, m.text))
        case .success(let d?): return .success(d)
        case .success(nil): break
        }
        if !a.subtitle.isEmpty {
            switch match(prefixOf: a.subtitle, series: series) {
            case .failure(let m): return .failure(Diagnostic(file: file, line: a.line + 2, column: 3, m.text))
            case .success(let d?): return .success(d)
            case .success(nil): break
            }
        }
        let candidates = departments.filter { $0.applies(to: series) }.map(\.name)
        let near = Suggest.nearest(String(a.title.prefix(8)), in: candidates, count: 3)
        var msg = "无法确定文章 “\(a.title)” 的部门: 标题和副标题都不以部门名开头，请在标题末尾加 {department=部门名}"
        if !near.isEmpty { msg += "；最接近的部门: \(near.joined(separator: "、"))" }
        return .failure(Diagnostic(file: file, line: a.line, column: 4, msg))
    }
}
