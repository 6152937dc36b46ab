import Glibc
import AssetInspection
import MarketplaceAPI

/// Judges a received file with AssetInspection, the same code the client runs before it
/// uploads, and answers as the real service would when it refuses one.
enum UploadJudge {
    /// The image's format and size. Not PNG/JPEG/GIF/BMP by its magic bytes: 415. Those magic
    /// bytes but a header that is cut short or broken: 400.
    static func judgeImage(path: String, clientName: String) throws(EmulatorError) -> ImageInfo {
        let head = readHead(path: path, length: 32)
        guard !head.isEmpty else {
            throw EmulatorError.badRequest("empty_file", "The uploaded file \(SafeName.forMessage(clientName)) is empty.")
        }
        guard ImageFormat.detect(in: head) != nil else {
            throw EmulatorError(.unsupportedMediaType, code: "unsupported_image_format",
                                "\(SafeName.forMessage(clientName)) is not a PNG, JPEG, GIF or BMP image (judged by its bytes, not its name).")
        }
        let inspection: FileInspection
        do {
            inspection = try FileInspector.inspect(path: path)
        } catch {
            throw EmulatorError.badRequest("invalid_image", message(error, path: path, clientName: clientName))
        }
        guard case .image(let info) = inspection.content else {
            throw EmulatorError(.unsupportedMediaType, code: "unsupported_image_format",
                                "\(SafeName.forMessage(clientName)) is not a PNG, JPEG, GIF or BMP image.")
        }
        return info
    }

    /// What Marketplace reads from the artifact's `atlassian-plugin.xml` (every documented
    /// `details` field, see `ArtifactDetails(descriptor:)`), and the MIME type of its bytes.
    /// Not a ZIP, an unreadable ZIP, no descriptor, a descriptor without a plugin key or with
    /// a `plugins-version` no plugin framework loads: 400, as Marketplace rejects a jar it
    /// cannot read. `path` must end in `.jar` or `.obr`.
    static func judgeArtifact(path: String, clientName: String) throws(EmulatorError) -> (details: ArtifactDetails, contentType: String) {
        guard !readHead(path: path, length: 1).isEmpty else {
            throw EmulatorError.badRequest("empty_file", "The uploaded file \(SafeName.forMessage(clientName)) is empty.")
        }
        let inspection: FileInspection
        do {
            inspection = try FileInspector.inspect(path: path)
        } catch {
            throw EmulatorError.badRequest("invalid_artifact", message(error, path: path, clientName: clientName))
        }
        guard case .artifact(let descriptor) = inspection.content else {
            throw EmulatorError.badRequest("invalid_artifact", "\(SafeName.forMessage(clientName)) is not an app artifact (a .jar or .obr ZIP archive).")
        }
        if let refusal = ArtifactRefusal(inspection) {
            throw EmulatorError.badRequest(refusal.code, refusal.message(name: SafeName.forMessage(clientName)))
        }
        // A bundle's jar too large for the emulator to unpack: taken, with no details it could read.
        return (descriptor.map(ArtifactDetails.init(descriptor:)) ?? ArtifactDetails(), inspection.contentType)
    }

    /// AssetInspection's message, with the emulator's temporary path replaced by the client's name,
    /// quoted as the emulator's other messages quote it.
    private static func message(_ error: InspectionError, path: String, clientName: String) -> String {
        SafeText.oneLine(error.message.replacing(SafeText.oneLine(path), with: SafeName.forMessage(clientName)), maxLength: 400)
    }

    private static func readHead(path: String, length: Int) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: length)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, length) }
        return count > 0 ? Array(buffer[..<count]) : []
    }
}
