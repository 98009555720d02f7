import ArgumentParser
import Foundation
import JianbaoCore
import JianbaoPreview

/// `jianbao serve`: preview with live reload.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "本地预览：生成网站并在 127.0.0.1:1313 提供服务，保存即自动刷新。")

    @OptionGroup var source: SourceOption

    @Option(name: .long, help: ArgumentHelp("监听地址（默认只监听本机 127.0.0.1）", valueName: "地址"))
    var host: String = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("端口", valueName: "端口"))
    var port: UInt16 = 1313

    func run() async throws {
        try await PreviewCommand.run(source: source.url, host: host, port: port)
    }
}
