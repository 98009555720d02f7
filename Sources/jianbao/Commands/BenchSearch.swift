import ArgumentParser
import Foundation
import JianbaoCore
import ZIPFoundation

/// `jianbao bench-search`: search-index size and bytes downloaded per query on a built site (for `make bench`; hidden).
struct BenchSearch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-search", abstract: "统计检索索引大小和每次查询下载的字节数（供 make bench 使用）。", shouldDisplay: false)

    @OptionGroup var source: SourceOption

    @Option(name: .long, help: ArgumentHelp("网站输出目录，默认 <站点目录>/public", valueName: "目录"))
    var output: String?

    @Option(name: .long, parsing: .upToNextOption, help: "查询词")
    var query: [String] = ["安置帮教", "反诈 宣传", "市司法局", "6081", "一网通办"]

    func run() throws {
        let root = output.map { URL(fileURLWithPath: $0) } ?? source.url.appendingPathComponent("public")
        var files: [String: Data] = [:]
        let base = root.path + "/"
        if let e = FileManager.default.enumerator(atPath: root.appendingPathComponent("search").path) {
            while let rel = e.nextObject() as? String {
                let path = "search/" + rel
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: base + path, isDirectory: &isDir), !isDir.boolValue {
                    files[path] = FileManager.default.contents(atPath: base + path)
                }
            }
        }
        guard !files.isEmpty else { throw ValidationError("找不到 \(root.path)/search/，请先运行 jianbao build") }
        print("检索索引：\(files.count) 个文件，共 \(String(format: "%.1f", Double(SearchIndexStats.indexBytes(files: files)) / 1_048_576)) MB")
        for q in query {
            let fetched = SearchIndexStats.filesForQuery(q, files: files).compactMap { files[$0] }
            let bytes = fetched.reduce(0) { $0 + $1.count }
            let compressed = try fetched.reduce(0) { try $0 + Self.gzipBytes($1) }
            let hits = SearchIndexStats.matches(q, files: files).count
            print("  查询 “\(q)”：下载 \(bytes / 1024) KB（gzip 压缩传输 \(compressed / 1024) KB），\(hits) 条结果")
        }
    }

    /// The size of `data` as a web server with gzip on sends it: zlib's deflate (level 6, as `gzip -6` and
    /// nginx's and Apache's defaults) plus gzip's 18 bytes of header and trailer.
    static func gzipBytes(_ data: Data) throws -> Int {
        var size = 18
        _ = try Data.compress(size: Int64(data.count), bufferSize: 64 * 1024, provider: { position, length in
            data.subdata(in: Int(position)..<Int(position) + length)
        }, consumer: { size += $0.count })
        return size
    }
}
