import Foundation
import JianbaoCore

/// Measures the preview's edit-to-reload time, for `make bench`.
public enum PreviewBenchmark {
    /// Timings of one run, in seconds.
    public struct Report: Sendable {
        /// Seconds from writing the file until the reload event was sent, one per edit.
        public var samples: [Double]
        /// Seconds from writing the file until the server was idle again (search index refreshed), one per edit.
        public var settled: [Double] = []
        /// The median sample.
        public var median: Double { Report.median(samples) }
        /// The median of `settled`.
        public var settledMedian: Double { Report.median(settled) }

        static func median(_ values: [Double]) -> Double {
            let s = values.sorted()
            guard !s.isEmpty else { return 0 }
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        /// The slowest sample.
        public var max: Double { samples.max() ?? 0 }
        /// `预览：编辑到刷新 中位数 0.123 秒，最慢 0.200 秒（10 次）`.
        public var line: String {
            "预览：编辑到刷新 中位数 \(String(format: "%.3f", median)) 秒，最慢 \(String(format: "%.3f", max)) 秒（\(samples.count) 次）"
        }
        /// `预览：编辑到检索索引也更新完 中位数 0.400 秒`.
        public var settledLine: String {
            "预览：编辑到检索索引也更新完 中位数 \(String(format: "%.3f", settledMedian)) 秒"
        }
    }

    /// Starts a preview of `source` on a free loopback port, appends a paragraph to one issue (`issue`, a path
    /// like `content/ganzhou/2022/151.md`; default the first issue file) `rounds` times, and times each edit until
    /// the reload event is sent. The watcher is the real one (`watch`), so the time includes noticing the change
    /// and the debounce. Each edit starts when the server is idle (the search index of the previous edit, which is
    /// refreshed after the reload, done), and the time until it is idle again is reported too. The issue file is
    /// restored afterwards; still, pass a copy of the site.
    public static func editToReload(source: URL, issue: String? = nil, rounds: Int = 10,
                                    watch: WatchMode = .automatic, timeout: Double = 60) async throws -> Report {
        let server = PreviewServer(options: PreviewServer.Options(source: source, host: "127.0.0.1", port: 0, watch: watch))
        if case .failure(let f) = try await server.start() {
            await server.stop()
            throw f
        }
        guard let path = issue ?? server.firstIssuePath else {
            await server.stop()
            throw BuildFailure([Diagnostic(file: "content", "没有可编辑的简报")])
        }
        let url = source.appendingPathComponent(path)
        let original = try Data(contentsOf: url)
        defer { try? original.write(to: url) }
        var samples: [Double] = [], settled: [Double] = []
        do {
            for round in 1...max(1, rounds) {
                try await waitUntilIdle(server, timeout: timeout)
                let events = server.events()
                var text = String(decoding: original, as: UTF8.self)
                if !text.hasSuffix("\n") { text += "\n" }
                text += "\n基准测试修改第 \(round) 次。\n"
                let start = DispatchTime.now().uptimeNanoseconds
                try Data(text.utf8).write(to: url)
                if watch == .none { server.notifyChanged([path]) }
                let got = try await waitForEvent(events, timeout: timeout) { $0.type == .reload }
                guard got != nil else { throw BenchmarkTimeout(seconds: timeout) }
                samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000)
                try await waitUntilIdle(server, timeout: timeout)
                settled.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000)
            }
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
        return Report(samples: samples, settled: settled)
    }

    /// Waits until `server` has built every change it noticed, search index included.
    static func waitUntilIdle(_ server: PreviewServer, timeout: Double) async throws {
        let limit = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1_000_000_000)
        while !server.isIdle {
            guard DispatchTime.now().uptimeNanoseconds < limit else { throw BenchmarkTimeout(seconds: timeout) }
            try await Task.sleep(nanoseconds: 1_000_000)
        }
    }

    /// No reload event arrived in time.
    public struct BenchmarkTimeout: Error, CustomStringConvertible {
        /// The limit.
        public var seconds: Double
        public var description: String { "预览基准测试：\(seconds) 秒内没有收到刷新事件" }
    }

    /// The first event matching `predicate`, or nil after `timeout` seconds.
    public static func waitForEvent(_ events: AsyncStream<ReloadEvent>, timeout: Double,
                                    where predicate: @escaping @Sendable (ReloadEvent) -> Bool) async throws -> ReloadEvent? {
        try await withThrowingTaskGroup(of: ReloadEvent?.self) { group in
            group.addTask {
                for await e in events where predicate(e) { return e }
                return nil
            }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}

extension PreviewServer {
    /// Source path of the newest issue of the current site, if any.
    var firstIssuePath: String? { siteIssuePaths.first }
}
