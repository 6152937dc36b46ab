import Foundation

/// Bytes sent of an upload so far.
struct TransferProgress: Sendable, Equatable {
    var sentBytes: Int64
    var totalBytes: Int64

    /// 0...1, or `nil` while the size is unknown.
    var fraction: Double? {
        guard totalBytes > 0 else { return nil }
        return min(1, max(0, Double(sentBytes) / Double(totalBytes)))
    }
}
