import ArgumentParser
import AssetCore
import AssetInspection
import Foundation
import MarketplaceAPI

/// `marketplace-assets artifact ID [--json]`: GET the details; refreshes the history entry.
struct ArtifactCommand: CancelledBySignals {
    static let configuration = CommandConfiguration(
        commandName: "artifact",
        abstract: "Show an artifact's details from the server, and refresh its history entry.",
        discussion: "An artifact the history lacks (uploaded elsewhere, or by a colleague) gets an entry, dated now, so that it can be found and copied again; `history --remove ID` takes it out."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The artifact ID, or its self or binary link as pasted.", valueName: "artifactId"))
    var reference: String

    /// The ID `reference` names: itself, or the segment after `/artifacts/` in a link
    /// (`…/rest/3/artifacts/ID` or `…/ID/download`). Text with `://` that is no http(s) link
    /// with a host names itself, which `validate` refuses (it holds a `/`).
    var artifactId: String {
        // White space around an ID or a link pasted, or read from a CRLF file (a carriage return),
        // is no part of it, nor is an invisible character there (a byte order mark, a zero-width space).
        let reference = pasted
        let path = reference.contains("://") ? absoluteLink?.percentEncodedPath ?? "" : reference
        guard let range = path.range(of: "/artifacts/") else { return reference }
        return String(path[range.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" })
    }

    /// The server an absolute link names (`https://api.atlassian.com/marketplace` of
    /// `https://api.atlassian.com/marketplace/rest/3/artifacts/ID`: the path before `/rest/`,
    /// or before `/artifacts/`), without any `user:password@` (never compared, never shown);
    /// `nil` for an ID or a relative link.
    var linkServer: String? {
        guard let link = absoluteLink, let scheme = link.scheme, let host = link.host else { return nil }
        let path = link.percentEncodedPath
        let end = path.range(of: "/rest/", options: .caseInsensitive) ?? path.range(of: "/artifacts/")
        return scheme + "://" + host + (link.port.map { ":\($0)" } ?? "") + path[..<(end?.lowerBound ?? path.endIndex)]
    }

    /// `reference` read as an http(s) link by RFC 3986 (a `#` or `?` ends the host: the host
    /// of `http://a.example#@b.example/…` is `a.example`).
    private var absoluteLink: URLComponents? {
        guard let link = URLComponents(string: pasted), let scheme = link.scheme?.lowercased(),
              ["http", "https"].contains(scheme), link.host?.isEmpty == false
        else { return nil }
        return link
    }

    /// `reference` without what a paste leaves around it: white space and invisible characters
    /// (`pastedAround`), the angle brackets a mail client puts around a link (`<https://…>`), a
    /// Markdown link's text (`[the release](https://…)` is its link).
    private var pasted: String {
        var text = reference.trimmingCharacters(in: Self.pastedAround)
        if text.hasPrefix("<"), text.hasSuffix(">") {
            text = String(text.dropFirst().dropLast())
        } else if text.hasPrefix("["), text.hasSuffix(")"), let middle = text.range(of: "](") {
            text = String(text[middle.upperBound..<text.index(before: text.endIndex)])
        }
        return text.trimmingCharacters(in: Self.pastedAround)
    }

    /// What a paste may leave around an ID or a link: white space, line ends, and the invisible
    /// characters of a copy from a file or a page (U+FEFF, U+200B–U+200D, U+2060).
    private static let pastedAround = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}\u{200B}\u{200C}\u{200D}\u{2060}"))

    @Flag(help: "Print the server's JSON answer on stdout.")
    var json = false

    func validate() throws {
        // First: a listing fragment the copy menu gave or `--snippet` printed (`{"artifactId": "…", "self": …}`,
        // on one line or several, a line of a list with its comma, the member alone), read whole (its
        // links are no link to the artifact): said with the ID it holds, quoted for a shell (a hostile
        // answer's ID holds anything).
        if let object = Self.jsonObject(pasted) {
            let named = (object["artifactId"] as? String).flatMap { id in
                Self.isPlainID(id) && Self.isPathSegment(id) ? ": give the ID alone, marketplace-assets artifact \(SafeText.shellWord(id))" : nil
            }
            throw ValidationError("That is JSON, no artifact ID\(named ?? ": give an artifact ID, or its self link").")
        }
        // A link to a file (a jar on a build server, even one under `…/jobs/1/artifacts/…`; `artifact --url`, as
        // curl is asked), not to an artifact (`…/rest/3/artifacts/ID`): that is fetch-artifact's.
        if absoluteLink != nil, !pasted.lowercased().contains("/rest/") {
            throw ValidationError("\(SafeText.oneLine(FetchURI.redacted(pasted), maxLength: 120)) is no artifact's link (…/rest/3/artifacts/ID): "
                + "to have Marketplace fetch an artifact from a URL, run marketplace-assets fetch-artifact URL.")
        }
        let id = artifactId
        if id.isEmpty {
            throw ValidationError("The artifact ID is empty: give an artifact ID, or its self link.")
        }
        // An ID with its quotes (straight, curly, backticks) or a list's comma, or two words:
        // no ID holds them. (Control characters are shown below.)
        if SafeText.isSafe(id), !Self.isPlainID(id) {
            throw ValidationError("\"\(SafeText.oneLine(id, maxLength: 80))\" is no artifact ID (no white space, quotes, braces or commas): give an artifact ID, or its self link.")
        }
        // What no request could ask for is a usage error, as an empty ID is (the client refuses it too).
        if !Self.isPathSegment(id) {
            throw ValidationError("\"\(SafeText.oneLine(id, maxLength: 80))\" is no artifact ID (one path segment, not . or ..): give an artifact ID, or its self link.")
        }
        // Bytes that are not UTF-8 (read as U+FFFD) are in no ID Marketplace gives.
        if id.unicodeScalars.contains("\u{FFFD}") {
            throw ValidationError("\"\(SafeText.oneLine(id, maxLength: 80))\" is no artifact ID: it holds bytes that are not UTF-8 (shown as \u{FFFD}).")
        }
        // A line break or another control character pasted with it (shown, not made a space), or
        // an invisible one (a byte order mark, a zero-width space) no ID holds.
        let isFormat = { (scalar: Unicode.Scalar) in scalar.properties.generalCategory == .format }
        if !SafeText.isSafe(id) || id.unicodeScalars.contains(where: isFormat) {
            let shown = String(String.UnicodeScalarView(id.unicodeScalars.map { isFormat($0) ? "\u{FFFD}" : $0 }))
            throw ValidationError("\"\(SafeText.sanitize(shown, maxLength: 80))\" is no artifact ID: it holds control or invisible characters (shown as \(SafeText.replacement)).")
        }
    }

    /// `text` as a JSON object: as it is, without a list's trailing comma, or as a member alone
    /// (`"artifactId": "…"`); `nil` when it is none.
    private static func jsonObject(_ text: String) -> [String: Any]? {
        let member = text.hasSuffix(",") ? String(text.dropLast()) : text
        guard !member.isEmpty else { return nil }
        for candidate in [text, member, "{" + member + "}"] {
            if let object = try? JSONSerialization.jsonObject(with: Data(candidate.utf8)) as? [String: Any] { return object }
        }
        return nil
    }

    /// Whether `id` holds none of what a paste may leave around an ID: white space, quotes of any
    /// kind, braces, a comma.
    private static func isPlainID(_ id: String) -> Bool {
        !id.isEmpty && SafeText.isSafe(id) && !id.contains { $0.isWhitespace || "{}\"'`,\u{201C}\u{201D}\u{2018}\u{2019}".contains($0) }
    }

    /// Whether `id` is one path segment a request can ask for: no slash or backslash, not `.` or `..`.
    private static func isPathSegment(_ id: String) -> Bool {
        id != "." && id != ".." && !id.contains("/") && !id.contains("\\")
    }

    func run() async throws {
        try await reportingErrors {
            try await CommandContext.with(global) { context in
                // A colleague's link to another server: asking this one would find nothing there.
                // (The demo's emulator takes a new port each run: its links are not compared.)
                if context.demo == nil, let linkServer, ServerURL.origin(linkServer) != ServerURL.origin(context.serverLabel) {
                    // A link written as some of the reference's are, without `/marketplace`: its API is there.
                    let base = ServerURL.origin(linkServer) == ServerURL.normalized(linkServer) ? linkServer + "/marketplace" : linkServer
                    throw CLIError("The link is of \(SafeText.oneLine(linkServer)), and the base URL is \(SafeText.oneLine(context.serverLabel)): "
                        + "nothing was sent. To ask that server, give --base-url \(SafeText.oneLine(base)) (it receives your credentials).", exitCode: 64)
                }
                let outcome: UploadOutcome
                do {
                    outcome = try await context.service.refreshArtifact(id: artifactId)
                } catch where AssetService.isCancellation(error) {
                    // A read sends no file: the upload's "may still have reached Marketplace" is not said.
                    throw CLIError("interrupted before the server answered: nothing was recorded in the history")
                }
                // One the history had no upload of is kept as looked up (`"lookedUp": true`): said, as the TUI
                // says it, unless the history could not be read or written (a warning says why), which
                // leaves unknown whether it holds an upload of it.
                let saved = !outcome.historyWarnings.contains { $0.hasPrefix(AssetService.detailsNotSaved) }
                let lookedUp = outcome.entry.lookedUp && saved ? " (looked up: the history keeps it, not as an upload from here)" : ""
                try printOutcome(outcome, json: json, headline: "Artifact \(outcome.entry.id.map { SafeText.oneLine($0) } ?? artifactId)\(lookedUp)")
                // Marketplace stores other bytes than this history's upload sent: an error, as it is at the upload.
                if let mismatch = AssetService.mismatchError(outcome.entry, artifactId: artifactId) { throw CLIError(mismatch) }
            }
        }
    }
}
