import Foundation
import Testing
@testable import JianbaoCore
@testable import JianbaoPreview

/// Property-based fuzzing over front-matter and issue parsing, metric blocks, file decoding and the
/// preview's request paths. Inputs are mutations of the corpus in Corpus/, from a seeded generator, so a
/// failure names the seed and iteration that reproduce it. `make test` runs a short fixed pass;
/// `make fuzz` runs for FUZZ_SECONDS (default 300) with a seed from FUZZ_SEED.
@Suite("Fuzzing", .serialized)
struct FuzzTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
    static let seconds = Double(ProcessInfo.processInfo.environment["FUZZ_SECONDS"] ?? "") ?? 0
    static let seed = UInt64(ProcessInfo.processInfo.environment["FUZZ_SEED"] ?? "") ?? 20221125
    /// Iterations when no time budget is given (the `make test` pass).
    static let quickIterations = 400

    static func files(_ dir: String) -> [[UInt8]] {
        let url = corpus.appendingPathComponent(dir)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.sorted() ?? []
        return names.compactMap { FileManager.default.contents(atPath: url.appendingPathComponent($0).path).map { [UInt8]($0) } }
    }

    /// Runs `body` on mutated inputs until the budget is spent.
    static func run(_ name: String, corpus: [[UInt8]], _ body: ([UInt8], String) throws -> Void) rethrows {
        var rng = SplitMix(seed: seed ^ UInt64(truncatingIfNeeded: name.hashValueStable))
        let deadline = Date().addingTimeInterval(seconds)
        var i = 0
        while seconds > 0 ? Date() < deadline : i < quickIterations {
            let base = corpus[Int(rng.next() % UInt64(corpus.count))]
            let other = corpus[Int(rng.next() % UInt64(corpus.count))]
            let input = Mutator.mutate(base, other: other, rng: &rng)
            try body(input, "seed \(seed) \(name) #\(i)")
            i += 1
        }
    }

    static let config: SiteConfig = {
        let yml = try! String(contentsOf: corpus.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("JianbaoCoreTests/Fixtures/mini/site.yml"), encoding: .utf8)
        return SiteConfigParser.parse(yml).0!
    }()

    @Test func issueParsingNeverCrashesAndAlwaysExplainsFailure() {
        let parser = IssueParser(config: FuzzTests.config)
        FuzzTests.run("issue", corpus: FuzzTests.files("issues")) { bytes, label in
            let path = "content/ganzhou/2022/fuzz.md"
            switch SiteLoader.decode(bytes, path: path) {
            case .failure(let d):
                #expect(d.file == path, "\(label)")
                #expect(d.line >= 0, "\(label)")
            case .success(let text):
                let (issue, diags) = parser.parse(path: path, text: text)
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
                if issue == nil {
                    #expect(diags.contains { $0.severity == .error }, "\(label): failed without an error")
                }
                for d in diags {
                    #expect(d.file == path, "\(label)")
                    #expect(d.line >= 0 && d.line <= lines + 1, "\(label): line \(d.line) of \(lines): \(d)")
                    #expect(d.column >= 0, "\(label)")
                    #expect(d.description.hasPrefix(path), "\(label)")
                }
                if let issue {
                    for a in issue.articles {
                        #expect(!a.bodyHTML.contains("<script"), "\(label)")
                        #expect(!a.titleHTML.contains("<script"), "\(label)")
                    }
                }
            }
        }
    }

    @Test func metricBlocksFastPathAgreesWithYams() {
        FuzzTests.run("metrics", corpus: FuzzTests.files("metrics")) { bytes, label in
            let yaml = String(decoding: bytes, as: UTF8.self)
            let result = MetricBlockParser.parse(yaml, file: "x.md", blockLine: 10)
            if result.block == nil {
                #expect(result.diagnostics.contains { $0.severity == .error }, "\(label)")
                for d in result.diagnostics { #expect(d.line >= 10, "\(label): \(d)") }
            }
            if let fast = MetricBlockParser.fastParse(yaml, blockLine: 10) {
                let full = MetricBlockParser.fullParse(yaml, file: "x.md", blockLine: 10).block
                #expect(full != nil, "\(label): fast path accepted what Yams refuses:\n\(yaml)\n\(MetricBlockParser.fullParse(yaml, file: "x.md", blockLine: 10).diagnostics)")
                if let full {
                    #expect(fast.title == full.title && fast.chart == full.chart && fast.unit == full.unit, "\(label)\n\(yaml)")
                    #expect(fast.items.map(\.label) == full.items.map(\.label), "\(label)\n\(yaml)")
                    #expect(fast.items.map(\.value) == full.items.map(\.value), "\(label)\n\(yaml)")
                    #expect(fast.items.map(\.unit) == full.items.map(\.unit), "\(label)\n\(yaml)")
                    #expect(fast.items.map(\.target) == full.items.map(\.target), "\(label)\n\(yaml)")
                }
            }
            if let block = result.block {
                let html = ChartRenderer.figure(block, id: "c1")
                for bad in ["=\"NaN", "=\"inf", "=\"-inf", "=\"nan"] { #expect(!html.contains(bad), "\(label)") }
            }
        }
    }

    /// The front matter fast path either refuses a text or builds Yams' tree (texts byte for byte, styles,
    /// positions), and the issue and diagnostics are the same on both roads.
    @Test func frontMatterFastPathAgreesWithYams() {
        let parser = IssueParser(config: FuzzTests.config)
        FuzzTests.run("frontmatter", corpus: FuzzTests.files("frontmatter")) { bytes, label in
            guard case .success(let text) = SiteLoader.decode(bytes, path: "x.md"),
                  case .success(let fm) = FrontMatter.split(utf8: Array(("---\n" + text + "\n---\n## 市司法局x\n\n正文\n").utf8), file: "x.md") else { return }
            guard let fast = FrontMatterYAML.parse(fm.yaml) else { return }
            var r = YAMLReader(file: "x.md", lineOffset: 1)
            let full = r.parse(fm.yaml)
            #expect(full != nil, "\(label): fast path took text Yams refuses:\n\(fm.yaml)")
            if let full { #expect(fast.isSameTree(as: full), "\(label): trees differ:\n\(fm.yaml)") }
            let file = "---\n" + fm.yaml + "\n---\n## 市司法局x\n\n正文\n"
            let a = parser.parse(path: "content/ganzhou/2022/1.md", text: file, fastFrontMatter: true)
            let b = parser.parse(path: "content/ganzhou/2022/1.md", text: file, fastFrontMatter: false)
            #expect(a.1.map(\.description) == b.1.map(\.description), "\(label)\n\(fm.yaml)")
            #expect(String(reflecting: a.0) == String(reflecting: b.0), "\(label)\n\(fm.yaml)")
        }
    }

    @Test func requestPathsNeverLeaveTheSite() {
        let site: Set<String> = ["index.html", "ganzhou/2022/151/index.html", "assets/style.css", "搜索/index.html", "search/index.html"]
        let seeds = FuzzTests.files("paths").flatMap { String(decoding: $0, as: UTF8.self).split(separator: "\n").map { Array($0.utf8) } }
        FuzzTests.run("paths", corpus: seeds) { bytes, label in
            let raw = String(decoding: bytes, as: UTF8.self)
            let result = RequestPath.resolve(raw, basePath: "/jianbao/") { site.contains($0) }
            if case .file(let p) = result {
                #expect(site.contains(p), "\(label): \(raw) -> \(p)")
                #expect(!p.split(separator: "/").contains(".."), "\(label)")
                #expect(!p.hasPrefix("/") && !p.contains("\\") && !p.contains("\u{0}"), "\(label)")
            }
        }
    }
}

/// A small, fast, seedable generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
}

/// Byte-level and token-level mutations.
enum Mutator {
    static let tokens: [[UInt8]] = ["---", "\n", ": ", "- ", "{", "}", "[", "]", "\"", "'", "&a ", "*a", "!!str ", "|", ">",
        "#", "%2e%2e", "%252e", "..", "/", "\\", "\u{0}", "\u{FEFF}", "\r\n", "\t", "**", "。**", "{department=市司法局}",
        "{#id}", "```metrics\n", "```\n", "value: ", "6081名", "9999999999999999999999", "-0", "1e309", "NaN", "2022-02-30",
        "安置帮教", "😀", "<script>alert(1)</script>", "javascript:alert(1)", "[x](javascript:1)", "issue: ", "date: "]
        .map { Array($0.utf8) }

    static func mutate(_ base: [UInt8], other: [UInt8], rng: inout SplitMix) -> [UInt8] {
        var b = base
        for _ in 0...rng.below(4) {
            switch rng.below(7) {
            case 0 where !b.isEmpty: b[rng.below(b.count)] = UInt8(truncatingIfNeeded: rng.next())
            case 1: b.insert(contentsOf: tokens[rng.below(tokens.count)], at: rng.below(b.count + 1))
            case 2 where !b.isEmpty:
                let i = rng.below(b.count); let n = min(b.count - i, rng.below(32) + 1)
                b.removeSubrange(i..<(i + n))
            case 3 where !b.isEmpty:
                let i = rng.below(b.count); let n = min(b.count - i, rng.below(64) + 1)
                b.insert(contentsOf: Array(b[i..<(i + n)]), at: rng.below(b.count + 1))
            case 4 where !other.isEmpty:
                let i = rng.below(other.count); let n = min(other.count - i, rng.below(128) + 1)
                b.insert(contentsOf: other[i..<(i + n)], at: rng.below(b.count + 1))
            case 5: b = Array(b.prefix(rng.below(b.count + 1)))
            default: b.insert(contentsOf: Array(repeating: UInt8(ascii: " "), count: rng.below(6)), at: rng.below(b.count + 1))
            }
        }
        return b
    }
}

extension String {
    /// A hash that is the same in every run (Swift's `hashValue` is seeded per process).
    var hashValueStable: UInt64 { Hash.fnv1a64(Array(utf8)) }
}
