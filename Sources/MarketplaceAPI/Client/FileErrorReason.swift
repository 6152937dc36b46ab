import NIOFileSystem

/// The reason part of a file error message: one line, safe, short.
enum FileErrorReason {
    static func describe(_ error: any Error) -> String {
        if let error = error as? FileSystemError {
            return APIError.safe(error.message)
        }
        return APIError.safe(String(describing: error))
    }
}
