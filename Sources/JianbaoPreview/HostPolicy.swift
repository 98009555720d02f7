import Foundation

/// Which `Host` (and WebSocket `Origin`) values the preview answers, against DNS rebinding: a page of another site
/// whose name was made to point at 127.0.0.1 sends its own name as `Host`, and is refused.
///
/// Bound to a loopback address: only `localhost`, `127.0.0.1`, `[::1]` (and the bound address) with the bound port.
/// Bound to another address (asked explicitly with `--host`): any IP literal or `localhost` with the bound port,
/// never a domain name.
public struct HostPolicy: Sendable {
    /// The port the server listens on.
    public var port: UInt16
    /// The address the server is bound to.
    public var boundHost: String

    /// A policy for a server bound to `boundHost:port`.
    public init(boundHost: String, port: UInt16) {
        self.boundHost = boundHost.lowercased()
        self.port = port
    }

    /// Whether an address names this machine only (127.0.0.0/8, ::1, localhost).
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h == "localhost" || h == "::1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Whether the server is bound to loopback only.
    public var isLoopbackOnly: Bool { HostPolicy.isLoopback(boundHost) }

    /// Whether a `Host` header value (`127.0.0.1:1313`, `[::1]:1313`, `localhost:1313`) is accepted.
    public func allows(host value: String?) -> Bool {
        guard let value, let (host, hostPort) = HostPolicy.split(value) else { return false }
        guard hostPort == port else { return false }
        if isLoopbackOnly {
            let bound = boundHost.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            return host == "localhost" || host == "127.0.0.1" || host == "::1" || host == bound
        }
        return host == "localhost" || HostPolicy.isIPLiteral(host)
    }

    /// Whether an `Origin` header value (`http://127.0.0.1:1313`) is accepted (same rule as `Host`).
    public func allows(origin value: String?) -> Bool {
        guard let value else { return false }
        for scheme in ["http://", "https://"] where value.lowercased().hasPrefix(scheme) {
            let rest = String(value.dropFirst(scheme.count))
            guard !rest.contains("/") else { return false }
            return allows(host: rest.contains(":") && !(rest.hasSuffix("]")) ? rest : rest + ":80")
        }
        return false
    }

    /// `host[:port]` -> lowercased host without brackets, and port (80 when missing). Nil when malformed.
    static func split(_ value: String) -> (String, UInt16)? {
        let v = value.trimmingCharacters(in: .whitespaces).lowercased()
        guard !v.isEmpty else { return nil }
        if v.hasPrefix("[") {
            guard let close = v.firstIndex(of: "]") else { return nil }
            let host = String(v[v.index(after: v.startIndex)..<close])
            let rest = v[v.index(after: close)...]
            if rest.isEmpty { return (host, 80) }
            guard rest.hasPrefix(":"), let p = UInt16(rest.dropFirst()) else { return nil }
            return (host, p)
        }
        let parts = v.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts[0].isEmpty else { return nil }
        if parts.count == 1 { return (String(parts[0]), 80) }
        guard let p = UInt16(parts[1]) else { return nil }
        return (String(parts[0]), p)
    }

    /// Whether `host` is an IPv4 or IPv6 literal (not a name).
    static func isIPLiteral(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4 && parts.allSatisfy({ UInt8($0) != nil }) { return true }
        return host.contains(":") && host.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }
}
