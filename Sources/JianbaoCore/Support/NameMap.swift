/// A table keyed by names (departments, topics) that answers as a `[String: Value]` would, but looks a name up by
/// its UTF-8 bytes first (`UTF8Key`): String hashing normalizes Chinese text, ~1,000 instructions a lookup, and
/// the pipeline passes names along unchanged, so the bytes nearly always match. A name whose bytes are not in the
/// table (a canonically equivalent spelling) is looked up as a String, so it finds its entry as before.
///
/// Each name is set once (a later value for an equivalent spelling would leave the bytes table behind).
struct NameMap<Value> {
    private var byString: [String: Value] = [:]
    private var byBytes: [UTF8Key: Value] = [:]

    /// An empty table.
    init() {}

    /// The entries of `dictionary`.
    init(_ dictionary: [String: Value]) {
        byString = dictionary
        byBytes = Dictionary(uniqueKeysWithValues: dictionary.map { (UTF8Key($0.key), $0.value) })
    }

    /// The value of `name` (or of a canonically equivalent spelling); setting adds an entry.
    subscript(name: String) -> Value? {
        get { byBytes[UTF8Key(name)] ?? byString[name] }
        set {
            byString[name] = newValue
            byBytes[UTF8Key(name)] = newValue
        }
    }

    /// Entries (one per equivalent spelling).
    var count: Int { byString.count }
}
