import Glibc

/// What identifies one version of a file for caching: its size and modification time.
public struct FileStamp: Sendable, Hashable {
    public var size: Int64
    /// Modification time in nanoseconds since 1970.
    public var modifiedNanoseconds: Int64

    public init(size: Int64, modifiedNanoseconds: Int64) {
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
    }

    /// The stamp for a size and a modification time given as seconds since 1970. A time
    /// outside 1677–2262, which has no nanoseconds in an `Int64` (a file touched to 2286), is held
    /// at the nearest limit.
    public init(size: Int64, modifiedSeconds: Double) {
        let nanoseconds = (modifiedSeconds * 1e9).rounded()
        self.init(size: size, modifiedNanoseconds: Int64(exactly: nanoseconds) ?? (nanoseconds < 0 ? .min : .max))
    }

    /// The stamp in `stat`'s answer (a time outside 1677–2262 held at the nearest limit).
    init(_ info: stat) {
        let (seconds, nanoseconds) = (Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec))
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (modified, overflow2) = scaled.addingReportingOverflow(nanoseconds)
        self.init(size: Int64(info.st_size), modifiedNanoseconds: overflow || overflow2 ? (seconds < 0 ? .min : .max) : modified)
    }
}
