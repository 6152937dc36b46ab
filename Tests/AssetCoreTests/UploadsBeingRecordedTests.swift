import Foundation
import Testing
@testable import AssetCore

/// What a process ending at once says of the uploads Marketplace made whose history entry is
/// being written, or could not be.
@Suite struct UploadsBeingRecordedTests {
    @Test("an upload is listed while its entry is written, not after; one whose write failed stays listed")
    func writingAndFailed() throws {
        let entry = SampleEntries.image("shot.png")
        let seen = try UploadsBeingRecorded.recording(entry) { () throws(AssetError) -> [UUID] in
            UploadsBeingRecorded.writing.map(\.entryId)
        }
        #expect(seen.contains(entry.entryId))
        #expect(!UploadsBeingRecorded.writing.contains { $0.entryId == entry.entryId })
        #expect(!UploadsBeingRecorded.unrecorded.contains { $0.entryId == entry.entryId })

        let lost = SampleEntries.image("lost.png")
        #expect(throws: AssetError.self) {
            try UploadsBeingRecorded.recording(lost) { () throws(AssetError) in throw AssetError("The history is locked.") }
        }
        #expect(UploadsBeingRecorded.unrecorded.contains { $0.entryId == lost.entryId })
        #expect(UploadsBeingRecorded.describe(lost) == "Marketplace has made image \(lost.id ?? "-") (lost.png)")
        var attempt = lost
        attempt.id = nil
        #expect(UploadsBeingRecorded.describe(attempt) == "Marketplace may have made image lost.png")
    }
}
