import Foundation
import NIOFileSystem

/// The reason part of a file error message: one line, safe, short: "Not a directory", not
/// Foundation's "The operation could not be completed. (NSCocoaErrorDomain error 512.)",
/// which is all a `CocoaError` says of itself on Linux (the cause is its underlying error).
public enum FileErrorReason {
    public static func describe(_ error: any Error) -> String {
        if let error = error as? FileSystemError {
            return APIError.safe(error.message)
        }
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return APIError.safe(String(describing: error))
    }
}
