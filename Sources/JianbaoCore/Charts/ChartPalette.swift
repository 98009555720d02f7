/// Colours and fill patterns for charts. The colours are the Okabe–Ito set (safe for colour-blind readers);
/// series beyond the first also get a distinct pattern so that they stay apart in greyscale print.
enum ChartPalette {
    /// Main mark colour (blue, 5:1 against white).
    static let primary = "#0072B2"
    /// Text.
    static let ink = "#1a1a1a"
    /// Secondary text (7:1 against white).
    static let muted = "#555555"
    /// Gridlines.
    static let grid = "#d9d9d9"
    /// Progress track.
    static let track = "#e8e8e8"

    /// Okabe–Ito colours (yellow swapped for grey, which vanishes on white paper), ordered so neighbours differ in lightness too.
    static let colors = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#8C8C8C"]

    /// Colour of series `i`.
    static func color(_ i: Int) -> String { colors[((i % colors.count) + colors.count) % colors.count] }

    /// Number of distinct fills (colour + pattern) before they repeat.
    static let distinct = 8

    /// `<pattern>` definitions for series `0..<count`, with ids `<prefix>-p<i>`. Series 0 is a plain fill.
    static func patternDefs(prefix: String, count: Int) -> String {
        guard count > 1 else { return "" }
        var out = "<defs>"
        for i in 1..<min(count, distinct) {
            let c = color(i)
            let id = HTML.escape("\(prefix)-p\(i)")
            let mark: String
            switch i % 4 {
            case 1: mark = "<path d=\"M0 8L8 0M-2 2L2 -2M6 10L10 6\" stroke=\"#fff\" stroke-width=\"1.6\"/>"
            case 2: mark = "<circle cx=\"4\" cy=\"4\" r=\"1.5\" fill=\"#fff\"/>"
            case 3: mark = "<path d=\"M0 4H8\" stroke=\"#fff\" stroke-width=\"1.6\"/>"
            default: mark = "<path d=\"M0 0L8 8M-2 6L2 10M6 -2L10 2\" stroke=\"#fff\" stroke-width=\"1.6\"/>"
            }
            out += "<pattern id=\"\(id)\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"\(c)\"/>\(mark)</pattern>"
        }
        return out + "</defs>"
    }

    /// The `fill` value for series `i` (a pattern reference after the first).
    static func fill(_ i: Int, prefix: String) -> String {
        let k = i % distinct
        return k == 0 ? color(0) : "url(#\(HTML.escape("\(prefix)-p\(k)")))"
    }
}
