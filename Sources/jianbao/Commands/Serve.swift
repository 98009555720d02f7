import ArgumentParser
import Foundation
import JianbaoCore
import JianbaoPreview

/// `jianbao serve`: preview with live reload.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "本地预览：生成网站（含草稿）并在 127.0.0.1:1313 提供服务，保存即自动刷新。",
        discussion: "只监听本机地址；--host 设为其他地址时，局域网内的设备也能访问（包括草稿）。按 Ctrl-C 停止。")

    @OptionGroup var source: SourceOption

    @Option(name: .long, help: ArgumentHelp("监听地址（默认只监听本机 127.0.0.1）", valueName: "地址"))
    var host: String = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("端口", valueName: "端口"))
    var port: UInt16 = 1313

    func run() async throws {
        do {
            try await PreviewCommand.run(source: source.url, host: host, port: port)
        } catch let e as PreviewError {
            FileHandle.standardError.write(Data((e.description + "\n").utf8))
            throw ContentErrors(code: 1)
        }
    }
}
