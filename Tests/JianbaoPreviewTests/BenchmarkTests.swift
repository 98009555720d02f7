import Foundation
import Testing
@testable import JianbaoPreview

@Suite("Preview benchmark API")
struct BenchmarkTests {
    @Test func editToReloadMeasuresEachEditAndRestoresTheFile() async throws {
        let test = try TestSite()
        let original = try test.read("content/ganzhou/2022/151.md")
        let report = try await PreviewBenchmark.editToReload(source: test.root, issue: "content/ganzhou/2022/151.md", rounds: 3)
        print(report.line)
        #expect(report.samples.count == 3)
        #expect(report.samples.allSatisfy { $0 > 0 })
        #expect(report.median <= report.max)
        #expect(report.line.hasPrefix("预览：编辑到刷新 中位数 "))
        #expect(report.line.hasSuffix("（3 次）"))
        #expect(try test.read("content/ganzhou/2022/151.md") == original)
    }

    @Test func withoutAnIssueItEditsTheNewest() async throws {
        let test = try TestSite()
        let report = try await PreviewBenchmark.editToReload(source: test.root, rounds: 1, watch: .none)
        #expect(report.samples.count == 1)
    }
}
