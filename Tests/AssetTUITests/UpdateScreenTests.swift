import Testing
@testable import AssetTUI

/// Panes, overlays and the screen: Tab, numbers, help, resize, too small, Escape.
@Suite struct UpdateScreenTests {
    @Test func tabAndShiftTabCycleThePanes() {
        var state = Fixtures.listedState()
        var order: [Pane] = []
        for _ in 0..<4 {
            state.press(.tab)
            order.append(state.focus)
        }
        #expect(order == [.upload, .details, .history, .files])
        state.press(.backTab)
        #expect(state.focus == .history)
        state.press(.backTab)
        #expect(state.focus == .details)
    }

    @Test func escInDetailsGoesBackToThePaneOfItsItem() {
        var state = Fixtures.sessionState()
        state.send(.historyLoaded([Fixtures.imageEntry]))
        state.type("4")
        state.press(.enter)
        #expect(state.focus == .details)
        state.status = .error("Refresh failed")
        state.press(.escape)
        #expect(state.focus == .details && state.status == nil, "an error goes first")
        state.press(.escape)
        #expect(state.focus == .history)
    }

    @Test func numbersJumpAndArrowsMoveBetweenColumns() {
        var state = Fixtures.listedState()
        state.type("3")
        #expect(state.focus == .details)
        state.type("h")
        #expect(state.focus == .files)
        state.type("4")
        state.press(.left)
        #expect(state.focus == .upload)
        state.press(.right)
        #expect(state.focus == .history)
        state.type("1")
        #expect(state.focus == .files)
    }

    @Test func theFocusedPaneIsMarked() {
        var state = Fixtures.sessionState()
        state.type("4")
        let canvas = Renderer.render(state)
        let historyTop = state.layout.history
        let titleCell = canvas[historyTop.x + 2, historyTop.y]
        #expect(titleCell.text == "H")
        #expect(titleCell.style == Theme.focusedTitle)
        let filesTitle = canvas[state.layout.files.x + 2, state.layout.files.y]
        #expect(filesTitle.style == Theme.title)
        // The selected History row is reversed; the Files selection is only underlined now.
        #expect(canvas[historyTop.x + 2, historyTop.y + 1].style == Theme.selectedRow)
        let filesRow = state.layout.files.y + 1 + state.files.cursor.selection
        #expect(canvas[state.layout.files.x + 3, filesRow].style == Theme.selectedRowUnfocused)
    }

    @Test func theFooterFollowsTheFocus() {
        var state = Fixtures.sessionState()
        #expect(Renderer.render(state).line(23).contains("u upload"))
        state.type("2")
        #expect(Renderer.render(state).line(23).contains("c clear"))
        state.type("3")
        #expect(Renderer.render(state).line(23).contains("copy…"))
        state.type("4")
        #expect(Renderer.render(state).line(23).contains("y copy ID"))
        for pane in Pane.allCases {
            state.focus = pane
            let footer = Renderer.render(state).line(23)
            #expect(footer.contains("? help") && footer.contains("q quit"))
        }
    }

    @Test func aFootersHintsAreTheKeysThatActOnWhatIsSelected() {
        var state = Fixtures.sessionState(width: 120)
        func footer() -> String { Renderer.render(state).line(23) }
        state.type("2")  // the finished upload
        #expect(footer().contains("y copy ID") && !footer().contains("x cancel") && !footer().contains("r retry"))
        state.type("j")  // the running one
        #expect(footer().contains("x cancel") && !footer().contains("y copy ID"))
        state.type("jj")  // the failed one
        #expect(footer().contains("r retry") && !footer().contains("x cancel"))
        state.press(.enter)  // its details
        #expect(state.focus == .details)
        #expect(footer().contains("r retry") && !footer().contains("R refresh") && !footer().contains("y copy ID"))
        state.type("4")
        // In History too: R for an artifact, y for an entry with an ID.
        for _ in state.history.visible {
            let entry = state.history.selectedEntry
            #expect(footer().contains("R refresh") == (entry?.kind == .artifact && entry?.id != nil), "\(entry?.name ?? "-")")
            #expect(footer().contains("y copy ID") == (entry?.id != nil), "\(entry?.name ?? "-")")
            state.type("j")
        }
        while state.history.selectedEntry?.kind != .artifact || state.history.selectedEntry?.id == nil { state.type("k") }
        state.press(.enter)
        #expect(footer().contains("R refresh") && footer().contains("y copy ID") && !footer().contains("r retry"))
        state.type("1")
        state.press(.enter)  // a file not uploaded yet: nothing to refresh, retry or copy
        #expect(state.focus == .details)
        #expect(!footer().contains("R refresh") && !footer().contains("copy"))
    }

