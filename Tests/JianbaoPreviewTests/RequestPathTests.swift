import Testing
@testable import JianbaoPreview

@Suite("Preview request paths, hosts and types")
struct RequestPathTests {
    let files: Set<String> = ["index.html", "ganzhou/index.html", "ganzhou/2022/151/index.html", "assets/中文.css", "feed.xml"]

    func resolve(_ raw: String, base: String = "/jianbao/") -> RequestPath.Resolution {
        RequestPath.resolve(raw, basePath: base, exists: { files.contains($0) })
    }

    @Test func resolvesFilesUnderTheBasePath() {
        #expect(resolve("/jianbao/") == .file("index.html"))
        #expect(resolve("/jianbao/ganzhou/2022/151/") == .file("ganzhou/2022/151/index.html"))
        #expect(resolve("/jianbao/ganzhou/2022/151/index.html") == .file("ganzhou/2022/151/index.html"))
        #expect(resolve("/jianbao/feed.xml") == .file("feed.xml"))
        #expect(resolve("/jianbao//ganzhou//") == .file("ganzhou/index.html"))
    }

    @Test func decodesChineseNamesOnce() {
        #expect(resolve("/jianbao/assets/%E4%B8%AD%E6%96%87.css") == .file("assets/中文.css"))
        #expect(resolve("/jianbao/assets/中文.css") == .file("assets/中文.css"))
    }

    @Test func redirectsFoldersAndTheBareBase() {
        #expect(resolve("/jianbao") == .redirect("/jianbao/"))
        #expect(resolve("/jianbao/ganzhou") == .redirect("/jianbao/ganzhou/"))
    }

    @Test func refusesTraversalInEveryDisguise() {
        for raw in ["/jianbao/../jianbao/", "/jianbao/ganzhou/../index.html", "/jianbao/./index.html",
                    "/jianbao/%2e%2e/jianbao/", "/jianbao/%2E%2E/etc/passwd", "/jianbao/.%2e/x",
                    "/jianbao/%252e%252e/jianbao/", "/jianbao/%252E%252E%252Fetc",
                    "/jianbao/..\\..\\etc\\passwd", "/jianbao/ganzhou%5c..%5cindex.html", "/jianbao/%5c",
                    "/jianbao/index.html%00", "/jianbao/%00", "/jianbao/%zz", "/jianbao/%e4%b8", "jianbao/index.html",
                    "/jianbao/%0aindex.html"] {
            #expect(resolve(raw) == .notFound, "\(raw)")
        }
    }

    @Test func outsideTheBasePathIsNotFound() {
        #expect(resolve("/index.html") == .notFound)
        #expect(resolve("/jianbaox/index.html") == .notFound)
        #expect(resolve("/other/") == .notFound)
        #expect(RequestPath.resolve("/index.html", basePath: "/", exists: { files.contains($0) }) == .file("index.html"))
    }

    @Test func loopbackHostPolicy() {
        let p = HostPolicy(boundHost: "127.0.0.1", port: 1313)
        #expect(p.isLoopbackOnly)
        #expect(p.allows(host: "127.0.0.1:1313"))
        #expect(p.allows(host: "localhost:1313"))
        #expect(p.allows(host: "LOCALHOST:1313"))
        #expect(p.allows(host: "[::1]:1313"))
        #expect(!p.allows(host: "127.0.0.1:1314"))
        #expect(!p.allows(host: "127.0.0.1"))
        #expect(!p.allows(host: "evil.example:1313"))
        #expect(!p.allows(host: "localhost.evil.example:1313"))
        #expect(!p.allows(host: "192.168.1.5:1313"))
        #expect(!p.allows(host: nil))
        #expect(!p.allows(host: ""))
        #expect(p.allows(origin: "http://127.0.0.1:1313"))
        #expect(p.allows(origin: "http://localhost:1313"))
        #expect(!p.allows(origin: "http://evil.example:1313"))
        #expect(!p.allows(origin: "null"))
    }

    @Test func lanHostPolicyRefusesNames() {
        let p = HostPolicy(boundHost: "0.0.0.0", port: 8080)
        #expect(!p.isLoopbackOnly)
        #expect(p.allows(host: "192.168.1.5:8080"))
        #expect(p.allows(host: "[fe80::1]:8080"))
        #expect(p.allows(host: "localhost:8080"))
        #expect(!p.allows(host: "rebind.evil.example:8080"))
        #expect(!p.allows(host: "192.168.1.5:80"))
        #expect(HostPolicy.isLoopback("127.0.0.1") && HostPolicy.isLoopback("localhost") && HostPolicy.isLoopback("::1"))
        #expect(!HostPolicy.isLoopback("0.0.0.0") && !HostPolicy.isLoopback("192.168.1.5"))
    }

    @Test func mimeTypes() {
        #expect(MIMEType.of("index.html") == "text/html; charset=utf-8")
        #expect(MIMEType.of("assets/style.3f2a.css") == "text/css; charset=utf-8")
        #expect(MIMEType.of("assets/app.js") == "text/javascript; charset=utf-8")
        #expect(MIMEType.of("search/index.json") == "application/json; charset=utf-8")
        #expect(MIMEType.of("feed.xml") == "application/xml; charset=utf-8")
        #expect(MIMEType.of("assets/chart.svg") == "image/svg+xml; charset=utf-8")
        #expect(MIMEType.of("robots.txt") == "text/plain; charset=utf-8")
        #expect(MIMEType.of("assets/logo.PNG") == "image/png")
        #expect(MIMEType.of("assets/photo.jpg") == "image/jpeg")
        #expect(MIMEType.of("assets/font.woff2") == "font/woff2")
        #expect(MIMEType.of("assets/noext") == "application/octet-stream")
    }
}
