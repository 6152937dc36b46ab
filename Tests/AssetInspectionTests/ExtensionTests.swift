import AssetInspection
import Testing

/// The file's bytes decide what it is; an extension that disagrees is a warning.
@Suite struct ExtensionTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test func pngNamedJpgIsAPNGWithAWarning() throws {
        let inspection = try FileInspector.inspect(path: directory.copy(sample: Samples.icon, to: "app-icon.jpg"))
        #expect(inspection.content == .image(ImageInfo(format: .png, width: 144, height: 144)))
        #expect(inspection.contentType == "image/png")
        #expect(inspection.warnings == ["app-icon.jpg is really a PNG image: an upload sends it as app-icon.png"])
        #expect(inspection.fileName == "app-icon.jpg" && inspection.uploadName == "app-icon.png", "the reference lists the formats by extension")
    }

    @Test("a name that starts with a combining mark is the file's name alone: a / then the mark is one Character, not a separator")
    func aNameStartingWithACombiningMarkIsNotJoinedToItsFolder() throws {
        let inspection = try FileInspector.inspect(path: directory.copy(sample: Samples.icon, to: "\u{301}lead.png"))
        #expect(inspection.fileName == "\u{301}lead.png" && inspection.uploadName == "\u{301}lead.png", "\(inspection.fileName)")
        #expect("a/b//".lastPathPart == "b" && "/".lastPathPart == nil && "x.png".lastPathPart == "x.png")
    }

    @Test func anotherExtensionOfTheFormatIsNamedAsSuchAndGivesWay() throws {
        let inspection = try FileInspector.inspect(path: directory.copy(sample: Samples.banner, to: "banner.JFIF"))
        #expect(inspection.warnings == ["banner.JFIF: .jfif is a JPEG extension Marketplace's rules do not name: an upload sends it as banner.jpg"])
        #expect(inspection.uploadName == "banner.jpg")
    }

    @Test func upperCaseExtensionMatches() throws {
        let inspection = try FileInspector.inspect(path: directory.copy(sample: Samples.banner, to: "BANNER.JPEG"))
        #expect(inspection.warnings.isEmpty)
        #expect(inspection.uploadName == "BANNER.JPEG")
    }

    @Test func imageWithAnUnknownOrNoExtensionIsStillAnImage() throws {
        for name in ["thumbnail.dat", "thumbnail", "thumbnail.PNG"] {
            let inspection = try FileInspector.inspect(path: directory.copy(sample: Samples.thumbnail, to: name))
            #expect(inspection.content == .image(ImageInfo(format: .gif, width: 580, height: 330)))
            let sent = name == "thumbnail.PNG" ? "thumbnail.gif" : name + ".gif"
            #expect(inspection.warnings == ["\(name) is really a GIF image: an upload sends it as \(sent)"])
            #expect(inspection.uploadName == sent)
        }
    }

    @Test func jarNamedPngIsAnArtifactWithAWarning() throws {
        let inspection = try FileInspector.inspect(path: directory.copy(sample: Samples.plugin, to: "plugin.png"))
        #expect(inspection.isArtifact)
        #expect(inspection.warnings == ["plugin.png is really a ZIP archive, not a PNG image"])
    }

    @Test func zipWithAnotherExtensionIsAnArtifactWithAWarning() throws {
        let inspection = try FileInspector.inspect(path: directory.copy(sample: Samples.plugin, to: "plugin.zip"))
        if case .artifact(let descriptor) = inspection.content {
            #expect(descriptor?.key == "com.example.sample-plugin")
        } else {
            Issue.record("expected an artifact")
        }
        #expect(inspection.warnings == ["plugin.zip is a ZIP archive; Marketplace expects an app artifact to be named .jar or .obr"])
    }

    @Test func textNamedPngIsAnError() throws {
        let path = try directory.write(Array("hello".utf8), to: "notes.png")
        #expect(throws: InspectionError("\(path) is not a PNG image: its bytes are not PNG, JPEG, GIF or BMP")) {
            try FileInspector.inspect(path: path)
        }
    }

    @Test("an image of a format Marketplace does not take is named, whatever its extension says", arguments: [
        ("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ", "WebP"), ("\u{0}\u{0}\u{0}\u{1C}ftypavif", "AVIF"), ("\u{0}\u{0}\u{0}\u{18}ftypheic", "HEIC"),
        ("II*\u{0}", "TIFF"), ("%PDF-1.7", "PDF"), ("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "SVG"),
    ])
    func anotherImageFormatIsNamed(bytes: String, format: String) throws {
        let saved = try directory.write(Array(bytes.utf8), to: "saved-from-a-browser.png")
        #expect(throws: InspectionError("\(saved) is not a PNG image: it is in \(format) format, which Marketplace does not take: save it as PNG or JPEG")) {
            try FileInspector.inspect(path: saved)
        }
        let named = try directory.write(Array(bytes.utf8), to: "picture.\(format.lowercased())")
        #expect(throws: InspectionError("\(named) is not an image (png, jpg, gif, bmp) or an app artifact (jar, obr): it is in \(format) format, which Marketplace does not take: save it as PNG or JPEG")) {
            try FileInspector.inspect(path: named)
        }
    }

    @Test func unknownContentIsAnError() throws {
        let path = try directory.write(Array("#!/bin/sh\necho hi\n".utf8), to: "script.sh")
        #expect(throws: InspectionError("\(path) is not an image (png, jpg, gif, bmp) or an app artifact (jar, obr)")) {
            try FileInspector.inspect(path: path)
        }
    }

    @Test func controlCharactersInANameDoNotReachTheMessages() throws {
        let name = "evil\u{1B}]0;title\u{07}.jpg"
        let inspection = try FileInspector.inspect(path: directory.copy(sample: Samples.icon, to: name))
        #expect(inspection.fileName == name)  // Sent as is in the upload...
        #expect(inspection.warnings.allSatisfy { SafeText.isSafe($0) })  // ...but never printed as is.
        let garbage = try directory.write([0x00, 0x01], to: name + ".txt")
        #expect {
            try FileInspector.inspect(path: garbage)
        } throws: { error in
            SafeText.isSafe((error as? InspectionError)?.message ?? "\u{1B}")
        }
    }
}