    @Test func anErrorTooLongForItsLineTakesTheFootersRowUntilItGoes() {
        var state = Fixtures.listedState(width: 80, height: 24)
        state.status = .error("app-icon.png: Could not write the history file /home/dev/.local/state/marketplace-assets/history.json: its folder cannot be written (Permission denied). Make the folder writable.")
        var rows = Renderer.render(state).text.split(separator: "\n").suffix(2)
        #expect(rows.first?.contains("✗ app-icon.png: Could not write the history file") == true, "\(rows)")
        #expect(rows.last?.contains("Make the folder writable.") == true, "the advice at its end is kept: \(rows)")
        state.press(.escape)
        rows = Renderer.render(state).text.split(separator: "\n").suffix(2)
        #expect(rows.last?.contains("quit") == true, "the key hints are back: \(rows)")
    }

    @Test func helpListsEveryKeyAndScrolls() {
        var state = Fixtures.sessionState(width: 120, height: 40)
        state.type("?")
        var screen = ""
        for _ in 0..<HelpOverlayView.lineCount(screen: state.screen) {
            screen += Renderer.render(state).text
            state.press(.down)
        }
        for section in KeyHelp.sections {
            #expect(screen.contains(section.title))
            for binding in section.bindings {
                #expect(screen.contains(binding.keys), "help lacks \(binding.keys)")
            }
        }
        state.type("x")
        #expect(state.overlay == nil)

        var small = Fixtures.sessionState()
        small.type("?")
        small.type("jj")
        #expect(small.overlay == .help(scrollTop: 2))
        small.type("G")
        guard case .help(let top, _)? = small.overlay else {
            Issue.record("help closed")
            return
        }
        #expect(top == HelpOverlayView.lineCount(screen: small.screen) - HelpOverlayView.visibleLines(screen: small.screen))
        #expect(Renderer.render(small).text.contains("any other key"))
        small.press(.escape)
        #expect(small.overlay == nil)
    }

    @Test func resizeRelayoutsAndTooSmallSaysSo() {
        var state = Fixtures.sessionState()
        state.send(.resize(ScreenSize(width: 59, height: 30)))
        var screen = Renderer.render(state).text
        #expect(screen.contains("Terminal too small: 59×30"))
        #expect(!screen.contains("Files"))
        state.send(.resize(ScreenSize(width: 60, height: 16)))
        screen = Renderer.render(state).text
        #expect(screen.contains("Files") && screen.contains("Upload") && screen.contains("Details") && screen.contains("History"))
        state.send(.resize(ScreenSize(width: 200, height: 60)))
        #expect(Renderer.render(state).line(0).contains("local emulator \(Fixtures.serverURL) · demo history"))
        // While too small, no key acts on the panes no one can see (d once removed a history
        // entry there), nor opens what cannot be drawn; q still quits, and asks.
        state.send(.resize(ScreenSize(width: 20, height: 5)))
        #expect(Renderer.render(state).text.contains("q quits"), "how to quit shows at any size")
        for size in [ScreenSize(width: 10, height: 2), ScreenSize(width: 20, height: 1)] {
            var tiny = state
            tiny.send(.resize(size))
            #expect(Renderer.render(tiny).text.contains("q quits"), "\(size)")
        }
        let before = state
        for key in ["4", "j", "d", "y", "?", "f", "u", "/", "L"] {
            #expect(state.send(.key(.character(Character(key)))).isEmpty, "\(key)")
        }
        #expect(state.focus == before.focus && state.overlay == nil && state.history.cursor == before.history.cursor)
        state.type("q")
        #expect(state.overlay == .confirmQuit(over: nil))
        #expect(Renderer.render(state).text.contains("y / n"))
        // Asked over a dialog (a URL half typed), staying brings the dialog back as it was.
        state.send(.key(.character("n")))
        let dialog = Overlay.urlPrompt(TextField(text: "https://example.com/app-1.2"))
        state.overlay = dialog
        state.type("q")
        #expect(state.overlay == .confirmQuit(over: dialog))
        state.press(.escape)
        #expect(state.overlay == dialog)
    }

