import Foundation
import MarketplaceAPI
import Testing

/// The local file misbehaving: missing, not a file, or changing while it is sent.
@Suite("Upload file problems")
struct UploadFileProblemTests {
    @Test("A file whose size differs from the inspected size is refused before anything is sent")
    func sizeChangedBeforeUpload() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let path = try directory.write("a.jar", TestBytes.pattern(1000))
        try await withFaultServer([.respond(status: 200, body: SampleAnswers.artifactJSON())]) { server, client in
            let error = await apiError {
                try await client.uploadArtifact(
                    UploadFile(path: path, fileName: "a.jar", contentType: "application/java-archive", size: 999), computeSHA512: false, progress: nil
                )
            }
            guard case .fileChanged(let changedPath, let reason) = try #require(error) else {
                Issue.record("expected fileChanged, got \(String(describing: error))")
                return
            }
            #expect(changedPath == path)
            #expect(reason.contains("1000"))
            #expect(server.requests.isEmpty)
        }
    }

    @Test("A missing file and a directory are unreadable, with a clear message")
    func notAFile() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        try await withFaultServer([.respond(status: 200, body: SampleAnswers.artifactJSON())]) { server, client in
            for (path, words) in [(directory.path + "/missing.jar", "no such file"), (directory.path, "not a regular file")] {
                let error = await apiError {
                    try await client.uploadArtifact(
                        UploadFile(path: path, fileName: "x.jar", contentType: "application/java-archive", size: 10), computeSHA512: false, progress: nil
                    )
                }
                guard case .fileUnreadable = try #require(error) else {
                    Issue.record("expected fileUnreadable, got \(String(describing: error))")
                    continue
                }
                #expect(error?.message.contains(words) == true)
            }
            #expect(server.requests.isEmpty)
        }
    }

    /// The reason of the `fileChanged` error an upload of `path` (`size` bytes) fails with when
    /// `change` runs at its first progress report, to a server that reads it slowly, and the
    /// requests that server then has; `nil` (recorded) when it fails otherwise.
    private func uploadFailing(
        _ path: String, size: Int, computeSHA512: Bool, change: ChangeOnce
    ) async throws -> (reason: String, requests: [FaultServer.RecordedRequest])? {
        let slow = FaultServer.Behavior.readSlowly(bytesPerRead: 16_384, every: .milliseconds(2), then: .init(status: 200, body: SampleAnswers.artifactJSON()))
        return try await withFaultServer([slow]) { server, client -> (reason: String, requests: [FaultServer.RecordedRequest])? in
            let error = await apiError {
                try await client.uploadArtifact(
                    UploadFile(path: path, fileName: (path as NSString).lastPathComponent, contentType: "application/java-archive", size: Int64(size)),
                    computeSHA512: computeSHA512,
                    progress: { event in if event.sentBytes > 0 { change.run() } }
                )
            }
            guard case .fileChanged(_, let reason) = try #require(error) else {
                Issue.record("expected fileChanged, got \(String(describing: error))")
                return nil
            }
            await server.waitForRequestsToSettle()
            return (reason, server.requests)
        }
    }

    @Test("A file cut short while it is being sent fails the upload; the server never gets a full body")
    func fileTruncatedDuringUpload() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let size = 8 << 20
        let path = try directory.write("big.jar", TestBytes.pattern(size))
        guard let (reason, requests) = try await uploadFailing(path, size: size, computeSHA512: true, change: ChangeOnce { _ = truncate(path, off_t(1 << 20)) })
        else { return }
        #expect(reason.contains("ended after"))
        let request = try #require(requests.first)
        #expect(requests.count == 1)
        #expect(!request.complete)
        let promised = try #require(request.header("Content-Length").first.flatMap { Int($0) })
        #expect(promised > size)
        #expect(request.body.count < promised)
    }

    @Test("A file that grows while it is being sent fails the upload instead of sending more than Content-Length")
    func fileGrowsDuringUpload() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let size = 4 << 20
        let path = try directory.write("growing.jar", TestBytes.pattern(size))
        guard let (reason, requests) = try await uploadFailing(path, size: size, computeSHA512: false, change: ChangeOnce.write(TestBytes.pattern(100), to: path))
        else { return }
        #expect(reason.contains("grew"))
        let request = try #require(requests.first)
        #expect(!request.complete)
        let promised = try #require(request.header("Content-Length").first.flatMap { Int($0) })
        #expect(promised > size)
        #expect(request.body.count < promised)
    }

    @Test("A file written in place at its size while it is being sent (a build writing its jar again) fails the upload before its end")
    func fileRewrittenDuringUpload() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let size = 4 << 20
        let path = try directory.write("rebuilt.jar", TestBytes.pattern(size))
        // Another build's last megabyte, written over this one's while the first is sent.
        let rewrite = ChangeOnce.write([UInt8](repeating: 0x42, count: 1 << 20), to: path, at: UInt64(size - (1 << 20)))
        guard let (reason, requests) = try await uploadFailing(path, size: size, computeSHA512: true, change: rewrite) else { return }
        #expect(reason.contains("written to while it was read"))
        let request = try #require(requests.first)
        #expect(!request.complete, "the closing boundary never went")
    }
}

/// Changes a file the first time `run` is called (from the upload's first progress report).
final class ChangeOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    private let change: @Sendable () -> Void

    init(_ change: @escaping @Sendable () -> Void) {
        self.change = change
    }

    func run() {
        lock.withLock {
            guard !done else { return }
            done = true
            change()
        }
    }

    /// Writes `bytes` into the file at `path` at `offset` (its end when `nil`).
    static func write(_ bytes: [UInt8], to path: String, at offset: UInt64? = nil) -> ChangeOnce {
        ChangeOnce {
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            if let offset { try? handle.seek(toOffset: offset) } else { handle.seekToEndOfFile() }
            handle.write(Data(bytes))
            try? handle.close()
        }
    }
}
