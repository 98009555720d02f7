import Foundation
import Yams

/// Parses and validates `site.yml`.
public enum SiteConfigParser {
    /// Keys allowed at the top of site.yml.
    public static let topKeys = ["title", "base_url", "language", "description", "series", "departments", "footer"]
    static let seriesKeys = ["key", "title", "publisher", "numbering", "description"]
    static let departmentKeys = ["name", "slug", "aliases", "group", "series"]
    static let footerKeys = ["sponsor", "organizer", "site_id_code", "icp", "police_record", "contact", "gov_mark"]

    /// Parses `text` (the file at `file`); returns the config or the diagnostics.
    public static func parse(_ text: String, file: String = "site.yml") -> (SiteConfig?, [Diagnostic]) {
        var r = YAMLReader(file: file)
        guard let root = r.parse(text) else { return (nil, r.bag.all) }
        guard let pairs = r.mapping(root, allowed: topKeys, what: "site.yml ") else { return (nil, r.bag.all) }
        var title: String?, baseURL: String?, language = "zh-CN", description = ""
        var series: [SeriesConfig] = [], departments: [Department] = [], footer = Footer()
        var seriesNode: Node?
        for (key, _, value) in pairs {
            switch key {
            case "title": title = r.string(value, key: key)
            case "base_url":
                if var u = r.string(value, key: key) {
                    if !(u.hasPrefix("https://") || u.hasPrefix("http://")) {
                        r.error(value, "base_url 应当是以 http:// 或 https:// 开头的完整网址")
                    } else {
                        if !u.hasSuffix("/") { u += "/" }
                        baseURL = u
                    }
                }
            case "language": language = r.string(value, key: key) ?? language
            case "description": description = r.string(value, key: key, allowEmpty: true) ?? ""
            case "series":
                seriesNode = value
                series = parseSeries(value, &r)
            case "departments": departments = parseDepartments(value, &r)
            case "footer": footer = parseFooter(value, &r)
            default: break
            }
        }
        if title == nil && !pairs.contains(where: { $0.key == "title" }) { r.bag.error(file, 1, 1, "site.yml 缺少必填字段 “title”") }
        if baseURL == nil && !pairs.contains(where: { $0.key == "base_url" }) { r.bag.error(file, 1, 1, "site.yml 缺少必填字段 “base_url”，例如 base_url: https://example.gov.cn/jianbao/") }
        if seriesNode == nil { r.bag.error(file, 1, 1, "site.yml 至少需要一个简报系列（series）") }
        else if series.isEmpty && !r.bag.hasErrors { r.error(seriesNode!, "site.yml 至少需要一个简报系列（series）") }
        // Series keys that are also site sections would collide with other pages.
        let reserved = Set(["departments", "topics", "search", "assets", "feed.xml", "sitemap.xml", "robots.txt", "404.html"])
        var seenSeries = Set<String>()
        for s in series {
            if reserved.contains(s.key) { r.bag.error(file, 1, 1, "系列 key “\(s.key)” 与网站栏目路径冲突，请换一个") }
            if !seenSeries.insert(s.key).inserted { r.bag.error(file, 1, 1, "系列 key “\(s.key)” 重复") }
        }
        for d in departments {
            for s in d.series where !seenSeries.contains(s) {
                r.bag.error(file, d.line, d.column, "部门 “\(d.name)” 的 series 中的 “\(s)” 不是已定义的系列（可用: \(series.map(\.key).joined(separator: ", "))）")
            }
        }
        guard !r.bag.hasErrors, let title, let baseURL else { return (nil, r.bag.all) }
        return (SiteConfig(title: title, baseURL: baseURL, language: language, description: description,
                           series: series, departments: departments, footer: footer), r.bag.all)
    }

