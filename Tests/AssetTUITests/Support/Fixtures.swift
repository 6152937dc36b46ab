import AssetCore
import AssetThumbnails
import Foundation
import MarketplaceAPI
@testable import AssetTUI

/// Fixed data for update and render tests: dates, sizes and IDs never change, so screens
/// rendered from it are the same on every run.
enum Fixtures {
    static let serverURL = "http://127.0.0.1:8080"
    static let directory = "/home/dev/samples"
    static let utc = TimeZone(identifier: "UTC")!

    /// 2024-05-01 12:00:00 UTC plus `minutes`.
    static func date(minutes: Int) -> Date {
        Date(timeIntervalSince1970: 1_714_564_800 + Double(minutes * 60))
    }

    /// As AssetCore's `ImageType.suggestions`: logo, banner, screenshot (highlight) and
    /// thumbnail (cropped highlight) have documented listing sizes.
    static let imageTypeChoices = [
        ImageTypeChoice(name: "icon", summary: "App icon, shown small in lists"),
        ImageTypeChoice(name: "logo", summary: "App logo, square", recommendedSize: "144×144"),
        ImageTypeChoice(name: "banner", summary: "App banner with the app's name", recommendedSize: "1120×548 or 560×274"),
        ImageTypeChoice(name: "hero", summary: "Large hero image"),
        ImageTypeChoice(name: "screenshot", summary: "Screenshot of the app at work", recommendedSize: "1840×900 or 920×450"),
        ImageTypeChoice(name: "thumbnail", summary: "Small preview of a screenshot", recommendedSize: "580×330"),
        ImageTypeChoice(name: "title-logo", summary: "Logo beside the listing's title"),
    ]

    static func file(_ name: String, size: Int64, minutes: Int, in directory: String = directory) -> DirectoryEntry {
        DirectoryEntry(name: name, path: directory + "/" + name, kind: .file, size: size, modified: date(minutes: minutes))
    }

    static func folder(_ name: String, minutes: Int, in directory: String = directory) -> DirectoryEntry {
        DirectoryEntry(name: name, path: directory + "/" + name, kind: .directory, size: 4096, modified: date(minutes: minutes))
    }

    /// The sample folder, in name order (folders first), as a listing delivers it.
    static var sampleEntries: [DirectoryEntry] {
        FileSort.name.sorted([
            folder("docs", minutes: -3000),
            folder("releases", minutes: -60),
            file("app-icon.png", size: 2_345, minutes: -120),
            file("banner.jpg", size: 48_123, minutes: -90),
            file("logo.gif", size: 1_024, minutes: -80),
            file("screenshot.bmp", size: 1_440_054, minutes: -70),
            file("my-plugin-1.0.0.jar", size: 1_234_567, minutes: -10),
            file("README.md", size: 812, minutes: -5000),
            file("notes 日本語.txt", size: 120, minutes: -200),
            file(".hidden-config", size: 64, minutes: -300),
            DirectoryEntry(name: "weird\u{FFFD}[31mname.png", path: directory + "/weird\u{1B}[31mname.png", kind: .file,
                           size: 99, modified: date(minutes: -400)),
            DirectoryEntry(name: "broken-link", path: directory + "/broken-link", kind: .other, isSymlink: true,
                           size: 12, modified: date(minutes: -500)),
        ])
    }

    static let artifactId = "337c40d8-c903-4e28-8498-7cbc372ba578"
    static let checksum = "sha512:" + String(repeating: "cf83e1357eefb8bd", count: 8)

    static var imageEntry: HistoryEntry {
        HistoryEntry(
            entryId: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!,
            kind: .image, id: "img-12345-abcdef-67890-ghijkl", imageType: "icon", name: "app-icon.png",
            mimeType: "image/png", size: 2_345, localPath: directory + "/app-icon.png",
            image: ImageAsset(id: "img-12345-abcdef-67890-ghijkl", mediaType: "image", mimeType: "image/png",
                              name: "app-icon.png", size: 2_345),
            serverURL: serverURL, createdAt: date(minutes: -30))
    }

