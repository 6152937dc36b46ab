import Foundation
import MarketplaceAPI

/// Writes and reads one `HistoryEntry` (and the server shapes inside it) as JSON.
///
/// The JSON is exactly what `JSONEncoder` with `.sortedKeys` and ISO-8601 dates would
/// write, save for millisecond precision: keys sorted, `nil` members left out, the
/// server's own key names (`_links`, `self`) kept. `HistoryCodingTests` checks both
/// directions against Foundation's `JSONDecoder`/`JSONEncoder`.
enum HistoryEntryCoding {
    // MARK: Writing

    static func write(_ entry: HistoryEntry, to w: inout JSONWriter) {
        w.beginObject()
        if let artifact = entry.artifact {
            w.key("artifact")
            write(artifact, to: &w)
        }
        if let checksum = entry.checksum { w.key("checksum"); w.string(checksum) }
        w.key("createdAt"); w.date(entry.createdAt)
        w.key("entryId"); w.string(entry.entryId.uuidString)
        if let failure = entry.failure { w.key("failure"); w.string(failure) }
        if let id = entry.id { w.key("id"); w.string(id) }
        if let image = entry.image {
            w.key("image")
            write(image, to: &w)
        }
        if let imageType = entry.imageType { w.key("imageType"); w.string(imageType) }
        w.key("kind"); w.string(entry.kind.rawValue)
        if let localPath = entry.localPath { w.key("localPath"); w.string(localPath) }
        if let mimeType = entry.mimeType { w.key("mimeType"); w.string(mimeType) }
        w.key("name"); w.string(entry.name)
        if let refreshedAt = entry.refreshedAt { w.key("refreshedAt"); w.date(refreshedAt) }
        if let remoteURI = entry.remoteURI { w.key("remoteURI"); w.string(remoteURI) }
        w.key("serverURL"); w.string(entry.serverURL)
        if let size = entry.size { w.key("size"); w.integer(size) }
        if let verified = entry.verified { w.key("verified"); w.bool(verified) }
        w.endObject()
    }

    private static func write(_ artifact: Artifact, to w: inout JSONWriter) {
        w.beginObject()
        w.key("_links")
        w.beginObject()
        if let binary = artifact.links.binary { w.key("binary"); write(binary, to: &w) }
        if let remote = artifact.links.remote { w.key("remote"); write(remote, to: &w) }
        w.key("self"); write(artifact.links.selfLink, to: &w)
        w.endObject()
        if let details = artifact.details {
            w.key("details")
            write(details, to: &w)
        }
        w.key("fileInfo")
        w.beginObject()
        if let checksum = artifact.fileInfo.checksum { w.key("checksum"); w.string(checksum) }
        w.key("logicalFileName"); w.string(artifact.fileInfo.logicalFileName)
        w.key("size"); w.integer(artifact.fileInfo.size)
        w.endObject()
        w.endObject()
    }

    private static func write(_ details: ArtifactDetails, to w: inout JSONWriter) {
        w.beginObject()
        if let value = details.addOnType { w.key("addOnType"); w.string(value) }
        if let value = details.dataCenterCompatible { w.key("dataCenterCompatible"); w.bool(value) }
        if let value = details.dataCenterStatus { w.key("dataCenterStatus"); w.string(value) }
        if let value = details.editionsEnabled { w.key("editionsEnabled"); w.bool(value) }
        if let value = details.key { w.key("key"); w.string(value) }
        if let value = details.licensingEnabled { w.key("licensingEnabled"); w.bool(value) }
        if let value = details.name { w.key("name"); w.string(value) }
        if let value = details.remotable { w.key("remotable"); w.bool(value) }
        if let value = details.version { w.key("version"); w.string(value) }
        w.endObject()
    }

    private static func write(_ link: Link, to w: inout JSONWriter) {
        w.beginObject()
        w.key("href"); w.string(link.href)
        w.endObject()
    }

