import Foundation
import Testing
@testable import JianbaoCore

/// Bad input never breaks the published site: a clear message with file and line, a failed build,
/// and public/ byte-for-byte unchanged.
@Suite("Bad inputs leave public/ untouched")
struct ReliabilityTests {
    /// Builds the mini site, applies `damage`, and returns the failed build's diagnostics after checking public/ is unchanged.
    func failingBuild(_ damage: (TestSite) throws -> Void) throws -> [String] {
        let site = try TestSite()
        try site.build()
        let before = site.snapshot()
        try damage(site)
        let diags = site.failure()
        #expect(!diags.isEmpty, "the build should have failed")
        #expect(site.snapshot() == before, "public/ changed")
        return diags.filter { $0.severity == .error }.map(\.description)
    }

    @Test func malformedYAML() throws {
        let d = try failingBuild { try $0.write("content/ganzhou/2022/9.md", "---\nissue: 9\ndate: 2022-01-01\ntitle: \"未闭合\n---\n## 市司法局x\n") }
        #expect(d == ["content/ganzhou/2022/9.md:4:8: 错误: YAML 格式错误: 文本意外结束（引号或括号可能没有闭合）（从这里开始的引号没有闭合）"])
    }

    @Test func missingClosingFence() throws {
        let d = try failingBuild { try $0.write("content/ganzhou/2022/9.md", "---\nissue: 9\ndate: 2022-01-01\n## 市司法局x\n") }
        #expect(d == ["content/ganzhou/2022/9.md:1:1: 错误: front matter 没有结束的 ---（第 1 行的 --- 之后需要另一行 ---）"])
    }

    @Test func invalidUTF8() throws {
        let d = try failingBuild { site in
            var bytes = Array("---\nissue: 9\ndate: 2022-01-01\n---\n## 市司法局".utf8)
            bytes += [0xB0, 0xB2, 0xD6, 0xC3]  // 安置 in GB18030
            try site.write("content/ganzhou/2022/9.md", bytes: bytes)
        }
        #expect(d == ["content/ganzhou/2022/9.md:5:8: 错误: 不是有效的 UTF-8 编码（第 50 字节），请用 UTF-8 保存文件（GB18030 文件可用 jianbao import 转换）"])
    }

    @Test func nulByte() throws {
        let d = try failingBuild { try $0.write("content/ganzhou/2022/9.md", bytes: Array("---\nissue: 9\ndate: 2022-01-01\n---\n## 市\u{0}司法局\n".utf8)) }
        #expect(d == ["content/ganzhou/2022/9.md:5:5: 错误: 文件包含 NUL 字节（\\0），可能不是文本文件"])
    }

    @Test func emptyFile() throws {
        let d = try failingBuild { try $0.write("content/ganzhou/2022/9.md", "") }
        #expect(d == ["content/ganzhou/2022/9.md:1:1: 错误: 文件为空"])
    }

    @Test func hugeFile() throws {
        let d = try failingBuild { site in
            let url = site.root.appendingPathComponent("content/ganzhou/2022/9.md")
            #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
            let h = try FileHandle(forWritingTo: url)
            try h.truncate(atOffset: 100 * 1024 * 1024)  // a sparse 100 MB file
            try h.close()
        }
        #expect(d == ["content/ganzhou/2022/9.md:1:1: 错误: 文件过大（100 MB），单个文件不能超过 8 MB"])
    }

    @Test func symlinkOutsideContent() throws {
        let d = try failingBuild { site in
            try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("content/ganzhou/leak.md").path,
                                                       withDestinationPath: "/etc/passwd")
        }
        #expect(d.count == 1)
        #expect(d[0].hasPrefix("content/ganzhou/leak.md: 错误: 符号链接指向 content/ 之外（"))
    }

    @Test func templateSyntaxError() throws {
        let d = try failingBuild { try $0.write("templates/topics.mustache", "{{<base}}\n{{$content}}\n{{#topics}}\n<li>{{name}</li>\n{{/topics}}\n{{/content}}\n{{/base}}\n") }
        #expect(d.count == 1)
        #expect(d[0].hasPrefix("templates/topics.mustache:4:"))
        #expect(d[0].contains("模板语法错误"))
    }

    @Test func missingPartial() throws {
        let d = try failingBuild { try $0.write("templates/topics.mustache", "{{<base}}\n{{$content}}\n  {{> partials/topic-card}}\n{{/content}}\n{{/base}}\n") }
        #expect(d == ["templates/topics.mustache:3:3: 错误: 找不到局部模板 “partials/topic-card”（应在 templates/partials/topic-card.mustache）"])
    }

    @Test func missingTemplate() throws {
        let d = try failingBuild { try $0.remove("templates/topic.mustache") }
        #expect(d == ["templates/topic.mustache: 错误: 缺少模板 templates/topic.mustache"])
    }

    @Test func bomAndCRLFAreAccepted() throws {
        let site = try TestSite()
        let text = "\u{FEFF}---\r\nissue: 9\r\ndate: 2022-01-01\r\n---\r\n## 市司法局来稿\r\n\r\n第一行\r\n第二行\r\n"
        try site.write("content/ganzhou/2022/9.md", text)
        try site.build()
        let html = try site.page("ganzhou/2022/9/index.html")
        #expect(html.contains("<p>第一行第二行</p>"))
    }

    @Test func fileNamesWithSpacesAndChineseAreAccepted() throws {
        let site = try TestSite()
        try site.write("content/ganzhou/2022/第 9 期 简报.md", "---\nissue: 9\ndate: 2022-01-01\n---\n## 市司法局来稿\n\n正文\n")
        try site.build()
        #expect(site.snapshot().keys.contains("ganzhou/2022/9/index.html"))
    }
}

