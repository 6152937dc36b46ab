import Foundation
import AssetInspection
import MarketplaceAPI

/// The one error type AssetCore throws: a one-line message a person can act on.
///
/// Messages never hold the API token. Text that came from outside (file names, server
/// messages, URLs) is passed through `SafeText.oneLine`, so a message is safe to print.
public struct AssetError: Error, CustomStringConvertible, Equatable, Sendable {
    /// One line, says what went wrong and, where it can, what to do.
    public var message: String
    /// For an upload that failed: the notes on the file its outcome would have carried (an
    /// image not at its listing size), which a command prints before the error.
    public var warnings: [String] = []
    /// Why the uploads queued after this failed one would fail as it did, if they would: then
    /// they are not started.
    public var stopsBatch: BatchStop?
    /// Why the history file does not parse (`unterminated string at line 3, column 9`): a read
    /// leaves it, the next write moves it aside.
    public var historyDamage: String?
    /// For an upload that failed, what kind of failure it was (`--json`'s `"kind"`).
    public var kind: FailureKind?
    /// For an upload that failed though Marketplace made an artifact (its checksum disagrees
    /// with the bytes sent): that artifact's ID, which the history records too.
    public var artifactId: String?
    /// For an upload that failed: the history entry that keeps the attempt, when one was written
    /// (`history --remove` takes it).
    public var entryId: UUID?

    public init(_ message: String, warnings: [String] = [], stopsBatch: BatchStop? = nil, kind: FailureKind? = nil) {
        self.message = SafeText.oneLine(message)
        self.warnings = warnings
        self.stopsBatch = stopsBatch
        self.kind = kind
    }

    public var description: String { message }

    /// Why a file queued after `failedName` was not sent, once that upload failed as `stop`
    /// says: the CLI's batch and the TUI's queue say it in these words.
    public static func notStartedMessage(after failedName: String, _ stop: BatchStop) -> String {
        let name = SafeText.oneLine(failedName)
        return switch stop {
        case .credentialsRefused, .accountRefused:
            "not started: Marketplace refused the credentials or the account for \(name) and would refuse this file too"
        case .unreachable: "not started: the server could not be reached for \(name), so this file was not tried"
        case .silent: "not started: the server did not answer in time for \(name), so this file was not tried"
        }
    }
}

/// Why every upload queued after a failed one would fail the same way.
public enum BatchStop: Sendable, Equatable {
    /// Marketplace refused the credentials (401).
    case credentialsRefused
    /// Marketplace refused the account (403): the token is good, the account may not do it.
    case accountRefused
    /// No connection could be made to the server at all (`APIError.unreachable`): with the
    /// network or the server down, each file would wait for three tries (up to 10 s each) in vain.
    case unreachable
    /// The server took the request and then went silent past the idle timeout, or stopped
    /// taking the file (`APIError.silent`; not a slow TLS handshake, nor one large file's answer
    /// past the answer timeout): each file after it would wait as long (a stalled server made a
    /// batch of 200 files take hours), and be one more attempt it may have made.
    case silent

    /// What `error` means for the requests after it; `nil` when they may fare better.
    init?(after error: any Error) {
        switch error as? APIError {
        case .unauthorized?: self = .credentialsRefused
        case .forbidden?: self = .accountRefused
        case .unreachable?: self = .unreachable
        case .silent?: self = .silent
        default: return nil
        }
    }
}
