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
        bytes.withUnsafeBytes { StagedOutput.file(path, holds: $0) }
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
}
