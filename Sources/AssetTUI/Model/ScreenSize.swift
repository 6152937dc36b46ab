/// The terminal's size in cells.
struct ScreenSize: Sendable, Equatable {
    /// Below this the screen shows "terminal too small" instead of the panes.
    static let minimum = ScreenSize(width: 60, height: 16)

    var width: Int
    var height: Int

    var isTooSmall: Bool { width < Self.minimum.width || height < Self.minimum.height }
}
