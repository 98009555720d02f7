import FlyingFox
import Foundation

/// Fans reload events out to every connected browser (WebSocket) and to in-process subscribers (tests, benchmark).
final class ReloadHub: WSMessageHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var clients: [UUID: AsyncStream<WSMessage>.Continuation] = [:]
    private var subscribers: [UUID: AsyncStream<ReloadEvent>.Continuation] = [:]
    private var closed = false
    /// The event sent to a browser when it connects.
    private let hello: @Sendable () -> ReloadEvent

    init(hello: @escaping @Sendable () -> ReloadEvent) {
        self.hello = hello
    }

    /// Number of connected browsers.
    var clientCount: Int {
        lock.lock(); defer { lock.unlock() }
        return clients.count
    }

    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<WSMessage>.makeStream(bufferingPolicy: .bufferingNewest(16))
        continuation.onTermination = { [weak self] _ in self?.removeClient(id) }
        guard register(id, continuation) else {
            continuation.finish()
            return stream
        }
        continuation.yield(.text(hello().json))
        // When the browser goes away (or closes), end our side too.
        Task {
            for await _ in client {}
            continuation.finish()
        }
        return stream
    }

    /// Adds a browser's stream unless the hub is closed (synchronous: NSLock is not for async contexts).
    private func register(_ id: UUID, _ continuation: AsyncStream<WSMessage>.Continuation) -> Bool {
        lock.withLock {
            if closed { return false }
            clients[id] = continuation
            return true
        }
    }

    private func removeClient(_ id: UUID) {
        lock.lock(); defer { lock.unlock() }
        clients[id] = nil
    }

    /// A stream of every event sent from now on.
    func subscribe() -> AsyncStream<ReloadEvent> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<ReloadEvent>.makeStream()
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            self.lock.lock(); self.subscribers[id] = nil; self.lock.unlock()
        }
        lock.lock()
        if closed { lock.unlock(); continuation.finish(); return stream }
        subscribers[id] = continuation
        lock.unlock()
        return stream
    }

    /// Sends an event to everyone.
    func send(_ event: ReloadEvent) {
        let text = event.json
        lock.lock()
        let c = Array(clients.values), s = Array(subscribers.values)
        lock.unlock()
        for client in c { client.yield(.text(text)) }
        for sub in s { sub.yield(event) }
    }

    /// Closes every connection and subscription (server stopping).
    func closeAll() {
        lock.lock()
        closed = true
        let c = Array(clients.values), s = Array(subscribers.values)
        clients = [:]; subscribers = [:]
        lock.unlock()
        for client in c { client.yield(.close(WSCloseCode(1001, reason: "server stopping"))); client.finish() }
        for sub in s { sub.finish() }
    }
}
