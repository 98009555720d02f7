import ArgumentParser
import Foundation
import JianbaoCore

/// `jianbao check`: everything build validates, plus links, anchors, images and series order.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "检查内容：front matter、部门、图表数据、站内链接与锚点、期号与日期顺序。")

    @OptionGroup var source: SourceOption

    @Flag(name: .long, help: "把警告当作错误")
    var strict = false

    @Flag(name: .long, help: "按政府网站检查要求检查页脚标识（主办单位、网站标识码、备案号等）")
    var gov = false

    func run() throws {
        let report = try SiteCheck.run(source: source.url, gov: gov)
        Terminal.report(report.diagnostics)
        let errors = report.diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
        if errors { throw ContentErrors(code: 1) }
        print("检查通过：\(report.issues) 期简报，\(report.pages) 个页面")
    }
}
