import Foundation
import Testing
@testable import AssetThumbnails

/// A file's stamp holds any modification time a file system can give.
@Suite struct FileStampTests {
    @Test func aTimeOutsideTheNanosecondRangeIsHeldAtItsLimit() {
        // `touch -d @10000000000` (2286): no Int64 of nanoseconds holds it.
        #expect(FileStamp(size: 1, modifiedSeconds: 1e10).modifiedNanoseconds == .max)
        #expect(FileStamp(size: 1, modifiedSeconds: Date.distantPast.timeIntervalSince1970).modifiedNanoseconds == .min)
        #expect(FileStamp(size: 1, modifiedSeconds: .nan).modifiedNanoseconds == .max)
        var info = stat()
        info.st_mtim.tv_sec = 10_000_000_000
        #expect(FileStamp(info).modifiedNanoseconds == .max)
        info.st_mtim.tv_sec = -10_000_000_000
        #expect(FileStamp(info).modifiedNanoseconds == .min)
    }

    @Test func anOrdinaryTimeIsKeptToTheNanosecond() {
        var info = stat()
        info.st_mtim.tv_sec = 1_764_000_000
        info.st_mtim.tv_nsec = 123_456_789
        #expect(FileStamp(info).modifiedNanoseconds == 1_764_000_000_123_456_789)
        #expect(FileStamp(size: 1, modifiedSeconds: 1_764_000_000.5).modifiedNanoseconds == 1_764_000_000_500_000_000)
    }
}
