import AssetInspection
import NIOCore
import NIOFileSystem

/// The body of a single-file multipart upload as an `AsyncSequence` of `ByteBuffer`s:
/// the part's head, the file in 64 KiB chunks read from disk as the HTTP client asks for
/// them, then the closing boundary.
///
/// The file is never held in memory. As the bytes go by it hashes them (when asked),
/// reports progress at most every ``progressStep`` bytes (and once at 0 and at the end),
/// and checks the file still has the size the `Content-Length` promised: a file that ends
/// early or grows makes the stream fail before a single wrong byte is handed out, so the
/// request is aborted rather than sent with a body of the wrong length. A file written in
/// place at its size while it was read (a build writing its jar again) fails the stream
/// before its closing boundary, when its modification time is not the one it had when it
/// was opened: the request ends incomplete, rather than deliver a mix of two builds that the
/// SHA-512 comparison would call verified (both sides hash the same mixed bytes).
struct MultipartFileBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    /// The read size and the progress reporting step.
    static let chunkLength = 64 * 1024
    static let progressStep: Int64 = 64 * 1024

    let form: MultipartForm
    let file: UploadFile
    /// Chunks of the file, read up to one byte past `file.size` so growth is noticed.
    let chunks: FileChunks
    /// The open file, and its modification time when it was opened (`nil`: not known, not checked).
    let handle: ReadFileHandle
    let modifiedAtOpen: NIOFileSystem.FileInfo.Timespec?
    let computeSHA512: Bool
    let tracker: UploadTracker
    let progress: (@Sendable (UploadProgress) -> Void)?

    func makeAsyncIterator() -> Iterator {
        Iterator(body: self, fileIterator: chunks.makeAsyncIterator())
    }

    struct Iterator: AsyncIteratorProtocol {
        private enum Phase { case head, file, endOfFile, tail, done }

        private let body: MultipartFileBody
        private var fileIterator: FileChunks.FileChunkIterator
        private var phase = Phase.head
        private var sent: Int64 = 0
        private var lastReported: Int64 = 0
        private var digester: SHA512Digester?

        fileprivate init(body: MultipartFileBody, fileIterator: FileChunks.FileChunkIterator) {
            self.body = body
            self.fileIterator = fileIterator
            self.digester = body.computeSHA512 ? SHA512Digester() : nil
        }

        mutating func next() async throws -> ByteBuffer? {
            switch phase {
            case .head:
                body.tracker.markStarted()
                report()
                phase = body.file.size > 0 ? .file : .endOfFile
                return ByteBuffer(bytes: body.form.head)
            case .file:
                return try await nextFileChunk()
            case .endOfFile:
                try await confirmEndOfFile()
                phase = .tail
                return ByteBuffer(bytes: body.form.tail)
            case .tail:
                phase = .done
                body.tracker.markEnded()
                return nil
            case .done:
                return nil
            }
        }

        private mutating func nextFileChunk() async throws -> ByteBuffer? {
            let size = body.file.size
            while true {
                guard let chunk = try await readChunk() else {
                    throw fail(.fileChanged(path: body.file.path, reason: "it ended after \(sent) of the \(size) bytes it had"))
                }
                let count = Int64(chunk.readableBytes)
                if count == 0 { continue }
                if count > size - sent {
                    throw fail(.fileChanged(path: body.file.path, reason: "it grew beyond the \(size) bytes it had"))
                }
                if digester != nil {
                    chunk.withUnsafeReadableBytes { digester?.update($0) }
                }
                sent += count
                body.tracker.markActivity()
                if sent - lastReported >= MultipartFileBody.progressStep, sent < size { report() }
                if sent == size { phase = .endOfFile }
                return chunk
            }
        }

        /// All promised bytes were sent: the file must end here.
        private mutating func confirmEndOfFile() async throws {
            while let extra = try await readChunk() {
                if extra.readableBytes > 0 {
                    throw fail(.fileChanged(path: body.file.path, reason: "it grew beyond the \(body.file.size) bytes it had"))
                }
            }
            if let before = body.modifiedAtOpen, let now = try? await body.handle.info(), now.lastDataModificationTime != before {
                throw fail(.fileChanged(path: body.file.path, reason: "it was written to while it was read"))
            }
            body.tracker.markFileComplete(sha512: digester?.finalizeHex())
            report()
        }

        private mutating func readChunk() async throws -> ByteBuffer? {
            do {
                return try await fileIterator.next()
            } catch is CancellationError {
                throw fail(.cancelled)
            } catch {
                throw fail(.fileUnreadable(path: body.file.path, reason: SafeText.oneLine(String(describing: error), maxLength: 160)))
            }
        }

        private mutating func report() {
            lastReported = sent
            body.progress?(UploadProgress(sentBytes: sent, totalBytes: body.file.size))
        }

        private mutating func fail(_ error: APIError) -> APIError {
            phase = .done
            body.tracker.recordFailure(error)
            return error
        }
    }
}
