import ArgumentParser
import Foundation
import JianbaoCore

/// `jianbao build`: the whole site into the output folder, atomically.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "生成整个网站（先写入临时目录，成功后再替换输出目录）。")

    @OptionGroup var source: SourceOption

    @Option(name: .long, help: ArgumentHelp("输出目录，默认 <站点目录>/public", valueName: "目录"))
    var output: String?

    @Flag(name: .long, help: "包含草稿（draft: true），仅用于预览")
    var drafts = false

    func run() throws {
        let options = SiteBuild.Options(source: source.url, output: output.map { URL(fileURLWithPath: $0) }, includeDrafts: drafts)
        let summary = try SiteBuild.run(options)
        if !summary.warnings.isEmpty { Terminal.report(summary.warnings) }
        print(summary.line)
    }
}
