import Hummingbird

/// Receives the `file` part of a multipart upload straight into a `TemporaryFile`, hashing it
/// on the way, while the request body streams in.
///
/// Other parts are read past and dropped. The first part named `file` is kept; a request
/// without one is refused (400). Over `maxFileBytes` in the file part, or over that plus
/// `allowedOverhead` in the whole body, reading stops and the partial file is deleted (413).
struct MultipartFileReceiver {
    /// What arrived: the finished temporary file and what the client said about it.
    struct Received {
        var file: TemporaryFile
        var sha512Hex: String
        var size: Int64
        /// The client's file name, decoded but not yet made safe (see `SafeName`).
        var clientFileName: String?
        var clientContentType: String?
    }

    /// Room for part headers and small form fields beside the file.
    static let allowedOverhead: Int64 = 1024 * 1024

    /// The largest body for a file of at most `maxFileBytes`: that plus `allowedOverhead`, or
    /// `Int64.max` for a limit so large (`--max-upload-size 9223372036854775807`) that it has no room.
    static func maxBodyBytes(forFile maxFileBytes: Int64) -> Int64 {
        maxFileBytes > Int64.max - allowedOverhead ? .max : maxFileBytes + allowedOverhead
    }

    var maxFileBytes: Int64
    /// Describes the limit in a 413 message, e.g. "10 MiB for an image".
    var limitDescription: String

    /// Reads `request`'s body into a new temporary file at `temporaryPath`.
    func receive(_ request: Request, temporaryPath: String) async throws -> Received {
        let boundary: [UInt8]
        switch MultipartBoundary.parse(contentType: request.headers[.contentType]) {
        case .success(let value): boundary = value
        case .failure(let error) where error.isWrongMediaType:
            throw EmulatorError(.unsupportedMediaType, code: "unsupported_media_type", error.message)
        case .failure(let error): throw EmulatorError.badRequest("invalid_multipart", error.message)
        }
        let maxBodyBytes = Self.maxBodyBytes(forFile: maxFileBytes)
        if let declared = request.headers[.contentLength].flatMap({ Int64($0) }), declared > maxBodyBytes {
            throw tooLarge()
        }

        let file = try TemporaryFile(path: temporaryPath)
        do {
            var sink = Sink(file: file, maxFileBytes: maxFileBytes, tooLarge: tooLarge())
            var scanner = MultipartScanner(boundary: boundary)
            var bodyBytes: Int64 = 0
            var chunks = request.body.makeAsyncIterator()
            while let buffer = try await Self.next(&chunks) {
                bodyBytes += Int64(buffer.readableBytes)
                if bodyBytes > maxBodyBytes { throw tooLarge() }
                try buffer.withUnsafeReadableBytes { bytes in
                    try scanner.feed(bytes) { event in try sink.handle(event) }
                }
                if scanner.isComplete { break }
            }
            try scanner.finish()
            guard let headers = sink.fileHeaders, sink.fileComplete else {
                // `curl --form 'file=<path'` sends the file's text as a field: a form's server takes no file from it.
                if sink.sawFieldNamedFile {
                    throw EmulatorError.badRequest("missing_file", "The part named \"file\" is a text field, not a file: it has no filename (curl --form 'file=@path' sends a file, 'file=<path' its text).")
                }
                throw EmulatorError.badRequest("missing_file", "The multipart body has no part named \"file\" (curl --form 'file=@path').")
            }
            let digest = try file.finish()
            return Received(file: file, sha512Hex: digest, size: file.byteCount,
                            clientFileName: headers.fileName, clientContentType: headers.contentType)
        } catch let error as MultipartError {
            file.discard()
            throw EmulatorError.badRequest("invalid_multipart", error.message)
        } catch {
            file.discard()
            throw error
        }
    }

    /// The next chunk of the body; a failure to read it (the client went away, the
    /// connection broke) is a 400, not a server error.
    private static func next(_ chunks: inout RequestBody.AsyncIterator) async throws -> ByteBuffer? {
        do {
            return try await chunks.next()
        } catch {
            throw EmulatorError.badRequest("incomplete_body", "The request body could not be read to its end (did the client stop sending?).")
        }
    }

    private func tooLarge() -> EmulatorError {
        EmulatorError.tooLarge("The file is larger than the emulator accepts (\(limitDescription)).")
    }

    /// Routes the scanner's events: the first `file` part with a filename (a file, not a form's
    /// text field) to the temporary file, the rest nowhere.
    private struct Sink {
        let file: TemporaryFile
        let maxFileBytes: Int64
        let tooLarge: EmulatorError
        var fileHeaders: MultipartPartHeaders?
        var writingFile = false
        var fileComplete = false
        /// Whether a part named `file` came without a filename, as a text field.
        var sawFieldNamedFile = false

        mutating func handle(_ event: MultipartScanner.Event) throws {
            switch event {
            case .partHeaders(let headers) where headers.name == "file" && headers.fileName == nil:
                sawFieldNamedFile = true
            case .partHeaders(let headers):
                if fileHeaders == nil, headers.name == "file" {
                    fileHeaders = headers
                    writingFile = true
                }
            case .content(let bytes):
                guard writingFile else { return }
                if file.byteCount + Int64(bytes.count) > maxFileBytes {
                    throw tooLarge
                }
                try file.write(bytes)
            case .partEnd:
                if writingFile {
                    writingFile = false
                    fileComplete = true
                }
            }
        }
    }
}
