import Foundation
import JianbaoCore

/// Entry point of `jianbao serve`.
public enum PreviewCommand {
    /// Builds (drafts included), serves on `host:port` and watches until Ctrl-C (SIGINT) or SIGTERM.
    /// Throws `PreviewError` when it cannot listen (port in use: the message names the `--port` fix).
    public static func run(source: URL, host: String, port: UInt16) async throws {
        let out: @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
        let err: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        if !HostPolicy.isLoopback(host) {
            err("警告: 正在监听 \(host)，局域网内的其他设备也能访问本预览（包括未发布的草稿）。只在确实需要时使用 --host；默认只监听本机 127.0.0.1。")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isDir), isDir.boolValue else {
            throw PreviewError.noSite(source.path)
        }
        let server = PreviewServer(options: PreviewServer.Options(source: source, host: host, port: port, log: out, logError: err))
        try await server.start()
        out("预览地址: \(server.url)")
        out("草稿（draft: true）只在预览中显示。保存文件后浏览器会自动刷新；按 Ctrl-C 停止。")

        let stopper = SignalStopper { await server.stop() }
        await server.waitUntilStopped()
        stopper.cancel()
        out("预览服务器已停止")
    }
}

/// Turns SIGINT/SIGTERM into a clean stop; a second signal exits at once.
final class SignalStopper: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var fired = false

    init(_ stop: @escaping @Sendable () async -> Void) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.lock.lock()
                let again = self.fired
                self.fired = true
                self.lock.unlock()
                if again { exit(130) }
                FileHandle.standardError.write(Data("\n正在停止预览服务器……\n".utf8))
                Task { await stop() }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Restores the default signal handling.
    func cancel() {
        for s in sources { s.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