    @Test func aResizeStormNeverLeavesASelectionOutOfView() {
        var state = Fixtures.sessionState()
        state.type("G")
        for step in 0..<200 {
            let size = ScreenSize(width: 20 + (step * 37) % 180, height: 5 + (step * 13) % 60)
            state.send(.resize(size))
            let rows = state.layout.visibleRows(of: .files)
            #expect(state.files.cursor.selection >= state.files.cursor.scrollTop)
            #expect(state.files.cursor.selection < state.files.cursor.scrollTop + rows)
            let canvas = Renderer.render(state)
            #expect(canvas.width == size.width && canvas.height == size.height)
        }
    }

    @Test func escapeClearsTheStatus() {
        var state = Fixtures.sessionState()
        #expect(state.status != nil)
        state.press(.escape)
        #expect(state.status == nil)
    }

    @Test func detailsScrollWithinTheirContent() {
        var state = Fixtures.sessionState()
        state.type("4")
        state.type("3")
        for _ in 0..<10 { state.press(.pageDown) }
        let total = DetailsContent.lines(for: state, width: state.layout.details.inner.width).count
        #expect(state.details.scrollTop == total - state.layout.details.inner.height)
        state.type("g")
        #expect(state.details.scrollTop == 0)
        state.type("k")
        #expect(state.details.scrollTop == 0)
        state.type("jj")
        #expect(state.details.scrollTop == 2)
        // A new selection starts its details from the top.
        state.type("4j")
        #expect(state.details.scrollTop == 0)
    }

    @Test func keysFromTheTerminalMapToKeys() {
        #expect(Key(scalar: "a") == .character("a"))
        #expect(Key(scalar: "ä") == .character("ä"))
        #expect(Key(scalar: "\t") == .tab)
        #expect(Key(scalar: "\r") == .enter)
        #expect(Key(scalar: "\u{7F}") == .backspace)
        #expect(Key(scalar: "\u{1B}") == .escape)
        #expect(Key(scalar: "\u{15}") == .control("u"))
        #expect(Key(scalar: "\u{0}") == nil)
        #expect(Key(scalar: "\u{9B}") == nil)
    }

    @Test func terminalPreflightErrors() {
        #expect(throws: TUIError.self) {
            try TerminalPreflight.check(environment: ["TERM": "xterm"], inputIsTerminal: false, outputIsTerminal: true)
        }
        do {
            _ = try TerminalPreflight.check(environment: [:], inputIsTerminal: true, outputIsTerminal: true)
            Issue.record("TERM unset was accepted")
        } catch {
            #expect(error.message == "TERM is not set: set it to your terminal's type (for example TERM=xterm-256color)")
        }
        do {
            _ = try TerminalPreflight.check(environment: ["TERM": "xterm"], inputIsTerminal: true, outputIsTerminal: false)
            Issue.record("output not a terminal was accepted")
        } catch {
            #expect(error.message.hasPrefix("Standard output is not a terminal"))
        }
        #expect((try? TerminalPreflight.check(environment: ["TERM": "xterm"], inputIsTerminal: true, outputIsTerminal: true)) == "xterm")
        #expect(TerminalPreflight.unknownTerminal("bogus\u{1B}[2J").message.contains("bogus\u{FFFD}[2J"))
        #expect(TUIError.interrupted(signal: 2).exitCode == 130)
    }
}
