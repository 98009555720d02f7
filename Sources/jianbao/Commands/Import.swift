import ArgumentParser
import Foundation
import JianbaoCore

/// `jianbao import FILE...`: plain text or Word bulletins into content files.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "导入已有简报（.txt 或 .docx）为 Markdown 内容文件。")

    @Argument(help: ArgumentHelp("要导入的文件（.txt、.docx）", valueName: "文件"))
    var files: [String]

    @OptionGroup var source: SourceOption

    @Option(name: .long, help: ArgumentHelp("简报系列 key", valueName: "系列"))
    var series: String?

    @Option(name: .long, help: ArgumentHelp("输出目录，默认 <站点目录>/content", valueName: "目录"))
    var out: String?

    @Flag(name: .long, help: "把文中的数字建议为（注释掉的）图表数据块")
    var suggestMetrics = false

    @Flag(name: .long, help: "覆盖已存在的文件")
    var force = false

    func run() throws {
        throw ValidationError("导入功能尚未实现")
    }
}
