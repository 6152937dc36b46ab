/// The order of the Files pane. Folders always come first.
enum FileSort: String, Sendable, Equatable, CaseIterable {
    /// By name, A to Z, ignoring case and accents, numbers by their value (`NameOrder`).
    case name
    /// Largest first.
    case size
    /// Most recently modified first.
    case modified

    /// The next order for the sort key (`s`): name, size, modified, name, ...
    var next: FileSort {
        switch self {
        case .name: .size
        case .size: .modified
        case .modified: .name
        }
    }

    /// Whether `a` comes before `b`: folders first, then this order, then by name. Folders
    /// sort by size as by name: a folder's own size says nothing of what it holds, and the
    /// pane shows none.
    func areInIncreasingOrder(_ a: DirectoryEntry, _ b: DirectoryEntry) -> Bool {
        if a.isDirectory != b.isDirectory { return a.isDirectory }
        switch self {
        case .name:
            break
        case .size where a.isDirectory:
            break
        case .size:
            if a.size != b.size { return a.size > b.size }
        case .modified:
            if a.modified != b.modified { return a.modified > b.modified }
        }
        let order = NameOrder.compare(a.searchKey, b.searchKey)
        return order != 0 ? order < 0 : a.name < b.name
    }

    /// `entries` in this order.
    func sorted(_ entries: [DirectoryEntry]) -> [DirectoryEntry] {
        entries.sorted(by: areInIncreasingOrder)
    }
}
