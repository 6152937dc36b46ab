import AssetInspection
import Foundation

/// An earlier upload of the same build: a history entry of the same server in which
/// Marketplace stored an artifact with the same plugin key and version.
///
/// Uploading the same key and version again stores the same build a second time under a new
/// artifact ID; it is nearly always a release script run twice or a version not raised. The
/// TUI's preview and `inspect` warn of it; `upload-artifact` refuses it unless told otherwise.
public struct PreviousUpload: Sendable, Equatable {
    public var key: String
    public var version: String
    /// The newest such entry.
    public var entry: HistoryEntry

    /// The newest entry among `entries` of a stored artifact (it has an ID) whose details
    /// have this `key` and `version`; only entries of `serverURL` when it is given, and only
    /// those made `since` then when it is given (a server that keeps uploads only while it
    /// runs, the demo's, has none of an earlier run). An upload whose checksum did not match
    /// is passed over: the advice then is to upload it again; so is one whose last refresh the
    /// server answered with 404 (`refreshFailed`): it is not there to reuse.
    public static func find(
        key: String, version: String, in entries: [HistoryEntry], serverURL: String? = nil, since: Date? = nil
    ) -> PreviousUpload? {
        let server = serverURL.map(ServerURL.normalized)
        // Through the buffer, so that the entries passed over (up to a whole history) are
        // read in place rather than copied.
        let newest: Int? = entries.withUnsafeBufferPointer { buffer in
            var newest: Int?
            for index in buffer.indices where buffer[index].kind == .artifact && buffer[index].id != nil && buffer[index].verified != false
                && !buffer[index].refreshFailed {
                guard buffer[index].artifact?.details?.key == key, buffer[index].artifact?.details?.version == version else { continue }
                if let server, ServerURL.normalized(buffer[index].serverURL) != server { continue }
                if let since, buffer[index].createdAt < since { continue }
                if newest.map({ buffer[index].createdAt > buffer[$0].createdAt }) ?? true { newest = index }
            }
            return newest
        }
        return newest.map { PreviousUpload(key: key, version: version, entry: entries[$0]) }
    }

    /// The plugin key and version of the artifact `inspection` describes: what an earlier
    /// upload is looked up by. `nil` for an image, or a descriptor that lacks either.
    public static func identity(of inspection: FileInspection) -> (key: String, version: String)? {
        guard case .artifact(let descriptor?) = inspection.content, let key = descriptor.key, let version = descriptor.version else {
            return nil
        }
        return (key, version)
    }

    /// `com.example.app 1.0.0 is already on this server: uploaded 2024-05-01 11:40 as artifact
    /// 337c40d8-… (app-1.0.0.jar)`, in local time, as `history` lists it; `looked up` for an
    /// artifact `artifact ID` recorded (a colleague's upload, not one made from here).
    public func fact(in timeZone: TimeZone = .current) -> String {
        let when = CivilTime(date: entry.createdAt, timeZone: timeZone).dateTimeText()
        return "\(key) \(version) is already on this server: \(how) \(when) as artifact \(entry.id ?? "-") (\(entry.name))"
    }

    /// The warning after a fetch stored this build again (its key and version known only from
    /// the answer), the earlier artifact's ID early: a two-row status line at 80 columns cut it.
    public func storedAgainWarning(in timeZone: TimeZone = .current) -> String {
        let when = CivilTime(date: entry.createdAt, timeZone: timeZone).dateTimeText()
        return SafeText.oneLine("this fetch stored the same build a second time: artifact \(entry.id ?? "-") is \(key) \(version), \(how) \(when) (\(entry.name))")
    }

    /// How the earlier artifact came: `uploaded`, `fetched`, or `looked up` by `artifact ID`.
    private var how: String { entry.lookedUp ? "looked up" : entry.remoteURI != nil ? "fetched" : "uploaded" }

    /// The warning shown before an upload: the fact, and what a second upload would do, as the
    /// last sentence (a status line too narrow for both keeps that one whole).
    public func warning(in timeZone: TimeZone = .current) -> String {
        SafeText.oneLine("\(fact(in: timeZone)). Uploading it again stores the same build twice: raise <version> in atlassian-plugin.xml for a new build.")
    }
}
