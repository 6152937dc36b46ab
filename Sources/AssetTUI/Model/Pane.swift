/// The four panes, in Tab order; the raw value is the number key that jumps to it.
enum Pane: Int, CaseIterable, Sendable, Equatable {
    case files = 1
    case upload = 2
    case details = 3
    case history = 4

    /// The pane's title, exactly as shown in its border.
    var title: String {
        switch self {
        case .files: "Files"
        case .upload: "Upload"
        case .details: "Details"
        case .history: "History"
        }
    }

    /// The pane after this one (Tab), wrapping around.
    var next: Pane { Pane(rawValue: rawValue % 4 + 1)! }

    /// The pane before this one (Shift-Tab), wrapping around.
    var previous: Pane { Pane(rawValue: (rawValue + 2) % 4 + 1)! }
}
