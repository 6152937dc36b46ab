/// Cells of upper half blocks: each cell shows two stacked pixels, the top one as the
/// foreground of `▀` and the bottom one as the background; two equal pixels make a space.
enum HalfBlockCells {
    static let upperHalf: Unicode.Scalar = "\u{2580}"

    /// `image` must be `box.columns` pixels wide and `2 · box.rows` tall, and opaque.
    static func make(_ image: RGBAImage, box: CellBox, depth: ColorDepth) -> ThumbnailRaster {
        var cells: [ThumbnailCell] = []
        cells.reserveCapacity(box.columns * box.rows)
        for row in 0..<box.rows {
            for column in 0..<box.columns {
                let top = color(image, x: column, y: row * 2, depth: depth)
                let bottom = color(image, x: column, y: min(image.height - 1, row * 2 + 1), depth: depth)
                cells.append(top == bottom
                    ? ThumbnailCell(symbol: " ", foreground: top, background: bottom)
                    : ThumbnailCell(symbol: upperHalf, foreground: top, background: bottom))
            }
        }
        return ThumbnailRaster(columns: box.columns, rows: box.rows, cells: cells)
    }

    private static func color(_ image: RGBAImage, x: Int, y: Int, depth: ColorDepth) -> ThumbnailColor {
        let (red, green, blue, _) = image.pixel(x: min(x, image.width - 1), y: y)
        return TerminalPalette.color(red: red, green: green, blue: blue, depth: depth)
    }
}