    private static func write(_ image: ImageAsset, to w: inout JSONWriter) {
        w.beginObject()
        w.key("id"); w.string(image.id)
        if let value = image.mediaType { w.key("mediaType"); w.string(value) }
        if let value = image.mimeType { w.key("mimeType"); w.string(value) }
        if let value = image.name { w.key("name"); w.string(value) }
        if let value = image.size { w.key("size"); w.integer(value) }
        w.endObject()
    }

    // MARK: Reading

    /// Reads one entry. Unknown members are skipped; `null` counts as absent.
    static func read(from r: inout JSONReader, depth: Int, strings: inout StringCache) throws(JSONReadError) -> HistoryEntry {
        let start = r.offset
        var entryId: UUID?
        var kind: HistoryEntry.Kind?
        var name: String?
        var serverURL: String?
        var createdAt: Date?
        var id: String?
        var imageType: String?
        var mimeType: String?
        var size: Int64?
        var localPath: String?
        var remoteURI: String?
        var checksum: String?
        var verified: Bool?
        var image: ImageAsset?
        var artifact: Artifact?
        var refreshedAt: Date?
        var failure: String?
        var cursor = try r.beginObject(depth: depth)
        while let key = try r.nextKey(&cursor) {
            if r.readNull() { continue }
            switch key {
            case .artifact: artifact = try readArtifact(from: &r, depth: depth + 1, strings: &strings)
            case .checksum: checksum = try strings.read(.checksum, from: &r)
            case .createdAt: createdAt = try readDate(from: &r)
            case .entryId: entryId = try readUUID(from: &r)
            case .failure: failure = try r.readString()
            case .id: id = try r.readString()
            case .image: image = try readImage(from: &r, depth: depth + 1, strings: &strings)
            case .imageType: imageType = try strings.read(.imageType, from: &r)
            case .kind:
                let raw = try strings.read(.kind, from: &r)
                guard let value = HistoryEntry.Kind(rawValue: raw) else { throw r.error("unknown kind \"\(raw.prefix(40))\"") }
                kind = value
            case .localPath: localPath = try r.readString()
            case .mimeType: mimeType = try strings.read(.mimeType, from: &r)
            case .name: name = try r.readString()
            case .refreshedAt: refreshedAt = try readDate(from: &r)
            case .remoteURI: remoteURI = try r.readString()
            case .serverURL: serverURL = try strings.read(.serverURL, from: &r)
            case .size: size = try r.readInt64()
            case .verified: verified = try r.readBool()
            default: try r.skipValue(depth: depth)
            }
        }
        guard let entryId, let kind, let name, let serverURL, let createdAt else {
            throw JSONReadError(reason: "a history entry lacks entryId, kind, name, serverURL or createdAt", offset: start)
        }
        return HistoryEntry(
            entryId: entryId, kind: kind, id: id, imageType: imageType, name: name, mimeType: mimeType,
            size: size, localPath: localPath, remoteURI: remoteURI, checksum: checksum, verified: verified,
            image: image, artifact: artifact, serverURL: serverURL, createdAt: createdAt,
            refreshedAt: refreshedAt, failure: failure
        )
    }

    private static func readArtifact(from r: inout JSONReader, depth: Int, strings: inout StringCache) throws(JSONReadError) -> Artifact {
        let start = r.offset
        var fileInfo: FileInfo?
        var details: ArtifactDetails?
        var links: ArtifactLinks?
        var cursor = try r.beginObject(depth: depth)
        while let key = try r.nextKey(&cursor) {
            if r.readNull() { continue }
            switch key {
            case .fileInfo: fileInfo = try readFileInfo(from: &r, depth: depth + 1, strings: &strings)
            case .details: details = try readDetails(from: &r, depth: depth + 1)
            case .links: links = try readLinks(from: &r, depth: depth + 1)
            default: try r.skipValue(depth: depth)
            }
        }
        guard let fileInfo, let links else {
            throw JSONReadError(reason: "an artifact lacks fileInfo or _links", offset: start)
        }
        return Artifact(fileInfo: fileInfo, details: details, links: links)
    }

