import ArgumentParser
import Foundation
import JianbaoCore
import JianbaoPreview

/// `jianbao bench-preview`: edit-to-reload time of the preview server (used by `make bench`; hidden).
struct BenchPreview: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-preview", abstract: "测量预览服务器从编辑到刷新的时间（供 make bench 使用）。", shouldDisplay: false)

    @OptionGroup var source: SourceOption

    @Option(name: .long, help: "编辑次数")
    var rounds: Int = 10

    func run() async throws {
        let report = try await PreviewBenchmark.editToReload(source: source.url, rounds: rounds)
        print(report.line)
        print(report.settledLine)
    }
}
