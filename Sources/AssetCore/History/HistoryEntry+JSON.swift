import Foundation
import MarketplaceAPI

/// The one JSON shape of a history entry, read and written here alone.
///
/// In the history file (`lean`) a value that the server's answer holds too is written once,
/// in the answer: an image's `id`, `name`, `mimeType` and `size` stand in `image`; an
/// artifact's `name`, `size` and `checksum` in `artifact.fileInfo`. The top level keeps
/// what the answer does not say (the local file's name when the server renamed it, an
/// artifact's MIME type and ID, a failed attempt's name and size). A value left out is read
/// back from the answer; one the entry lacks although the answer has it is written as `null`.
/// `history --json` writes every value (`lean: false`); both forms read the same way.
extension HistoryEntry {
    /// `entries` as a JSON array with every value written out, those the history file leaves
    /// to the server's answer too: what `history --json` prints (`indented`).
    public static func json(_ entries: [HistoryEntry], indented: Bool = false) -> [UInt8] {
        var w = JSONWriter(reservingCapacity: entries.count * 1536 + 2, indented: indented)
        w.beginArray()
        for entry in entries {
            w.element()
            entry.write(to: &w, lean: false)
        }
        w.endArray()
        return w.bytes
    }

    /// This entry as indented JSON, every value written out (the copy menu's "entry as JSON").
    public var prettyJSON: String {
        var w = JSONWriter(indented: true)
        write(to: &w, lean: false)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    func write(to w: inout JSONWriter, lean: Bool) {
        // Left out when the file has it in the answer; `null` where the answer would fill it in.
        func written<T: Equatable>(_ value: T?, answer: T?) -> T?? {
            if lean && value == answer { return nil }
            if value == nil { return answer == nil ? nil : .some(nil) }
            return .some(value)
        }
        func optional<T: Equatable>(_ key: StaticString, _ value: T?, answer: T? = nil, _ write: (inout JSONWriter, T) -> Void) {
            guard case .some(let value) = written(value, answer: answer) else { return }
            w.key(key)
            if let value { write(&w, value) } else { w.null() }
        }
        let string: (inout JSONWriter, String) -> Void = { $0.string($1) }
        w.beginObject()
        w.key("entryId"); w.string(entryId.uuidString)
        w.key("kind"); w.string(kind.rawValue)
        w.key("createdAt"); w.date(createdAt)
        optional("id", id, answer: image?.id, string)
        optional("imageType", imageType, string)
        if !lean || name != answerName { w.key("name"); w.string(name) }
        optional("mimeType", mimeType, answer: image?.mimeType, string)
        optional("size", size, answer: image?.size ?? artifact?.fileInfo.size) { $0.integer($1) }
        optional("localPath", localPath, string)
        optional("remoteURI", remoteURI, string)
        optional("checksum", checksum, answer: artifact?.fileInfo.checksum, string)
        optional("verified", verified) { $0.bool($1) }
        w.key("serverURL"); w.string(serverURL)
        optional("refreshedAt", refreshedAt) { $0.date($1) }
        optional("failure", failure, string)
        if lookedUp { w.key("lookedUp"); w.bool(true) }
        optional("image", image) { w, image in
            w.beginObject()
            w.key("id"); w.string(image.id)
            if let value = image.mediaType { w.key("mediaType"); w.string(value) }
            if let value = image.mimeType { w.key("mimeType"); w.string(value) }
            if let value = image.name { w.key("name"); w.string(value) }
            if let value = image.size { w.key("size"); w.integer(value) }
            w.endObject()
        }
        optional("artifact", artifact) { w, artifact in
            w.beginObject()
            w.key("fileInfo")
            w.beginObject()
            w.key("logicalFileName"); w.string(artifact.fileInfo.logicalFileName)
            w.key("size"); w.integer(artifact.fileInfo.size)
            if let checksum = artifact.fileInfo.checksum { w.key("checksum"); w.string(checksum) }
            w.endObject()
            if let details = artifact.details {
                w.key("details")
                w.beginObject()
                if let value = details.key { w.key("key"); w.string(value) }
                if let value = details.name { w.key("name"); w.string(value) }
                if let value = details.version { w.key("version"); w.string(value) }
                if let value = details.licensingEnabled { w.key("licensingEnabled"); w.bool(value) }
                if let value = details.dataCenterCompatible { w.key("dataCenterCompatible"); w.bool(value) }
                if let value = details.addOnType { w.key("addOnType"); w.string(value) }
                if let value = details.remotable { w.key("remotable"); w.bool(value) }
                if let value = details.dataCenterStatus { w.key("dataCenterStatus"); w.string(value) }
                if let value = details.editionsEnabled { w.key("editionsEnabled"); w.bool(value) }
                w.endObject()
            }
            w.key("_links")
            w.beginObject()
            for (key, link) in [("self", artifact.links.selfLink), ("binary", artifact.links.binary), ("remote", artifact.links.remote)] as [(StaticString, Link?)] {
                guard let link else { continue }
                w.key(key)
                w.beginObject()
                w.key("href"); w.string(link.href)
                w.endObject()
            }
            w.endObject()
            w.endObject()
        }
        w.endObject()
    }

    // MARK: Reading

    /// Reads one entry, lean or not. Unknown members are skipped; `null` is an absent value.
    static func read(from r: inout JSONReader, depth: Int) throws(JSONReadError) -> HistoryEntry {
        _ = r.peek()  // (the entry's place is where it starts, past the white space before it)
        let start = r.offset
        var entryId: UUID?, kind: Kind?, name: String?, serverURL: String?, createdAt: Date?
        var entry = HistoryEntry(entryId: Self.noEntryId, kind: .image, name: "", serverURL: "", createdAt: .distantPast)
        // Values the lean form may leave to the answer: `.some(nil)` is an explicit `null`.
        var id: String??, mimeType: String??, size: Int64??, checksum: String??
        var cursor = try r.beginObject(depth: depth)
        while let key = try r.nextKey(&cursor) {
            if r.readNull() {
                switch key {
                case .id: id = .some(nil)
                case .mimeType: mimeType = .some(nil)
                case .size: size = .some(nil)
                case .checksum: checksum = .some(nil)
                default: break
                }
                continue
            }
            switch key {
            case .entryId: entryId = try readUUID(from: &r)
            case .kind:
                let text = try r.readString()
                guard let value = Kind(rawValue: text) else { throw r.error("unknown kind \"\(text.prefix(40))\"") }
                kind = value
            case .createdAt: createdAt = try readDate(from: &r)
            case .id: id = try r.readString()
            case .imageType: entry.imageType = try r.readString()
            case .name: name = try r.readString()
            case .mimeType: mimeType = try r.readString()
            case .size: size = try r.readInt64()
            case .localPath: entry.localPath = try r.readString()
            case .remoteURI: entry.remoteURI = try r.readString()
            case .checksum: checksum = try r.readString()
            case .verified: entry.verified = try r.readBool()
            case .serverURL: serverURL = try r.readString()
            case .refreshedAt: entry.refreshedAt = try readDate(from: &r)
            case .failure: entry.failure = try r.readString()
            case .lookedUp: entry.lookedUp = try r.readBool()
            case .image: entry.image = try readImage(from: &r, depth: depth + 1)
            case .artifact: entry.artifact = try readArtifact(from: &r, depth: depth + 1)
            default: try r.skipValue(depth: depth)
            }
        }
        guard let entryId, let kind, let serverURL, let createdAt, let name = name ?? entry.answerName else {
            throw JSONReadError(reason: "a history entry lacks entryId, kind, name, serverURL or createdAt", offset: start)
        }
        (entry.entryId, entry.kind, entry.name, entry.serverURL, entry.createdAt) = (entryId, kind, name, serverURL, createdAt)
        entry.id = id ?? entry.image?.id
        entry.mimeType = mimeType ?? entry.image?.mimeType
        entry.size = size ?? entry.image?.size ?? entry.artifact?.fileInfo.size
        entry.checksum = checksum ?? entry.artifact?.fileInfo.checksum
        return entry
    }

    private static func readImage(from r: inout JSONReader, depth: Int) throws(JSONReadError) -> ImageAsset {
        let start = r.offset
        var image = ImageAsset(id: "", mediaType: nil)
        var id: String?
        try r.readMembers(depth: depth) { (r, key) throws(JSONReadError) in
            switch key {
            case .id: id = try r.readString()
            case .mediaType: image.mediaType = try r.readString()
            case .mimeType: image.mimeType = try r.readString()
            case .name: image.name = try r.readString()
            case .size: image.size = try r.readInt64()
            default: try r.skipValue(depth: depth)
            }
        }
        guard let id else { throw JSONReadError(reason: "an image lacks id", offset: start) }
        image.id = id
        return image
    }

    private static func readArtifact(from r: inout JSONReader, depth: Int) throws(JSONReadError) -> Artifact {
        let start = r.offset
        var logicalFileName: String?, size: Int64?, checksum: String?
        var details: ArtifactDetails?
        var selfLink: Link?, binary: Link?, remote: Link?
        try r.readMembers(depth: depth) { (r, key) throws(JSONReadError) in
            switch key {
            case .fileInfo:
                try r.readMembers(depth: depth + 1) { (r, key) throws(JSONReadError) in
                    switch key {
                    case .logicalFileName: logicalFileName = try r.readString()
                    case .size: size = try r.readInt64()
                    case .checksum: checksum = try r.readString()
                    default: try r.skipValue(depth: depth + 1)
                    }
                }
            case .details: details = try readDetails(from: &r, depth: depth + 1)
            case .links:
                try r.readMembers(depth: depth + 1) { (r, key) throws(JSONReadError) in
                    guard key == .selfLink || key == .binary || key == .remote else { return try r.skipValue(depth: depth + 1) }
                    var href: String?
                    try r.readMembers(depth: depth + 2) { (r, member) throws(JSONReadError) in
                        if member == .href { href = try r.readString() } else { try r.skipValue(depth: depth + 2) }
                    }
                    guard let href else { throw JSONReadError(reason: "a link lacks href", offset: start) }
                    switch key {
                    case .selfLink: selfLink = Link(href: href)
                    case .binary: binary = Link(href: href)
                    default: remote = Link(href: href)
                    }
                }
            default: try r.skipValue(depth: depth)
            }
        }
        guard let logicalFileName, let size, let selfLink else {
            throw JSONReadError(reason: "an artifact lacks fileInfo (with logicalFileName and size) or _links.self", offset: start)
        }
        return Artifact(fileInfo: FileInfo(logicalFileName: logicalFileName, size: size, checksum: checksum), details: details,
                        links: ArtifactLinks(selfLink: selfLink, binary: binary, remote: remote))
    }

    private static func readDetails(from r: inout JSONReader, depth: Int) throws(JSONReadError) -> ArtifactDetails {
        var details = ArtifactDetails()
        try r.readMembers(depth: depth) { (r, key) throws(JSONReadError) in
            switch key {
            case .key: details.key = try r.readString()
            case .name: details.name = try r.readString()
            case .version: details.version = try r.readString()
            case .licensingEnabled: details.licensingEnabled = try r.readBool()
            case .dataCenterCompatible: details.dataCenterCompatible = try r.readBool()
            case .addOnType: details.addOnType = try r.readString()
            case .remotable: details.remotable = try r.readBool()
            case .dataCenterStatus: details.dataCenterStatus = try r.readString()
            case .editionsEnabled: details.editionsEnabled = try r.readBool()
            default: try r.skipValue(depth: depth)
            }
        }
        return details
    }

    private static let noEntryId = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// Reads a UUID by hand: Foundation's `UUID(uuidString:)` goes through `sscanf`, and with
    /// it a 10,000-entry load took 31 ms at best instead of 25 (release, 2026-12-04).
    static func readUUID(from r: inout JSONReader) throws(JSONReadError) -> UUID {
        let range = try r.stringRange()
        let text = UnsafeBufferPointer(rebasing: r.input[range.start..<range.end])
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var valid = text.count == 36
        withUnsafeMutableBytes(of: &uuid) { out in
            var position = 0
            for index in 0..<16 where valid {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    valid = text[position] == UInt8(ascii: "-")
                    position += 1
                }
                let high = JSONReader.hexDigit(text[position]), low = JSONReader.hexDigit(text[position + 1])
                valid = valid && high < 16 && low < 16
                out[index] = high << 4 | low & 0x0F
                position += 2
            }
        }
        guard valid else { throw JSONReadError(reason: "expected a UUID", offset: range.start) }
        return UUID(uuid: uuid)
    }

    private static func readDate(from r: inout JSONReader) throws(JSONReadError) -> Date {
        let range = try r.stringRange()
        guard !range.hasEscapes, let date = HistoryTimestamp.parse(UnsafeBufferPointer(rebasing: r.input[range.start..<range.end])) else {
            throw JSONReadError(reason: "expected an ISO 8601 date and time with a time zone, as 2025-03-01T12:34:56.789Z", offset: range.start)
        }
        return date
    }
}
