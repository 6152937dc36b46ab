import Foundation

/// Every member name the history file uses, across all its object shapes; matched from the
/// raw bytes of a key, so that reading an entry makes no `String` for its ~25 keys: with a
/// `String` per key, a 10,000-entry load took 35 ms at best, against 25 (release, 2026-12-04).
enum JSONKey: String, CaseIterable {
    case unknown = ""
    // The document, and the header line of an older release's journal.
    case schemaVersion, entries
    // HistoryEntry.
    case entryId, kind, createdAt, id, imageType, name, mimeType, size, localPath, remoteURI
    case checksum, verified, serverURL, refreshedAt, failure, lookedUp, image, artifact
    // ImageAsset, Artifact, FileInfo, ArtifactDetails, ArtifactLinks, Link.
    case mediaType, fileInfo, details, logicalFileName, links = "_links"
    case key, version, licensingEnabled, dataCenterCompatible, addOnType, remotable, dataCenterStatus, editionsEnabled
    case selfLink = "self", binary, remote, href

    private typealias Words = (UInt64, UInt64, UInt64)

    /// The known keys by the length of their name, with the name as `words`.
    private static let byLength: [[(words: Words, key: JSONKey)]] = {
        var table = Array(repeating: [(words: Words, key: JSONKey)](), count: 25)
        for key in allCases where key != .unknown {
            let name = Array(key.rawValue.utf8)
            name.withUnsafeBufferPointer { table[name.count].append((words($0), key)) }
        }
        return table
    }()

    /// Bytes 0–7, 8–15 and the last eight of a name of 1–24 bytes, zero-padded: equal words,
    /// equal names.
    private static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> Words {
        var words: Words = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { out in
            out.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes).prefix(16)))
            if bytes.count > 16 { out.baseAddress!.advanced(by: 16).copyMemory(from: bytes.baseAddress! + bytes.count - 8, byteCount: 8) }
        }
        return words
    }

    /// The key whose name is exactly `bytes`, or `.unknown`.
    static func match(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONKey {
        guard bytes.count > 0, bytes.count < byLength.count else { return .unknown }
        let words = words(bytes)
        for candidate in byLength[bytes.count] where candidate.words == words { return candidate.key }
        return .unknown
    }
}
