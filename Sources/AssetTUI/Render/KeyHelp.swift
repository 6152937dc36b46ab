/// The help overlay's lines and the footer's hints, both drawn from `KeyTable`.
enum KeyHelp {
    /// Keys and what they do, as one help line or one footer hint shows them.
    struct Binding: Sendable, Equatable {
        var keys: String
        var action: String
    }

    /// A titled group of help lines.
    struct Section: Sendable, Equatable {
        var title: String
        var bindings: [Binding]
    }

    /// The scopes in the order the help lists them, with their titles.
    static let scopeTitles: [(KeyScope, String)] = [
        (.always, "Any time"),
        (.everywhere, "Everywhere"),
        (.pane(.files), "Files"),
        (.pane(.upload), "Upload"),
        (.pane(.details), "Details"),
        (.pane(.history), "History"),
        (.filter, "Typing a filter"),
        (.overlay(.imageTypePicker), "imageType picker"),
        (.overlay(.batchUpload), "Uploading the marked files"),
        (.overlay(.urlPrompt), "Fetch URL prompt"),
        (.overlay(.copyMenu), "Copy menu"),
        (.overlay(.confirmQuit), "Quit question"),
        (.overlay(.confirmRemoval), "Removal question"),
        (.overlay(.signIn), "Sign in"),
        (.overlay(.signInPlainText), "Sign in without a keyring"),
        (.overlay(.help), "This help"),
        (.tooSmall, "Terminal too small"),
    ]

    /// How every text field edits (`TextField.apply`, the table's `typing` patterns): one
    /// section here rather than a line in each field's scope.
    static let textField = Section(title: "Editing a text field", bindings: [
        Binding(keys: "← → / Ctrl-B F", action: "move the caret"),
        Binding(keys: "Ctrl-A E", action: "to the start / end (Home End too, outside a filter)"),
        Binding(keys: "⌫ / Delete Ctrl-D", action: "take out the character before / at the caret"),
        Binding(keys: "Ctrl-U / Ctrl-K", action: "take out all before / after the caret"),
        Binding(keys: "Ctrl-W", action: "take out the word before the caret (to / or space)"),
    ])

    /// What the marks in the panes mean; not keys, so not in the key table.
    static let legend = Section(title: "Marks", bindings: [
        Binding(keys: "●", action: "named like an image or a plugin, not empty"),
        Binding(keys: "+", action: "marked (Space), kept across folders"),
    ])

    /// Every binding of the key table, grouped by scope.
    static let sections: [Section] = scopeTitles.map { scope, title in
        Section(title: title, bindings: KeyTable.bindings.filter { $0.scope == scope }.map { Binding(keys: $0.label, action: $0.help) })
    }

    /// The help overlay's lines: section titles and their bindings, then the legend.
    static let lines: [HelpLine] = {
        var lines: [HelpLine] = []
        for section in sections {
            if !lines.isEmpty { lines.append(.blank) }
            lines.append(.title(section.title))
            lines.append(contentsOf: section.bindings.map(HelpLine.binding))
        }
        for section in [textField, legend] {
            lines.append(.blank)
            lines.append(.title(section.title))
            lines.append(contentsOf: section.bindings.map(HelpLine.legend))
        }
        return lines
    }()

    /// One line of the help overlay.
    enum HelpLine: Sendable, Equatable {
        case title(String)
        case binding(Binding)
        /// What a mark means, or how a text field edits (not in the key table).
        case legend(Binding)
        case blank
    }

    /// The footer's hints in `state`: those of the active scope in table order, then the
    /// pinned ones, which stay whatever else must go for lack of room.
    static func footer(in state: AppState) -> (hints: [Binding], pinned: [Binding]) {
        var hints: [Binding] = []
        var pinned: [Binding] = []
        for scope in KeyScope.active(in: state) {
            for binding in KeyTable.bindings where binding.scope == scope {
                guard let hint = binding.footer, hint.when?(state) ?? true else { continue }
                if case .everywhere = scope, !hint.panes.contains(state.focus) { continue }
                if hint.pinned {
                    pinned.append(Binding(keys: hint.keys, action: hint.text))
                } else {
                    hints.append(Binding(keys: hint.keys, action: hint.text))
                }
            }
        }
        return (hints, pinned)
    }
}
