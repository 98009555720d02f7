import FlyingFox
import Foundation
import JianbaoCore

/// Answers every request of the preview: Host check, live-reload socket, then files of the in-memory site.
struct PreviewHandler: HTTPHandler {
    let state: PreviewState
    let socket: WebSocketHTTPHandler

    static let origin = HTTPHeader("Origin")
    static let allow = HTTPHeader("Allow")
    static let noSniff = HTTPHeader("X-Content-Type-Options")

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let snap = state.snapshot
        guard let policy = snap.policy else {
            return PreviewHandler.text(.serviceUnavailable, "预览服务器正在启动，请稍候刷新。\n")
        }
        guard policy.allows(host: request.headers[.host]) else {
            let host = request.headers[.host] ?? "（无）"
            return PreviewHandler.text(.forbidden, "已拒绝：请求的 Host “\(host)” 不是本预览服务器的地址（为防止 DNS 重绑定攻击）。请用 http://127.0.0.1:\(policy.port)/ 访问。\n")
        }
        let raw = request.target.path(percentEncoded: true)
        if raw == PageInjector.socketPath {
            // Browsers always send Origin with a WebSocket; refuse pages of other sites.
            if let origin = request.headers[PreviewHandler.origin], !policy.allows(origin: origin) {
                return PreviewHandler.text(.forbidden, "已拒绝：来源 “\(origin)” 不是本预览服务器。\n")
            }
            return try await socket.handleRequest(request)
        }
        guard request.method == .GET || request.method == .HEAD else {
            var r = PreviewHandler.text(.methodNotAllowed, "预览服务器只接受 GET 和 HEAD 请求。\n")
            r.headers[PreviewHandler.allow] = "GET, HEAD"
            return r
        }
        let head = request.method == .HEAD
        if raw == "/" && snap.basePath != "/" {
            return PreviewHandler.redirect(snap.basePath)
        }
        guard snap.hasSite else {
            let page = PageInjector.standalonePage(
                title: snap.failure == nil ? "正在生成网站" : "生成失败",
                body: snap.failure == nil ? "请稍候，页面会自动刷新。" : "请根据下面的错误信息修改文件，保存后页面会自动刷新。")
            return respond(snap.failure == nil ? .serviceUnavailable : .internalServerError, path: "index.html",
                           data: page, snapshot: snap, head: head)
        }
        switch RequestPath.resolve(raw, basePath: snap.basePath, exists: { snap.files[$0] != nil }) {
        case .file(let rel):
            return respond(.ok, path: rel, data: snap.files[rel]!, snapshot: snap, head: head)
        case .redirect(let to):
            return PreviewHandler.redirect(to)
        case .notFound:
            let page = snap.files["404.html"] ?? PageInjector.standalonePage(title: "页面不存在", body: "您访问的页面不存在。")
            return respond(.notFound, path: "404.html", data: page, snapshot: snap, head: head)
        }
    }

    /// A file response: type by extension, `no-cache`, script and overlay in HTML.
    func respond(_ status: HTTPStatusCode, path: String, data: Data, snapshot: PreviewSnapshot, head: Bool) -> HTTPResponse {
        var body = data
        if MIMEType.isHTML(path) {
            body = PageInjector.inject(into: data, generation: snapshot.generation, failure: snapshot.failure)
        }
        var headers = HTTPHeaders()
        headers[.contentType] = MIMEType.of(path)
        headers[.cacheControl] = "no-cache"
        headers[PreviewHandler.noSniff] = "nosniff"
        if head {
            headers[.contentLength] = String(body.count)
            return HTTPResponse(statusCode: status, headers: headers)
        }
        return HTTPResponse(statusCode: status, headers: headers, body: body)
    }

    /// A plain-text response.
    static func text(_ status: HTTPStatusCode, _ message: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        headers[noSniff] = "nosniff"
        return HTTPResponse(statusCode: status, headers: headers, body: Data(message.utf8))
    }

    /// A temporary redirect (preview URLs must not be cached) to a decoded path.
    static func redirect(_ path: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers[.location] = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        headers[.cacheControl] = "no-cache"
        return HTTPResponse(statusCode: .found, headers: headers)
    }
}
