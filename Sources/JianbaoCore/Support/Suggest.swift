/// "Did you mean" suggestions by edit distance.
public enum Suggest {
    /// Levenshtein distance over characters.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count), cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }

    /// The closest candidate within a distance that is reasonable for the word's length.
    public static func closest(_ word: String, in candidates: [String]) -> String? {
        // Abbreviations: every character of the word, in order, starting with the same one (dept -> department).
        let w = Array(word.lowercased())
        if w.count >= 3, let abbreviated = candidates.filter({ isAbbreviation(w, of: Array($0.lowercased())) }).sorted().first {
            return abbreviated
        }
        let limit = max(2, word.count / 2)
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
            .filter { $0.1 <= limit }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        return scored.first?.0
    }

    static func isAbbreviation(_ w: [Character], of c: [Character]) -> Bool {
        guard let first = w.first, c.first == first, w.count < c.count else { return false }
        var i = 0
        for ch in c where i < w.count && ch == w[i] { i += 1 }
        return i == w.count
    }

    /// Up to `count` closest candidates, by edit distance, then shared characters.
    public static func nearest(_ word: String, in candidates: [String], count: Int = 3) -> [String] {
        let w = Set(word)
        return candidates
            .map { c -> (String, Int) in
                let shared = Set(c).intersection(w).count
                return (c, distance(word, c) * 2 - shared)
            }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .prefix(count).map(\.0)
    }
}