    static func parseSeries(_ node: Node, _ r: inout YAMLReader) -> [SeriesConfig] {
        guard case .sequence(let seq) = node else { r.error(node, "series 应当是列表"); return [] }
        var out: [SeriesConfig] = []
        for item in seq {
            guard let pairs = r.mapping(item, allowed: seriesKeys, what: "系列") else { continue }
            var key: String?, title: String?, publisher = "", numbering = Numbering.continuous, desc = ""
            for (k, _, v) in pairs {
                switch k {
                case "key":
                    if let s = r.string(v, key: k) {
                        if s.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }) { key = s }
                        else { r.error(v, "系列 key “\(s)” 只能包含小写字母、数字和连字符 [a-z0-9-]") }
                    }
                case "title": title = r.string(v, key: k)
                case "publisher": publisher = r.string(v, key: k) ?? ""
                case "numbering":
                    if let s = r.string(v, key: k) {
                        if let n = Numbering(rawValue: s) { numbering = n }
                        else { r.error(v, "numbering 应当是 continuous、yearly 或 none，而不是 “\(s)”") }
                    }
                case "description": desc = r.string(v, key: k, allowEmpty: true) ?? ""
                default: break
                }
            }
            if key == nil, !pairs.contains(where: { $0.key == "key" }) { r.error(item, "系列缺少 key") }
            if title == nil, !pairs.contains(where: { $0.key == "title" }) { r.error(item, "系列缺少 title") }
            if let key, let title {
                out.append(SeriesConfig(key: key, title: title, publisher: publisher, numbering: numbering, description: desc))
            }
        }
        return out
    }

    static func parseDepartments(_ node: Node, _ r: inout YAMLReader) -> [Department] {
        guard case .sequence(let seq) = node else { r.error(node, "departments 应当是列表"); return [] }
        var out: [Department] = []
        for item in seq {
            guard let pairs = r.mapping(item, allowed: departmentKeys, what: "部门") else { continue }
            var name: String?, slug: String?, aliases: [String] = [], group = "", series: [String] = []
            for (k, _, v) in pairs {
                switch k {
                case "name": name = r.string(v, key: k)?.trimmingCharacters(in: .whitespaces)
                case "slug":
                    if let s = r.string(v, key: k) {
                        if Slug.isValid(s) { slug = s } else { r.error(v, "slug “\(s)” 只能包含小写字母、数字和连字符 [a-z0-9-]") }
                    }
                case "aliases": aliases = r.stringList(v, key: k) ?? []
                case "group": group = r.string(v, key: k) ?? ""
                case "series": series = r.stringList(v, key: k) ?? []
                default: break
                }
            }
            let (line, column) = r.position(item)
            guard let name else {
                if !pairs.contains(where: { $0.key == "name" }) { r.error(item, "部门缺少 name") }
                continue
            }
            var dept = Department(name: name, slug: slug ?? "", aliases: aliases, group: group, series: series, line: line)
            dept.column = column
            out.append(dept)
        }
        // Slugs not given stay empty here: the model stage fills them with pinyin (`SiteConfig.withDepartmentSlugs`),
        // so ICU's first use overlaps with the parsing of the issues.
        return out
    }

    static func parseFooter(_ node: Node, _ r: inout YAMLReader) -> Footer {
        var f = Footer()
        guard let pairs = r.mapping(node, allowed: footerKeys, what: "footer ") else { return f }
        for (k, _, v) in pairs {
            switch k {
            case "sponsor": f.sponsor = r.string(v, key: k, allowEmpty: true) ?? ""
            case "organizer": f.organizer = r.string(v, key: k, allowEmpty: true) ?? ""
            case "site_id_code": f.siteIDCode = r.string(v, key: k, allowEmpty: true) ?? ""
            case "icp": f.icp = r.string(v, key: k, allowEmpty: true) ?? ""
            case "police_record": f.policeRecord = r.string(v, key: k, allowEmpty: true) ?? ""
            case "contact":
                if let cp = r.mapping(v, allowed: ["phone", "email"], what: "contact ") {
                    for (ck, _, cv) in cp {
                        if ck == "phone" { f.phone = r.string(cv, key: ck) ?? "" } else { f.email = r.string(cv, key: ck) ?? "" }
                    }
                }
            case "gov_mark":
                if let gp = r.mapping(v, allowed: ["image", "link"], what: "gov_mark ") {
                    for (gk, _, gv) in gp {
                        if gk == "image" { f.govMarkImage = r.string(gv, key: gk) ?? "" } else { f.govMarkLink = r.string(gv, key: gk) ?? "" }
                    }
                }
            default: break
            }
        }
        return f
    }
}
