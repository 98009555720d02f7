/// A value of a page context as the templates see it. The page contexts are built as these trees directly,
/// so rendering needs no dynamic casts; `any` gives swift-mustache (the reference renderer) the same tree as
/// plain Swift values.
enum TemplateValue {
    case string(String)
    /// UTF-8 text the pipeline made itself (an article's body HTML): written into the page as it is, never decoded.
    case utf8([UInt8])
    case bool(Bool)
    case int(Int)
    case list([TemplateValue])
    case object(TemplateObject)

    /// `s`, or nil (the key is left out, so sections skip it) when `s` is empty.
    static func nonEmpty(_ s: String) -> TemplateValue? { s.isEmpty ? nil : .string(s) }

    /// The same tree as `String`, `Bool`, `Int`, `[Any]` and `[String: Any]`.
    var any: Any {
        switch self {
        case .string(let s): return s
        case .utf8(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .bool(let b): return b
        case .int(let i): return i
        case .list(let items): return items.map(\.any)
        case .object(let o): return o.dictionary
        }
    }
}

/// A context object: names and values in the order they were set. A page's objects have a handful of keys,
/// so a scan of short (inline) strings finds one faster than hashing would, and building one is a few appends.
struct TemplateObject: ExpressibleByDictionaryLiteral {
    /// (name, value) pairs.
    private var entries: [(String, TemplateValue)]

    /// An object with `pairs` (each key once).
    init(dictionaryLiteral pairs: (String, TemplateValue)...) { entries = pairs }

    /// Where `key` is among the entries, by index: iterating the pairs would copy (retain and release) every value
    /// passed over. UTF-8 lengths are compared first: they are read from the strings' own words, and most keys passed
    /// over differ in length, while `==` on two different strings calls into the standard library. (So a key finds
    /// only an entry of the same length in bytes; the keys are the renderer's ASCII names.) Inlined into the
    /// renderer's lookups, which then read the value in place instead of copying each level's value.
    @inline(__always)
    func index(of key: String) -> Int? {
        let length = key.utf8.count
        for i in entries.indices where entries[i].0.utf8.count == length && entries[i].0 == key { return i }
        return nil
    }

    /// The value of entry `i` (an index `index(of:)` returned).
    @inline(__always)
    func value(at i: Int) -> TemplateValue { entries[i].1 }

    /// The value for `key`; setting nil removes it, setting a present key replaces its value.
    subscript(key: String) -> TemplateValue? {
        get {
            index(of: key).map { entries[$0].1 }
        }
        set {
            if let i = index(of: key) {
                if let newValue { entries[i].1 = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    /// The object as a dictionary of plain Swift values (for swift-mustache).
    var dictionary: [String: Any] {
        var d: [String: Any] = [:]
        for (k, v) in entries { d[k] = v.any }
        return d
    }
}
