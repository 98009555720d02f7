import FlyingSocks
import Foundation

/// Why the preview could not start, in words an editor can act on.
public enum PreviewError: Error, LocalizedError, CustomStringConvertible, Equatable {
    /// The port is taken by another program.
    case portInUse(UInt16)
    /// The address is not an IP address of this machine.
    case invalidHost(String)
    /// The address cannot be bound (not an address of this machine, or no permission).
    case cannotListen(host: String, port: UInt16, reason: String)
    /// The server stopped before it listened.
    case stoppedEarly
    /// The site folder does not exist.
    case noSite(String)

    public var description: String {
        switch self {
        case .portInUse(let port):
            let next = port == UInt16.max ? 1314 : port + 1
            return "错误: 端口 \(port) 已被占用（可能已有一个 jianbao serve 在运行）。请换一个端口，例如：jianbao serve --port \(next)"
        case .invalidHost(let host):
            return "错误: 监听地址 “\(host)” 无效，请写 IP 地址，例如 --host 127.0.0.1"
        case .cannotListen(let host, let port, let reason):
            return "错误: 无法在 \(host):\(port) 上监听（\(reason)）。请检查 --host 是否为本机地址，或换一个端口，例如 --port 1314"
        case .stoppedEarly:
            return "错误: 预览服务器意外停止"
        case .noSite(let path):
            return "错误: 找不到站点文件夹 \(path)，请用 --source 指定包含 site.yml 的文件夹"
        }
    }

    public var errorDescription: String? { description }

    /// Turns a socket error into a preview error.
    static func make(from error: Error, host: String, port: UInt16) -> PreviewError {
        if let e = error as? PreviewError { return e }
        if case .failed(_, let code, let message)? = error as? SocketError {
            if code == EADDRINUSE { return .portInUse(port) }
            if code == EACCES { return .cannotListen(host: host, port: port, reason: "没有权限；1024 以下的端口需要管理员权限") }
            if code == EADDRNOTAVAIL { return .cannotListen(host: host, port: port, reason: "本机没有这个地址") }
            return .cannotListen(host: host, port: port, reason: message)
        }
        return .cannotListen(host: host, port: port, reason: "\(error)")
    }
}
