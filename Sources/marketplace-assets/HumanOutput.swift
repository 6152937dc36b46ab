import AssetCore
import AssetInspection
import Foundation
import MarketplaceAPI

/// The short human summaries the subcommands print without `--json`. Every outside
/// string goes through SafeText, so a name holding an escape sequence is shown, not run.
enum HumanOutput {
    /// - Parameter detailsFromHistory: the server's answer had no `details`, and those shown
    ///   are the history's (kept from the upload or an earlier answer): said so.
    static func summary(of entry: HistoryEntry, headline: String, detailsFromHistory: Bool = false) -> [String] {
        var lines = [safe(headline)]
        var rows: [(String, String)] = []
        switch entry.kind {
        case .image:
            rows.append(("imageId", entry.id ?? "-"))
            if let imageType = entry.imageType { rows.append(("imageType", imageType)) }
            if let mediaType = entry.image?.mediaType { rows.append(("mediaType", mediaType)) }
            if let mime = entry.mimeType { rows.append(("mimeType", mime)) }
        case .artifact:
            rows.append(("artifactId", entry.id ?? "-"))
            if let artifact = entry.artifact {
                if detailsFromHistory, let details = artifact.details {
                    rows.append(("details", "not in this answer; as the history keeps them:"))
                    rows += ArtifactFacts.rows(details, absent: "absent (not recorded)").map { ($0.label.lowercased(), $0.value) }
                } else {
                    rows += artifactFacts(artifact.details)
                }
            }
        }
        rows.append(("name", entry.name + (entry.answerName.map { $0 == entry.name ? "" : " (on Marketplace: \($0))" } ?? "")))
        if let size = entry.size { rows.append(("size", "\(ByteCount.format(size)) (\(ByteCount.exact(size)))")) }
        if let checksum = entry.checksum ?? entry.artifact?.fileInfo.checksum {
            let state = switch entry.verified {
            case true?: " (verified)"
            // (Beside Marketplace's own fields: whose digest this is, Marketplace's being in the failure.)
            case false?: " (of the file sent: MISMATCH, see the failure)"
            // The digest taken while sending, when the answer had none to compare it with.
            case nil where entry.kind == .artifact && entry.wasUploaded && entry.artifact?.fileInfo.sha512Hex == nil:
                entry.artifact?.fileInfo.checksum.map { " (of the file sent; not verified: Marketplace reported \(SafeText.oneLine($0, maxLength: 100)), not sha512:<hex>)" }
                    ?? " (of the file sent; not verified: Marketplace reported no SHA-512)"
            case nil: ""
            }
            rows.append(("checksum", checksum + state))
        }
        if let links = entry.artifact?.links {
            rows.append(("self", links.selfLink.absolute(baseURL: entry.serverURL)))
            if let binary = links.binary { rows.append(("binary", binary.absolute(baseURL: entry.serverURL))) }
            if let remote = links.remote { rows.append(("remote", FetchURI.redacted(remote.href))) }
        }
        // The URI asked for, not a link of the answer: named as the TUI's Details names it.
        if let remote = entry.remoteURI, entry.artifact?.links.remote == nil { rows.append(("fetched from", FetchURI.redacted(remote))) }
        if let refreshed = entry.refreshedAt { rows.append(("refreshed", timestamp(refreshed))) }
        if let failure = entry.failure { rows.append((entry.refreshFailed ? "refresh failed" : "failure", failure)) }
        let width = rows.map(\.0.count).max() ?? 0
        for (key, value) in rows {
            lines.append("  " + key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + safe(value))
        }
        return lines
    }

    /// The server's `details` in words, as the TUI's Details pane shows them (`data center
    /// compatible`, `licensing  enabled`, `framework  P2`); a field the server left out reads
    /// `absent`, never `false`.
    static func artifactFacts(_ details: ArtifactDetails?) -> [(String, String)] {
        guard let details else { return [("details", ArtifactFacts.absentFromAnswer)] }
        return ArtifactFacts.rows(details).map { ($0.label.lowercased(), $0.value) }
    }

    /// Local time to the second, as `history` lists dates (to the minute).
    static func timestamp(_ date: Date) -> String {
        CivilTime(date: date, timeZone: .current).dateTimeText(seconds: true)
    }

    private static func safe(_ text: String) -> String { SafeText.sanitize(text) }
}
