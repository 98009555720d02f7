/// Writes the static search index (placeholder until the search issue).
public enum SearchIndexWriter {
    /// Writes the index files under `search/`.
    public static func write(_ site: Site, into sink: OutputSink) throws {}
}
