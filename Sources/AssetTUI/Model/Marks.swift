/// Marked items of a list, by a key that outlives rows (a file's path, a history entry's ID),
/// so that marks survive filtering, re-sorting and reloading. Kept in the order they were
/// marked.
struct Marks<Item: Hashable & Sendable>: Sendable, Equatable {
    private(set) var items: [Item] = []
    private var set: Set<Item> = []

    var isEmpty: Bool { items.isEmpty }
    var count: Int { items.count }

    func contains(_ item: Item) -> Bool { set.contains(item) }

    /// Marks `item`, or unmarks it when it is marked; returns whether it is marked now.
    @discardableResult
    mutating func toggle(_ item: Item) -> Bool {
        if set.remove(item) != nil {
            items.removeAll { $0 == item }
            return false
        }
        set.insert(item)
        items.append(item)
        return true
    }

    /// Unmarks every item for which `isKept` is false (entries no longer there).
    mutating func keep(where isKept: (Item) -> Bool) {
        guard items.contains(where: { !isKept($0) }) else { return }
        items.removeAll { !isKept($0) }
        set = Set(items)
    }

    mutating func removeAll() {
        items = []
        set = []
    }
}
