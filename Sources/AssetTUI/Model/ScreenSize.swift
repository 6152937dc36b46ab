/// The terminal's size in cells.
struct ScreenSize: Sendable, Equatable {
    /// Below this the screen shows "terminal too small" instead of the panes.
    static let minimum = ScreenSize(width: 60, height: 16)

    var width: Int
    var height: Int

    var isTooSmall: Bool { width < Self.minimum.width || height < Self.minimum.height }

    /// Where dialogs are centred: below the title row, above the status line and the footer,
    /// so that a tall one on a short screen never covers the message it asks about.
    var dialogArea: Rect { Rect(x: 0, y: 1, width: width, height: height - 3) }
}
