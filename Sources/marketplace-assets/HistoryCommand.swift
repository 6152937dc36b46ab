import ArgumentParser
import AssetCore
import AssetInspection
import Foundation
import MarketplaceAPI

/// `marketplace-assets history [ID…] [--since WHEN] [--kind image|artifact] [--all-servers]
/// [--json] [--snippet] [--remove ID…] [--remove-failed] [--merge FILE]`
///
/// Reads the history file only: no credentials and no network needed. `--remove` and
/// `--remove-failed` take entries out of the local history; Marketplace keeps the files.
/// `--merge` takes in another history file's entries.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the images and artifacts uploaded before, newest first, or remove entries from the local history."
    )

    @OptionGroup var global: RequestlessOptions

    @Argument(help: ArgumentHelp(
        "Only these entries, in the order given (so --snippet lists screenshots in that order): image or artifact IDs, or entryIds.",
        valueName: "id"))
    var ids: [String] = []

    /// Taken whatever it starts with: `-30m` is a time ago, not an option.
    @Option(parsing: .unconditional, help: ArgumentHelp("Only entries from this time on: \(HistorySelection.sinceFormats).", valueName: "when"))
    var since: String?

    @Option(help: "Only entries of this kind.")
    var kind: HistoryEntry.Kind?

    @Flag(name: .customLong("all-servers"), help: "Also list entries of other servers (by default only the current server's).")
    var allServers = false

    @Flag(help: "Print the entries as JSON on stdout.")
    var json = false

    @Flag(name: .customLong("snippet"), help: ArgumentHelp(
        "Print the entries' listing fragments as one JSON document to paste into a listing edit.",
        discussion: "images (iconFileId, titleLogoFileId, bannerFileId), screenshots ({imageId, caption}), thumbnails and artifacts (ID, self and binary links), oldest first; failed entries are left out. JSON with or without --json."))
    var snippet = false

    @Option(name: .customLong("remove"), parsing: .upToNextOption, help: ArgumentHelp(
        "Remove these entries from the local history (not from Marketplace): an image or artifact ID, or an entryId. An ID the listed entries lack removes nothing.",
        valueName: "id"))
    var remove: [String] = []

    @Option(name: .customLong("merge"), help: ArgumentHelp(
        "Take in the entries of another history file (a sync's conflict copy, a file moved aside and corrected), which is only read.",
        valueName: "file"), completion: .file())
    var merge: String?

    @Flag(name: .customLong("remove-failed"), help: "Remove the failed attempts (entries without an ID) from the local history, except those Marketplace may have made (no answer after the whole file was sent).")
    var removeFailed = false

    func validate() throws {
        if merge == "" { throw ValidationError("--merge needs the path of a history file; it is empty (an unset variable?).") }
        // Several files, as a glob gives them (a sync's conflict copies): one --merge each.
        if merge != nil, !ids.isEmpty, ids.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) {
            throw ValidationError("--merge takes one file at a time: merge each in turn, as in for f in history.sync-conflict-*.json; do marketplace-assets history --merge \"$f\"; done")
        }
        if merge != nil, !ids.isEmpty || !remove.isEmpty || removeFailed || snippet || since != nil || kind != nil {
            throw ValidationError("--merge takes in every entry of its file; it does not go with IDs, --since, --kind, --remove, --remove-failed or --snippet.")
        }
        if snippet, !remove.isEmpty || removeFailed {
            throw ValidationError("--snippet prints fragments; it does not go with --remove or --remove-failed.")
        }
        if remove.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("--remove takes image or artifact IDs, or entryIds; one of them is empty.")
        }
        if !ids.isEmpty, removeFailed, remove.isEmpty {
            throw ValidationError("--remove-failed removes every failed attempt listed and takes no IDs: to remove some by their ID, give them after --remove.")
        }
        if !ids.isEmpty, !remove.isEmpty || removeFailed {
            throw ValidationError("give the IDs to remove after --remove (the IDs before it choose entries to list).")
        }
        if ids.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("an ID is empty: give image or artifact IDs, or entryIds.")
        }
        if let since, HistorySelection.since(since) == nil {
            throw ValidationError("--since takes \(HistorySelection.sinceFormats); not \"\(SafeText.oneLine(since))\".")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let environment = ProcessInfo.processInfo.environment
            let history = try LocalHistory(global, environment: environment)
            let store = history.store
            let start = since.flatMap { HistorySelection.since($0) }
            let listed: (HistoryEntry) -> Bool = { [kind, allServers] entry in
                (kind == nil || entry.kind == kind) && (allServers || ServerURL.normalized(entry.serverURL) == history.serverURL)
                    && start.map { entry.createdAt >= $0 } != false
            }
            defer { for warning in store.warnings { Console.error("warning: " + warning) } }
            if let merge {
                try mergeEntries(from: merge, into: store, server: history.serverURL)
                return
            }
            if !remove.isEmpty || removeFailed {
                try removeEntries(from: store, listed: listed, server: history.serverURL)
                return
            }
            let all = try store.load()
            let newestFirst = all.filter(listed).sorted { $0.createdAt > $1.createdAt }
            let entries = ids.isEmpty ? newestFirst : try named(ids, among: newestFirst, all: all, server: history.serverURL, action: "")
            // Those of other servers (a colleague's, merged) the list leaves out are said, not hidden
            // (counted only where they are said: not for --json, nor a snippet of entries).
            func countElsewhere() -> Int {
                allServers || !ids.isEmpty ? 0 : all.count { entry in
                    (kind == nil || entry.kind == kind) && start.map { entry.createdAt >= $0 } != false
                        && ServerURL.normalized(entry.serverURL) != history.serverURL
                }
            }
            if entries.isEmpty, snippet || !json {
                let elsewhere = countElsewhere()
                // The time --since came to (`1h` is an hour ago), as the table writes times. On
                // stderr, as gh says "no issues": a script counting lines counts no entry (nor
                // takes an empty fragment's `{}` for one).
                let scope = start.map { " since " + CivilTime(date: $0, timeZone: .current).dateTimeText() } ?? ""
                let server = elsewhere == 0 ? "" : " for \(history.serverURL)"
                let others = elsewhere == 0 ? "" : "; \(elsewhere) for other servers: add --all-servers to list them"
                Console.error("no history entries\(scope)\(server)" + (snippet ? ", so the fragment is empty" : "") + others)
            }
            if snippet {
                printSnippet(ListingSnippet(entries: ids.isEmpty ? entries.reversed() : entries), byID: !ids.isEmpty)
            } else if json {
                JSONOutput.printHistory(entries)
            } else if !entries.isEmpty {
                HistoryTable.lines(entries, width: Console.width, withServer: allServers).forEach(Console.out)
                let elsewhere = countElsewhere()
                if elsewhere > 0 { Console.error("note: \(elsewhere) entr\(elsewhere == 1 ? "y" : "ies") of other servers not listed: --all-servers lists them") }
            }
        }
    }

    /// The fragments on stdout; on stderr what the document leaves out or mixes up: the entries
    /// that give no fragment (each, when given `byID` or few), the images that have no place in
    /// a listing, those a later one of the same `images` member replaced (a release's icon
    /// beside another app's), the plugin keys when the artifacts are of more than one app.
    private func printSnippet(_ snippet: ListingSnippet, byID: Bool) {
        if byID || snippet.failed.count <= 3 {
            for entry in snippet.failed {
                let what = entry.id == nil ? "a failed attempt" : "a checksum mismatch"
                Console.error("warning: \(SafeText.oneLine(entry.id ?? entry.entryId.uuidString)) (\(SafeText.oneLine(entry.name))) is \(what), so it has no fragment")
            }
        } else {
            Console.error("warning: \(snippet.failed.count) failed attempts or checksum mismatches among these entries have no fragment")
        }
        for entry in snippet.refreshFailed {
            Console.error("warning: the last refresh of \(SafeText.oneLine(entry.id ?? "-")) (\(SafeText.oneLine(entry.name))) failed ("
                + SafeText.oneLine(entry.failure ?? "", maxLength: 160) + "): check that Marketplace still has it (`artifact ID`) before pasting")
        }
        let narrow = byID ? "give only the IDs you want" : "give the IDs you want, or narrow with --since"
        for (field, kept, leftOut) in snippet.competingImages {
            let shown = leftOut.suffix(3).map(Self.described) + (leftOut.count > 3 ? ["and \(leftOut.count - 3) older"] : [])
            Console.error("warning: \(leftOut.count + 1) images for \(field): \(byID ? "the last given" : "the newest"), \(Self.described(kept)), "
                + "is in it; left out: " + shown.joined(separator: ", ") + " (\(narrow))")
        }
        if !snippet.repeated.isEmpty {
            Console.error("warning: uploaded more than once among these: " + Self.listed(snippet.repeated)
                + ", and a listing takes each once: \(narrow)")
        }
        if snippet.pluginKeys.count > 1 {
            Console.error("warning: these artifacts are of \(snippet.pluginKeys.count) apps (" + Self.listed(snippet.pluginKeys)
                + "), and an app version takes its own: \(narrow)")
        }
        for plugin in snippet.plugins where plugin.versions.count > 1 {
            Console.error("warning: these artifacts are \(plugin.versions.count) versions of " + SafeText.oneLine(plugin.key) + " ("
                + Self.listed(plugin.versions) + "), and an app version takes one: \(narrow)")
        }
        if !snippet.unplaced.isEmpty {
            Console.error("warning: no listing field takes these imageTypes, so they are left out: "
                + Self.listed(snippet.unplaced.map { "\($0.id ?? "-") (\($0.imageType ?? "no imageType"))" }))
        }
        if snippet.servers.count > 1 {
            let servers = SafeText.oneLine(snippet.servers.sorted().joined(separator: ", "))
            Console.error("warning: these fragments hold IDs of \(snippet.servers.count) servers (\(servers)), and an ID is known only to "
                + "its own: leave out --all-servers, or give the IDs of one")
        }
        Console.out(SafeText.escapingTerminalControls(snippet.json))
    }

    /// `items` in one safe line, the first ten of them and how many more: a warning about a
    /// decade's history (715 versions of one app) stays a line to read.
    static func listed(_ items: [String]) -> String {
        SafeText.oneLine(items.prefix(10).joined(separator: ", ") + (items.count > 10 ? " and \(items.count - 10) more" : ""))
    }

    /// `img-… (icon.png, 2026-12-05 09:22)`, in local time.
    private static func described(_ entry: HistoryEntry) -> String {
        SafeText.oneLine("\(entry.id ?? "-") (\(entry.name), \(CivilTime(date: entry.createdAt, timeZone: .current).dateTimeText()))")
    }

    /// Removes the entries `--remove` names and, with `--remove-failed`, the failed attempts but
    /// those Marketplace may have made, among those the same options would list. Every ID must
    /// name one: otherwise nothing is removed.
    private func removeEntries(from store: HistoryStore, listed: (HistoryEntry) -> Bool, server: String) throws {
        let all = try store.load()
        let entries = all.filter(listed)
        var chosen = Set(try named(remove, among: entries, all: all, server: server, action: "; nothing was removed").map(\.entryId))
        // An attempt Marketplace may have made all the same (no answer after its whole file or a
        // fetch's request went, a gateway's 502 or 504, a success answer that did not read, an
        // upload interrupted after its file): its entry is the only trace, taken out only when named.
        var kept: [HistoryEntry] = []
        if removeFailed {
            let failed = entries.filter { !$0.succeeded && !chosen.contains($0.entryId) }
            kept = failed.filter(\.mayHaveBeenMade)
            chosen.formUnion(failed.filter { !$0.mayHaveBeenMade }.map(\.entryId))
            if !kept.isEmpty {
                Console.error("note: kept \(kept.count) failed attempt\(kept.count == 1 ? "" : "s") that Marketplace may have made all the same, as \(kept.count == 1 ? "its failure says" : "their failures say") ("
                    + SafeText.oneLine(kept.map(\.name).joined(separator: ", "))
                    + "): history --remove ENTRY-ID takes one out (its entryId is in history --json)")
            }
        }
        let removed = chosen.isEmpty ? [] : try store.remove(entryIds: chosen).sorted { $0.createdAt > $1.createdAt }
        if !removed.isEmpty { Console.doneAllTheSame.withLock { $0 = "the \(removed.count == 1 ? "entry was" : "\(removed.count) entries were") removed all the same" } }
        if json {
            JSONOutput.printHistory(removed)
        } else if removed.isEmpty, !chosen.isEmpty {
            Console.out("Nothing removed: another command had already taken the entries out of the history.")
        } else if removed.isEmpty {
            let elsewhere = all.count { !$0.succeeded && !$0.mayHaveBeenMade && !listed($0) }
            // The options that left them out, each named only when given.
            let widen = [allServers ? nil : "add --all-servers", kind == nil ? nil : "leave out --kind", since == nil ? nil : "leave out --since"]
            let narrowed = [allServers ? nil : "of another server", kind == nil ? nil : "of another kind", since == nil ? nil : "older than --since"]
            Console.out(elsewhere == 0 ? "Nothing to remove: the history has no \(kept.isEmpty ? "" : "other ")failed attempts."
                : "Nothing to remove among the entries listed; \(elsewhere) failed attempt(s) \(narrowed.compactMap { $0 }.joined(separator: " or ")): "
                    + widen.compactMap { $0 }.joined(separator: ", or ") + ".")
        } else {
            let note = removed.contains(where: \.succeeded) ? "Marketplace keeps the files" : "failed attempts: Marketplace gave them no ID"
            Console.out("Removed \(removed.count) \(removed.count == 1 ? "entry" : "entries") from the local history (\(note)):")
            HistoryTable.lines(removed, width: Console.width, withServer: allServers).forEach(Console.out)
            if let caution = HistoryTable.onlyTraceCaution(removed, removed: true) { Console.error("warning: " + caution) }
        }
    }

    /// The entries among `entries` each of `ids` names, in the order of `ids`; throws for the IDs
    /// that name none, all in one line, saying where each is when `all` has it, and `action`
    /// (what was not done).
    private func named(_ ids: [String], among entries: [HistoryEntry], all: [HistoryEntry], server: String, action: String) throws -> [HistoryEntry] {
        let matches = HistorySelection.entries(namedBy: ids, in: entries)
        var said = Set<String>()
        let missing = zip(ids, matches).filter { $0.1.isEmpty && said.insert($0.0).inserted }.map { id, _ in
            SafeText.oneLine(id) + whereElse(all.first { HistorySelection.names($0, id) }, server: server)
        }
        if let last = missing.last {
            let of = allServers ? "" : server == DemoEnvironment.serverLabel ? "of the demo " : "of \(server) "
            let list = missing.count == 1 ? "the ID \(last)" : "the IDs \(missing.dropLast().joined(separator: ", ")) or \(last)"
            throw CLIError("No \(kind.map { "\($0) " } ?? "")history entry \(of)has \(list)\(action).")
        }
        var seen = Set<UUID>()
        return matches.joined().filter { seen.insert($0.entryId).inserted }
    }

    /// Why an ID did not find `entry`, which has it but is not listed: its kind, its server, its time.
    private func whereElse(_ entry: HistoryEntry?, server: String) -> String {
        guard let entry else { return "" }
        var reasons: [String] = [], fixes: [String] = []
        if let since, let start = HistorySelection.since(since), entry.createdAt < start {
            reasons.append("older than --since \(SafeText.oneLine(since))")
            fixes.append("leave out --since")
        }
        if let kind, entry.kind != kind {
            reasons.append("an \(entry.kind) entry")
            fixes.append("leave out --kind \(kind)")
        }
        if !allServers, ServerURL.normalized(entry.serverURL) != server {
            reasons.append("in the history of \(entry.serverURL)")
            fixes.append("add --all-servers")
        }
        guard !reasons.isEmpty else { return "" }
        return " (it is \(reasons.joined(separator: " ")): \(fixes.joined(separator: " and ")))"
    }
}

extension HistoryEntry.Kind: ExpressibleByArgument {}
