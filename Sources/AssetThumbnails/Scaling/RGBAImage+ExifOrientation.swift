import AssetInspection

extension RGBAImage {
    /// The image as viewers that follow Exif orientation `orientation` (1 to 8) show it, from the
    /// pixels as stored. Each orientation names where the stored first row and first column go
    /// (TIFF 6.0, tag 274): 6, the usual phone portrait, puts the first row on the right and the
    /// first column on top, a quarter turn clockwise.
    func oriented(exif orientation: Int) -> RGBAImage {
        guard (2...8).contains(orientation) else { return self }
        let turned = ExifOrientation.isQuarterTurn(orientation)
        let (shownWidth, shownHeight) = turned ? (height, width) : (width, height)
        // The stored pixel shown at (x, y).
        let source: (Int, Int) -> (Int, Int) = switch orientation {
        case 2: { x, y in (width - 1 - x, y) }
        case 3: { x, y in (width - 1 - x, height - 1 - y) }
        case 4: { x, y in (x, height - 1 - y) }
        case 5: { x, y in (y, x) }
        case 6: { x, y in (y, height - 1 - x) }
        case 7: { x, y in (width - 1 - y, height - 1 - x) }
        default: { x, y in (width - 1 - y, x) }
        }
        var shown = [UInt8](repeating: 0, count: pixels.count)
        for y in 0..<shownHeight {
            for x in 0..<shownWidth {
                let (sourceX, sourceY) = source(x, y)
                let from = (sourceY * width + sourceX) * 4, to = (y * shownWidth + x) * 4
                shown[to..<to + 4] = pixels[from..<from + 4]
            }
        }
        return RGBAImage(width: shownWidth, height: shownHeight, pixels: shown)
    }
}
