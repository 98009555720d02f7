/// The whole site, ready to render: issues sorted, grouped by series, departments and topics.
public struct Site: Sendable {
    /// Settings.
    public var config: SiteConfig
    /// All issues, newest first (date, then number).
    public var issues: [Issue]
    /// Issues per series key, newest first.
    public var bySeries: [String: [Int]]
    /// Departments that have at least one article, with their articles (newest first).
    public var departments: [DepartmentPage]
    /// Topics (tags), sorted by pinyin slug.
    public var topics: [TopicPage]
    /// For each issue index, its previous (older) and next (newer) issue in the series.
    public var neighbours: [Int: (older: Int?, newer: Int?)]
    /// Slug of each department name.
    public var departmentSlugs: [String: String]
    /// Slug of each topic name.
    public var topicSlugs: [String: String]
    /// Whether drafts are included.
    public var includesDrafts: Bool

    /// Newest content date, for feeds' `updated`.
    public var newestDate: CalendarDate? { issues.first?.date }
}

/// A reference to an article: issue index and article index.
public struct ArticleRef: Sendable, Hashable {
    public var issue: Int
    public var article: Int
}

/// A department with its articles.
public struct DepartmentPage: Sendable {
    public var department: Department
    /// Articles newest first.
    public var articles: [ArticleRef]
}

/// A topic with its issues.
public struct TopicPage: Sendable {
    public var name: String
    public var slug: String
    /// Issue indices newest first.
    public var issues: [Int]
}
