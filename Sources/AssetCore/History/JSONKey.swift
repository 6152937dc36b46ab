#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every member name the history file uses, across all its object shapes.
///
/// `match` compares raw key bytes against these names (by length first), which avoids
/// making a `String` for each of the ~30 keys of each of 100,000 entries.
enum JSONKey: String, CaseIterable {
    case unknown = ""
    // The document and the journal header.
    case schemaVersion, entries
    // HistoryEntry.
    case artifact, checksum, createdAt, entryId, failure, id, image, imageType, kind
    case localPath, mimeType, name, refreshedAt, remoteURI, serverURL, size, verified
    // Artifact, FileInfo, ArtifactDetails, ArtifactLinks, Link, ImageAsset.
    case links = "_links"
    case details, fileInfo, logicalFileName
    case addOnType, dataCenterCompatible, dataCenterStatus, editionsEnabled, key
    case licensingEnabled, remotable, version
    case binary, remote, selfLink = "self", href
    case mediaType

    /// The key whose name is exactly `bytes`, or `.unknown`.
    @inline(__always)
    static func match(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONKey {
        @inline(__always)
        func equals(_ name: StaticString) -> Bool {
            memcmp(name.utf8Start, bytes.baseAddress!, bytes.count) == 0
        }
        switch bytes.count {
        case 2:
            if equals("id") { return .id }
        case 3:
            if equals("key") { return .key }
        case 4:
            if equals("kind") { return .kind }
            if equals("name") { return .name }
            if equals("size") { return .size }
            if equals("self") { return .selfLink }
            if equals("href") { return .href }
        case 5:
            if equals("image") { return .image }
        case 6:
            if equals("_links") { return .links }
            if equals("binary") { return .binary }
            if equals("remote") { return .remote }
        case 7:
            if equals("entries") { return .entries }
            if equals("entryId") { return .entryId }
            if equals("failure") { return .failure }
            if equals("details") { return .details }
            if equals("version") { return .version }
        case 8:
            if equals("artifact") { return .artifact }
            if equals("checksum") { return .checksum }
            if equals("mimeType") { return .mimeType }
            if equals("verified") { return .verified }
            if equals("fileInfo") { return .fileInfo }
        case 9:
            if equals("createdAt") { return .createdAt }
            if equals("imageType") { return .imageType }
            if equals("localPath") { return .localPath }
            if equals("remoteURI") { return .remoteURI }
            if equals("serverURL") { return .serverURL }
            if equals("addOnType") { return .addOnType }
            if equals("remotable") { return .remotable }
            if equals("mediaType") { return .mediaType }
        case 11:
            if equals("refreshedAt") { return .refreshedAt }
        case 13:
            if equals("schemaVersion") { return .schemaVersion }
        case 15:
            if equals("logicalFileName") { return .logicalFileName }
            if equals("editionsEnabled") { return .editionsEnabled }
        case 16:
            if equals("dataCenterStatus") { return .dataCenterStatus }
            if equals("licensingEnabled") { return .licensingEnabled }
        case 20:
            if equals("dataCenterCompatible") { return .dataCenterCompatible }
        default:
            break
        }
        return .unknown
    }
}
