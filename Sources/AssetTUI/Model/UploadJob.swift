import AssetCore
import Foundation
import MarketplaceAPI

/// One row of the Upload pane: a queued, running, finished, failed or cancelled upload.
struct UploadJob: Sendable, Equatable, Identifiable {
    enum Status: Sendable, Equatable {
        case queued
        case running
        /// Cancel was asked for; waiting for the task to stop.
        case cancelling
        case finished(HistoryEntry)
        case failed(String)
        case cancelled

        /// Still to run or running: counts against quitting without asking.
        var isActive: Bool {
            switch self {
            case .queued, .running, .cancelling: true
            case .finished, .failed, .cancelled: false
            }
        }

        /// Queued or running: `x` cancels it.
        var isCancellable: Bool {
            switch self {
            case .queued, .running: true
            default: false
            }
        }

        /// Failed or cancelled: `r` tries it again.
        var isRetryable: Bool {
            switch self {
            case .failed, .cancelled: true
            default: false
            }
        }
    }

    let id: Int
    var request: UploadRequest
    var status: Status = .queued
    var progress: UploadProgress?
    var rate = TransferRate()
    /// Made by Marketplace, but its history entry could not be written (the status line said
    /// why; quitting names it again).
    var notRecorded = false
    /// 1 for the first try, then one more for each retry.
    var attempt = 1
    /// For a jar, its plugin as read when it was queued: the key and version the job sends,
    /// though a build may rewrite the file meanwhile (`AppState.earlierUpload(of:)`).
    var plugin: PluginPreview?
    /// For an image, its size as read when it was first queued, which chose its imageType (a
    /// retry sends that imageType again): another size sent means the file was rewritten
    /// meanwhile (`Results`, on `uploadFinished`).
    var readSize: Int64?

    init(id: Int, request: UploadRequest) {
        self.id = id
        self.request = request
    }

    /// A fetch from a URL (Marketplace downloads it) rather than a file this program sends.
    var isFetch: Bool {
        if case .fetch = request { return true }
        return false
    }

    /// The history entry the server's answer was recorded as, once finished.
    var entry: HistoryEntry? {
        if case .finished(let entry) = status { return entry }
        return nil
    }
}
