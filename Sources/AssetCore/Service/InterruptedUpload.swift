import Foundation
import MarketplaceAPI

/// An upload cancelled (Ctrl-C, SIGTERM, the TUI's `x`) once its whole file (a fetch's request)
/// had gone, before Marketplace answered (`APIError.interruptedAfterSending`): a cancellation,
/// but one Marketplace may have made, so the history keeps the attempt (`history
/// --remove-failed` leaves it).
public struct InterruptedUpload: Error, CustomStringConvertible, Sendable {
    /// Why the history could not keep the attempt; `nil` when it did.
    public let unrecorded: String?
    /// The entry that keeps the attempt, when the history could.
    public let entryId: UUID?
    /// What the entry's `failure` says.
    public let message: String

    /// An attempt kept as `entryId` (or not, and `unrecorded` says why), its failure `message`.
    public init(unrecorded: String?, entryId: UUID?, message: String) {
        (self.unrecorded, self.entryId, self.message) = (unrecorded, entryId, message)
    }

    /// One line for the user, saying whether the history keeps the attempt.
    public var description: String { describe(removal: "history --remove \(entryId?.uuidString ?? "ENTRY-ID") takes it out") }

    /// `description`, with `removal` saying how the kept attempt is taken out (the TUI's `d`).
    public func describe(removal: String) -> String {
        guard let unrecorded else { return "\(message) The history keeps the attempt (\(removal))." }
        return "\(message) The history could not keep the attempt: \(unrecorded)"
    }
}
