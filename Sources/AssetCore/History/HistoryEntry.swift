import Foundation
import MarketplaceAPI

/// One upload, fetch or failed attempt, as kept in the history file.
///
/// An entry is identified locally by `entryId` (so that concurrent writers can merge
/// without losing or duplicating anything); `id` is the server's ID (the image ID or
/// the artifact ID) and is `nil` when the attempt failed before the server gave one.
public struct HistoryEntry: Sendable, Equatable, Identifiable {
    /// What was uploaded.
    public enum Kind: String, Sendable, CaseIterable {
        case image
        case artifact
    }

    /// A local, stable identity for this entry.
    public var entryId: UUID
    public var kind: Kind
    /// The image ID or the artifact ID; `nil` for an attempt that failed before the server answered.
    public var id: String?
    /// For images: the `imageType` path parameter it was uploaded as.
    public var imageType: String?
    /// The file name (the uploaded file's, or the server's `logicalFileName`).
    public var name: String
    public var mimeType: String?
    public var size: Int64?
    /// The local file that was uploaded.
    public var localPath: String?
    /// The URI Marketplace fetched from (userinfo removed).
    public var remoteURI: String?
    /// `sha512:<hex>`, as computed locally while uploading, or as the server reported.
    public var checksum: String?
    /// `true` when the local SHA-512 matched the server's `fileInfo.checksum`;
    /// `false` when it did not; `nil` when nothing was compared (images, fetches).
    public var verified: Bool?
    /// The server's last answer for an image.
    public var image: ImageAsset?
    /// The server's last answer for an artifact: file info, details and links.
    public var artifact: Artifact?
    /// The base URL of the server this entry belongs to. Demo and real entries never mix.
    public var serverURL: String
    public var createdAt: Date
    /// When the details were last refreshed from the server.
    public var refreshedAt: Date?
    /// Why the upload, fetch or last refresh failed; `nil` on success.
    public var failure: String?
    /// Recorded by `artifact ID` for an artifact the history lacked (a colleague's upload):
    /// looked up, not uploaded or fetched from here; `createdAt` is the lookup's time.
    public var lookedUp: Bool

    public init(
        entryId: UUID = UUID(),
        kind: Kind,
        id: String? = nil,
        imageType: String? = nil,
        name: String,
        mimeType: String? = nil,
        size: Int64? = nil,
        localPath: String? = nil,
        remoteURI: String? = nil,
        checksum: String? = nil,
        verified: Bool? = nil,
        image: ImageAsset? = nil,
        artifact: Artifact? = nil,
        serverURL: String,
        createdAt: Date = Date(),
        refreshedAt: Date? = nil,
        failure: String? = nil,
        lookedUp: Bool = false
    ) {
        self.entryId = entryId
        self.kind = kind
        self.id = id
        self.imageType = imageType
        self.name = name
        self.mimeType = mimeType
        self.size = size
        self.localPath = localPath
        self.remoteURI = remoteURI
        self.checksum = checksum
        self.verified = verified
        self.image = image
        self.artifact = artifact
        self.serverURL = serverURL
        self.createdAt = createdAt
        self.refreshedAt = refreshedAt
        self.failure = failure
        self.lookedUp = lookedUp
    }

    /// Whether the server accepted the upload (an ID is known).
    public var succeeded: Bool { id != nil }

    /// The file's name in the server's answer; it differs from `name` when the server renamed
    /// the file, or the upload sent an image under its format's extension (`icon.txt.png`).
    public var answerName: String? { image?.name ?? artifact?.fileInfo.logicalFileName }

    /// Whether the file was sent from here, not looked up (`artifact ID`) or fetched by
    /// Marketplace from a URL: an artifact's `checksum` is then the SHA-512 of what was sent.
    public var wasUploaded: Bool { !lookedUp && remoteURI == nil }

    /// Whether `failure` is the last refresh's (`artifact ID` found nothing there, say), not
    /// the upload's: the upload stands, and `--remove-failed` leaves it.
    public var refreshFailed: Bool { failure != nil && succeeded && verified != false }

    /// Whether this failed attempt may have made the upload all the same, as its failure says (no
    /// answer after the whole request went, a gateway's 502 or 504, a success answer that did not
    /// read): its entry is the only trace of it, which `--remove-failed` keeps.
    public var mayHaveBeenMade: Bool { !succeeded && failure.map(TransportErrorClassifier.saysUploadMayExist) == true }
}

extension Array<HistoryEntry> {
    /// Whether the entries are in the order the History pane and `history` show them,
    /// newest first; read through the buffer, so that no entry is copied to read its date.
    public var isNewestFirst: Bool {
        withUnsafeBufferPointer { entries in
            entries.indices.dropFirst().allSatisfy { entries[$0 - 1].createdAt >= entries[$0].createdAt }
        }
    }
}
