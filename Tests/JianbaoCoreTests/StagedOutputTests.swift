import Foundation
import Testing
@testable import JianbaoCore

/// The comparison a rebuild uses to decide whether a page changed (an unchanged page is hard-linked from the previous
/// output instead of written).
struct StagedOutputTests {
    /// A fresh folder under the temporary directory, removed by `body`'s caller.
    private func withFolder(_ body: (String) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("staged-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try body(dir)
    }

    private func holds(_ path: String, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { FileIO.file(path, holds: $0) }
    }

    @Test func aFileHoldsExactlyItsOwnBytes() throws {
        try withFolder { dir in
            // Larger than one block of the comparison (64 KB), so later blocks are compared too.
            let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let path = dir + "/page.html"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(holds(path, bytes))
            var lastBlock = bytes
            lastBlock[199_999] ^= 1
            #expect(!holds(path, lastBlock))
            var firstByte = bytes
            firstByte[0] ^= 0x80
            #expect(!holds(path, firstByte))
            #expect(!holds(path, Array(bytes.dropLast())))
            #expect(!holds(path, bytes + [0]))
        }
    }

    @Test func missingFilesFoldersAndEmptyFiles() throws {
        try withFolder { dir in
            #expect(!holds(dir + "/missing.html", [1, 2, 3]))
            #expect(!holds(dir + "/missing.html", []))
            // A folder is never "the same file", even for no bytes.
            #expect(!holds(dir, []))
            let empty = dir + "/empty.html"
            try Data().write(to: URL(fileURLWithPath: empty))
            #expect(holds(empty, []))
            #expect(!holds(empty, [0]))
        }
    }

    /// A named pipe left where a page was is not waited on: opening it for reading would block until some other
    /// process opened it for writing, and the build would hang. (The comparison runs on another thread here, so a
    /// regression fails the test instead of hanging it.)
    @Test func aNamedPipeIsNotOpenedForReading() throws {
        try withFolder { dir in
            let fifo = dir + "/page.html"
            #expect(mkfifo(fifo, 0o644) == 0)
            let done = DispatchSemaphore(value: 0)
            let result = LockedBox(true)
            Thread.detachNewThread {
                result.value = [UInt8]("<p>x</p>".utf8).withUnsafeBytes { FileIO.file(fifo, holds: $0) }
                done.signal()
            }
            let finished = done.wait(timeout: .now() + 5) == .success
            if !finished {
                // Unblock the reader so the thread ends.
                let fd = open(fifo, O_WRONLY | O_NONBLOCK)
                if fd >= 0 { close(fd) }
                _ = done.wait(timeout: .now() + 5)
            }
            #expect(finished)
            #expect(!result.value)
        }
    }

    /// A value shared with another thread.
    final class LockedBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Bool
        init(_ value: Bool) { stored = value }
        var value: Bool {
            get { lock.lock(); defer { lock.unlock() }; return stored }
            set { lock.lock(); stored = newValue; lock.unlock() }
        }
    }
}
