import Foundation
import Testing
@testable import AssetTUI

/// What the TUI says on stderr after the screen is gone reaches it whole, and a stderr that no
/// longer takes it (a terminal closed: EIO) is passed over, not a crash before the history's write.
@Suite struct StandardErrorTests {
    @Test func aLineReachesThePipeWhole() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let line = "marketplace-assets: recording in the history: " + String(repeating: "é", count: 3_000) + "\n"
        StandardError.write(line, to: ends[1])
        close(ends[1])
        let read = FileHandle(fileDescriptor: ends[0]).readDataToEndOfFile()
        #expect(String(decoding: read, as: UTF8.self) == line)
    }

    @Test func aDescriptorThatRefusesTheWriteIsPassedOver() throws {
        // Open for reading only: a write fails (EBADF), as a hung-up terminal's does (EIO).
        let readOnly = open("/dev/null", O_RDONLY)
        try #require(readOnly >= 0)
        defer { close(readOnly) }
        StandardError.write("not recorded in the history: app.jar\n", to: readOnly)
        #expect(write(readOnly, "x", 1) == -1, "the descriptor refuses writes, so the call above met the failure")
    }
}
