import Foundation
import Testing
@testable import JianbaoCore

/// Runs the real `jianbao` binary built next to the tests.
enum CLI {
    static var binary: URL? {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("jianbao")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let fallback = Repo.root.appendingPathComponent(".build/debug/jianbao")
        return FileManager.default.isExecutableFile(atPath: fallback.path) ? fallback : nil
    }

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ args: [String], in dir: URL? = nil) throws -> Result {
        let p = Process()
        let executable: URL = try #require(binary, "jianbao binary not built")
        p.executableURL = executable
        p.arguments = args
        if let dir { p.currentDirectoryURL = dir }
        var env = ProcessInfo.processInfo.environment
        env["CI"] = "true"
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}

@Suite("Command line", .serialized)
struct CLITests {
    @Test func buildSucceedsWithOneSummaryLine() throws {
        let site = try TestSite()
        let r = try CLI.run(["build", "--source", site.root.path])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("已生成 ") == true)
        #expect(lines.first?.contains("共 4 期简报") == true)
    }

    @Test func contentErrorsExitWithOneAndCompilerStyleMessages() throws {
        let site = try TestSite()
        try site.write("content/ganzhou/2022/151-b.md", "---\nissue: 151\ndate: 2022-08-26\n---\n## 市司法局x\n\n正文\n")
        try site.write("content/ganzhou/2022/9.md", "---\nissue: 9\ndate: 2022-02-30\n---\n## 市司法局x\n\n正文\n")
        let r = try CLI.run(["build", "--source", site.root.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("content/ganzhou/2022/151.md:2:8: 错误: 期号 151 与 content/ganzhou/2022/151-b.md 重复\n"))
        #expect(r.stderr.contains("content/ganzhou/2022/9.md:3:7: 错误: 日期 “2022-02-30” 不存在\n"))
        #expect(r.stderr.contains("2 个错误；未写入任何文件"))
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test func usageErrorsExitWithTwo() throws {
        let r = try CLI.run(["build", "--no-such-option"])
        #expect(r.status == 2)
        let r2 = try CLI.run(["frobnicate"])
        #expect(r2.status == 2)
    }

    @Test func helpIsInChinese() throws {
        let r = try CLI.run(["build", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("输出目录"))
        #expect(r.stdout.contains("包含草稿"))
    }

    @Test func checkWarnsAndStrictFails() throws {
        let site = try TestSite()
        try site.write("content/ganzhou/2022/160.md", "---\nissue: 160\ndate: 2022-09-01\n---\n## 市司法局x\n\n正文\n")
        let r = try CLI.run(["check", "--source", site.root.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("content/ganzhou/2022/160.md:2:8: 警告: 期号不连续: 缺少第152–159期（上一期是 content/ganzhou/2022/151.md）"))
        let strict = try CLI.run(["check", "--strict", "--source", site.root.path])
        #expect(strict.status == 1)
    }

    @Test func checkGovWarnsAboutMissingFooterFields() throws {
        let site = try TestSite()
        let yml = try String(contentsOf: site.root.appendingPathComponent("site.yml"), encoding: .utf8)
        try site.write("site.yml", yml.replacingOccurrences(of: "  icp: 赣ICP备00000000号\n", with: ""))
        let r = try CLI.run(["check", "--gov", "--source", site.root.path])
        #expect(r.stderr.contains("site.yml: 警告: 页脚缺少ICP备案号（footer.icp），政府网站检查要求每页显示"))
        #expect(!r.stderr.contains("主办单位"))
    }

    @Test func newCreatesTheNextIssue() throws {
        let site = try TestSite()
        let r = try CLI.run(["new", "--source", site.root.path, "--series", "ganzhou", "--date", "2022-09-15"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("content/ganzhou/2022/152.md"))
        let text = try String(contentsOf: site.root.appendingPathComponent("content/ganzhou/2022/152.md"), encoding: .utf8)
        #expect(text.hasPrefix("---\nissue: 152\ndate: 2022-09-15\n"))
    }

    @Test func benchSearchReportsRawAndGzipBytesPerQuery() throws {
        let site = try TestSite()
        #expect(try CLI.run(["build", "--source", site.root.path]).status == 0)
        let r = try CLI.run(["bench-search", "--source", site.root.path, "--query", "反诈", "安置帮教"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("检索索引：") == true)
        // Each query: raw bytes, then gzip bytes (meta.json, a shard and a document chunk compress: never more).
        for (line, q) in zip(lines.dropFirst(), ["反诈", "安置帮教"]) {
            let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            #expect(line.hasPrefix("  查询 “\(q)”：下载 ") && line.contains(" KB（gzip 压缩传输 ") && line.hasSuffix(" 条结果"), "\(line)")
            #expect(numbers.count == 3 && numbers[1] <= numbers[0] && numbers[2] > 0, "\(line)")
        }
        #expect(lines.count == 3)
    }

    @Test func killedBuildLeavesThePreviousOutputIntact() throws {
        let site = try TestSite()
        try site.build()
        let before = site.snapshot()
        // Make the next build long enough to be killed mid-way.
        for n in 1...1500 {
            try site.write("content/ganzhou/2019/\(n).md", "---\nissue: \(1000 + n)\ndate: 2019-03-0\(n % 9 + 1)\n---\n## 市司法局第\(n)篇\n\n" + String(repeating: "安置帮教工作稳步推进，成效显著。", count: 200) + "\n")
        }
        let p = Process()
        let executable: URL = try #require(CLI.binary)
        p.executableURL = executable
        p.arguments = ["build", "--source", site.root.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        usleep(400_000)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let after = site.snapshot()
        // Either the kill came first (old site, byte for byte) or the build had already finished (complete new site).
        if after.count == before.count {
            #expect(after == before)
        } else {
            #expect(after.keys.contains("ganzhou/2019/1500/index.html"))
            #expect(after["index.html"] != nil)
        }
        // The next build cleans up the staging folder the killed one left; a large previous output is
        // deleted by a detached process after the swap, so wait for that one.
        try site.build()
        let staging = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public.staging") }
        #expect(staging.isEmpty)
        var old: [String] = []
        for _ in 0..<300 {
            old = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public") }
            if old.isEmpty { break }
            usleep(100_000)
        }
        #expect(old.isEmpty)
    }
}
