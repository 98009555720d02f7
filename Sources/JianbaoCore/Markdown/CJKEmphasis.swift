/// CJK-friendly emphasis (placeholder; see the Chinese-aware Markdown issue).
enum CJKEmphasis {
    /// Turns literal `**…**` runs that CommonMark refused next to CJK text into strong/emph nodes.
    static func apply(_ doc: CMarkDocument) {}
}
