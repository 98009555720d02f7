import Foundation

/// URL slugs: ASCII `[a-z0-9-]`, pinyin for Chinese names.
public enum Slug {
    /// True for a non-empty `[a-z0-9-]+` slug.
    public static func isValid(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    /// Pinyin slug through ICU (`Han-Latin; Latin-ASCII`): 市司法局 -> shi-si-fa-ju. Never empty.
    public static func pinyin(_ name: String) -> String {
        pinyin([name])[0]
    }

    /// Pinyin slugs of many names with one ICU transliteration (creating a transliterator costs far
    /// more than using it, so the names are joined by newlines, transformed once and split again).
    public static func pinyin(_ names: [String]) -> [String] {
        guard !names.isEmpty else { return [] }
        // Cached: the preview asks again for the same names on every rebuild.
        cacheLock.lock()
        let cached = names.map { cache[$0] }
        cacheLock.unlock()
        if cached.allSatisfy({ $0 != nil }) { return cached.map { $0! } }
        let computed = transliterate(names)
        cacheLock.lock()
        for (n, s) in zip(names, computed) { cache[n] = s }
        cacheLock.unlock()
        return computed
    }

    private static let cacheLock = NSLock()
    nonisolated(unsafe) private static var cache: [String: String] = [:]

    /// Held while ICU transliterates: its first use compiles the rules (~60 ms) and caches them, so a second
    /// caller (the build's warm-up and the site.yml parser) waits for that instead of compiling them again.
    private static let icuLock = NSLock()

    private static func transliterate(_ names: [String]) -> [String] {
        icuLock.lock()
        defer { icuLock.unlock() }
        let cleaned = names.map { $0.replacingOccurrences(of: "\n", with: " ") }
        let joined = cleaned.joined(separator: "\n")
        let latin = joined.applyingTransform(StringTransform("Han-Latin; Latin-ASCII"), reverse: false) ?? joined
        var parts = latin.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.count != names.count {
            // Should not happen; transform one by one rather than guess.
            parts = cleaned.map { $0.applyingTransform(StringTransform("Han-Latin; Latin-ASCII"), reverse: false) ?? $0 }
        }
        return zip(names, parts).map { name, latin in
            let s = normalize(latin)
            if !s.isEmpty { return s }
            // Nothing transliterable (symbols only): a stable hex of the UTF-8 bytes.
            return "x" + name.utf8.prefix(16).map { String($0, radix: 16) }.joined()
        }
    }

    /// Lower-cases and keeps `[a-z0-9]`, joining runs of anything else with one `-`.
    public static func normalize(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for b in text.lowercased().utf8 {
            if (b >= 97 && b <= 122) || (b >= 48 && b <= 57) {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(Character(Unicode.Scalar(b)))
            } else {
                pendingDash = true
            }
        }
        return out
    }
}
