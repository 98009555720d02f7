import ArgumentParser
import Foundation
import JianbaoCore

/// `jianbao`: the command line. Exit status: 0 success, 1 content errors, 2 usage errors.
@main
struct Jianbao: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jianbao",
        abstract: "简报站：把五型政府工作简报（Markdown）生成为可检索的静态网站。",
        version: "0.1.0",
        subcommands: [Build.self, Serve.self, Check.self, New.self, Import.self, BenchPreview.self, BenchSearch.self]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch let failure as BuildFailure {
            Terminal.report(failure.diagnostics)
            Foundation.exit(1)
        } catch let e as ContentErrors {
            Foundation.exit(e.code)
        } catch {
            let code = exitCode(for: error)
            if code == .success || code.rawValue == 0 {
                exit(withError: error)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            // Usage errors (ArgumentParser's EX_USAGE) exit with 2, as the content contract says.
            Foundation.exit(code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}

/// Thrown after diagnostics were printed, carrying the exit status.
struct ContentErrors: Error {
    var code: Int32 = 1
}

/// Terminal output helpers: diagnostics on stderr, summaries on stdout.
enum Terminal {
    /// Prints diagnostics in compiler style, then a count.
    static func report(_ diagnostics: [Diagnostic]) {
        var text = diagnostics.sorted().map(\.description).joined(separator: "\n")
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        if !text.isEmpty { text += "\n" }
        if errors > 0 || warnings > 0 {
            var parts: [String] = []
            if errors > 0 { parts.append("\(errors) 个错误") }
            if warnings > 0 { parts.append("\(warnings) 个警告") }
            text += parts.joined(separator: "，") + (errors > 0 ? "；未写入任何文件" : "") + "\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// True when stderr is a terminal and not in CI (for progress output).
    static var interactive: Bool {
        isatty(2) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
    }
}

/// `--source DIR`, shared by every command.
struct SourceOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("站点文件夹（含 site.yml、content/、templates/）", valueName: "目录"))
    var source: String = "."

    var url: URL { URL(fileURLWithPath: source) }
}
