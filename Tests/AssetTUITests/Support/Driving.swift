@testable import AssetTUI

/// Driving `update` with keys, as a user would type them.
extension AppState {
    /// Sends each character of `text` as a key and returns all the effects.
    @discardableResult
    mutating func type(_ text: String) -> [Effect] {
        text.flatMap { press(.character($0)) }
    }

    /// Sends keys and returns all the effects.
    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] {
        keys.flatMap { Update.update(&self, .key($0)) }
    }

    /// Sends an action and returns its effects.
    @discardableResult
    mutating func send(_ action: Action) -> [Effect] {
        Update.update(&self, action)
    }

    /// The names shown in the Files pane, in order.
    var visibleFileNames: [String] {
        files.visible.map { files.entries[$0].name }
    }
}

extension Effect {
    /// Whether it reads a file's preview (the thumbnail is asked for beside it).
    var isInspection: Bool {
        if case .inspect = self { return true }
        return false
    }
}
