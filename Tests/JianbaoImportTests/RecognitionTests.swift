import Foundation
import Testing
import JianbaoCore
@testable import JianbaoImport

@Suite("导入: 报头识别")
struct HeaderRecognitionTests {
    @Test("期号的各种写法", arguments: [("第 151期", 151), ("(第 18 期)", 18), ("（第1期）", 1), ("第十二期", 12), ("总第3期", 3), ("２０２２年第５期", 5)])
    func issueNumbers(text: String, expected: Int) {
        #expect(Patterns.issueNumber(in: text)?.value == expected)
    }

    @Test("日期的各种写法", arguments: [("2022年 8月 25日", "2022-08-25"), ("2022-01-17", "2022-01-17"), ("(2023 年 7 月 7 日)", "2023-07-07"),
                                  ("发布日期: 2022-01-17", "2022-01-17"), ("二〇二二年八月二十五日", "2022-08-25"), ("2022.1.7", "2022-01-07")])
    func dates(text: String, expected: String) {
        #expect(Patterns.dateLine(text)?.iso == expected)
    }

    @Test func notADateLine() {
        #expect(Patterns.dateLine("2022年8月25日召开会议") == nil)
        #expect(Patterns.dateLine("2022-02-30") == nil)
    }

    @Test func mastheadIssuePublisherAndDate() {
        let (d, diags) = ImportFixtures.analyze("""
        赣州市“五型”政府建设 工作简报

        第 151期

        市“五型”政府建设领导小组办公室　　　签发人：涂俊炜

        2022年 8月 25日

        市司法局“三举措” 推动安置帮教工作创新发展

        市司法局在巩固落实刑满释放人员无缝对接安置帮教“十大机制”的基础上，努力推动安置帮教工作创新发展。
        """)
        #expect(d.series?.key == "ganzhou")
        #expect(d.issue == 151)
        #expect(d.issueLine == 3)
        #expect(d.date?.iso == "2022-08-25")
        #expect(d.dateLine == 7)
        #expect(d.signer == "涂俊炜")
        // The short form under the masthead becomes the series' full publisher name.
        #expect(d.publisher == "赣州市“五型”政府建设领导小组办公室")
        #expect(d.headings.map(\.title) == ["市司法局“三举措” 推动安置帮教工作创新发展"])
        #expect(diags.isEmpty)
    }

    @Test func seriesTitleWithIssueInBrackets() {
        let (d, _) = ImportFixtures.analyze("""
        南昌市“五型”政府建设领导小组办公室简报(第 18 期)
        (2023 年 7 月 7 日)

        西湖区坚决打好反诈“保卫战”

        西湖区把打击治理电信网络诈骗犯罪作为重点民生项目，以实际行动守护群众“钱袋子”。
        """)
        #expect(d.series?.key == "nanchang")
        #expect(d.issue == 18)
        #expect(d.date?.iso == "2023-07-07")
    }

    @Test func seriesGuessedFromTextIsAWarning() {
        let (d, diags) = ImportFixtures.analyze("""
        当前位置:首页 > 政务公开 > 工作计划
        2017年度全市安置帮教工作要点

        2017年,镇江市司法局紧紧围绕特殊人群服务管理机制创新,有效预防和减少刑释人员重新犯罪。
        """)
        #expect(d.series?.key == "zhenjiang")
        #expect(diags.positions.contains { $0.hasPrefix("1:1: 没有找到报头，按全文近似匹配到系列 “zhenjiang”") })
    }

    @Test func seriesOverride() {
        let c = ImportFixtures.convert("""
        第2期
        2022年3月1日

        南昌县持续深化平安建设

        近年来,南昌县把平安建设工作与服务民安民生各项需要有机融合。
        """, series: "nanchang")
        #expect(c.draft.series?.key == "nanchang")
        #expect(c.relativePath == "nanchang/2022/2.md")
    }

    @Test func unknownSeriesOverrideSuggests() {
        let c = ImportFixtures.convert("第2期\n", series: "nanchan")
        #expect(c.markdown == nil)
        #expect(c.diagnostics.map(\.message) == ["未知的简报系列 “nanchan”，是否想写 “nanchang”？"])
    }

    @Test func missingDateAndIssueAreErrors() {
        let c = ImportFixtures.convert("""
        南昌市“五型”政府建设领导小组办公室简报

        南昌县持续深化平安建设

        近年来,南昌县把平安建设工作与服务民安民生各项需要有机融合。
        """)
        #expect(c.markdown == nil)
        #expect(c.diagnostics.contains { $0.severity == .error && $0.message.hasPrefix("没有印发日期") && $0.line == 1 })
        #expect(c.diagnostics.contains { $0.severity == .warning && $0.message.hasPrefix("未找到期号") })
    }
}

