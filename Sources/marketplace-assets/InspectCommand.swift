import ArgumentParser
import AssetCore
import AssetInspection
import AssetThumbnails
import Foundation
import MarketplaceAPI

/// `marketplace-assets inspect FILE… [--sha512] [--json]`: what the tool sees in files before
/// uploading it (the same checks the upload makes), without any network.
///
/// For a plugin jar it also says what Marketplace will read from it (`details`, as the
/// artifact answer will have them), and warns of what commonly gets a Data Center app
/// version rejected or mislabelled: no Data Center status, licensing not enabled, and the
/// same key and version already uploaded to this server according to the history (read
/// from the history file only: no credentials needed).
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what a file is (format, pixel size, plugin descriptor) as an upload would see it."
    )

    @OptionGroup var global: RequestlessOptions

    @Argument(help: ArgumentHelp("The files (several: each is reported, and a refused one named; exit 1 if any is refused).", valueName: "file"), completion: .file(), transform: DashNamedFiles.asGiven)
    var files: [String]

    @Option(name: [.customLong("type"), .customShort("t")], help: ArgumentHelp(
        "Check an image against the size and format Marketplace documents for this imageType.", valueName: "imageType"),
        completion: .list(ImageType.suggestions.map(\.name)))
    var imageType: String?

    @Flag(name: .customLong("sha512"), help: "Also compute the file's SHA-512.")
    var sha512 = false

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    func validate() throws {
        try DashNamedFiles.refuseEmpty(files)
        if let imageType {
            do { _ = try ImageType.validatedName(imageType) } catch { throw ValidationError(error.message) }
        }
    }

    /// The JSON shape of `inspect --json`.
    struct Report: Encodable {
        /// The file as given: only in an element of several files' array, as in an upload batch's.
        var file: String?
        var path: String
        var fileName: String
        var size: Int64
        var contentType: String
        var kind: String
        var image: ImageInfo?
        /// For an image: which of Marketplace's listing sizes it has, in words.
        var listing: [ListingImageRules.Verdict]?
        var plugin: PluginDescriptor?
        /// For a plugin: the `details` Marketplace will answer for it.
        var details: ArtifactDetails?
        var warnings: [String]
        var sha512: String?
    }

    /// One element of `inspect --json` with several files: a report, or why the file was refused.
    enum Element: Encodable {
        case report(Report)
        case refused(file: String, error: String)

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .report(let report): try report.encode(to: encoder)
            case .refused(let file, let error):
                var container = encoder.singleValueContainer()
                try container.encode(["file": file, "error": error])
            }
        }
    }

    func run() async throws {
        // A name that is not UTF-8 is read through a link (see RawPathLinks).
        try await reportingErrors { try await RawPathLinks.with(files) { paths, links in
            let earlier = EarlierUploads(global: global)
            // One file prints what it always did: its report, or its error alone.
            guard files.count > 1 else {
                let report = try report(of: paths[0], given: files[0], links: links, earlier: earlier)
                try json ? JSONOutput.print(report) : printLines(report)
                return
            }
            // As an upload of them would: a file given twice is refused, and a plugin key and
            // version twice is warned of (`--allow-duplicate` would let the upload send it), on
            // the file the upload refuses: the second given, but a Maven side jar after its main jar.
            let batch = UploadBatch(files: paths, shown: links.naming)
            var releases = ReleasesOfACall()
            var elements = [Element?](repeating: nil, count: files.count)
            var (printed, reportsPrinted) = (0, 0)
            /// Prints what is done, in the order given, up to the first file not inspected yet.
            func printDone() {
                while printed < elements.count, let element = elements[printed] {
                    printed += 1
                    switch element {
                    case .report(let report) where !json:
                        if reportsPrinted > 0 { Console.out("") }
                        printLines(report)
                        reportsPrinted += 1
                    case .refused(_, let error): Console.error("error: " + error)
                    case .report: break
                    }
                }
            }
            for index in FileInspector.sideJarsLast(paths.map { FileInspector.fileName(of: $0) }) {
                let (given, path) = (files[index], paths[index])
                do {
                    try batch.refuseRepeat(at: index)
                    var report = try report(of: path, given: given, links: links, earlier: earlier)
                    if let plugin = report.plugin, let key = plugin.key, let version = plugin.version,
                       let other = releases.earlierFile(key: key, version: version, file: SafeText.oneLine(given)) {
                        report.warnings.append("\(key) \(version) is given twice in this call (also as \(other)): upload-artifact refuses the second unless --allow-duplicate")
                    }
                    report.file = given
                    elements[index] = .report(report)
                } catch {
                    elements[index] = .refused(file: given, error: links.naming(userMessage(for: error)))
                }
                printDone()
            }
            let done = elements.compactMap { $0 }
            if json { try JSONOutput.print(done) }
            let refused = done.filter { if case .refused = $0 { true } else { false } }.count
            if refused > 0 { throw CLIError("\(refused) of \(files.count) files would be refused") }
        } }
    }

    /// What the tool sees in the file at `path` (`given` on the command line; a link for a name
    /// that is not UTF-8).
    private func report(of path: String, given: String, links: RawPathLinks, earlier: EarlierUploads) throws -> Report {
        let inspection = try FileInspector.inspect(path: path)
        var report = Report(path: links.isLink(path) ? given : inspection.path, fileName: inspection.fileName, size: inspection.size,
                            contentType: inspection.contentType, kind: "artifact", warnings: inspection.warnings)
        switch inspection.content {
        case .image(let info):
            report.kind = "image"
            report.image = info
            report.listing = ListingImageRules.verdicts(for: info)
            if let imageType, let warning = ImageType.recommendationWarning(imageType: imageType, info: info) {
                report.warnings.append(warning)
            }
            if let imageType, let slip = ImageType.slipWarning(imageType) { report.warnings.append(slip) }
            if let damage = ImageDamageCheck.warning(path: path) { report.warnings.append(damage) }
        case .artifact(let descriptor):
            // What Marketplace refuses an app for, upload-artifact refuses before sending: so does inspect.
            if let refusal = ArtifactRefusal(inspection) {
                throw CLIError(refusal.message(for: inspection, consequence: "upload-artifact would not send it"))
            }
            report.plugin = descriptor
            report.details = descriptor.map { ArtifactDetails(descriptor: $0) }
            report.warnings += (descriptor?.marketplaceFacts.warnings ?? []) + earlier.warnings(for: inspection)
        }
        if sha512 { report.sha512 = "sha512:" + (try FileHasher.sha512Hex(path: path)) }
        return report
    }

    /// The report as aligned lines: the path, then a fact per line.
    private func printLines(_ report: Report) {
        var rows: [(String, String)] = [("name", report.fileName), ("size", "\(ByteCount.format(report.size)) (\(ByteCount.exact(report.size)))"),
                                        ("type", report.contentType)]
        if let image = report.image { rows.append(("pixels", "\(image.width)×\(image.height) \(image.format.rawValue.uppercased())")) }
        for verdict in report.listing ?? [] { rows.append(("listing", verdict.sentence)) }
        if let plugin = report.plugin, let details = report.details {
            rows += ArtifactFacts.rows(details, absent: "none in atlassian-plugin.xml").map { ($0.label.lowercased(), $0.value) }
            if let vendor = ArtifactFacts.vendor(of: plugin) { rows.append(("vendor", vendor)) }
        }
        if let digest = report.sha512 { rows.append(("sha512", digest)) }
        for warning in report.warnings { rows.append(("warning", warning)) }
        let width = rows.map(\.0.count).max() ?? 0
        Console.out(SafeText.sanitize(report.path))
        for (key, value) in rows {
            Console.out("  " + key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + SafeText.sanitize(value))
        }
    }

}

