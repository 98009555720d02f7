import Foundation
import JianbaoCore

/// Entry point of `jianbao serve` (placeholder until the preview issue).
public enum PreviewCommand {
    /// Builds, serves and watches the site.
    public static func run(source: URL, host: String, port: UInt16) async throws {
        FileHandle.standardError.write(Data("预览服务器尚未实现\n".utf8))
    }
}
