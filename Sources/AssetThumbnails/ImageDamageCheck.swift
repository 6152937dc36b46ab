/// Whether an image decodes to its end. A file cut short or damaged past its header passes
/// the upload's checks (they read the header) and uploads, but Marketplace may refuse it or
/// show it broken: `upload-image`, `inspect` and the TUI's preview (Details, the marked
/// files' list) warn of it.
public enum ImageDamageCheck {
    /// The warning for the image at `path`, or `nil` when it decodes whole (or cannot be
    /// judged: too large for a preview's limits, say).
    public static func warning(path: String) -> String? {
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
}
