import FlyingFox
import FlyingSocks
import Foundation
import JianbaoCore

/// The preview: builds the site (drafts included) into memory, serves it over HTTP (FlyingFox), watches the
/// sources, rebuilds what changed and tells browsers to reload over a WebSocket.
public final class PreviewServer: @unchecked Sendable {
    /// How to run the preview.
    public struct Options: Sendable {
        /// Site folder.
        public var source: URL
        /// Address to listen on (`127.0.0.1` by default; anything else only when asked).
        public var host: String
        /// Port (0 picks a free one, as tests do).
        public var port: UInt16
        /// How edits are noticed.
        public var watch: WatchMode
        /// Quiet time after the last change before rebuilding, in seconds.
        public var debounce: Double
        /// Progress lines (`已更新 …`); nil for silence.
        public var log: (@Sendable (String) -> Void)?
        /// Error lines (diagnostics); nil for silence.
        public var logError: (@Sendable (String) -> Void)?

        /// Options with the defaults of `jianbao serve`.
        public init(source: URL, host: String = "127.0.0.1", port: UInt16 = 1313, watch: WatchMode = .automatic,
                    debounce: Double = 0.025, log: (@Sendable (String) -> Void)? = nil,
                    logError: (@Sendable (String) -> Void)? = nil) {
            self.source = source
            self.host = host
            self.port = port
            self.watch = watch
            self.debounce = debounce
            self.log = log
            self.logError = logError
        }
    }

    /// The options.
    public let options: Options
    private let site: IncrementalSite
    private let state = PreviewState()
    private let hub: ReloadHub
    private let token: String
    private let lock = NSLock()
    private var counter = 0
    private var server: HTTPServer?
    private var runTask: Task<Void, Error>?
    private var rebuilder: Rebuilder?
    private var watcher: (any SourceWatcher)?
    private var boundPort: UInt16 = 0

    /// A server that is not started yet.
    public init(options: Options) {
        self.options = options
        site = IncrementalSite(source: options.source, includeDrafts: true)
        // Pages reload first; the search index follows (see Rebuilder).
        site.defersSearch = true
        token = String(UInt64(getpid()), radix: 36) + String(DispatchTime.now().uptimeNanoseconds, radix: 36)
        let state = self.state
        hub = ReloadHub(hello: { ReloadEvent(type: .hello, generation: state.snapshot.generation) })
        state.update { $0.generation = token + "-0" }
    }

    /// The port the server listens on (after `start`).
    public var port: UInt16 {
        lock.lock(); defer { lock.unlock() }
        return boundPort
    }

    /// The address to open in a browser: `http://127.0.0.1:1313/jianbao/`.
    public var url: String {
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        return "http://\(host):\(port)\(state.snapshot.basePath)"
    }

    /// Current build generation (changes with every rebuild that changed something or failed).
    public var generation: String { state.snapshot.generation }

    /// The latest build's failure, nil when the latest build succeeded.
    public var failure: BuildFailure? { state.snapshot.failure }

    /// The current in-memory site by output path (last good build).
    public var files: [String: Data] { state.snapshot.files }

    /// Source paths of the issues of the last good build, newest first.
    public var siteIssuePaths: [String] { state.snapshot.issuePaths }

    /// Events sent to browsers from now on (for tests and the benchmark).
    public func events() -> AsyncStream<ReloadEvent> { hub.subscribe() }

    /// Number of browsers connected to the live-reload socket.
    public var connectedBrowsers: Int { hub.clientCount }

    /// Builds once, starts listening, then watches. Returns the first build's result (the server runs either way:
    /// a failed first build shows its errors in the browser). Throws `PreviewError` when it cannot listen.
    @discardableResult
    public func start() async throws -> Result<IncrementalSite.ChangeSet, BuildFailure> {
        let begin = DispatchTime.now().uptimeNanoseconds
        let first = site.buildAll()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1_000_000_000
        publish(first, paths: ["*"], seconds: seconds, initial: true)

        let address = try PreviewServer.socketAddress(host: options.host, port: options.port)
        let socket = WebSocketHTTPHandler(handler: MessageFrameWSHandler(handler: hub))
        let server = HTTPServer(config: HTTPServer.Configuration(address: address, timeout: 30, logger: .disabled),
                                handler: PreviewHandler(state: state, socket: socket))
        let runError = ErrorBox()
        let runTask = Task {
            do { try await server.run() } catch { runError.set(error); throw error }
            runError.set(PreviewError.stoppedEarly)
        }
        // Wait until the socket listens, or until run() fails (port in use…). Startup only.
        while !(await server.isListening) {
            if let error = runError.value {
                throw PreviewError.make(from: error, host: options.host, port: options.port)
            }
            try? await Task.sleep(nanoseconds: 5_000_000)
        }
        var port = options.port
        if case .ip4(_, let p)? = await server.listeningAddress { port = p }
        if case .ip6(_, let p)? = await server.listeningAddress { port = p }
        lock.withLock {
            boundPort = port
            self.server = server
            self.runTask = runTask
        }
        state.update { $0.policy = HostPolicy(boundHost: options.host, port: port) }

        let rebuilder = Rebuilder(site: site, debounce: options.debounce, handler: { [weak self] result, paths, seconds in
            self?.publish(result, paths: paths, seconds: seconds, initial: false)
        }, searchHandler: { [weak self] result, seconds in
            self?.publishSearch(result, seconds: seconds)
        })
        rebuilder.start()
        let watcher = WatcherFactory.make(options.watch, root: site.root)
        try watcher?.start { paths in rebuilder.notify(paths) }
        lock.withLock {
            self.rebuilder = rebuilder
            self.watcher = watcher
        }
        return first
    }

