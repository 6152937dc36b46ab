import Foundation
import MarketplaceAPI

/// An upload cancelled (Ctrl-C, SIGTERM, the TUI's `x`) once its whole file had gone, before
/// Marketplace answered (`APIError.interruptedAfterFile`): a cancellation, but one Marketplace
/// may have made, so the history keeps the attempt (`history --remove-failed` leaves it).
public struct InterruptedUpload: Error, CustomStringConvertible, Sendable {
    /// Why the history could not keep the attempt; `nil` when it did.
    public let unrecorded: String?
    /// The entry that keeps the attempt, when the history could.
    public let entryId: UUID?
    /// What the entry's `failure` says.
    public let message: String

    /// One line for the user, saying whether the history keeps the attempt.
    public var description: String {
        guard let unrecorded else {
            return "\(message) The history keeps the attempt (history --remove \(entryId?.uuidString ?? "ENTRY-ID") takes it out)."
        }
        return "\(message) The history could not keep the attempt: \(unrecorded)"
    }
}
