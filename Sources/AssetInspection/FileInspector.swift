/// Tells what a local file is, from its bytes: an image (format and pixel size) or an app
/// artifact (a ZIP archive, with its plugin descriptor), or why it cannot be uploaded.
///
/// Nothing but a non-empty regular file is ever opened (see ``InspectionError`` for the
/// messages). Only headers are read: an image is never decoded, an archive's entries are
/// read with size caps.
public enum FileInspector {
    /// File extensions (lowercase) of app artifacts.
    public static let artifactExtensions = ["jar", "obr"]

    /// Inspects the file at `path`.
    public static func inspect(path: String) throws(InspectionError) -> FileInspection {
        let file = try RegularFile(path: path)
        let subject = RegularFile.subject(path)
        let fileName = Self.fileName(of: path)
        let shownName = SafeText.oneLine(fileName, maxLength: 200)
        let fileExtension = Self.fileExtension(of: fileName)
        let head = try file.read(at: 0, length: 32)
        let imageFormat = ImageFormat.detect(in: head)
        let isArchive = ZIPSignature.startsArchive(head)

        if artifactExtensions.contains(fileExtension) {
            guard isArchive else {
                let actually = imageFormat.map { "; it is really a \($0.displayName) image" } ?? ""
                throw InspectionError("\(subject) is not a ZIP archive, so it is not an app artifact\(actually)")
            }
            let sideJar = mavenSideJarClassifier(of: fileName).map {
                "\(shownName) is named as Maven's \($0) jar, which is not the app Marketplace installs: upload the build's main jar"
            }
            return try inspectArtifact(file, subject: subject, fileName: fileName, shownName: shownName, fileExtension: fileExtension,
                                       warnings: sideJar.map { [$0] } ?? [])
        }
        if let imageFormat {
            let info: ImageInfo
            do {
                info = try ImageHeaderReader.imageInfo(from: file, as: imageFormat)
            } catch {
                throw error.about(subject)
            }
            var warnings: [String] = []
            var uploadName = fileName
            if !imageFormat.fileExtensions.contains(fileExtension) {
                // Another format's extension, or another of its own, gives way; any other is kept, as part of the name.
                let ownOther = imageFormat.otherExtensions.contains(fileExtension)
                var kept = ImageFormat(fileExtension: fileExtension) == nil && !ownOther ? fileName : String(fileName.dropLast(fileExtension.count + 1))
                if kept.hasSuffix(".") { kept.removeLast() }  // `trail.` goes as `trail.png`, not `trail..png`
                uploadName = kept + "." + imageFormat.fileExtensions[0]
                let sent = SafeText.oneLine(uploadName, maxLength: 200)
                warnings.append(ownOther
                    ? "\(shownName): .\(fileExtension) is a \(imageFormat.displayName) extension Marketplace's rules do not name: an upload sends it as \(sent)"
                    : "\(shownName) is really a \(imageFormat.displayName) image: an upload sends it as \(sent)")
            }
            for warning in [info.browserWarning, info.orientationWarning].compactMap({ $0 }) { warnings.append("\(shownName): \(warning)") }
            var inspection = FileInspection(path: path, fileName: fileName, size: file.count, content: .image(info),
                                            contentType: imageFormat.mimeType, warnings: warnings, identity: file.identity)
            inspection.uploadName = uploadName
            return inspection
        }
        if isArchive {
            let warning = if let namedFormat = ImageFormat(fileExtension: fileExtension) {
                "\(shownName) is really a ZIP archive, not a \(namedFormat.displayName) image"
            } else {
                "\(shownName) is a ZIP archive; Marketplace expects an app artifact to be named .jar or .obr"
            }
            return try inspectArtifact(file, subject: subject, fileName: fileName, shownName: shownName, fileExtension: fileExtension, warnings: [warning])
        }
        // Another image format (a WebP a browser saved as .png) is named: it says what to convert.
        let other = ImageFormat.unsupportedFormatName(in: (try? file.read(at: 0, length: 256)) ?? head).map {
            "it is in \($0) format, which Marketplace does not take: save it as PNG or JPEG"
        }
        if let namedFormat = ImageFormat(fileExtension: fileExtension) {
            throw InspectionError("\(subject) is not a \(namedFormat.displayName) image: \(other ?? "its bytes are not PNG, JPEG, GIF or BMP")")
        }
        throw InspectionError("\(subject) is not an image (png, jpg, gif, bmp) or an app artifact (jar, obr)" + (other.map { ": " + $0 } ?? ""))
    }

    /// Inspects `file`, known to start like a ZIP archive, as an app artifact.
    private static func inspectArtifact(_ file: RegularFile, subject: String, fileName: String, shownName: String,
                                        fileExtension: String, warnings: [String]) throws(InspectionError) -> FileInspection {
        let tailLength = Int(min(file.count, Int64(ZIPSignature.endRecordSearchLength)))
        let tail = try file.read(at: file.count - Int64(tailLength), length: tailLength)
        guard ZIPSignature.hasEndRecord(inTail: tail) else {
            throw InspectionError("\(subject) is not a readable ZIP archive: it is cut short or damaged (no end of central directory)")
        }
        let contents: ArtifactReader.Contents
        do {
            let source = try ArtifactReader.Source(size: UInt64(file.count), tail: tail) { (offset, count) throws(InspectionError) in
                try file.read(at: Int64(offset), length: count)
            }
            contents = try ArtifactReader.contents(ofArchiveAt: file.reopenablePath, source: source, fileName: shownName,
                                                   searchInnerJar: fileExtension == "obr",
                                                   declaredEntryCount: ZIPSignature.declaredEntryCount(inTail: tail))
        } catch {
            throw error.about(subject)
        }
        var inspection = FileInspection(path: file.path, fileName: fileName, size: file.count, content: .artifact(contents.descriptor),
                                        contentType: fileExtension == "jar" ? "application/java-archive" : "application/zip",
                                        warnings: warnings + contents.warnings, identity: file.identity)
        inspection.descriptorUnread = contents.descriptorUnread
        inspection.misplacedDescriptor = contents.misplacedDescriptor
        return inspection
    }

    /// `sources`, `javadoc` or `tests` for a jar named as one of Maven's side jars beside a build's
    /// main one (`app-1.0.0-sources.jar`): a sources jar holds the same plugin descriptor, so only
    /// its name tells it from the app; `nil` for any other name.
    public static func mavenSideJarClassifier(of fileName: String) -> String? {
        let name = fileName.lowercased()
        guard name.hasSuffix(".jar") else { return nil }
        return ["sources", "javadoc", "tests"].first { name.dropLast(4).hasSuffix("-" + $0) }
    }

    /// The places of `fileNames` with Maven's side jars last: of a key and version given twice, the
    /// main jar is then the one kept, though `app-1.0.0-sources.jar` sorts before `app-1.0.0.jar`.
    public static func sideJarsLast(_ fileNames: [String]) -> [Int] {
        let isSideJar = { (index: Int) in mavenSideJarClassifier(of: fileNames[index]) != nil }
        return fileNames.indices.filter { !isSideJar($0) } + fileNames.indices.filter(isSideJar)
    }

    /// The last component of `path` (`icon.png` of `assets/icon.png`).
    public static func fileName(of path: String) -> String {
        path.lastPathPart ?? path
    }

    /// The lowercased extension of `fileName` without its dot, or "" when it has none
    /// (a leading dot, as in `.profile`, starts no extension).
    package static func fileExtension(of fileName: String) -> String {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return "" }
        return String(fileName[fileName.index(after: dot)...]).lowercased()
    }
}
