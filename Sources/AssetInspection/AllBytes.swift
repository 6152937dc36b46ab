import Glibc

/// Writing every byte to a file descriptor, which `write(2)` alone does not promise: the one
/// loop for it, below the layers that write files, the terminal and pipes.
public enum AllBytes {
    /// Writes all of `bytes` to `descriptor`, again after EINTR and short writes; returns the
    /// `errno` of a failure (EIO for a write that took nothing), `nil` when all was written.
    public static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        var written = 0
        while written < bytes.count {
            let result = Glibc.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { return result < 0 ? errno : EIO }
            written += result
        }
        return nil
    }
}
