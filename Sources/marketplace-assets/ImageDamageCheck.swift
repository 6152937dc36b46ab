import AssetInspection
import AssetThumbnails

/// Whether an image decodes to its end. A file cut short or damaged past its header passes
/// the upload's checks (they read the header) and uploads, but Marketplace may refuse it or
/// show it broken: `upload-image` and `inspect` warn of it, as the TUI's preview shows it.
enum ImageDamageCheck {
    /// The warning for the image at `path`, or `nil` when it decodes whole (or cannot be
    /// judged: too large for a preview's limits, say).
    static func warning(path: String) -> String? {
        do {
            // Decoding to 8×8 pixels still reads every row of the file.
            _ = try ThumbnailMaker.pixels(path: path, fitting: 8, 8)
            return nil
        } catch where error.isDamage {
            return "\(error.reason): it does not decode to its end, so Marketplace may refuse it or show it broken"
        } catch {
            return nil
        }
    }

    /// Prints the warning, naming the file as given, before an upload.
    static func warn(path: String) {
        if let warning = warning(path: path) { Console.error("warning: \(SafeText.oneLine(path)): \(warning)") }
    }
}
