import Foundation

/// Every department's trend groups, made once by a full render (`SiteRenderer.render(into:)`) and read by its
/// department pages. A page that comes before they are ready, or a single page rendered for the preview, makes its
/// department's groups itself: the same groups (see `SiteCharts.trendGroups(_:)`).
final class TrendGroupsCache: @unchecked Sendable {
    private let lock = NSLock()
    private var all: [DepartmentTrendGroups]?

    /// An empty cache.
    init() {}

    /// Makes every department's groups of `site`, unless they are made already.
    func fill(_ site: Site) {
        lock.lock()
        let done = all != nil
        lock.unlock()
        if done { return }
        let groups = SiteCharts.trendGroups(site)
        lock.lock()
        all = groups
        lock.unlock()
    }

    /// Department `department`'s groups, or nil when they are not made yet.
    func groups(_ department: Int) -> DepartmentTrendGroups? {
        lock.lock(); defer { lock.unlock() }
        guard let all, all.indices.contains(department) else { return nil }
        return all[department]
    }
}
