import AssetCore
import AssetInspection
import Foundation
import MarketplaceAPI

/// `y` and `Y`: what can be copied about a history entry, and asking for the copy.
enum Copying {
    /// `y` and `Y` in Details: `copy` with the entry it shows; an upload without an answer says
    /// where its attempt is, as in Upload (`UploadKeys.withAnswer`).
    static func withShownEntry(state: inout AppState, _ copy: (HistoryEntry?, inout AppState) -> [Effect]) -> [Effect] {
        guard state.details.subject == .upload else { return copy(DetailsContent.subjectEntry(state), &state) }
        return UploadKeys.withAnswer(state: &state, copy)
    }

    /// `y`: copies the entry's ID (the image ID or the artifact ID).
    static func copyID(of entry: HistoryEntry?, state: inout AppState) -> [Effect] {
        guard let entry else {
            state.status = .info("Select a history entry or a finished upload to copy its ID")
            return []
        }
        guard let id = entry.id else {
            state.status = .error(entry.mayHaveBeenMade ? "\(entry.name) has no ID: no answer gave one (Marketplace may have made it, as its failure says)"
                : "\(entry.name) has no ID: its upload failed")
            return []
        }
        return copy(ClipboardText(label: "ID" + refreshNote(entry), text: id), state: &state)
    }

    /// After the label of what names an artifact whose last refresh failed: gone from Marketplace?
    /// (As the marked listing and `history --snippet` say it; short, so that the menu keeps the value in view.)
    private static func refreshNote(_ entry: HistoryEntry) -> String {
        entry.refreshFailed ? " (last refresh failed)" : ""
    }

    /// `Y`: opens the menu of things to copy about the entry.
    static func openMenu(for entry: HistoryEntry?, state: inout AppState) -> [Effect] {
        guard let entry else {
            state.status = .info("Select a history entry or a finished upload first")
            return []
        }
        state.overlay = .copyMenu(CopyMenu(options: options(for: entry)))
        return []
    }

    /// `Y` in History: with marked entries, their listing JSON first (the `screenshots` array
    /// of the marked screenshots, and the whole `history --snippet` document of the marks),
    /// then what `Y` offers for the selected entry.
    static func openHistoryMenu(state: inout AppState) -> [Effect] {
        let marked = markedOptions(state.history.markedEntries)
        guard !marked.isEmpty else {
            guard let entry = state.history.selectedEntry else {
                state.status = .info(HistoryKeys.nothingSelected)
                return []
            }
            return openMenu(for: entry, state: &state)
        }
        let selected = state.history.selectedEntry.map(options(for:)) ?? []
        state.overlay = .copyMenu(CopyMenu(options: marked + selected))
        return []
    }

    /// The listing JSON of marked entries, oldest first as `history --snippet` orders them:
    /// the marked screenshots as a version listing's `screenshots` array, and the whole
    /// document (`ListingSnippet`). Empty when no marked entry has a place in a listing.
    static func markedOptions(_ entries: [HistoryEntry]) -> [ClipboardText] {
        let snippet = ListingSnippet(entries: entries)
        guard !snippet.isEmpty else { return [] }
        var options: [ClipboardText] = []
        if !snippet.screenshots.isEmpty {
            let elements = snippet.screenshots.map { "  " + ListingFragment.screenshot(imageId: $0).text }
            options.append(ClipboardText(label: "screenshots", text: "[\n" + elements.joined(separator: ",\n") + "\n]", isJSON: true))
        }
        // What the document cannot hold as marked is said where it is chosen: one image per
        // `images` member (the newest), and an app version's artifacts are of one app.
        var notes: [String] = []
        let leftOut = snippet.competingImages.reduce(0) { $0 + $1.leftOut.count }
        if leftOut > 0 { notes.append("\(leftOut) marked image\(leftOut == 1 ? "" : "s") left out: one per images field") }
        if snippet.pluginKeys.count > 1 { notes.append("artifacts of \(snippet.pluginKeys.count) apps") }
        if !snippet.repeated.isEmpty { notes.append("twice or more: " + snippet.repeated.joined(separator: ", ")) }
        // As `history --snippet` warns: what has no fragment, and what may be gone.
        if !snippet.failed.isEmpty { notes.append("\(snippet.failed.count) failed left out") }
        if !snippet.unplaced.isEmpty { notes.append("\(snippet.unplaced.count) without a listing field left out") }
        if !snippet.refreshFailed.isEmpty { notes.append("\(snippet.refreshFailed.count) whose last refresh failed") }
        options.append(ClipboardText(label: "marked listing" + (notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")"), text: snippet.json, isJSON: true))
        return options
    }

    /// Asks for a copy and says so in the status line (until the copy reports what it did).
    static func copy(_ text: ClipboardText, state: inout AppState) -> [Effect] {
        state.status = .info("Copying \(describe(text))…")
        return [.copy(text)]
    }

    /// `ID 337c40d8-…`: the label and the start of the text, for the status line.
    static func describe(_ text: ClipboardText) -> String {
        let firstLine = text.text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        let preview = TextLayout.truncate(SafeText.oneLine(firstLine), toWidth: 48)
        return text.text.contains("\n") ? "\(text.label) (\(text.text.count) characters)" : "\(text.label) \(preview)"
    }

    /// What `Y` offers: the ID; the JSON fragment a listing edit takes (an image's where its
    /// imageType goes, `"bannerFileId": "img-…"`; an artifact's, what an app version takes: see
    /// `ListingFragment`); the links the server
    /// gave (made absolute against the entry's server; the demo's stay paths, as `artifact`
    /// prints them, since its emulator's port changes from run to run); and the entry as JSON.
    static func options(for entry: HistoryEntry) -> [ClipboardText] {
        let serverURL = entry.serverURL
        var options: [ClipboardText] = []
        if let id = entry.id { options.append(ClipboardText(label: "ID" + refreshNote(entry), text: id)) }
        if let fragment = ListingFragment(entry: entry) {
            options.append(ClipboardText(label: "listing JSON" + refreshNote(entry), text: fragment.text, isJSON: true))
        }
        if let links = entry.artifact?.links {
            options.append(ClipboardText(label: "self link", text: links.selfLink.absolute(baseURL: serverURL)))
            if let binary = links.binary {
                options.append(ClipboardText(label: "binary link", text: binary.absolute(baseURL: serverURL)))
            }
            if let remote = links.remote {
                // As the history keeps it: without its userinfo and secret parameters, so no download link as such.
                let shown = FetchURI.redacted(remote.href)
                options.append(ClipboardText(label: shown.contains("<redacted>") ? "remote link (redacted)" : "remote link", text: shown))
            }
        }
        if let checksum = entry.checksum ?? entry.artifact?.fileInfo.checksum {
            options.append(ClipboardText(label: "checksum", text: checksum))
        }
        options.append(ClipboardText(label: "entry as JSON", text: json(of: entry), isJSON: true))
        return options
    }

    /// The entry as indented JSON, every value written out, keys in the history file's order,
    /// dates in ISO 8601 (`HistoryEntry.prettyJSON`).
    static func json(of entry: HistoryEntry) -> String {
        entry.prettyJSON
    }
}
