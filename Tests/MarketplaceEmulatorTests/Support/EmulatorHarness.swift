import AsyncHTTPClient
import Foundation
import MarketplaceAPI
import NIOCore
import NIOHTTP1
@testable import MarketplaceEmulator

/// An emulator on an ephemeral loopback port with its own temporary data folder, and an
/// HTTP client to talk to it.
final class EmulatorHarness: @unchecked Sendable {
    static let credentials = Credentials(email: "tester@example.com", apiToken: "test-token-\(UUID().uuidString)")

    let dataDirectory: String
    var configuration: EmulatorConfiguration
    private(set) var running: RunningEmulator
    let client: HTTPClient

    /// A reply as the tests look at it.
    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }

        /// The body as a JSON object (fails the caller's `#require` when it is not one).
        var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        }
    }

    private init(dataDirectory: String, configuration: EmulatorConfiguration, running: RunningEmulator) {
        self.dataDirectory = dataDirectory
        self.configuration = configuration
        self.running = running
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                                 configuration: .init(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(60))))
    }

    /// Runs `body` against a fresh emulator, then stops it and deletes its data.
    static func with<T>(
        configure: (inout EmulatorConfiguration) -> Void = { _ in },
        _ body: (EmulatorHarness) async throws -> T
    ) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-test-\(UUID().uuidString)").path
        var configuration = EmulatorConfiguration(dataDirectory: folder)
        configuration.port = 0
        configuration.credentials = [credentials]
        configure(&configuration)
        let running = try await MarketplaceEmulator(configuration: configuration).start()
        let harness = EmulatorHarness(dataDirectory: folder, configuration: configuration, running: running)
        do {
            let result = try await body(harness)
            await harness.close()
            return result
        } catch {
            await harness.close()
            throw error
        }
    }

    /// Stops the emulator and starts a new one on the same data folder.
    func restart() async throws {
        await running.stop()
        running = try await MarketplaceEmulator(configuration: configuration).start()
    }

    private func close() async {
        try? await client.shutdown()
        await running.stop()
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }

    var origin: String { "http://127.0.0.1:\(running.port)" }

    static var authorization: String {
        "Basic " + Data("\(credentials.email):\(credentials.apiToken)".utf8).base64EncodedString()
    }

    /// Sends a request to `path` (starting with `/`), authenticated unless `authorization` says
    /// otherwise; a body is streamed in chunks of `chunkSize` bytes when given.
    func send(
        _ method: HTTPMethod, _ path: String,
        authorization: String? = EmulatorHarness.authorization,
        headers: [(String, String)] = [],
        body: [UInt8]? = nil, chunkSize: Int? = nil, declareLength: Bool = true
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: origin + path)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            if let chunkSize {
                let chunks = stride(from: 0, to: body.count, by: chunkSize).map {
                    ByteBuffer(bytes: body[$0..<min($0 + chunkSize, body.count)])
                }
                request.body = .stream(ChunkSequence(chunks: chunks), length: declareLength ? .known(Int64(body.count)) : .unknown)
            } else {
                request.body = .bytes(ByteBuffer(bytes: body))
            }
        }
        let response = try await client.execute(request, timeout: .seconds(60))
        let collected = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Array(buffer: collected))
    }

    /// Uploads `body` as a multipart request to `path`.
    func upload(_ path: String, _ body: MultipartBody, authorization: String? = EmulatorHarness.authorization,
                chunkSize: Int? = nil, declareLength: Bool = true) async throws -> Reply {
        try await send(.POST, path, authorization: authorization,
                       headers: [("Content-Type", body.contentType)], body: body.bytes, chunkSize: chunkSize, declareLength: declareLength)
    }

    /// Asks the emulator to fetch `uri`.
    func fetch(_ uri: String, prefix: String = "/marketplace") async throws -> Reply {
        let json = try JSONSerialization.data(withJSONObject: ["uri": uri])
        return try await send(.POST, prefix + "/rest/3/artifacts/fetch", headers: [("Content-Type", "application/json")], body: Array(json))
    }

    /// Every regular file under the data folder, as paths relative to it.
    func storedFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: dataDirectory)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: dataDirectory + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }
}

/// A fixed list of buffers as an async sequence, for streamed request bodies.
struct ChunkSequence: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let chunks: [ByteBuffer]

    struct AsyncIterator: AsyncIteratorProtocol {
        var remaining: ArraySlice<ByteBuffer>
        mutating func next() async -> ByteBuffer? { remaining.popFirst() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(remaining: chunks[...]) }
}
