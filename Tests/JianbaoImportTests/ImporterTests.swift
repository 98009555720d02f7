import Foundation
import Testing
import JianbaoCore
@testable import JianbaoImport

@Suite("导入: 写文件与端到端")
struct ImporterTests {
    static let sample = "南昌市“五型”政府建设领导小组办公室简报(第5期)\n发布日期: 2022-05-01\n\n南昌县持续深化平安建设\n\n近年来,南昌县把平安建设工作与服务民安民生各项需要有机融合。\n"

    @Test func sameInputSameBytes() throws {
        for name in ["ganzhou-2022-151.txt", "nanchang-2022-01.txt", "zhenjiang-2017-anzhi-bangjiao.txt"] {
            let text = ImportFixtures.seed(name)
            let a = ImportFixtures.convert(text, input: name, metrics: true)
            let b = ImportFixtures.convert(text, input: name, metrics: true)
            #expect(a.markdown != nil)
            #expect(a.markdown == b.markdown)
            #expect(a.diagnostics == b.diagnostics)
        }
    }

    @Test func existingFilesAreKeptWithoutForce() throws {
        let site = try ImportSite(templates: false)
        let good = try site.input("a.txt", Data(Self.sample.utf8))
        let other = try site.input("b.txt", Data(Self.sample.replacingOccurrences(of: "第5期", with: "第6期").utf8))
        #expect(site.run([good]).first?.written == true)
        // Identical output: nothing to do, not a failure.
        let again = site.run([good])
        #expect(again.first?.failed == false)
        #expect(again.first?.written == false)
        #expect(again.first?.summary.last == "content/nanchang/2022/5.md 已存在且内容相同，未改动")
        // An edited file is kept; the other input is still processed.
        let url = site.root.appendingPathComponent("content/nanchang/2022/5.md")
        try Data("编辑过的内容\n".utf8).write(to: url)
        let outcomes = site.run([good, other])
        #expect(outcomes.map(\.failed) == [true, false])
        #expect(outcomes[0].diagnostics.map(\.description) == ["content/nanchang/2022/5.md: 错误: 文件已存在，未覆盖（确认要覆盖请加 --force）"])
        #expect(try site.text("content/nanchang/2022/5.md") == "编辑过的内容\n")
        #expect(FileManager.default.fileExists(atPath: site.root.appendingPathComponent("content/nanchang/2022/6.md").path))
        // --force overwrites.
        let forced = site.run([good], force: true)
        #expect(forced.first?.written == true)
        #expect(try site.text("content/nanchang/2022/5.md").hasPrefix("---\nseries: nanchang\nissue: 5\n"))
    }

    @Test func theThreeSeedsBuild() throws {
        let site = try ImportSite()
        let inputs = ["ganzhou-2022-151.txt", "nanchang-2022-01.txt", "zhenjiang-2017-anzhi-bangjiao.txt"]
            .map { ImportFixtures.seeds.appendingPathComponent($0).path }
        let outcomes = site.run(inputs, metrics: true)
        #expect(outcomes.map(\.written) == [true, true, true])
        #expect(outcomes.flatMap(\.diagnostics).filter { $0.severity == .error }.isEmpty)

        let compiled = try SiteBuild.compile(SiteLoader.load(site.root), includeDrafts: false)
        let issues = compiled.site.issues.sorted { $0.sourcePath < $1.sourcePath }
        #expect(issues.map(\.sourcePath) == ["content/ganzhou/2022/151.md", "content/nanchang/2022/1.md",
                                             "content/zhenjiang/2017/anzhi-bangjiao-2017.md"])

        let gz = issues[0]
        #expect(gz.number == 151)
        #expect(gz.date.iso == "2022-08-25")
        #expect(gz.publisher == "赣州市“五型”政府建设领导小组办公室")
        #expect(gz.contactPhone == "8992059")
        #expect(gz.contactEmail == "gzswxzfb@163.com")
        #expect(gz.articles.map(\.title) == ["市司法局“三举措” 推动安置帮教工作创新发展", "瑞金市“四变法”打好劝返滞留 缅北涉诈窝点人员攻坚战",
                                              "上犹县“五个一”快捷办 打通惠企政策“快车道”", "龙南市“三建三强”筑牢防贫坚实堤坝"])
        #expect(gz.articles.map(\.department) == ["赣州市司法局", "瑞金市", "上犹县", "龙南市"])
        #expect(gz.articles[1].text.contains("由乡镇、村居干部和公安民警组成劝返专班"))

        let nc = issues[1]
        #expect(nc.number == 1)
        #expect(nc.date.iso == "2022-01-17")
        #expect(nc.publisher == "南昌市“五型”政府建设领导小组办公室")
        #expect(nc.editorNoteHTML.hasPrefix("<p>平安是社会发展和人民幸福的基石。"))
        #expect(nc.articles.map(\.title) == ["市公安局联建联动 联勤联防 积极构建平安校园安防新体系", "青云谱区让法治更有力度 使平安更具温度",
                                              "西湖区坚决打好反诈“保卫战” 全力守护群众“钱袋子”", "南昌县持续深化平安建设保障民生民安"])
        #expect(nc.articles.map(\.department) == ["南昌市公安局", "青云谱区", "西湖区", "南昌县"])
        #expect(nc.articles.allSatisfy { $0.column == "典型经验" })

        let zj = issues[2]
        #expect(zj.number == nil)
        #expect(zj.slug == "anzhi-bangjiao-2017")
        #expect(zj.date.iso == "2017-04-06")
        #expect(zj.title == "关于印发《2017年度全市安置帮教工作要点》的通知")
        #expect(zj.publisher == "镇江市司法局办公室")
        #expect(zj.sendTo == ["各辖市区司法局", "镇江新区司法办"])
        #expect(zj.articles.map(\.title) == ["2017年度全市安置帮教工作要点"])
        #expect(zj.articles.map(\.department) == ["镇江市司法局"])
        #expect(!zj.leadHTML.contains("ICP"))
        #expect(!zj.articles[0].text.contains("加入收藏"))
    }
}
