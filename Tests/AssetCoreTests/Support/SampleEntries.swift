import AssetCore
import Foundation
import MarketplaceAPI

/// History entries for tests, with every kind of member filled in.
enum SampleEntries {
    static let server = "https://api.atlassian.com/marketplace"

    static func image(_ name: String = "icon.png", server: String = server, createdAt: Date = HistoryStore.now()) -> HistoryEntry {
        let id = "img-\(UUID().uuidString.lowercased())"
        return HistoryEntry(
            kind: .image, id: id, imageType: "icon", name: name,
            mimeType: "image/png", size: 1860, localPath: "/home/user/\(name)",
            image: ImageAsset(id: id, mediaType: "image", mimeType: "image/png", name: name, size: 1860),
            serverURL: server, createdAt: createdAt)
    }

    static func artifact(_ name: String = "app.jar", server: String = server, createdAt: Date = HistoryStore.now()) -> HistoryEntry {
        let id = UUID().uuidString.lowercased()
        let checksum = "sha512:" + String(repeating: "0123456789abcdef", count: 8)
        return HistoryEntry(
            kind: .artifact, id: id, name: name, mimeType: "application/java-archive", size: 1553,
            localPath: "/home/user/\(name)", checksum: checksum, verified: true,
            artifact: Artifact(
                fileInfo: FileInfo(logicalFileName: name, size: 1553, checksum: checksum),
                details: ArtifactDetails(key: "com.example.app", name: "App", version: "1.0.0", licensingEnabled: true,
                                         dataCenterCompatible: false, addOnType: "two", remotable: false,
                                         dataCenterStatus: "compatible", editionsEnabled: false),
                links: ArtifactLinks(selfLink: Link(href: "/rest/3/artifacts/\(id)"),
                                     binary: Link(href: "/rest/3/artifacts/\(id)/download"),
                                     remote: Link(href: "https://example.com/\(name)"))),
            serverURL: server, createdAt: createdAt, refreshedAt: HistoryStore.now(), failure: nil)
    }

    /// `count` entries, artifacts and images in turn (`a0.jar`, `i1.png`, `a2.jar`, …).
    static func mixed(_ count: Int) -> [HistoryEntry] {
        (0..<count).map { number in number % 2 == 0 ? artifact("a\(number).jar") : image("i\(number).png") }
    }

    static func failed(_ name: String = "broken.jar") -> HistoryEntry {
        HistoryEntry(kind: .artifact, name: name, remoteURI: "https://example.com/\(name)", serverURL: server,
                     createdAt: HistoryStore.now(), failure: "Marketplace had a server error (HTTP 500): \"quoted\" \\ and \u{1B}[31m escape")
    }
}
