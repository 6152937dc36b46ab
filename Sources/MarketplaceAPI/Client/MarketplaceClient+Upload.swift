import AsyncHTTPClient
import NIOCore
import NIOFileSystem

extension MarketplaceClient {
    /// Uploads `file` as a single-part `multipart/form-data` body to `path`, with retries; each
    /// attempt opens the file again and streams it from the start.
    func upload<Value: Sendable>(
        _ file: UploadFile, path: String, computeSHA512: Bool,
        progress: (@Sendable (UploadProgress) -> Void)?,
        decode: ([UInt8]) throws(APIError) -> Value
    ) async throws(APIError) -> UploadResult<Value> {
        // No file comes near 2⁶², and under it the body's length (`MultipartForm.contentLength`) cannot overflow.
        guard file.size >= 0, file.size < 1 << 62 else {
            throw .invalidArgument("The file size \(file.size) is not valid.")
        }
        let fileName = file.fileName.isEmpty ? (FilePath(file.path).lastComponent?.string ?? "") : file.fileName
        let form = try MultipartForm(fileName: fileName, contentType: file.contentType)
        let (response, sha512) = try await RetryLoop(policy: configuration.retry, idempotent: false).run {
            () async -> Result<(RawResponse, String?), AttemptFailure> in
            await uploadAttempt(file, form: form, path: path, computeSHA512: computeSHA512, progress: progress)
        }
        return UploadResult(response: try decodeSuccess(response, decode: decode), sentSHA512: sha512)
    }

    /// One try: check the file is still what was inspected, open it, stream it, read the answer.
    private func uploadAttempt(
        _ file: UploadFile, form: MultipartForm, path: String, computeSHA512: Bool,
        progress: (@Sendable (UploadProgress) -> Void)?
    ) async -> Result<(RawResponse, String?), AttemptFailure> {
        let handle: ReadFileHandle
        switch await openChecked(file) {
        case .success(let opened): handle = opened
        case .failure(let error): return .failure(AttemptFailure(error: error, retryable: false))
        }
        let tracker = UploadTracker()
        let body = MultipartFileBody(
            form: form, file: file,
            chunks: handle.readChunks(in: 0..<(file.size + 1), chunkLength: .bytes(Int64(MultipartFileBody.chunkLength))),
            handle: handle, modifiedAtOpen: try? await handle.info().lastDataModificationTime,
            computeSHA512: computeSHA512, tracker: tracker, progress: progress
        )
        var request = makeRequest(path: path, method: .POST)
        request.headers.add(name: "Content-Type", value: form.contentType)
        request.body = .stream(body, length: .known(form.contentLength(fileSize: file.size)))

        let result = await exchange(request, tracker: tracker)
        await Self.close(handle)
        switch result {
        case .success(let response) where response.isSuccess && !tracker.fileComplete:
            return .failure(AttemptFailure(error: .invalidResponse("the server answered \(response.status) before the whole file was sent"), retryable: false))
        case .success(let response):
            return .success((response, response.isSuccess ? tracker.sha512 : nil))
        case .failure(let failure):
            return .failure(failure)
        }
    }

    /// Closes `handle` even when the task is cancelled: NIOFileSystem refuses to run work for
    /// a cancelled task, and a handle dropped without being closed traps.
    private static func close(_ handle: ReadFileHandle) async {
        await Task { try? await handle.close() }.value
    }

    /// Opens `file.path` for reading after checking, without opening it, that it is a regular
    /// file (so a FIFO cannot block) of the size the caller inspected.
    private func openChecked(_ file: UploadFile) async -> Result<ReadFileHandle, APIError> {
        let path = FilePath(file.path)
        do {
            guard let info = try await FileSystem.shared.info(forFileAt: path, infoAboutSymbolicLink: false) else {
                return .failure(.fileUnreadable(path: file.path, reason: "there is no such file"))
            }
            guard info.type == .regular else {
                return .failure(.fileUnreadable(path: file.path, reason: "it is not a regular file"))
            }
            guard info.size == file.size else {
                return .failure(.fileChanged(path: file.path, reason: "its size is now \(info.size) bytes, not the \(file.size) bytes inspected"))
            }
            return .success(try await FileSystem.shared.openFile(forReadingAt: path))
        } catch is CancellationError {
            // NIOFileSystem refuses work for a cancelled task: the file is fine.
            return .failure(.cancelled)
        } catch {
            return .failure(.fileUnreadable(path: file.path, reason: FileErrorReason.describe(error)))
        }
    }
}
