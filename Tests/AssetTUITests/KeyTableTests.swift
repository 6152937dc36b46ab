import Testing
@testable import AssetTUI

/// The key table is the only way a key does anything, and everything in it is documented.
@Suite struct KeyTableTests {
    /// A state in which `scope` takes the keys.
    static func state(in scope: KeyScope) -> AppState {
        var state = Fixtures.sessionState(width: 120, height: 40)
        state.status = nil
        switch scope {
        case .always, .everywhere:
            break
        case .pane(let pane):
            state.focus = pane
        case .filter:
            state.focus = .files
            state.files.isEditingFilter = true
        case .overlay(.help):
            state.overlay = .help(scrollTop: 0)
        case .overlay(.imageTypePicker):
            state.overlay = .imageTypePicker(ImageTypePicker(
                path: Fixtures.directory + "/app-icon.png", fileName: "app-icon.png",
                choices: Fixtures.imageTypeChoices, highlighted: 0, warnings: [:]))
        case .overlay(.batchUpload):
            state.overlay = .batchUpload(BatchUpload(lines: [
                BatchUploading.line(path: Fixtures.directory + "/app-icon.png", preview: nil, choices: Fixtures.imageTypeChoices),
                BatchUploading.line(path: Fixtures.directory + "/README.md", preview: nil, choices: Fixtures.imageTypeChoices),
            ], choices: Fixtures.imageTypeChoices))
        case .overlay(.urlPrompt):
            state.overlay = .urlPrompt(TextField(text: "https://example.com/a.jar"))
        case .overlay(.copyMenu):
            state.overlay = .copyMenu(CopyMenu(options: [
                ClipboardText(label: "ID", text: "a"), ClipboardText(label: "self link", text: "b"),
            ]))
        case .overlay(.confirmQuit):
            state.overlay = .confirmQuit(over: nil)
        case .tooSmall:
            state.screen = ScreenSize(width: 40, height: 10)
        case .overlay(.confirmRemoval):
            state.overlay = .confirmRemoval(HistoryRemoval(entries: [Fixtures.failedEntry]))
        case .overlay(.signIn):
            state.overlay = .signIn(SignInForm(defaults: SignInDefaults(email: "me@example.com", server: Fixtures.serverURL)))
        case .overlay(.signInPlainText):
            var form = SignInForm(defaults: SignInDefaults(email: "me@example.com", server: Fixtures.serverURL))
            form.phase = .askingPlainText(reason: "no D-Bus", configFile: "/home/dev/.config/marketplace-assets/config.json")
            state.overlay = .signIn(form)
        }
        // Lets the queue and the preview requests settle, so that only a key changes things.
        _ = Update.update(&state, .resize(state.screen))
        return state
    }

    static let allScopes: [KeyScope] = [.always, .everywhere, .filter]
        + Pane.allCases.map { KeyScope.pane($0) } + OverlayKind.allCases.map { KeyScope.overlay($0) }

    /// Every key a terminal can send us, near enough: printable ASCII, a few other scripts,
    /// the named keys, Ctrl-letters and the function keys.
    static let everyKey: [Key] = (32...126).map { Key.character(Character(Unicode.Scalar($0)!)) }
        + ["ä", "é", "日", "🙂"].map { Key.character($0) }
        + [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .backspace, .delete, .tab, .backTab, .escape]
        + "abcdefghijklmnopqrstuvwxyz".map { Key.control($0) }
        + (1...12).map { Key.function($0) }

    @Test func everyBindingHasKeysAndHelp() {
        for binding in KeyTable.bindings {
            #expect(!binding.label.isEmpty && !binding.help.isEmpty, "a binding in \(binding.scope) has no help")
        }
    }

    @Test func everyScopeOfTheTableIsInTheHelp() {
        let titled = Set(KeyHelp.scopeTitles.map(\.0))
        for binding in KeyTable.bindings {
            #expect(titled.contains(binding.scope), "\(binding.label) is in a scope the help does not list")
        }
        let lines = KeyHelp.sections.flatMap(\.bindings)
        #expect(lines.count == KeyTable.bindings.count)
    }

    /// Each readline key a text field takes (`KeyPattern.typing`) is named in the help.
    @Test func theHelpNamesTheTextFieldsEditingKeys() {
        let named = KeyHelp.lines.compactMap { line -> String? in
            if case .legend(let binding) = line { binding.keys } else { nil }
        }.joined(separator: " ")
        for letter in "abdefkuw" {
            #expect(KeyPattern.typing.matches(.control(letter)))
            #expect(named.contains("Ctrl-\(letter.uppercased())") || named.contains(" \(letter.uppercased())"), "Ctrl-\(letter)")
        }
    }

    /// A help line with no handler: every key a binding names reaches that binding in some
    /// state where its scope is active (no earlier binding shadows it everywhere).
    @Test func everyBoundKeyReachesItsBinding() {
        for binding in KeyTable.bindings {
            guard case .keys(let keys) = binding.pattern else { continue }
            let scopes: [KeyScope] = binding.scope == .everywhere ? Pane.allCases.map { .pane($0) } : [binding.scope]
            for key in keys {
                let reached = scopes.contains { scope in
                    KeyRouter.binding(for: key, in: Self.state(in: scope))?.label == binding.label
                }
                #expect(reached, "\(key) of '\(binding.label)' (\(binding.scope)) never reaches it")
            }
        }
    }

    /// A handled key with no help: a key no binding takes changes nothing and asks for nothing,
    /// but for a hint on the status line when another pane takes it.
    @Test func aKeyNoBindingTakesDoesNothing() {
        for scope in Self.allScopes {
            let before = Self.state(in: scope)
            for key in Self.everyKey where KeyRouter.binding(for: key, in: before) == nil {
                var state = before
                let effects = Update.update(&state, .key(key))
                if state.status != before.status, KeyScope.activeBelowAlways(in: before) == [.pane(before.focus), .everywhere] {
                    #expect(state.status?.kind == .info && state.status?.text.contains("(press ") == true, "\(key) in \(scope)")
                    state.status = before.status
                }
                #expect(effects.isEmpty && state == before, "\(key) in \(scope) is handled but not in the key table")
            }
        }
    }

    @Test func aKeyOfAnotherPaneSaysWhereItWorks() {
        var state = Self.state(in: .pane(.history))
        state.type("s")
        #expect(state.status == .info("In Files (press 1), s: sort by name, size, modified"))
        state = Self.state(in: .pane(.files))
        state.type("x")
        #expect(state.status == .info("In Upload (press 2), x: cancel the selected upload"), "the key pressed, not Delete, which History takes for its removal")
        // Taken by two other panes: both named, neither chosen for it.
        state.press(.delete)
        #expect(state.status == .info("That key works in Upload (press 2) and History (press 4); ? lists the keys"))
        // An error on the status line stays.
        state.status = .error("app.jar: HTTP 500")
        state.type("x")
        #expect(state.status == .error("app.jar: HTTP 500"))
    }

    @Test func theFooterShowsOnlyBindingsOfTheActiveScope() {
        for scope in Self.allScopes {
            let state = Self.state(in: scope)
            let active = KeyScope.active(in: state)
            let footer = KeyHelp.footer(in: state)
            for hint in footer.hints + footer.pinned {
                let bound = KeyTable.bindings.contains {
                    active.contains($0.scope) && $0.footer?.keys == hint.keys && $0.footer?.text == hint.action
                }
                #expect(bound, "footer hint \(hint.keys) \(hint.action) in \(scope) has no binding there")
            }
        }
    }
}
