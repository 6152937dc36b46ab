/// How big a thumbnail is drawn: the image's shape kept, as large as the box allows.
///
/// A terminal cell is taken to be twice as tall as it is wide (most terminal fonts are close
/// to 1:2), so a cell holds two square pixels stacked: a half block's top and bottom.
/// Small images are enlarged to the box too, so a 16×16 icon is not a speck.
public enum ThumbnailGeometry {
    /// How many times taller than wide a cell is.
    public static let cellAspect = 2

    /// The cells an image of `width`×`height` pixels takes when fitted into `box`: at least
    /// one column and one row, never more than the box.
    public static func cells(forImageWidth width: Int, height: Int, within box: CellBox) -> CellBox {
        guard width > 0, height > 0, !box.isEmpty else { return CellBox(columns: 0, rows: 0) }
        // In square "half-cell" pixels the box is columns × 2·rows.
        let boxWidth = Double(box.columns)
        let boxHeight = Double(box.rows * cellAspect)
        let scale = min(boxWidth / Double(width), boxHeight / Double(height))
        let columns = min(box.columns, max(1, Int((Double(width) * scale).rounded())))
        let rows = min(box.rows, max(1, Int((Double(height) * scale / Double(cellAspect)).rounded())))
        return CellBox(columns: columns, rows: rows)
    }
}
