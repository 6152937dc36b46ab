/// How pixels become cells.
public enum CellRenderer: String, Sendable, Hashable, CaseIterable {
    /// libchafa: for each cell, the block symbol and the two colours that come closest to
    /// the cell's 8×8 pixels (half, quarter and eighth blocks, quadrants and more).
    case chafa
    /// Upper half blocks `▀`: the top pixel as the foreground, the bottom one as the
    /// background. Two pixels a cell, in every terminal font.
    case halfBlocks = "halfblocks"

    /// The pixels each cell stands for, as (columns, rows) of square pixels: the image is
    /// scaled to this many pixels a cell before the cells are made.
    var pixelsPerCell: (width: Int, height: Int) {
        switch self {
        case .chafa: (8, 16)
        case .halfBlocks: (1, 2)
        }
    }

    /// Cells for `image`, which is opaque and `box.columns` × `box.rows` cells of `pixelsPerCell`.
    func cells(for image: RGBAImage, box: CellBox, depth: ColorDepth) -> ThumbnailRaster {
        switch self {
        case .chafa: ChafaCells.make(image, box: box, depth: depth)
        case .halfBlocks: HalfBlockCells.make(image, box: box, depth: depth)
        }
    }
}
