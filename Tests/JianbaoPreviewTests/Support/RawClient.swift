import FlyingSocks
import Foundation

/// A response read off the wire.
struct RawResponse {
    var status: Int
    /// Headers with lowercased names.
    var headers: [String: String]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A deliberately raw HTTP/1.1 client (the request target is sent exactly as given, so traversal attempts reach
/// the server unnormalised).
enum RawHTTP {
    static func request(port: UInt16, _ request: String, timeout: Double = 30) async throws -> RawResponse {
        try await withTimeout(timeout) {
            let socket = try await AsyncSocket.connected(to: sockaddr_in.inet(ip4: "127.0.0.1", port: port))
            defer { try? socket.close() }
            try await socket.write(Data(request.utf8))
            var bytes: [UInt8] = []
            while true {
                do {
                    let chunk = try await socket.read(atMost: 65536)
                    if chunk.isEmpty { break }
                    bytes += chunk
                } catch SocketError.disconnected { break }
            }
            return try parse(bytes)
        }
    }

    /// `GET target` with a Host header (default `127.0.0.1:port`).
    static func get(_ target: String, port: UInt16, host: String? = nil, method: String = "GET", timeout: Double = 30) async throws -> RawResponse {
        try await request(port: port, "\(method) \(target) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n\r\n",
                          timeout: timeout)
    }

    static func parse(_ bytes: [UInt8]) throws -> RawResponse {
        guard let end = find([13, 10, 13, 10], in: bytes) else { throw ClientError("no header end in \(bytes.count) bytes") }
        let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw ClientError("bad status line \(head[0])") }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return RawResponse(status: status, headers: headers, body: Data(bytes[(end + 4)...]))
    }

    static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return i }
        return nil
    }
}

/// A minimal WebSocket client for the live-reload channel (text frames only).
final class WSClient: @unchecked Sendable {
    let socket: AsyncSocket
    private var buffer: [UInt8] = []

    private init(socket: AsyncSocket, leftover: [UInt8]) {
        self.socket = socket
        buffer = leftover
    }

    /// Connects and upgrades; throws with the status when the server refuses.
    static func connect(port: UInt16, host: String? = nil, origin: String? = nil, timeout: Double = 30) async throws -> WSClient {
        try await withTimeout(timeout) {
            let socket = try await AsyncSocket.connected(to: sockaddr_in.inet(ip4: "127.0.0.1", port: port))
            var req = "GET /__jianbao/livereload HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nUpgrade: websocket\r\n"
            req += "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
            if let origin { req += "Origin: \(origin)\r\n" }
            req += "\r\n"
            try await socket.write(Data(req.utf8))
            var bytes: [UInt8] = []
            while RawHTTP.find([13, 10, 13, 10], in: bytes) == nil {
                bytes += try await socket.read(atMost: 4096)
            }
            let end = RawHTTP.find([13, 10, 13, 10], in: bytes)!
            let response = try RawHTTP.parse(Array(bytes[..<(end + 4)]))
            guard response.status == 101 else {
                try? socket.close()
                throw ClientError("status \(response.status)")
            }
            return WSClient(socket: socket, leftover: Array(bytes[(end + 4)...]))
        }
    }

    private func take(_ n: Int) async throws -> [UInt8] {
        while buffer.count < n { buffer += try await socket.read(atMost: 65536) }
        let out = Array(buffer.prefix(n))
        buffer.removeFirst(n)
        return out
    }

    /// The next text message.
    func nextText() async throws -> String {
        while true {
            let h = try await take(2)
            let opcode = h[0] & 0x0F
            var len = Int(h[1] & 0x7F)
            if len == 126 { let b = try await take(2); len = Int(b[0]) << 8 | Int(b[1]) }
            else if len == 127 { let b = try await take(8); len = b.reduce(0) { $0 << 8 | Int($1) } }
            var mask: [UInt8] = []
            if h[1] & 0x80 != 0 { mask = try await take(4) }
            var payload = try await take(len)
            if !mask.isEmpty { for i in payload.indices { payload[i] ^= mask[i % 4] } }
            if opcode == 0x8 { throw ClientError("closed") }
            if opcode == 0x1 { return String(decoding: payload, as: UTF8.self) }
        }
    }

    /// The next message decoded as JSON object, within `timeout` seconds.
    func nextMessage(timeout: Double = 30) async throws -> [String: Any] {
        let text = try await withTimeout(timeout) { try await self.nextText() }
        return (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }

    func close() { try? socket.close() }
}

struct ClientError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// Runs `body`, failing with `ClientError` after `seconds` (a limit for hangs, never a timing assertion).
func withTimeout<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            throw ClientError("timed out after \(seconds) s")
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