    private static func readFileInfo(from r: inout JSONReader, depth: Int, strings: inout StringCache) throws(JSONReadError) -> FileInfo {
        let start = r.offset
        var logicalFileName: String?
        var size: Int64?
        var checksum: String?
        var cursor = try r.beginObject(depth: depth)
        while let key = try r.nextKey(&cursor) {
            if r.readNull() { continue }
            switch key {
            case .logicalFileName: logicalFileName = try r.readString()
            case .size: size = try r.readInt64()
            case .checksum: checksum = try strings.read(.checksum, from: &r)
            default: try r.skipValue(depth: depth)
            }
        }
        guard let logicalFileName, let size else {
            throw JSONReadError(reason: "a fileInfo lacks logicalFileName or size", offset: start)
        }
        return FileInfo(logicalFileName: logicalFileName, size: size, checksum: checksum)
    }

    private static func readDetails(from r: inout JSONReader, depth: Int) throws(JSONReadError) -> ArtifactDetails {
        var details = ArtifactDetails()
        var cursor = try r.beginObject(depth: depth)
        while let key = try r.nextKey(&cursor) {
            if r.readNull() { continue }
            switch key {
            case .addOnType: details.addOnType = try r.readString()
            case .dataCenterCompatible: details.dataCenterCompatible = try r.readBool()
            case .dataCenterStatus: details.dataCenterStatus = try r.readString()
            case .editionsEnabled: details.editionsEnabled = try r.readBool()
            case .key: details.key = try r.readString()
            case .licensingEnabled: details.licensingEnabled = try r.readBool()
            case .name: details.name = try r.readString()
            case .remotable: details.remotable = try r.readBool()
            case .version: details.version = try r.readString()
            default: try r.skipValue(depth: depth)
            }
        }
        return details
    }

    private static func readLinks(from r: inout JSONReader, depth: Int) throws(JSONReadError) -> ArtifactLinks {
        let start = r.offset
        var selfLink: Link?
        var binary: Link?
        var remote: Link?
        var cursor = try r.beginObject(depth: depth)
        while let key = try r.nextKey(&cursor) {
            if r.readNull() { continue }
            switch key {
            case .selfLink: selfLink = try readLink(from: &r, depth: depth + 1)
            case .binary: binary = try readLink(from: &r, depth: depth + 1)
            case .remote: remote = try readLink(from: &r, depth: depth + 1)
            default: try r.skipValue(depth: depth)
            }
        }
        guard let selfLink else { throw JSONReadError(reason: "_links lacks self", offset: start) }
        return ArtifactLinks(selfLink: selfLink, binary: binary, remote: remote)
    }

    private static func readLink(from r: inout JSONReader, depth: Int) throws(JSONReadError) -> Link {
        let start = r.offset
        var href: String?
        var cursor = try r.beginObject(depth: depth)
        while let key = try r.nextKey(&cursor) {
            if key == .href, !r.readNull() {
                href = try r.readString()
            } else {
                try r.skipValue(depth: depth)
            }
        }
        guard let href else { throw JSONReadError(reason: "a link lacks href", offset: start) }
        return Link(href: href)
    }

    private static func readImage(from r: inout JSONReader, depth: Int, strings: inout StringCache) throws(JSONReadError) -> ImageAsset {
        let start = r.offset
        var id: String?
        var image = ImageAsset(id: "", mediaType: nil)
        var cursor = try r.beginObject(depth: depth)
        while let key = try r.nextKey(&cursor) {
            if r.readNull() { continue }
            switch key {
            case .id: id = try r.readString()
            case .mediaType: image.mediaType = try strings.read(.mediaType, from: &r)
            case .mimeType: image.mimeType = try strings.read(.mimeType, from: &r)
            case .name: image.name = try r.readString()
            case .size: image.size = try r.readInt64()
            default: try r.skipValue(depth: depth)
            }
        }
        guard let id else { throw JSONReadError(reason: "an image lacks id", offset: start) }
        image.id = id
        return image
    }

