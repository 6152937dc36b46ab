/// One key binding: which keys, where they apply, what the help and the footer say about
/// them, and what they do.
///
/// `KeyTable` lists every binding. The router (`KeyRouter`), the `?` overlay and the footer
/// (`KeyHelp`) are all built from that one list, the way bubbles' `key.Binding` feeds
/// bubbletea's help, so a key cannot be handled without being documented, or documented
/// without being handled.
struct KeyBinding: Sendable {
    /// What a binding does with the key that matched it.
    typealias Handler = @Sendable (Key, inout AppState) -> [Effect]

    /// Where the binding applies.
    let scope: KeyScope
    /// Which keys it takes.
    let pattern: KeyPattern
    /// The keys as the help shows them, e.g. `Tab / Shift-Tab`.
    let label: String
    /// What the binding does, as the help says it.
    let help: String
    /// The short form the footer shows, if it shows the binding at all.
    let footer: FooterHint?
    let handler: Handler

    init(
        _ scope: KeyScope, _ pattern: KeyPattern, _ label: String, _ help: String,
        footer: FooterHint? = nil, _ handler: @escaping Handler
    ) {
        self.scope = scope
        self.pattern = pattern
        self.label = label
        self.help = help
        self.footer = footer
        self.handler = handler
    }
}

/// Where a binding applies. At most one overlay or filter scope is active at a time; with
/// neither, the focused pane's scope comes first and `everywhere` after it, so a pane can
/// give a key of its own meaning (`l` opens a folder in Files).
enum KeyScope: Hashable, Sendable {
    /// Whatever else is open (an overlay, a filter, the too-small screen): keys about the
    /// terminal itself (Ctrl-L), taken first.
    case always
    case everywhere
    case pane(Pane)
    /// While a filter is typed in Files or History.
    case filter
    case overlay(OverlayKind)
    /// While the terminal is below the minimum size: only what that screen shows (no key may
    /// act on panes the user cannot see, such as removing a history entry).
    case tooSmall

    /// The scopes that take a key in `state`, first match wins.
    static func active(in state: AppState) -> [KeyScope] {
        [.always] + activeBelowAlways(in: state)
    }

    /// The scopes after `always`: the open overlay's, the filter's, or the pane's and `everywhere`.
    static func activeBelowAlways(in state: AppState) -> [KeyScope] {
        if state.screen.isTooSmall { return state.overlay?.kind == .confirmQuit ? [.overlay(.confirmQuit)] : [.tooSmall] }
        if let overlay = state.overlay { return [.overlay(overlay.kind)] }
        if state.isEditingFilter { return [.filter] }
        return [.pane(state.focus), .everywhere]
    }
}

/// Which keys a binding takes.
enum KeyPattern: Sendable, Equatable {
    /// Exactly these keys.
    case keys([Key])
    /// The digit keys in this range.
    case digits(ClosedRange<Int>)
    /// What a text field takes (`TextField.apply`): characters, a paste, Backspace, Delete, the
    /// caret's ← → Home End, and readline's Ctrl-A B D E F K U W.
    case typing
    /// Any key the scope's earlier bindings did not take (not a paste).
    case anyOther

    func matches(_ key: Key) -> Bool {
        switch self {
        case .keys(let keys):
            return keys.contains(key)
        case .digits(let range):
            guard case .character(let character) = key, let digit = character.wholeNumberValue,
                  character.isASCII else { return false }
            return range.contains(digit)
        case .typing:
            switch key {
            case .character, .paste, .backspace, .delete, .left, .right, .home, .end: return true
            case .control(let letter): return "abdefkuw".contains(letter)
            default: return false
            }
        case .anyOther:
            // A paste is no key pressed: outside a field it does nothing.
            if case .paste = key { return false }
            return true
        }
    }
}

/// How the footer shows a binding.
struct FooterHint: Sendable {
    var keys: String
    var text: String
    /// For a binding that applies everywhere: the panes whose footer shows it.
    var panes: Set<Pane> = []
    /// Kept at the end of the footer whatever else must go for lack of room (`?`, `q`).
    var pinned = false
    /// When the hint is shown; `nil` is always. For a key that only acts on some of what a
    /// pane shows (Details' `r` on a failed upload), so the footer offers what the key would do.
    var when: (@Sendable (AppState) -> Bool)? = nil
}
