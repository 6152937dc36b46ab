/// How much of a file has been handed to the connection.
///
/// Bytes are counted as the HTTP client pulls them to write to the socket, so the figure
/// follows the network, not the disk. A retry starts again from 0. The last report of a
/// successful upload has `sentBytes == totalBytes`.
public struct UploadProgress: Sendable, Equatable {
    public var sentBytes: Int64
    public var totalBytes: Int64

    public init(sentBytes: Int64, totalBytes: Int64) {
        self.sentBytes = sentBytes
        self.totalBytes = totalBytes
    }

    /// Whether the whole file has gone: what is left is the server's answer (an empty file
    /// never counts as sent whole).
    public var sentWhole: Bool { totalBytes > 0 && sentBytes >= totalBytes }

    /// `sentBytes / totalBytes` in `0...1` (1 for an empty file).
    public var fraction: Double {
        totalBytes > 0 ? min(max(Double(sentBytes) / Double(totalBytes), 0), 1) : 1
    }
}
