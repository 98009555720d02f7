import JianbaoCore

/// Fuzzy matching of a bulletin's masthead (or its whole text) against the series titles of site.yml.
enum SeriesMatcher {
    /// Text reduced for comparison: no spaces, straight quotes and brackets unified.
    static func squash(_ s: String) -> String {
        var out = ""
        for c in s where !c.isWhitespace && c != "*" {
            switch c {
            case "\"", "＂", "「", "」": out.append("“")
            case "(": out.append("（")
            case ")": out.append("）")
            default: out.append(c)
            }
        }
        // Opening and closing quotes look alike after copying; compare them as one.
        return out.replacingOccurrences(of: "”", with: "“")
    }

    /// Character bigrams of a squashed string.
    static func bigrams(_ s: String) -> [String] {
        let chars = Array(squash(s))
        guard chars.count >= 2 else { return chars.map(String.init) }
        return (0..<(chars.count - 1)).map { String(chars[$0]) + String(chars[$0 + 1]) }
    }

    /// Dice similarity of two lines (0…1).
    static func similarity(_ a: String, _ b: String) -> Double {
        let x = bigrams(a), y = bigrams(b)
        guard !x.isEmpty, !y.isEmpty else { return 0 }
        var pool: [String: Int] = [:]
        for g in y { pool[g, default: 0] += 1 }
        var common = 0
        for g in x where (pool[g] ?? 0) > 0 { common += 1; pool[g]! -= 1 }
        return 2 * Double(common) / Double(x.count + y.count)
    }

    /// The series whose title a masthead line is (similarity at least 0.75), with the score.
    static func masthead(_ line: String, series: [SeriesConfig]) -> (SeriesConfig, Double)? {
        guard line.count <= 60 else { return nil }
        let scored = series.map { ($0, similarity(line, $0.title)) }.sorted { $0.1 > $1.1 }
        guard let best = scored.first, best.1 >= 0.75 else { return nil }
        if scored.count > 1, scored[1].1 == best.1 { return nil }
        return best
    }

    /// The series whose title and publisher share most bigrams with `text` (at least 60 % and a clear lead).
    static func bestGuess(text: String, series: [SeriesConfig]) -> (SeriesConfig, Double)? {
        let pool = Set(bigrams(text))
        func coverage(_ s: String) -> Double {
            let g = bigrams(s)
            return g.isEmpty ? 0 : Double(g.filter { pool.contains($0) }.count) / Double(g.count)
        }
        let scored = series.map { s -> (SeriesConfig, Double) in
            let t = coverage(s.title)
            return (s, s.publisher.isEmpty ? t : max(t, (t + coverage(s.publisher)) / 2))
        }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.key < $1.0.key }
        guard let best = scored.first, best.1 >= 0.6 else { return nil }
        if scored.count > 1, best.1 - scored[1].1 < 0.2 { return nil }
        return best
    }
}
