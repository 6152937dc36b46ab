import Glibc
import AssetInspection
import Foundation
import Hummingbird
import Logging
import MarketplaceAPI
import NIOCore

/// The endpoints of the Marketplace Assets API, as the emulator answers them.
///
/// Registered twice, under `/marketplace/rest/3` and `/rest/3`, because the reference's curl
/// examples use both. Links in answers are written without the `/marketplace` prefix, as the
/// real service writes them.
struct EmulatorRoutes: Sendable {
    let store: AssetStore
    let configuration: EmulatorConfiguration
    let fetcher: ArtifactFetcher
    let logger: Logger

    /// Largest JSON body of a fetch request.
    static let maxFetchRequestBytes = 64 * 1024

    func register(on router: Router<BasicRequestContext>) {
        for prefix in ["marketplace/rest/3", "rest/3"] {
            let group = router.group(RouterPath(prefix))
            group.post("assets/images/:imageType") { request, context in try await uploadImage(request, context) }
            group.post("artifacts") { request, context in try await uploadArtifact(request, context) }
            group.post("artifacts/fetch") { request, context in try await fetchArtifact(request, context) }
            group.get("artifacts/:artifactId") { request, context in try await artifactDetails(request, context) }
            group.get("artifacts/:artifactId/download") { request, context in try await downloadArtifact(request, context) }
            group.head("artifacts/:artifactId") { request, context in Self.head(of: try await artifactDetails(request, context)) }
            group.head("artifacts/:artifactId/download") { request, context in
                Self.head(of: try await downloadArtifact(request, context))
            }
            // `fetch` read as an artifact ID, which it is for GET: none has it.
            for method in [HTTPRequest.Method.get, .head] {
                group.on("artifacts/fetch", method: method) { _, _ -> Response in
                    throw EmulatorError.notFound("No artifact with ID \(SafeName.forMessage("fetch")).")
                }
            }
            // A path the API has, with a method it does not take: 405 and what it takes, as a
            // web server answers, not "no such endpoint".
            for (path, allowed) in [("assets/images/:imageType", "POST"), ("artifacts", "POST"), ("artifacts/fetch", "POST"),
                                    ("artifacts/:artifactId", "GET, HEAD"), ("artifacts/:artifactId/download", "GET, HEAD")] {
                let routed = path == "artifacts/fetch" ? "GET, HEAD, " + allowed : allowed  // (GET: 404 above)
                for method in [HTTPRequest.Method.get, .head, .post, .put, .delete, .patch, .options] where !routed.contains(method.rawValue) {
                    group.on(RouterPath(path), method: method) { _, _ -> Response in
                        throw EmulatorError(.methodNotAllowed, code: "method_not_allowed",
                                            "\(method.rawValue) is not an operation of this endpoint; it takes \(allowed).",
                                            headers: [.allow: allowed])
                    }
                }
            }
        }
    }

    // MARK: POST /rest/3/assets/images/{imageType}

    func uploadImage(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let given = context.parameters.get("imageType") ?? ""
        let imageType = given.removingPercentEncoding ?? given  // `ic%6Fn` is `icon`, as servers decode a path
        guard Self.isValidImageType(imageType) else {
            throw EmulatorError.badRequest("invalid_image_type",
                                           "The imageType must be 1 to 64 letters, digits, '-' or '_' (e.g. icon, logo, banner, screenshot).")
        }
        let receiver = MultipartFileReceiver(
            maxFileBytes: configuration.maxImageBytes,
            limitDescription: "\(ByteText.describe(configuration.maxImageBytes)) for an image"
        )
        let received = try await receiver.receive(request, temporaryPath: store.newTemporaryPath())
        do {
            let name = SafeName.fileName(received.clientFileName, fallback: "image")
            let info = try UploadJudge.judgeImage(path: received.file.path, clientName: name)
            let record = StoredImage(
                id: await store.unusedImageID(), imageType: imageType, name: name,
                mimeType: info.format.mimeType, size: received.size, sha512: received.sha512Hex,
                width: info.width, height: info.height, createdAt: Self.timestamp()
            )
            try await store.add(record, file: received.file)
            logger.info("Stored an image", metadata: ["id": "\(record.id)", "imageType": "\(imageType)", "size": "\(record.size)"])
            return JSONResponse.make(record.asset)
        } catch {
            received.file.discard()
            throw error
        }
    }

    // MARK: POST /rest/3/artifacts

    func uploadArtifact(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let receiver = MultipartFileReceiver(
            maxFileBytes: configuration.maxUploadBytes,
            limitDescription: "\(ByteText.describe(configuration.maxUploadBytes)) for an artifact"
        )
        let received = try await receiver.receive(request, temporaryPath: store.newTemporaryPath(fileExtension: "jar"))
        let name = SafeName.fileName(received.clientFileName, fallback: "artifact.jar")
        if name.lowercased().hasSuffix(".obr") {
            do {
                try received.file.changeExtension(to: "obr")
            } catch {
                received.file.discard()
                throw error
            }
        }
        return try await storeArtifact(received.file, fileName: name, sha512: received.sha512Hex, size: received.size, remoteURI: nil)
    }

    // MARK: POST /rest/3/artifacts/fetch

