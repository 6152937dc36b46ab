/// One terminal cell of a thumbnail: a symbol drawn in `foreground` on `background`.
public struct ThumbnailCell: Sendable, Hashable {
    /// A block element (`▀`, `▄`, `▌`, `▞`, …) or a space.
    public var symbol: Unicode.Scalar
    public var foreground: ThumbnailColor
    public var background: ThumbnailColor

    public init(symbol: Unicode.Scalar, foreground: ThumbnailColor, background: ThumbnailColor) {
        self.symbol = symbol
        self.foreground = foreground
        self.background = background
    }
}

/// A thumbnail as terminal cells, row after row.
public struct ThumbnailRaster: Sendable, Equatable {
    public let columns: Int
    public let rows: Int
    public let cells: [ThumbnailCell]

    public init(columns: Int, rows: Int, cells: [ThumbnailCell]) {
        precondition(cells.count == columns * rows, "a raster needs columns × rows cells")
        self.columns = columns
        self.rows = rows
        self.cells = cells
    }

    public subscript(column: Int, row: Int) -> ThumbnailCell {
        cells[row * columns + column]
    }
}
