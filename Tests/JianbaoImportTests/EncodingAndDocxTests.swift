import Foundation
import Testing
import ZIPFoundation
import JianbaoCore
@testable import JianbaoImport

@Suite("导入: 编码与 Word")
struct EncodingAndDocxTests {
    static let sample = "南昌市“五型”政府建设领导小组办公室简报(第3期)\n发布日期: 2022-03-01\n\n南昌县持续深化平安建设\n\n近年来,南昌县把平安建设工作与服务民安民生各项需要有机融合。\n"

    @Test func utf8WithBOMAndCRLF() throws {
        let data = Data([0xEF, 0xBB, 0xBF] + Array("第1期\r\n正文".utf8))
        let (text, enc) = try #require(ImportTextDecoder.decode(data))
        #expect(enc == .utf8)
        #expect(text == "第1期\n正文")
    }

    @Test func gb18030IsDetectedAndConverted() throws {
        let bytes = try #require(ImportTextDecoder.gb18030(Self.sample))
        #expect(String(validatingUTF8Bytes: bytes) == nil)
        #expect(Array(bytes.prefix(4)) == [0xC4, 0xCF, 0xB2, 0xFD])   // 南昌 in GB18030
        let (text, enc) = try #require(ImportTextDecoder.decode(Data(bytes)))
        #expect(enc == .gb18030)
        #expect(text == Self.sample)
    }

    @Test func gb18030FileImports() throws {
        let site = try ImportSite(templates: false)
        let path = try site.input("gb.txt", Data(try #require(ImportTextDecoder.gb18030(Self.sample))))
        let outcomes = site.run([path])
        #expect(outcomes.first?.written == true)
        #expect(outcomes.first?.summary.first == "读取 \(path)（GB18030）→ content/nanchang/2022/3.md")
        #expect(try site.text("content/nanchang/2022/3.md").contains("\n## 南昌县持续深化平安建设\n"))
    }

    @Test func undecodableBytesAreAnError() {
        #expect(ImportTextDecoder.decode(Data([0x81, 0x20, 0xFF, 0xFF])) == nil)
    }

    static let documentXML = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
    <w:p><w:r><w:t>南昌市“五型”政府建设领导小组办公室简报（第4期）</w:t></w:r></w:p>
    <w:p><w:r><w:t>2022年4月1日</w:t></w:r></w:p>
    <w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>西湖区坚决打好反诈“保卫战”</w:t></w:r></w:p>
    <w:p><w:r><w:t xml:space="preserve">一是机制先行。</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>二是分类</w:t></w:r><w:r><w:rPr><w:b w:val="true"/></w:rPr><w:t>快阻。</w:t></w:r><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>对高危预警信息&amp;线索,由区反诈中心先行电话预警。</w:t></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del></w:p>
    </w:body></w:document>
    """

    /// A minimal .docx made with ZIPFoundation.
    static func docx(_ xml: String) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let data = Data(xml.utf8)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { pos, size in
            data.subdata(in: Int(pos)..<Int(pos) + size)
        }
        return try #require(archive.data)
    }

    @Test func docxParagraphsAndBoldRuns() throws {
        let text = try DocxReader.text(of: try Self.docx(Self.documentXML))
        #expect(text.split(separator: "\n").map(String.init) == [
            "南昌市“五型”政府建设领导小组办公室简报（第4期）",
            "2022年4月1日",
            "**西湖区坚决打好反诈“保卫战”**",
            "一是机制先行。**二是分类快阻。**对高危预警信息&线索,由区反诈中心先行电话预警。",
        ])
    }

    @Test func docxImportsEndToEnd() throws {
        let site = try ImportSite(templates: false)
        let path = try site.input("简报.docx", try Self.docx(Self.documentXML))
        let outcomes = site.run([path])
        #expect(outcomes.first?.diagnostics.isEmpty == true)
        let md = try site.text("content/nanchang/2022/4.md")
        #expect(md == """
        ---
        series: nanchang
        issue: 4
        date: 2022-04-01
        publisher: 南昌市“五型”政府建设领导小组办公室
        ---

        ## 西湖区坚决打好反诈“保卫战”

        一是机制先行。**二是分类快阻。**对高危预警信息&线索,由区反诈中心先行电话预警。

        """)
    }

    @Test func notADocx() {
        #expect(throws: DocxReader.Failure.self) { try DocxReader.text(of: Data("plain".utf8)) }
    }
}