    private static func readDate(from r: inout JSONReader) throws(JSONReadError) -> Date {
        let range = try r.stringRange()
        guard !range.hasEscapes,
              let date = HistoryTimestamp.parse(UnsafeBufferPointer(rebasing: r.input[range.start..<range.end]))
        else { throw JSONReadError(reason: "expected an ISO-8601 date", offset: range.start) }
        return date
    }

    private static func readUUID(from r: inout JSONReader) throws(JSONReadError) -> UUID {
        let range = try r.stringRange()
        guard !range.hasEscapes, range.count == 36 else {
            throw JSONReadError(reason: "expected a UUID", offset: range.start)
        }
        let text = r.input.baseAddress! + range.start
        guard text[8] == UInt8(ascii: "-"), text[13] == UInt8(ascii: "-"), text[18] == UInt8(ascii: "-"),
              text[23] == UInt8(ascii: "-")
        else { throw JSONReadError(reason: "expected a UUID", offset: range.start) }
        /// 0–15 for a hex digit, 0x10 or more for anything else.
        @inline(__always) func nibble(_ byte: UInt8) -> UInt8 {
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 { return digit }
            let letter = (byte | 0x20) &- UInt8(ascii: "a")
            return letter < 6 ? letter + 10 : 0x10
        }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var invalid: UInt8 = 0
        withUnsafeMutableBytes(of: &uuid) { out in
            for index in 0..<16 {
                // Byte `index` is written at 2 × index, plus one for each dash before it
                // (after bytes 4, 6, 8 and 10).
                let position = 2 * index + (index >= 4 ? 1 : 0) + (index >= 6 ? 1 : 0) + (index >= 8 ? 1 : 0) + (index >= 10 ? 1 : 0)
                let high = nibble(text[position])
                let low = nibble(text[position + 1])
                invalid |= high | low
                out[index] = high << 4 | low & 0x0F
            }
        }
        guard invalid < 0x10 else { throw JSONReadError(reason: "expected a UUID", offset: range.start) }
        return UUID(uuid: uuid)
    }
}

/// Reuses the `String` of a field whose value repeats from entry to entry (the server
/// URL, MIME type, checksum of an artifact and of its `fileInfo`), so that reading a
/// large history makes one string per distinct value rather than one per entry.
///
/// A value is compared with the last one's own bytes, never by its place in the input:
/// journal lines and a document's tail are read line by line, each with a reader of its
/// own, where the same offset means another place.
struct StringCache {
    enum Field { case serverURL, mimeType, checksum, imageType, kind, mediaType }

    private var serverURL = ""
    private var mimeType = ""
    private var checksum = ""
    private var imageType = ""
    private var kind = ""
    private var mediaType = ""

    mutating func read(_ field: Field, from r: inout JSONReader) throws(JSONReadError) -> String {
        switch field {
        case .serverURL: return try Self.read(&serverURL, from: &r)
        case .mimeType: return try Self.read(&mimeType, from: &r)
        case .checksum: return try Self.read(&checksum, from: &r)
        case .imageType: return try Self.read(&imageType, from: &r)
        case .kind: return try Self.read(&kind, from: &r)
        case .mediaType: return try Self.read(&mediaType, from: &r)
        }
    }

    private static func read(_ last: inout String, from r: inout JSONReader) throws(JSONReadError) -> String {
        let range = try r.stringRange()
        if !range.hasEscapes, range.count > 0, range.count == last.utf8.count,
           last.utf8.withContiguousStorageIfAvailable({ memcmp($0.baseAddress!, r.input.baseAddress! + range.start, range.count) == 0 }) == true {
            return last
        }
        let value = try JSONReader.decodeString(r.input, range: range)
        if !range.hasEscapes { last = value }
        return value
    }
}