    static var artifactEntry: HistoryEntry {
        HistoryEntry(
            entryId: UUID(uuidString: "00000000-0000-0000-0000-000000000002")!,
            kind: .artifact, id: artifactId, name: "my-plugin-1.0.0.jar", mimeType: "application/java-archive",
            size: 1_234_567, localPath: directory + "/my-plugin-1.0.0.jar", checksum: checksum, verified: true,
            artifact: Artifact(
                fileInfo: FileInfo(logicalFileName: "my-plugin-1.0.0.jar", size: 1_234_567, checksum: checksum),
                details: ArtifactDetails(
                    key: "com.example.my-plugin", name: "My Plugin", version: "1.0.0", licensingEnabled: true,
                    dataCenterCompatible: true, addOnType: "two", remotable: false, dataCenterStatus: "compatible",
                    editionsEnabled: false),
                links: ArtifactLinks(
                    selfLink: Link(href: "/rest/3/artifacts/\(artifactId)"),
                    binary: Link(href: "/rest/3/artifacts/\(artifactId)/download"))),
            serverURL: serverURL, createdAt: date(minutes: -20), refreshedAt: date(minutes: -15))
    }

    static var failedEntry: HistoryEntry {
        HistoryEntry(
            entryId: UUID(uuidString: "00000000-0000-0000-0000-000000000003")!,
            kind: .image, imageType: "banner", name: "banner.jpg", size: 48_123,
            localPath: directory + "/banner.jpg", serverURL: serverURL, createdAt: date(minutes: -25),
            failure: "The server refused the image (HTTP 400): unsupported imageType")
    }

    static var iconPreview: FilePreview {
        FilePreview(
            path: directory + "/app-icon.png", fileName: "app-icon.png", size: 2_345, contentType: "image/png",
            content: .image(ImagePreview(format: "PNG", width: 144, height: 144, warningsByImageType: [
                "banner": "banner is 144×144; a banner on Marketplace is 1120×548, or 560×274 at standard resolution",
                "screenshot": "screenshot is 144×144; a highlight screenshot on Marketplace is 1840×900, or 920×450 at standard resolution",
                "thumbnail": "thumbnail is 144×144; a cropped highlight (thumbnail) on Marketplace is 580×330",
            ], listing: [ListingImageRules.Verdict("144×144: right size for an app logo", .meets)])),
            warnings: [])
    }

    static var pluginPreview: FilePreview {
        jarPreview(PluginPreview(details: artifactEntry.artifact!.details!, vendor: "Example Ltd (https://example.com)"))
    }

    /// The preview of a jar Marketplace would not treat as Data Center compatible, with
    /// licensing off, and whose key and version are those of `artifactEntry`: inspection's
    /// two warnings, and the history's.
    static var pluginPreviewWithWarnings: FilePreview {
        let details = ArtifactDetails(
            key: "com.example.my-plugin", name: "My Plugin", version: "1.0.0", licensingEnabled: false,
            dataCenterCompatible: false, addOnType: "one", remotable: false, dataCenterStatus: "incompatible",
            editionsEnabled: false)
        return jarPreview(PluginPreview(details: details, vendor: nil), warnings: [
            "no atlassian-data-center-status param: Marketplace will not treat this version as Data Center compatible (set it to compatible in <plugin-info>)",
            "licensing is not enabled (atlassian-licensing-enabled is not true): fine for a free app, but a paid app needs it",
        ])
    }

    /// The preview of `my-plugin-1.0.0.jar` with `plugin`.
    static func jarPreview(_ plugin: PluginPreview, warnings: [String] = []) -> FilePreview {
        FilePreview(
            path: directory + "/my-plugin-1.0.0.jar", fileName: "my-plugin-1.0.0.jar", size: 1_234_567,
            contentType: "application/java-archive", content: .artifact(plugin), warnings: warnings)
    }

    /// `artifactEntry` as a server answers that leaves some `details` fields out (the
    /// reference's GET example has no `details` at all).
    static var artifactEntryWithAbsentDetails: HistoryEntry {
        var entry = artifactEntry
        entry.artifact?.details = ArtifactDetails(key: "com.example.my-plugin", name: "My Plugin", version: "1.0.0",
                                                  dataCenterStatus: "compatible")
        return entry
    }

