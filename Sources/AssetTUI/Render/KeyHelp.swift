/// Every key, in one place: the help overlay lists these, the footer shows the main ones.
enum KeyHelp {
    /// One key (or set of keys) and what it does.
    struct Binding: Sendable, Equatable {
        var keys: String
        var action: String
    }

    /// A titled group of bindings.
    struct Section: Sendable, Equatable {
        var title: String
        var bindings: [Binding]
    }

    static let sections: [Section] = [
        Section(title: "Everywhere", bindings: [
            Binding(keys: "Tab / Shift-Tab", action: "next / previous pane"),
            Binding(keys: "1 2 3 4", action: "Files, Upload, Details, History"),
            Binding(keys: "↑ ↓ / k j", action: "move"),
            Binding(keys: "← → / h l", action: "pane to the left / right"),
            Binding(keys: "PgUp PgDn", action: "page up / down"),
            Binding(keys: "g G / Home End", action: "first / last"),
            Binding(keys: "f", action: "fetch an artifact from a URL"),
            Binding(keys: "?", action: "this help"),
            Binding(keys: "Esc", action: "close, cancel, clear message"),
            Binding(keys: "q", action: "quit (asks while uploads run)"),
        ]),
        Section(title: "Files", bindings: [
            Binding(keys: "Enter / l / →", action: "open folder (file: details)"),
            Binding(keys: "Backspace / h / ←", action: "up one folder"),
            Binding(keys: "u", action: "upload (image: pick imageType)"),
            Binding(keys: "/", action: "filter (Enter keeps, Esc clears)"),
            Binding(keys: "s", action: "sort by name, size, modified"),
            Binding(keys: ".", action: "show / hide hidden files"),
            Binding(keys: "R", action: "reload the folder"),
            Binding(keys: "●", action: "marks files you can upload"),
        ]),
        Section(title: "Upload", bindings: [
            Binding(keys: "x", action: "cancel the selected upload"),
            Binding(keys: "r", action: "retry a failed or cancelled one"),
            Binding(keys: "c", action: "clear finished, failed, cancelled"),
            Binding(keys: "y", action: "copy the ID of a finished one"),
            Binding(keys: "Enter", action: "show its details"),
        ]),
        Section(title: "Details", bindings: [
            Binding(keys: "R", action: "refresh the artifact (GET)"),
            Binding(keys: "y / Y", action: "copy the ID / choose what"),
            Binding(keys: "↑ ↓ PgUp PgDn", action: "scroll"),
        ]),
        Section(title: "History", bindings: [
            Binding(keys: "y", action: "copy the ID"),
            Binding(keys: "Y", action: "copy a link or the entry as JSON"),
            Binding(keys: "R", action: "refresh the selected artifact"),
            Binding(keys: "/", action: "filter (Enter keeps, Esc clears)"),
            Binding(keys: "Enter", action: "show its details"),
        ]),
        Section(title: "Pickers and prompts", bindings: [
            Binding(keys: "↑ ↓", action: "choose"),
            Binding(keys: "typing", action: "custom imageType / the URL"),
            Binding(keys: "Enter / Esc", action: "confirm / cancel"),
        ]),
    ]

    /// The help overlay's lines: section titles and their bindings.
    static var lines: [HelpLine] {
        var lines: [HelpLine] = []
        for (index, section) in sections.enumerated() {
            if index > 0 { lines.append(.blank) }
            lines.append(.title(section.title))
            lines.append(contentsOf: section.bindings.map(HelpLine.binding))
        }
        return lines
    }

    /// One line of the help overlay.
    enum HelpLine: Sendable, Equatable {
        case title(String)
        case binding(Binding)
        case blank
    }

    /// The main keys of a pane, for the footer.
    static func footer(for pane: Pane) -> [Binding] {
        switch pane {
        case .files:
            [
                Binding(keys: "Enter", action: "open"), Binding(keys: "⌫", action: "up"),
                Binding(keys: "u", action: "upload"), Binding(keys: "f", action: "fetch URL"),
                Binding(keys: "/", action: "filter"), Binding(keys: "s", action: "sort"),
                Binding(keys: ".", action: "hidden"),
            ]
        case .upload:
            [
                Binding(keys: "x", action: "cancel"), Binding(keys: "r", action: "retry"),
                Binding(keys: "c", action: "clear"), Binding(keys: "y", action: "copy ID"),
                Binding(keys: "f", action: "fetch URL"),
            ]
        case .details:
            [
                Binding(keys: "R", action: "refresh"), Binding(keys: "y", action: "copy ID"),
                Binding(keys: "Y", action: "copy…"), Binding(keys: "↑↓", action: "scroll"),
            ]
        case .history:
            [
                Binding(keys: "y", action: "copy ID"), Binding(keys: "Y", action: "copy…"),
                Binding(keys: "R", action: "refresh"), Binding(keys: "/", action: "filter"),
                Binding(keys: "Enter", action: "details"),
            ]
        }
    }

    /// Shown at the end of every pane's footer, whatever else has to go for lack of room.
    static let alwaysShown = [Binding(keys: "?", action: "help"), Binding(keys: "q", action: "quit")]

    /// The footer while a filter is typed.
    static let filterFooter = [
        Binding(keys: "type", action: "filter"), Binding(keys: "Enter", action: "keep"),
        Binding(keys: "Esc", action: "clear"),
    ]

    /// The footer of each overlay.
    static func footer(for overlay: Overlay) -> [Binding] {
        switch overlay {
        case .help:
            [Binding(keys: "↑↓", action: "scroll"), Binding(keys: "any other key", action: "close")]
        case .imageTypePicker:
            [
                Binding(keys: "↑↓", action: "choose"), Binding(keys: "type", action: "custom imageType"),
                Binding(keys: "Enter", action: "upload"), Binding(keys: "Esc", action: "cancel"),
            ]
        case .urlPrompt:
            [Binding(keys: "Enter", action: "fetch"), Binding(keys: "Esc", action: "cancel")]
        case .copyMenu:
            [Binding(keys: "↑↓", action: "choose"), Binding(keys: "Enter", action: "copy"), Binding(keys: "Esc", action: "cancel")]
        case .confirmQuit:
            [Binding(keys: "y", action: "quit and cancel uploads"), Binding(keys: "n / Esc", action: "stay")]
        }
    }
}