/// Earlier uploads of a jar's key and version to the server the global options name, by its
/// history: read once for all the files of a call, when the first jar asks.
private final class EarlierUploads {
    private let global: RequestlessOptions
    private var history: Result<(entries: [HistoryEntry], serverURL: String), any Error>?

    init(global: RequestlessOptions) { self.global = global }

    /// The warning for an earlier upload of `inspection`'s key and version; a history that
    /// cannot be read (damaged: a read leaves it) says so, and the store's own warnings (entries
    /// merged in twice) come with the first jar.
    func warnings(for inspection: FileInspection) -> [String] {
        // The demo's emulator keeps uploads only while it runs: none is on the next one.
        guard !global.demo, let (key, version) = PreviousUpload.identity(of: inspection) else { return [] }
        var storeWarnings: [String] = []
        let loaded = history ?? Result {
            let history = try LocalHistory(global, environment: ProcessInfo.processInfo.environment)
            let entries = try history.store.load()
            storeWarnings = history.store.takeWarnings()
            return (entries, history.serverURL)
        }
        history = loaded
        switch loaded {
        case .success(let (entries, serverURL)):
            return storeWarnings + (PreviousUpload.find(key: key, version: version, in: entries, serverURL: serverURL).map { [$0.warning()] } ?? [])
        case .failure(let error):
            return ["the history could not be read to check for an earlier upload of this version: \(userMessage(for: error))"]
        }
    }
}
