/// Site-level charts: issues per year (home) and department measures over time (placeholders).
public enum SiteCharts {
    /// Issues per year per series, for the home page.
    public static func issuesPerYear(_ site: Site) -> String { "" }

    /// Every metric key that appears in two or more issues of a department, as a line over issue dates.
    public static func departmentTrends(_ site: Site, department: Int, base: String) -> String { "" }
}
