/// Whether an image decodes to its end. A file cut short or damaged past its header passes
/// the upload's checks (they read the header) and uploads, but Marketplace may refuse it or
/// show it broken: `upload-image`, `inspect` and the TUI's preview (Details, the marked
/// files' list) warn of it.
public enum ImageDamageCheck {
    /// The warning for the image at `path`, or `nil` when it decodes whole. An image too large
    /// for a preview's limits is not decoded, and the warning says it was not checked.
    /// `isCancelled` is asked between rows (a large image takes seconds): once it says yes, the
    /// check stops with no warning, and the caller says why.
    public static func warning(path: String, isCancelled: @escaping () -> Bool = { false }) -> String? {
        do {
            // Decoding to 8×8 pixels still reads every row of the file (and a GIF's later frames).
            _ = try ThumbnailMaker.pixels(path: path, fitting: 8, 8, readsToEnd: true, isCancelled: isCancelled)
            return nil
        } catch where error.isDamage {
            // One refused from its header (a BMP no reader shows, a GIF without a picture) never
            // decodes at all; the others stop before their end.
            return "\(error.reason): \(error.kind == .unshowable ? "" : "it does not decode to its end, so ")Marketplace may refuse it or show it broken"
        } catch where error.isOverLimits {
            return "\(error.reason), so it was not decoded to its end: damage past its header was not checked"
        } catch {
            return nil
        }
    }
}
