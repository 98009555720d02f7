/// Everything about an issue that pages other than its own show: its place in the order, listings (home,
/// series, topic and department pages), neighbours' links, department trend charts, the sitemap, and what the
/// model's checks (duplicate numbers and paths, topic spellings) look at. Two versions of an issue with equal
/// signatures sort to the same place and leave every other page unchanged; feeds (publisher, article text) and
/// the search index are not covered.
struct ListingSignature: Equatable {
    /// What a listing shows of one article.
    struct ArticleListing: Equatable {
        var anchor: String
        var title: String
        var department: String
        /// Keyed metric items (the points of department trend charts).
        var keyedMetrics: [KeyedMetric]
    }

    /// A metric item with a `key`, as department trend charts draw it.
    struct KeyedMetric: Equatable {
        var key: String
        var value: Double
        var unit: String
        var label: String
        var blockTitle: String
    }

    var sourcePath: String
    var path: String
    var series: String
    var date: CalendarDate
    var number: Int?
    var slug: String?
    var title: String
    var draft: Bool
    var tags: [String]
    var articles: [ArticleListing]

    /// The signature of `issue`.
    init(_ issue: Issue) {
        sourcePath = issue.sourcePath
        path = issue.path
        series = issue.series
        date = issue.date
        number = issue.number
        slug = issue.slug
        title = issue.title
        draft = issue.draft
        tags = issue.tags
        articles = issue.articles.map { a in
            var keyed: [KeyedMetric] = []
            for block in a.metrics {
                for item in block.items {
                    if let key = item.key {
                        keyed.append(KeyedMetric(key: key, value: item.value, unit: item.unit, label: item.label, blockTitle: block.title))
                    }
                }
            }
            return ArticleListing(anchor: a.anchor, title: a.title, department: a.department, keyedMetrics: keyed)
        }
    }
}