    /// Tells the server that source paths changed (what the watcher does); the rebuild follows after the debounce.
    public func notifyChanged(_ paths: [String]) {
        let r = lock.withLock { rebuilder }
        r?.notify(paths)
    }

    /// Whether every change noticed so far is built, search index included (for tests and the benchmark).
    var isIdle: Bool {
        let r = lock.withLock { rebuilder }
        return r?.isIdle ?? true
    }

    /// Waits until the server stops (after `stop`, or when listening fails).
    public func waitUntilStopped() async {
        let task = lock.withLock { runTask }
        _ = try? await task?.value
    }

    /// Stops watching, closes browser connections and the listening socket.
    public func stop() async {
        let (watcher, rebuilder, server) = lock.withLock {
            let all = (self.watcher, self.rebuilder, self.server)
            self.watcher = nil; self.rebuilder = nil
            return all
        }
        watcher?.stop()
        rebuilder?.stop()
        hub.closeAll()
        await server?.stop(timeout: 0.2)
    }

    // MARK: Rebuild results

    private func nextGeneration() -> String {
        lock.lock(); defer { lock.unlock() }
        counter += 1
        return "\(token)-\(counter)"
    }

    private func publish(_ result: Result<IncrementalSite.ChangeSet, BuildFailure>, paths: [String], seconds: Double, initial: Bool) {
        let time = String(format: "%.3f", seconds)
        switch result {
        case .success(let changes):
            let wasFailing = state.snapshot.failure != nil
            if changes.changedFiles.isEmpty && !wasFailing && !initial { return }
            let generation = nextGeneration()
            let files = site.files
            let base = site.basePath ?? "/"
            // Edits patched into the last model keep the order of issues.
            let issuePaths = changes.modelRebuilt ? site.site?.issues.map(\.sourcePath) ?? [] : nil
            let snap = state.update {
                if let issuePaths { $0.issuePaths = issuePaths }
                $0.files = files
                $0.basePath = base
                $0.failure = nil
                $0.generation = generation
                $0.hasSite = true
            }
            for w in changes.warnings { options.logError?(w.description) }
            if initial {
                options.log?("已生成 \(files.count) 个文件（含草稿），共 \(changes.issues) 期简报，用时 \(time) 秒")
                return
            }
            options.log?((wasFailing ? "错误已修正；" : "") + "已更新 \(changes.changedFiles.count) 个文件（重新解析 \(changes.parsed) 个、渲染 \(changes.rendered) 页），用时 \(time) 秒")
            let urls = Set(changes.changedFiles.map { ReloadEvent.urlPath($0, basePath: snap.basePath) }).sorted()
            hub.send(ReloadEvent(type: .reload, generation: generation, paths: urls, full: changes.full || wasFailing))
        case .failure(let failure):
            let previous = state.snapshot.failure
            if !initial, previous?.diagnostics == failure.diagnostics { return }
            let generation = nextGeneration()
            let base = site.basePath
            state.update {
                $0.failure = failure
                $0.generation = generation
                if !$0.hasSite, let base { $0.basePath = base }
            }
            let errors = failure.errors.count
            options.logError?(failure.description + "\n\(errors) 个错误；预览仍显示上一次成功生成的网站，错误已显示在浏览器中")
            hub.send(ReloadEvent(type: .error, generation: generation, errors: failure.errors.map(\.description)))
        }
    }

    /// Serves a refreshed search index. No page changed, so the generation stays (browsers that reconnect need
    /// not reload); the failure of the latest build, if any, stays shown.
    private func publishSearch(_ result: Result<IncrementalSite.ChangeSet, BuildFailure>, seconds: Double) {
        switch result {
        case .success(let changes):
            guard !changes.changedFiles.isEmpty else { return }
            let files = site.files
            let snap = state.update { $0.files = files }
            options.log?("检索索引已更新（\(changes.changedFiles.count) 个文件），用时 \(String(format: "%.3f", seconds)) 秒")
            let urls = changes.changedFiles.map { ReloadEvent.urlPath($0, basePath: snap.basePath) }
            hub.send(ReloadEvent(type: .reload, generation: snap.generation, paths: urls))
        case .failure(let failure):
            options.logError?("检索索引更新失败：\(failure.description)")
        }
    }

    // MARK: Address

    /// The socket address for `host` (`127.0.0.1`, `localhost`, `::1`, `0.0.0.0`, an interface's IP).
    static func socketAddress(host: String, port: UInt16) throws -> any SocketAddress {
        let h = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h.lowercased() == "localhost" { return try sockaddr_in.inet(ip4: "127.0.0.1", port: port) }
        do {
            if h.contains(":") { return try sockaddr_in6.inet6(ip6: h, port: port) }
            return try sockaddr_in.inet(ip4: h, port: port)
        } catch {
            throw PreviewError.invalidHost(host)
        }
    }
}