    /// A fresh state at `size`, the sample folder listed, nothing else.
    static func listedState(width: Int = 80, height: Int = 24) -> AppState {
        var state = AppState(
            mode: .demo(serverURL: serverURL), directory: directory, screen: ScreenSize(width: width, height: height),
            imageTypeChoices: imageTypeChoices, timeZone: utc)
        _ = Update.start(&state)
        _ = Update.update(&state, .directoryListed(generation: state.files.generation, sort: .name, entries: sampleEntries))
        return state
    }

    /// The sample session: folder listed, history loaded, the icon's preview ready, and
    /// four uploads (done, running at 45 %, queued, failed).
    static func sessionState(width: Int = 80, height: Int = 24) -> AppState {
        var state = listedState(width: width, height: height)
        _ = Update.update(&state, .historyLoaded([imageEntry, artifactEntry, failedEntry]))
        select(file: "app-icon.png", in: &state)
        _ = Update.update(&state, .inspected(path: directory + "/app-icon.png", .ready(iconPreview)))
        if let key = DetailsThumbnail.key(state) {
            _ = Update.update(&state, .thumbnailMade(key, .ready(iconThumbnail(box: key.box))))
        }
        state.uploads.jobs = [finishedJob, runningJob, queuedJob, failedJob]
        state.uploads.nextJobId = 5
        state.status = .success("Uploaded app-icon.png: ID img-12345-abcdef-67890-ghijkl")
        return state
    }

    /// A made-up thumbnail of the 144×144 icon for `box`: a blue square with a white band,
    /// in 256 colours, half blocks where the two meet.
    static func iconThumbnail(box: CellBox) -> Thumbnail {
        let cells = ThumbnailGeometry.cells(forImageWidth: 144, height: 144, within: box)
        let blue = ThumbnailColor.palette(33), white = ThumbnailColor.palette(231)
        var raster: [ThumbnailCell] = []
        for row in 0..<cells.rows {
            for _ in 0..<cells.columns {
                let band = row == cells.rows / 2
                raster.append(band ? ThumbnailCell(symbol: "\u{2580}", foreground: white, background: blue)
                                   : ThumbnailCell(symbol: " ", foreground: blue, background: blue))
            }
        }
        return Thumbnail(format: .png, sourceWidth: 144, sourceHeight: 144,
                         stamp: FileStamp(size: 2_345, modifiedSeconds: date(minutes: -120).timeIntervalSince1970),
                         raster: ThumbnailRaster(columns: cells.columns, rows: cells.rows, cells: raster))
    }

    static var finishedJob: UploadJob {
        var job = UploadJob(id: 1, request: .image(path: directory + "/app-icon.png", fileName: "app-icon.png", imageType: "icon"))
        job.status = .finished(imageEntry)
        job.progress = UploadProgress(sentBytes: 2_345, totalBytes: 2_345)
        return job
    }

    static var runningJob: UploadJob {
        var job = UploadJob(id: 2, request: .artifact(path: directory + "/my-plugin-1.0.0.jar", fileName: "my-plugin-1.0.0.jar"))
        job.status = .running
        job.progress = UploadProgress(sentBytes: 555_555, totalBytes: 1_234_567)
        job.rate.record(bytes: 0, at: date(minutes: 0))
        job.rate.record(bytes: 555_555, at: date(minutes: 0).addingTimeInterval(2))
        return job
    }

    static var queuedJob: UploadJob {
        UploadJob(id: 3, request: .fetch(uri: "https://user:secret@example.com/releases/my-app-1.0.0.jar"))
    }

    static var failedJob: UploadJob {
        var job = UploadJob(id: 4, request: .image(path: directory + "/banner.jpg", fileName: "banner.jpg", imageType: "banner"))
        job.status = .failed("The server refused the image (HTTP 400)")
        return job
    }

    /// Moves the Files selection to the entry named `name`.
    static func select(file name: String, in state: inout AppState) {
        guard let row = state.files.visible.firstIndex(where: { state.files.entries[$0].name == name }) else {
            preconditionFailure("no visible entry \(name)")
        }
        state.files.cursor.select(row, count: state.files.visible.count, height: state.layout.visibleRows(of: .files))
        _ = Update.update(&state, .resize(state.screen))
    }
}
