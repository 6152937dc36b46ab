/// The list keys every list pane shares: arrows and j/k, PgUp/PgDn, g/G and Home/End.
enum ListKeys {
    /// Moves `cursor` for a navigation key; `false` when `key` is not one.
    static func move(_ key: Key, cursor: inout ListCursor, count: Int, height: Int) -> Bool {
        switch key {
        case .up, .character("k"): cursor.move(by: -1, count: count, height: height)
        case .down, .character("j"): cursor.move(by: 1, count: count, height: height)
        case .pageUp, .control("b"): cursor.move(by: -max(1, height - 1), count: count, height: height)
        case .pageDown, .control("f"): cursor.move(by: max(1, height - 1), count: count, height: height)
        case .home, .character("g"): cursor.select(0, count: count, height: height)
        case .end, .character("G"): cursor.select(count - 1, count: count, height: height)
        default: return false
        }
        return true
    }
}