@Suite("Hostile content never becomes markup")
struct HostileContentTests {
    static let attack = "</script><script>alert(1)</script><img src=x onerror=alert(2)>\"'"

    @Test func rawHTMLIsNotPassedThrough() {
        let html = renderMarkdown("<script>alert(1)</script>\n\n<iframe src=\"https://evil\"></iframe>\n\n段落<img src=x onerror=alert(1)>文字\n")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<iframe"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("onerror="))
    }

    @Test func unsafeURLSchemesAreDropped() {
        for url in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=",
                    " javascript:alert(1)", "java&#x09;script:alert(1)", "file:///etc/passwd"] {
            let html = renderMarkdown("[点击](\(url)) 和 ![图](\(url))\n")
            #expect(!html.lowercased().contains("javascript:"), "\(url) -> \(html)")
            #expect(!html.lowercased().contains("vbscript:"), "\(url) -> \(html)")
            #expect(!html.contains("data:text"), "\(url) -> \(html)")
            #expect(!html.contains("file:"), "\(url) -> \(html)")
            #expect(html.contains("点击"))
        }
        let safe = renderMarkdown("[政府网](https://www.gov.cn/) [邮件](mailto:a@b.cn) [站内](/jianbao/)\n")
        #expect(safe.contains("href=\"https://www.gov.cn/\""))
        #expect(safe.contains("href=\"mailto:a@b.cn\""))
        #expect(safe.contains("href=\"/jianbao/\""))
    }

    @Test func hostileStringsInTitlesDepartmentsAndLabelsAreEscapedEverywhere() throws {
        let site = try TestSite()
        let yml = try String(contentsOf: site.root.appendingPathComponent("site.yml"), encoding: .utf8)
        let dept = "坏部门</script><script>alert(1)</script>"
        try site.write("site.yml", yml.replacingOccurrences(of: "  - name: 瑞金市\n", with: "  - name: 瑞金市\n  - name: \"\(dept)\"\n    slug: bad\n"))
        let a = HostileContentTests.attack.replacingOccurrences(of: "\"", with: "\\\"")
        try site.write("content/ganzhou/2022/9.md", """
        ---
        issue: 9
        date: 2022-09-09
        title: "标题\(a)"
        signer: "签发\(a)"
        tags: ["主题\(a)"]
        report_to: ["上级\(a)"]
        ---
        ## 报道\(HostileContentTests.attack) {department=坏部门&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;}

        正文<script>alert(3)</script>[链接](javascript:alert(4))

        ```metrics
        title: "图表\(a)"
        source: "来源\(a)"
        items:
          - {label: "标签\(a)", value: 1}
          - {label: "其他", value: 2}
          - {label: "再一", value: 3}
        ```
        """)
        try site.build()
        for (path, data) in site.snapshot() {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<script>alert"), "\(path)")
            #expect(!text.contains("<img src=x"), "\(path)")
            #expect(!text.contains("onerror=alert(2)>"), "\(path)")
            #expect(!text.contains("javascript:"), "\(path)")
            if path.hasSuffix(".json") || path.hasSuffix(".js") { #expect(!text.contains("</script"), "\(path)") }
        }
        let issue = try site.page("ganzhou/2022/9/index.html")
        #expect(issue.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(issue.contains("坏部门&lt;/script&gt;"))
        #expect(site.snapshot().keys.contains("departments/bad/index.html"))
    }
}