@Suite("导入: 正文结构")
struct BodyRecognitionTests {
    @Test func columnsEditorNoteAndTwoLineTitles() {
        let (d, diags) = ImportFixtures.analyze("""
        南昌市“五型”政府建设领导小组办公室简报(第1期)
        发布日期: 2022-01-17

        编者按:

        平安是社会发展和人民幸福的基石。现刊发有关地区的有益举措和成效。

        【典型经验】

        市公安局联建联动 联勤联防

        积极构建平安校园安防新体系

        按照公安部、教育部要求,南昌市公安局全力推进平安校园建设。
        """)
        #expect(d.editorNote == ["平安是社会发展和人民幸福的基石。现刊发有关地区的有益举措和成效。"])
        #expect(d.blocks.first == .column("典型经验"))
        #expect(d.headings.map(\.title) == ["市公安局联建联动 联勤联防 积极构建平安校园安防新体系"])
        #expect(d.headings.first?.line == 10)
        #expect(diags.positions == ["10:1: 两行短句合并为一个标题 “市公安局联建联动 联勤联防 积极构建平安校园安防新体系”（请核对）"])
    }

    @Test func subtitlesAndSubheadings() {
        let (d, _) = ImportFixtures.analyze("""
        第3期
        2022年3月1日

        警务前移 警力下沉

        ——市公安局西湖分局探索巡逻防控新模式

        西湖分局坚持警务前移，取得明显成效。

        一、走好三步棋

        一是“必接必送”棋。二是“上门回访”棋。

        二、一窗受理，变多口受理为一站服务。在县政务服务中心设置了政策兑现专窗。
        """)
        #expect(d.blocks == [
            .heading(title: "警务前移 警力下沉", line: 4),
            .subtitle("——市公安局西湖分局探索巡逻防控新模式"),
            .paragraph("西湖分局坚持警务前移，取得明显成效。", line: 8),
            .subheading("一、走好三步棋"),
            .paragraph("一是“必接必送”棋。二是“上门回访”棋。", line: 12),
            .paragraph("二、一窗受理，变多口受理为一站服务。在县政务服务中心设置了政策兑现专窗。", line: 14),
        ])
    }

    @Test func pageBreaksAreJoined() {
        let (d, diags) = ImportFixtures.analyze("""
        第3期
        2022年3月1日

        龙南市“三建三强”筑牢防贫坚实堤坝

        一是持续巩固解困成果。依照制度方案，形成多方面参与救助新格

        局。解困工作开展以来，对所有符合条件的妇女进行“两癌”筛查。

        一是修立村规民约，重塑民风。组织社会各界召开“千人”

        大会，将抵制从事电信网络诈骗等违法行为新增入村规民约内容。

        二、成立专班，采取有力措施，由“被动应战”变“主动作战”

        一是落实“一人一专班”。建立联动劝返机制。
        """)
        let paragraphs = d.blocks.compactMap { if case .paragraph(let p, _) = $0 { return p } else { return nil } }
        #expect(paragraphs == [
            "一是持续巩固解困成果。依照制度方案，形成多方面参与救助新格局。解困工作开展以来，对所有符合条件的妇女进行“两癌”筛查。",
            "一是修立村规民约，重塑民风。组织社会各界召开“千人”大会，将抵制从事电信网络诈骗等违法行为新增入村规民约内容。",
            "一是落实“一人一专班”。建立联动劝返机制。",
        ])
        #expect(d.blocks.contains(.subheading("二、成立专班，采取有力措施，由“被动应战”变“主动作战”")))
        #expect(d.joins == 2)
        #expect(diags.positions == [
            "6:30: 此行在句中断开，已与第 8 行合并（疑为跨页断行，请核对）",
            "10:27: 此行在句中断开，已与第 12 行合并（疑为跨页断行，请核对）",
        ])
    }

    @Test func titlesAreNotJoinedWithTheirFirstParagraph() {
        let (d, _) = ImportFixtures.analyze("""
        第3期
        2022年3月1日

        上犹县“五个一”快捷办 打通惠企政策“快车道”

        为全力推进深化发展和改革双“一号工程”，聚焦惠企政

        策兑现材料多、耗时长等问题，上犹县积极推行改革。
        """)
        #expect(d.headings.map(\.title) == ["上犹县“五个一”快捷办 打通惠企政策“快车道”"])
        #expect(d.blocks.last == .paragraph("为全力推进深化发展和改革双“一号工程”，聚焦惠企政策兑现材料多、耗时长等问题，上犹县积极推行改革。", line: 6))
    }

    @Test func webChromeIsDropped() {
        let (d, _) = ImportFixtures.analyze("""
        首     页 | 司法要闻 | 政务公开 | 司法业务
        您好!今天是:
          当前位置:首页 > 政务公开 > 工作计划
        发布时间:2017-04-06    稿件来源:     字体调整:   浏览次数:
        字号：[大] [中] [小]

        2017年度全市安置帮教工作要点

        2017年,全市安置帮教工作要紧紧围绕特殊人群服务管理机制创新。

        [加入收藏] [打印此文] [关闭]
        中国镇江政府门户网站版权所有 镇江市人民政府 镇江市司法局主办
        © 2009 Zhenjiang China All Rights Reserved
        苏ICP备10205253号-1
        """)
        #expect(d.chromeLines == 9)
        #expect(d.date?.iso == "2017-04-06")
        #expect(d.blocks == [.heading(title: "2017年度全市安置帮教工作要点", line: 7),
                             .paragraph("2017年,全市安置帮教工作要紧紧围绕特殊人群服务管理机制创新。", line: 9)])
    }

    @Test func trailerContactAndDistribution() {
        let (d, _) = ImportFixtures.analyze("""
        第3期
        2022年3月1日

        龙南市“三建三强”筑牢防贫坚实堤坝

        近年来，龙南市多措并举提升低收入人口监测能力。

        市“五型”政府建设领导小组办公室编

        报：市“五型”政府建设领导小组组长、副组长
        发：各县（市、区）政府，市直各部门
        电话：8992059　　电子邮箱：gzswxzfb@163.com
        联系人：张三
        """)
        #expect(d.publisher == "市“五型”政府建设领导小组办公室")
        #expect(d.reportTo == ["市“五型”政府建设领导小组组长", "副组长"])
        #expect(d.sendTo == ["各县（市、区）政府", "市直各部门"])
        #expect(d.phone == "8992059")
        #expect(d.email == "gzswxzfb@163.com")
        #expect(d.blocks.count == 2)
    }

    @Test func noticeTitleAddresseeAndRepairs() {
        let (d, diags) = ImportFixtures.analyze("""
        发布时间:2017-04-06

        关于印发《2017年度全市安置帮教

        工作要点》的通知

        各辖市区司法局、镇江新区司法办:

        现将2017年度工作要点》印发给你们。

        镇江市司法局办公室

        201746

        2017年度全市安置帮教工作要点

        1.开展帮教前置工作。按照省厅意见(苏司通【201711号)要求,加快步伐。

        12 .加强和公安机关合作。
        """)
        #expect(d.documentTitle == "关于印发《2017年度全市安置帮教工作要点》的通知")
        #expect(d.sendTo == ["各辖市区司法局", "镇江新区司法办"])
        #expect(d.publisher == "镇江市司法局办公室")
        #expect(d.blocks.contains(.paragraph("2017年4月6日", line: 13)))
        #expect(d.blocks.contains(.paragraph("1.开展帮教前置工作。按照省厅意见(苏司通【2017】11号)要求,加快步伐。", line: 17)))
        #expect(d.blocks.contains(.paragraph("12.加强和公安机关合作。", line: 19)))
        #expect(Set(diags.positions) == Set([
            "1:1: 没有找到报头，按全文近似匹配到系列 “zhenjiang”（镇江市司法局工作计划，相似度 83%），如不对请用 --series 指定",
            "3:18: 标题的括号或引号没有闭合，已与第 5 行合并为一个标题",
            "9:13: 书名号不配对: 这个 “》” 前面没有 “《”",
            "13:1: “201746” 疑为缺字的日期，已改为 “2017年4月6日”",
            "17:22: 文号 “【201711号” 缺少右括号，已改为 “【2017】11号”",
        ]))
    }
}

@Suite("导入: 栏目与 Word 换行")
struct MoreRecognitionTests {
    @Test("栏目标题的写法", arguments: ["【典型经验】", "〖典型经验〗", "■ 典型经验", "[典型经验]"])
    func columnHeadings(line: String) {
        #expect(Patterns.columnHeading(line) == "典型经验")
    }

    @Test func notAColumn() {
        #expect(Patterns.columnHeading("【2017】11号文件") == nil)
        #expect(Patterns.columnHeading("市司法局“三举措”") == nil)
    }

    @Test func docxLineBreaksSplitParagraphs() throws {
        let xml = """
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
        <w:p><w:r><w:t>第1期</w:t><w:br/><w:t>2022年1月1日</w:t></w:r></w:p><w:p/>
        <w:p><w:r><w:tab/><w:t>正文</w:t></w:r></w:p></w:body></w:document>
        """
        #expect(try DocxReader.paragraphs(fromDocumentXML: Data(xml.utf8)) == ["第1期", "2022年1月1日", "", " 正文"])
    }
}
