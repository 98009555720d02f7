/// Site settings from `site.yml`.
public struct SiteConfig: Sendable {
    /// Site title (required).
    public var title: String
    /// Absolute base URL ending in `/` (required); feeds and sitemap use it.
    public var baseURL: String
    /// Language, `zh-CN`.
    public var language: String
    /// One-line description.
    public var description: String
    /// Bulletin series, in the order given.
    public var series: [SeriesConfig]
    /// The department registry.
    public var departments: [Department]
    /// The 政府网站 identity block.
    public var footer: Footer

    /// Creates a config.
    public init(title: String, baseURL: String, language: String = "zh-CN", description: String = "",
                series: [SeriesConfig], departments: [Department] = [], footer: Footer = Footer()) {
        self.title = title
        self.baseURL = baseURL
        self.language = language
        self.description = description
        self.series = series
        self.departments = departments
        self.footer = footer
    }

    /// The series with a key.
    public func series(_ key: String) -> SeriesConfig? { series.first { $0.key == key } }

    /// The path part of `base_url` (`/jianbao/`), used to make site-relative links.
    public var basePath: String {
        guard let schemeEnd = baseURL.range(of: "://") else { return "/" }
        let rest = baseURL[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        var p = String(rest[slash...])
        if !p.hasSuffix("/") { p += "/" }
        return p
    }

    /// The host of `base_url`.
    public var domain: String {
        guard let schemeEnd = baseURL.range(of: "://") else { return baseURL }
        let rest = baseURL[schemeEnd.upperBound...]
        return String(rest.prefix { $0 != "/" })
    }
}

/// How issue numbers (期号) run in a series.
public enum Numbering: String, Sendable, CaseIterable {
    /// Unique across the whole series.
    case continuous
    /// Unique within a year.
    case yearly
    /// No numbers; issues are named by `slug`.
    case none
}

/// A bulletin series (one 简报 title).
public struct SeriesConfig: Sendable, Hashable {
    /// URL segment `[a-z0-9-]+`.
    public var key: String
    /// Printed title of the bulletin, shown in the red 报头.
    public var title: String
    /// Default 编印单位.
    public var publisher: String
    /// Numbering rule.
    public var numbering: Numbering
    /// Optional description.
    public var description: String

    /// Creates a series.
    public init(key: String, title: String, publisher: String = "", numbering: Numbering = .continuous, description: String = "") {
        self.key = key
        self.title = title
        self.publisher = publisher
        self.numbering = numbering
        self.description = description
    }
}

/// A registry entry: the department every article resolves to.
public struct Department: Sendable, Hashable {
    /// Official name, e.g. 市司法局.
    public var name: String
    /// URL slug (given, or pinyin of the name).
    public var slug: String
    /// Other names used in headings.
    public var aliases: [String]
    /// Group on the departments index, e.g. 市直部门.
    public var group: String
    /// When not empty, resolves only for articles of these series.
    public var series: [String]
    /// Line in site.yml, for diagnostics.
    public var line: Int
    /// Column in site.yml, for diagnostics.
    public var column: Int = 1

    /// Creates a department.
    public init(name: String, slug: String, aliases: [String] = [], group: String = "", series: [String] = [], line: Int = 0) {
        self.name = name
        self.slug = slug
        self.aliases = aliases
        self.group = group
        self.series = series
        self.line = line
    }

    /// True when this entry applies to articles of `seriesKey`.
    public func applies(to seriesKey: String) -> Bool { series.isEmpty || series.contains(seriesKey) }
}

/// The 政府网站发展指引 identity block in every page's footer. Every field is optional.
public struct Footer: Sendable, Hashable {
    /// 主办单位.
    public var sponsor = ""
    /// 承办单位.
    public var organizer = ""
    /// 网站标识码.
    public var siteIDCode = ""
    /// ICP备案号.
    public var icp = ""
    /// 公安机关备案号.
    public var policeRecord = ""
    /// 联系电话.
    public var phone = ""
    /// 联系邮箱.
    public var email = ""
    /// 党政机关网站标识: image path (under templates/assets or absolute URL).
    public var govMarkImage = ""
    /// 党政机关网站标识: link target.
    public var govMarkLink = ""

    /// An empty footer.
    public init() {}
}

extension SiteConfig {
    /// The config with every department that has no `slug` given named by the pinyin of its name
    /// (one ICU transliteration for all of them).
    public func withDepartmentSlugs() -> SiteConfig {
        let missing = departments.indices.filter { departments[$0].slug.isEmpty }
        guard !missing.isEmpty else { return self }
        var copy = self
        for (i, slug) in zip(missing, Slug.pinyin(missing.map { departments[$0].name })) { copy.departments[i].slug = slug }
        return copy
    }
}
