/// The fields of an issue's front matter, checked key by key, with the positions later diagnostics point at.
struct FrontMatterFields {
    var seriesKey: String?
    /// Where `series:`'s value is, when it was written.
    var seriesPosition: (Int, Int)?
    var number: Int?
    /// Where `issue:`'s value is (else `slug:`'s, else the start of the front matter).
    var numberPosition = (2, 1)
    var date: CalendarDate?
    var dateSeen = false
    var title = ""
    var publisher: String?
    var signer = ""
    var editorNote = ""
    var tags: [String] = []
    /// Where `tags:`'s value is.
    var tagsPosition = (1, 1)
    var reportTo: [String] = []
    var sendTo: [String] = []
    var phone = ""
    var email = ""
    var slug: String?
    var draft = false
    /// The keys written (known and not repeated), in order.
    var keys: [String] = []

    /// Reads the front matter's root node (from Yams or from `FrontMatterYAML`); problems go to `r`. Nil when the
    /// root is not a mapping.
    static func read<N: YAMLNodeView>(_ root: N, _ r: inout YAMLReader) -> FrontMatterFields? {
        guard let pairs = r.mapping(root, allowed: IssueParser.keys, what: "front matter ") else { return nil }
        var f = FrontMatterFields()
        f.keys = pairs.map(\.key)
        for (key, _, value) in pairs {
            switch key {
            case "series": f.seriesKey = r.string(value, key: key); f.seriesPosition = r.position(value)
            case "issue":
                f.number = r.int(value, key: key, minimum: 1)
                f.numberPosition = r.position(value)
            case "date": f.date = r.date(value, key: key); f.dateSeen = true
            case "title": f.title = r.string(value, key: key) ?? ""
            case "publisher": f.publisher = r.string(value, key: key)
            case "signer": f.signer = r.string(value, key: key) ?? ""
            case "editor_note": f.editorNote = r.string(value, key: key) ?? ""
            case "tags":
                f.tagsPosition = r.position(value)
                f.tags = (r.stringList(value, key: key) ?? []).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            case "report_to": f.reportTo = r.stringList(value, key: key) ?? []
            case "send_to": f.sendTo = r.stringList(value, key: key) ?? []
            case "contact":
                if let cp = r.mapping(value, allowed: ["phone", "email"], what: "contact ") {
                    for (ck, _, cv) in cp {
                        if ck == "phone" { f.phone = r.string(cv, key: ck) ?? "" } else { f.email = r.string(cv, key: ck) ?? "" }
                    }
                }
            case "slug":
                if let s = r.string(value, key: key) {
                    if Slug.isValid(s) { f.slug = s; if f.number == nil { f.numberPosition = r.position(value) } }
                    else { r.error(value, "slug “\(s)” 只能包含小写字母、数字和连字符 [a-z0-9-]，例如 \(Slug.pinyin(s))") }
                }
            case "draft": f.draft = r.bool(value, key: key) ?? false
            default: break
            }
        }
        return f
    }
}