    func fetchArtifact(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        // The reference sends `Content-Type: application/json`; a JSON API refuses a form's body.
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == "application/json" else {
            throw EmulatorError(.unsupportedMediaType, code: "unsupported_media_type",
                                "A fetch's body is JSON, sent with Content-Type: application/json (this request's is \(mediaType.map { SafeText.oneLine($0, maxLength: 80) } ?? "not given")).")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: Self.maxFetchRequestBytes)
        } catch is NIOTooManyBytesError {
            throw EmulatorError.tooLarge("The fetch request body is larger than \(Self.maxFetchRequestBytes / 1024) KiB.")
        } catch {
            throw EmulatorError.badRequest("incomplete_body", "The request body could not be read to its end (did the client stop sending?).")
        }
        let fetchRequest: FetchRequest
        do {
            fetchRequest = try JSONDecoder().decode(FetchRequest.self, from: Data(buffer: body))
        } catch {
            throw EmulatorError.badRequest("invalid_request_body", "The body must be JSON like {\"uri\": \"https://example.com/app.jar\"}.")
        }
        var uri = try FetchTarget.parse(fetchRequest.uri)
        if configuration.demoSamplesFolder != nil { uri = try DemoSamplesRoute.demoFetchTarget(uri, request: request) }
        let obrLike = uri.lastPathSegment.map { $0.lowercased().hasSuffix(".obr") } ?? false
        let file = try TemporaryFile(path: store.newTemporaryPath(fileExtension: obrLike ? "obr" : "jar"))
        let fetched: ArtifactFetcher.Fetched
        do {
            fetched = try await fetcher.fetch(uri, into: file)
        } catch {
            file.discard()
            throw error
        }
        let name = SafeName.fileName(uri.lastPathSegment, fallback: "artifact.jar")
        logger.info("Fetched an artifact", metadata: ["uri": "\(uri.redacted)", "size": "\(fetched.size)"])
        return try await storeArtifact(file, fileName: name, sha512: fetched.sha512Hex, size: fetched.size, remoteURI: uri.redacted)
    }

    /// Judges a received artifact, stores it and answers with its description.
    private func storeArtifact(_ file: TemporaryFile, fileName: String, sha512: String, size: Int64, remoteURI: String?) async throws -> Response {
        do {
            let judged = try UploadJudge.judgeArtifact(path: file.path, clientName: fileName)
            let record = StoredArtifact(
                id: AssetIdentifiers.newArtifactID(), fileName: fileName, size: size, sha512: sha512,
                contentType: judged.contentType, details: judged.details, remoteURI: remoteURI, createdAt: Self.timestamp()
            )
            try await store.add(record, file: file)
            logger.info("Stored an artifact", metadata: ["id": "\(record.id)", "size": "\(record.size)"])
            return JSONResponse.make(record.artifact)
        } catch {
            file.discard()
            throw error
        }
    }

    // MARK: GET /rest/3/artifacts/{artifactId}

    func artifactDetails(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let record = try await storedArtifact(context)
        return JSONResponse.make(withEveryDetail(record).artifact)
    }

    /// `record`, or, when an older emulator stored it with only the key, name and version in
    /// its `details` (no `addOnType`), with `details` read again from its stored file, so
    /// that GET answers every documented field for it too. The index is left as it is.
    private func withEveryDetail(_ record: StoredArtifact) -> StoredArtifact {
        guard let details = record.details, details.addOnType == nil else { return record }
        // AssetInspection judges an artifact by its extension; the stored file has none.
        let linked = store.newTemporaryPath(fileExtension: record.contentType == "application/zip" ? "obr" : "jar")
        guard link(store.artifactPath(id: record.id), linked) == 0 else { return record }
        defer { unlink(linked) }
        guard let judged = try? UploadJudge.judgeArtifact(path: linked, clientName: record.fileName) else { return record }
        var record = record
        record.details = judged.details
        return record
    }

    // MARK: GET /rest/3/artifacts/{artifactId}/download

    func downloadArtifact(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let record = try await storedArtifact(context)
        let body = try await FileIO().loadFile(path: store.artifactPath(id: record.id), context: context)
        return Response(
            status: .ok,
            headers: [
                .contentType: record.contentType,
                .contentLength: String(record.size),
                .contentDisposition: Self.attachmentDisposition(fileName: record.fileName),
            ],
            body: body
        )
    }

    private func storedArtifact(_ context: BasicRequestContext) async throws -> StoredArtifact {
        // As a server with a UUID path parameter takes it: percent-encoded, or in capitals.
        let given = context.parameters.get("artifactId") ?? ""
        let id = (given.removingPercentEncoding ?? given).lowercased()
        guard AssetIdentifiers.isArtifactID(id), let record = await store.artifact(id: id) else {
            throw EmulatorError.notFound("No artifact with ID \(SafeName.forMessage(id)).")
        }
        return record
    }

    // MARK: Helpers

    /// The answer to HEAD: GET's status and headers, with the length of the body it leaves out.
    static func head(of response: Response) -> Response {
        var headers = response.headers
        if headers[.contentLength] == nil, let length = response.body.contentLength { headers[.contentLength] = String(length) }
        return Response(status: response.status, headers: headers)
    }

    /// `[A-Za-z0-9_-]{1,64}`: the server is the judge of image types, this is its rule.
    static func isValidImageType(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count) && text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }

    /// `attachment; filename="ascii"; filename*=UTF-8''percent-encoded`, safe for a header.
    static func attachmentDisposition(fileName: String) -> String {
        let ascii = String(fileName.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && scalar != "\"" && scalar != "\\" && scalar.value >= 0x20 && scalar.value != 0x7F ? Character(scalar) : "_"
        })
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    static func timestamp() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
