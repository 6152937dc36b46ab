/// The selected row of a list and the first row in view.
///
/// Only the rows in view are ever drawn, so a list of 100,000 entries costs what a list
/// of twenty does. `scrollTop` follows the selection with the least movement.
struct ListCursor: Sendable, Equatable {
    var selection = 0
    var scrollTop = 0

    /// Selects row `index` (clamped) and scrolls it into view.
    mutating func select(_ index: Int, count: Int, height: Int) {
        selection = count == 0 ? 0 : min(max(0, index), count - 1)
        scrollIntoView(height: height, count: count)
    }

    /// Keeps the selection valid after the list changed size, and in view.
    mutating func clamp(count: Int, height: Int) {
        select(selection, count: count, height: height)
    }

    /// Adjusts `scrollTop` so that the selection is inside a view of `height` rows.
    mutating func scrollIntoView(height: Int, count: Int) {
        let height = max(1, height)
        if selection < scrollTop { scrollTop = selection }
        if selection >= scrollTop + height { scrollTop = selection - height + 1 }
        scrollTop = max(0, min(scrollTop, max(0, count - height)))
    }
}
