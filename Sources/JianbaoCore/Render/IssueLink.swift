/// What links to an issue and lists of issues show, made once per issue by the renderer: an issue appears on
/// several pages (its own, its neighbours', listings, department trends).
struct IssueLink {
    /// `ganzhou/2022/151/` (`Issue.path`).
    let path: String
    /// `/jianbao/ganzhou/2022/151/`: the base path, then `path`.
    let url: String
    /// `第151期`, or empty.
    let numberLabel: String
    /// The series title (the key when the series is unknown).
    let seriesTitle: String
    let dateISO: String
    let dateChinese: String

    /// The link of `site.issues[index]`; `base` is the site's base path (`/jianbao/`).
    init(_ site: Site, _ index: Int, base: String, seriesTitle: String) {
        // Field by field: reading the issue out of the array as a whole would copy it.
        path = site.issues.path(ofIssue: index)
        url = base + path
        numberLabel = site.issues.numberLabel(ofIssue: index)
        self.seriesTitle = seriesTitle
        let date = site.issues[index].date
        dateISO = date.iso
        dateChinese = date.chinese
    }
}
