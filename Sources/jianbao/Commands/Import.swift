import ArgumentParser
import Foundation
import JianbaoCore
import JianbaoImport

/// `jianbao import FILE...`: plain text or Word bulletins into content files.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "导入已有简报（.txt 或 .docx）为 Markdown 内容文件。",
        discussion: """
        .txt 可以是 UTF-8 或 GB18030 编码。每个文件写为 <输出目录>/<系列>/<年>/<期号>.md（不编期号的系列为 <年>/<slug>.md），\
        并列出识别到的系列、期号、日期、编印单位和文章；没把握的地方以“文件:行:列: 警告: …”指回原文。\
        已存在的文件不会被覆盖（内容相同时视为成功），除非加 --force。
        .docx 的“行”指第几个段落。--suggest-metrics 把每篇文章里的数字写成 HTML 注释中的 ```metrics 块\
        （生成时原始 HTML 不输出，所以注释不影响页面）；核对后删去注释符即可成为图表。
        """
    )

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
        let options = BulletinImporter.Options(source: source.url, series: series, out: out.map { URL(fileURLWithPath: $0) },
                                               suggestMetrics: suggestMetrics, force: force)
        let config: SiteConfig
        switch BulletinImporter.loadConfig(source: source.url) {
        case .success(let c): config = c
        case .failure(let f): throw f
        }
        if let key = series, config.series(key) == nil {
            var msg = "未知的简报系列 “\(key)”"
            if let s = Suggest.closest(key, in: config.series.map(\.key)) { msg += "，是否想写 “\(s)”？" }
            else { msg += "（site.yml 中定义的系列: \(config.series.map(\.key).joined(separator: ", "))）" }
            throw ValidationError(msg)
        }
        let display = out ?? (source.source == "." ? "content" : (source.source as NSString).appendingPathComponent("content"))
        let outcomes = BulletinImporter.run(files: files, config: config, options: options, outDisplay: display)
        var failed = 0
        for o in outcomes {
            if !o.summary.isEmpty { print(o.summary.joined(separator: "\n  ")) }
            let diags = o.diagnostics.sorted()
            if !diags.isEmpty {
                fflush(stdout)
                FileHandle.standardError.write(Data((diags.map(\.description).joined(separator: "\n") + "\n").utf8))
            }
            if o.failed { failed += 1 }
        }
        let written = outcomes.filter(\.written).count
        print("导入完成: 写入 \(written) 个文件" + (failed > 0 ? "，\(failed) 个文件未写入" : ""))
        if failed > 0 { throw ContentErrors(code: 1) }
    }
}
