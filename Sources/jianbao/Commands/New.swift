import ArgumentParser
import Foundation
import JianbaoCore

/// `jianbao new --series KEY`: a new issue file from a template.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "按模板新建一期简报文件（期号自动加一）。")

    @OptionGroup var source: SourceOption

    @Option(name: .long, help: ArgumentHelp("简报系列 key（见 site.yml）", valueName: "系列"))
    var series: String

    @Option(name: .long, help: ArgumentHelp("印发日期 YYYY-MM-DD，默认今天", valueName: "日期"))
    var date: String?

    func run() throws {
        let result = try NewIssue.create(source: source.url, series: series, date: date.flatMap(CalendarDate.init(iso:)) ?? CalendarDate.today())
        print("已创建 \(result)")
    }
}
