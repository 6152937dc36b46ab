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
        // (Bridged from whatever Foundation put there: on Linux an `as? NSError` cast misses it.)
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? any Error,
           case let posix = underlying as NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        return APIError.safe(error is CocoaError ? error.localizedDescription : String(describing: error))
    }
}
