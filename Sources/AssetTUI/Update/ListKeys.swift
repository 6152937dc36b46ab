/// The moves the list keys make, the same in every list, the Details pane, the help and
/// the copy menu: arrows and j/k, PgUp/PgDn (Ctrl-B/F), g/G and Home/End.
enum ListMove: Sendable, Equatable {
    case by(Int)
    case first
    case last

    /// One row up or down.
    static let stepKeys: [Key] = [.up, .character("k"), .down, .character("j")]
    /// A page up or down.
    static let pageKeys: [Key] = [.pageUp, .control("b"), .pageDown, .control("f")]
    /// The first or last row.
    static let endKeys: [Key] = [.home, .character("g"), .end, .character("G")]

    /// The move `key` makes in a view of `page` rows; `nil` when it is not a list key.
    init?(_ key: Key, page: Int) {
        let page = Swift.max(1, page - 1)
        switch key {
        case .up, .character("k"): self = .by(-1)
        case .down, .character("j"): self = .by(1)
        case .pageUp, .control("b"): self = .by(-page)
        case .pageDown, .control("f"): self = .by(page)
        case .home, .character("g"): self = .first
        case .end, .character("G"): self = .last
        default: return nil
        }
    }

    /// The position after the move, from `position` within `0...last`.
    func applied(to position: Int, last: Int) -> Int {
        let target: Int
        switch self {
        case .by(let delta): target = position.addingReportingOverflow(delta).partialValue
        case .first: target = 0
        case .last: target = last
        }
        return Swift.max(0, Swift.min(target, last))
    }
}

extension ListCursor {
    /// Applies a list key; `false` when `key` is not one.
    mutating func apply(_ key: Key, count: Int, height: Int) -> Bool {
        guard let move = ListMove(key, page: height) else { return false }
        select(move.applied(to: selection, last: Swift.max(0, count - 1)), count: count, height: height)
        return true
    }
}
