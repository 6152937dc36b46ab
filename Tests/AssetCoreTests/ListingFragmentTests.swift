import AssetCore
import Foundation
import Testing
import TestSupport

/// The JSON a listing edit takes for each imageType, and the document `history --snippet` prints.
@Suite("Listing fragments")
struct ListingFragmentTests {
    private func image(_ imageType: String, id: String) -> HistoryEntry {
        var entry = SampleEntries.image("\(imageType).png")
        entry.imageType = imageType
        entry.id = id
        return entry
    }

    private func parsed(_ json: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test("each imageType with a place in a listing gives its fragment", arguments: [
        ("icon", "\"iconFileId\": \"img-1\""),
        ("logo", "\"iconFileId\": \"img-1\""),
        ("title-logo", "\"titleLogoFileId\": \"img-1\""),
        ("banner", "\"bannerFileId\": \"img-1\""),
        ("Banner", "\"bannerFileId\": \"img-1\""),
        ("screenshot", "{\"imageId\": \"img-1\", \"caption\": \"\"}"),
        ("thumbnail", "\"thumbnail\": \"img-1\""),
    ])
    func imageTypes(imageType: String, text: String) throws {
        let fragment = try #require(ListingFragment(entry: image(imageType, id: "img-1")))
        #expect(fragment.text == text)
        // Each is valid JSON: a member inside braces, or an object.
        let json = text.hasPrefix("{") ? text : "{\(text)}"
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
    }

    @Test("hero, an imageType of the user's own, and a failed upload give none")
    func noPlace() {
        #expect(ListingFragment(entry: image("hero", id: "img-1")) == nil)
        #expect(ListingFragment(entry: image("my_own-type", id: "img-1")) == nil)
        var failed = image("banner", id: "img-1")
        failed.id = nil
        failed.failure = "Marketplace had a server error (HTTP 500)"
        #expect(ListingFragment(entry: failed) == nil)
    }

    @Test("an artifact gives its ID and its links made whole; a checksum mismatch gives none")
    func artifact() throws {
        let entry = SampleEntries.artifact()
        let id = try #require(entry.id)
        let fragment = try #require(ListingFragment(entry: entry))
        let base = SampleEntries.server + "/rest/3/artifacts/" + id
        #expect(fragment == .artifact(id: id, selfURL: base, binaryURL: base + "/download"))
        let object = try parsed(fragment.text)
        #expect(object["artifactId"] as? String == id)
        #expect(object["self"] as? String == base)
        #expect(object["binary"] as? String == base + "/download")
        #expect(ListingFragment(entry: entry, baseURL: "http://127.0.0.1:8080/marketplace/")?.text.contains("\"http://127.0.0.1:8080/marketplace/rest/3/artifacts/") == true)
        var demo = entry
        demo.serverURL = "demo"
        #expect(ListingFragment(entry: demo) == .artifact(id: id, selfURL: "/rest/3/artifacts/\(id)", binaryURL: "/rest/3/artifacts/\(id)/download"))
        var mismatch = entry
        mismatch.verified = false
        #expect(ListingFragment(entry: mismatch) == nil)
    }

    @Test("an ID with quotes or a backslash stays valid JSON")
    func escaping() throws {
        let fragment = try #require(ListingFragment(entry: image("banner", id: "img-\"a\\b")))
        let object = try parsed("{\(fragment.text)}")
        #expect(object["bannerFileId"] as? String == "img-\"a\\b")
    }

    @Test("several screenshots are the screenshots array in the order given; the last icon wins")
    func snippet() throws {
        let entries = [
            image("screenshot", id: "img-s1"), image("icon", id: "img-old-icon"), image("screenshot", id: "img-s2"),
            image("banner", id: "img-b"), image("icon", id: "img-icon"), image("title-logo", id: "img-t"),
            image("thumbnail", id: "img-th"), image("screenshot", id: "img-s3"), image("hero", id: "img-hero"),
            SampleEntries.failed(),
        ]
        let snippet = ListingSnippet(entries: entries)
        let document = try parsed(snippet.json)
        #expect(document["images"] as? [String: String] == ["iconFileId": "img-icon", "titleLogoFileId": "img-t", "bannerFileId": "img-b"])
        let screenshots = try #require(document["screenshots"] as? [[String: String]])
        #expect(screenshots == [["imageId": "img-s1", "caption": ""], ["imageId": "img-s2", "caption": ""], ["imageId": "img-s3", "caption": ""]])
        #expect(document["thumbnails"] as? [String] == ["img-th"])
        #expect(document["artifacts"] == nil)
        #expect(snippet.unplaced.map(\.id) == ["img-hero"])
        // What the document leaves out is known, for a warning: the icon a later one replaced, the failed attempt.
        #expect(snippet.competingImages.map(\.field) == ["iconFileId"])
        #expect(snippet.competingImages.first?.kept.id == "img-icon" && snippet.competingImages.first?.leftOut.map(\.id) == ["img-old-icon"])
        #expect(snippet.failed.map(\.name) == ["broken.jar"])
        #expect(snippet.json.contains("\"images\": {\n    \"iconFileId\": \"img-icon\",\n    \"titleLogoFileId\": \"img-t\",\n    \"bannerFileId\": \"img-b\"\n  }"))
    }

    @Test("artifacts are listed in order, and nothing to list is an empty object")
    func artifactsAndEmpty() throws {
        let first = SampleEntries.artifact("a.jar"), second = SampleEntries.artifact("b.jar")
        let document = try parsed(ListingSnippet(entries: [first, second]).json)
        let artifacts = try #require(document["artifacts"] as? [[String: String]])
        #expect(artifacts.map { $0["artifactId"] } == [first.id, second.id])
        #expect(ListingSnippet(entries: [SampleEntries.failed()]).json == "{}")
        // Artifacts of two apps: an app version takes its own, worth a warning.
        var other = SampleEntries.artifact("c.jar")
        other.artifact?.details?.key = "com.example.other"
        #expect(ListingSnippet(entries: [first, second]).pluginKeys == ["com.example.app"])
        #expect(ListingSnippet(entries: [first, other, second]).pluginKeys == ["com.example.app", "com.example.other"])
        // Two versions of one app: an app version takes one.
        var newer = SampleEntries.artifact("a-2.jar")
        newer.artifact?.details?.version = "2.0.0"
        let versions = ListingSnippet(entries: [first, other, second, newer]).plugins
        #expect(versions.map(\.versions.count) == [2, 1] && versions.first?.versions.last == "2.0.0", "\(versions)")
        #expect(ListingSnippet(entries: []).isEmpty)
        // One whose last refresh failed (a 404: gone from Marketplace?) stays, named for a warning.
        var refreshed = SampleEntries.artifact("d.jar")
        refreshed.failure = "Marketplace has no artifact with this ID (HTTP 404)."
        let withStale = ListingSnippet(entries: [first, refreshed])
        #expect(withStale.artifacts.count == 2 && withStale.refreshFailed.map(\.entryId) == [refreshed.entryId])
        #expect(ListingSnippet(entries: [first, second]).refreshFailed.isEmpty)
    }

    @Test("an upload and a lookup of one artifact (two histories merged) are one fragment, not a build held twice")
    func oneFragmentPerID() throws {
        let upload = SampleEntries.artifact("a.jar")
        var lookup = SampleEntries.artifact("a.jar")
        lookup.id = upload.id
        lookup.lookedUp = true
        lookup.artifact = upload.artifact
        let snippet = ListingSnippet(entries: [upload, lookup])
        #expect(snippet.artifacts.count == 1 && snippet.repeated.isEmpty)
        // The same ID on another server is another artifact.
        var elsewhere = lookup
        elsewhere.serverURL = "https://staging.example.com/marketplace"
        #expect(ListingSnippet(entries: [upload, elsewhere]).artifacts.count == 2)
        #expect(ListingSnippet(entries: [upload, elsewhere]).servers.count == 2, "worth the warning of IDs of two servers")
        // Its refresh's 404 is said once, whichever copy has it.
        var gone = lookup
        gone.failure = "Marketplace has no artifact with this ID (HTTP 404)."
        #expect(ListingSnippet(entries: [upload, gone, gone]).refreshFailed.map(\.entryId) == [gone.entryId])
    }

    @Test("a screenshot of one local file uploaded again, or one build twice, is named as held more than once; other files and versions are not")
    func repeatedUploads() {
        let shot = image("screenshot", id: "img-1")
        var again = image("screenshot", id: "img-2")
        again.localPath = shot.localPath
        var other = image("screenshot", id: "img-3")
        other.localPath = "/home/user/other.png"
        let build = SampleEntries.artifact("a.jar"), rebuilt = SampleEntries.artifact("a.jar")
        var next = SampleEntries.artifact("a.jar")
        next.artifact?.details?.version = "1.0.1"
        let snippet = ListingSnippet(entries: [shot, other, again, build, next, rebuilt, image("icon", id: "img-4"), image("icon", id: "img-5")])
        #expect(snippet.repeated == ["screenshot.png (2 screenshots)", "com.example.app 1.0.0 (2 artifacts)"])
        #expect(ListingSnippet(entries: [shot, other, build, next]).repeated.isEmpty)
        // The same build twice on each of two servers: named with its server, or it reads as said twice.
        let staged = SampleEntries.artifact("a.jar", server: "https://staging.example.com/marketplace")
        let restaged = SampleEntries.artifact("a.jar", server: "https://staging.example.com/marketplace")
        #expect(ListingSnippet(entries: [build, rebuilt, staged, restaged]).repeated == [
            "com.example.app 1.0.0 on \(ServerURL.normalized(build.serverURL)) (2 artifacts)",
            "com.example.app 1.0.0 on https://staging.example.com/marketplace (2 artifacts)",
        ])
    }

    @Test("one file uploaded again through a link to it is held more than once too")
    func repeatedThroughALink() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("shot.png", "x")
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.png"), withDestinationPath: file)
        var shot = image("screenshot", id: "img-1"), linked = image("screenshot", id: "img-2")
        (shot.localPath, linked.localPath) = (file, folder.file("link.png"))
        #expect(ListingSnippet(entries: [shot, linked]).repeated == ["screenshot.png (2 screenshots)"])
    }

    @Test("the servers of the entries that give fragments, one spelling each, for a warning when there are several")
    func servers() {
        let production = SampleEntries.artifact("a.jar", server: "https://api.atlassian.com/marketplace")
        let sameServer = SampleEntries.image("icon.png", server: "https://API.atlassian.com:443/marketplace/")
        let staging = SampleEntries.image("banner.png", server: "https://staging.example.com/marketplace")
        #expect(ListingSnippet(entries: [production, sameServer]).servers == ["https://api.atlassian.com/marketplace"])
        #expect(ListingSnippet(entries: [production, staging]).servers.count == 2)
        var failedElsewhere = SampleEntries.failed()
        failedElsewhere.serverURL = "https://staging.example.com/marketplace"
        #expect(ListingSnippet(entries: [production, failedElsewhere]).servers.count == 1, "no fragment, no server")
        #expect(ListingSnippet(entries: [staging, sameServer]).servers == ["https://api.atlassian.com/marketplace"],
                "an icon the newer one replaced is not in the document")
    }
}
