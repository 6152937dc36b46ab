@preconcurrency import CNcursesw
import Glibc

/// Reading keys: ncurses' wide characters, escape sequences it does not know, bracketed
/// pastes, Ctrl-Z and a hung-up terminal, as `Event`s.
extension Terminal {
    /// The most of a paste kept: a field takes 16,384 characters.
    private static let maximumPaste = 65_536

    /// Waits up to `keyTimeoutMilliseconds` for a key; `nil` when none came, or when
    /// `wakeUp` signalled first (it is cleared then).
    func readEvent(wakeUp: WakeUpPipe?) -> Event? {
        // Keys ncurses already holds (the rest of a paste, say) come without a wait.
        if let event = readKey() { return event }
        var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: suspendDescriptor, events: Int16(POLLIN), revents: 0)]
        if let wakeUp { descriptors.append(pollfd(fd: wakeUp.readDescriptor, events: Int16(POLLIN), revents: 0)) }
        // A signal (SIGWINCH: ncurses then reports KEY_RESIZE) ends the wait with EINTR.
        if poll(&descriptors, nfds_t(descriptors.count), Self.keyTimeoutMilliseconds) > 0 {
            if descriptors[1].revents != 0 {
                // Ctrl-Z, on this thread, the only one that calls ncurses.
                suspend()
                return .resize(size)
            }
            if descriptors.count > 2, descriptors[2].revents != 0 { wakeUp?.clear() }
            // A closed terminal polls as ready for ever: without this the loop would spin.
            if descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .hangUp }
        }
        return readKey()
    }

    /// The next key or resize already waiting, without waiting for more (the rest of a paste).
    func readPendingEvent() -> Event? { readKey() }

    /// The next key or resize ncurses can give without waiting for the keyboard (it still
    /// waits `ESCDELAY` for the rest of an escape sequence); `nil` when there is none.
    private func readKey() -> Event? {
        var character: wint_t = 0
        let result = wget_wch(cnc_stdscr(), &character)
        if result == KEY_CODE_YES {
            switch Int32(character) {
            case KEY_RESIZE:
                forgetScreen()
                return .resize(size)
            case Self.pasteStart: return .key(.paste(readPaste()))
            case Self.pasteEnd: return readKey()
            case KEY_MOUSE:
                // A mouse report (left on by an earlier program: this one asks for none), of
                // which terminfo's `kmous` names only the start.
                skipMouseReport()
                return readKey()
            // A key this TUI has no use for (F13, a keypad key) is passed over, not taken for
            // the end of what is waiting: the keys typed after it are read now, not at the next poll.
            case let code: return Self.functionKey(code).map(Event.key) ?? readKey()
            }
        }
        guard result == OK, let scalar = Unicode.Scalar(UInt32(character)) else { return nil }
        return scalar == "\u{1B}" ? readAfterEscape() : Key(scalar: scalar).map(Event.key)
    }


    /// `nextScalar()`, waiting up to `milliseconds` for the terminal to send one.
    private func nextScalar(waiting milliseconds: Int32) -> Unicode.Scalar? {
        if let scalar = nextScalar() { return scalar }
        guard milliseconds > 0 else { return nil }
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return nil }
        return nextScalar()
    }

    /// The next character ncurses holds or the terminal has sent, without waiting; `nil` when
    /// there is none, or when the next is a key code (put back for `readKey`).
    private func nextScalar() -> Unicode.Scalar? {
        var character: wint_t = 0
        switch wget_wch(cnc_stdscr(), &character) {
        case OK: return Unicode.Scalar(UInt32(character))
        case KEY_CODE_YES:
            ungetch(Int32(character))
            return nil
        default: return nil
        }
    }

    /// After an Esc that began no sequence ncurses knows: the rest of a sequence the terminal
    /// sent but its terminfo entry does not name (a mouse report, a function key, a reply to a
    /// query, a key of kitty's protocol) is dropped whole, and so is Alt with a key (Esc and
    /// the key at once), as lazygit and yazi drop them: each of their characters is bound to
    /// something. An Esc alone is the Esc key.
    private func readAfterEscape() -> Event? {
        // While the background's answer may come, its `]` is waited for a little (a slow link
        // splits it after the Esc): an Esc key is that much slower only then.
        let awaiting = isAwaitingBackground
        guard let next = awaiting ? nextScalar(waiting: 200) : nextScalar() else { return .key(.escape) }
        switch next {
        case "\u{1B}":
            unget_wch(wchar_t(0x1B))
            return .key(.escape)
        case "[":
            // Parameters and intermediates (0x20–0x3F), then a final byte (0x40–0x7E); an X10
            // mouse report (`ESC [M` and three bytes) has its bytes after the final one.
            var scalar = nextScalar()
            if scalar == "M" { for _ in 0..<3 { _ = nextScalar() } }
            var length = 0
            while let current = scalar, (0x20...0x3F).contains(current.value), length < 64 {
                scalar = nextScalar()
                length += 1
            }
        case "O":
            _ = nextScalar()
        case "]", "P", "_", "^":
            // A string (OSC, DCS, APC, PM), ended by BEL or ESC \. The terminal's answer to the
            // background question (`TerminalBackground`) sets the colors, and draws again; while
            // it may come, an OSC's rest is waited for, so that one in pieces is not taken for keys
            // (otherwise not: an Alt-] typed is not to swallow the keys after it).
            let wait: Int32 = awaiting && next == "]" ? 300 : 0
            var text = String.UnicodeScalarView()
            for _ in 0..<4096 {
                guard let scalar = nextScalar(waiting: wait), scalar != "\u{07}" else { break }
                if scalar == "\u{1B}" {
                    _ = nextScalar(waiting: wait)
                    break
                }
                text.append(scalar)
            }
            if next == "]", let told = TerminalBackground.fromOSC11Answer(String(text)) {
                awaitingBackgroundUntil = nil
                if told != background {
                    background = told
                    forgetScreen()
                }
                return .resize(size)
            }
        default:
            break  // Alt and a key.
        }
        return readKey()
    }

    /// The rest of a mouse report after its start: SGR's `0;10;5M` (or `m`), or X10's three bytes.
    private func skipMouseReport() {
        guard cnc_mouse_reports_are_sgr() != 0 else {
            for _ in 0..<3 { _ = nextScalar() }
            return
        }
        for _ in 0..<32 {
            guard let scalar = nextScalar(), ("0"..."9").contains(scalar) || scalar == ";" else { return }
        }
    }

    /// The text of a bracketed paste, up to its end marker (or until the terminal sends no
    /// more for a while); the rest of a paste longer than `maximumPaste` is read and dropped.
    private func readPaste() -> String {
        var text = String.UnicodeScalarView()
        var kept = 0  // (the view's `count` walks it)
        var quietWaits = 0
        var resized = false
        // A resize during the paste is handled after it.
        defer { if resized { ungetch(KEY_RESIZE) } }
        while quietWaits < 4 {
            var character: wint_t = 0
            switch wget_wch(cnc_stdscr(), &character) {
            case KEY_CODE_YES:
                if Int32(character) == KEY_RESIZE { resized = true }
                if Int32(character) == Self.pasteEnd { return String(text) }
            case OK:
                quietWaits = 0
                if kept < Self.maximumPaste, let scalar = Unicode.Scalar(UInt32(character)) {
                    text.append(scalar)
                    kept += 1
                }
            default:
                // Nothing yet: a large paste comes in pieces.
                var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
                let ready = poll(&descriptor, 1, 50)
                // A terminal closed mid-paste polls as ready for ever: the key loop then hangs up.
                if ready > 0, descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return String(text) }
                if ready <= 0 { quietWaits += 1 }
            }
        }
        return String(text)
    }

    /// The key for an ncurses function-key code.
    private static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        default:
            for number in 1...12 where code == cnc_key_f(Int32(number)) { return .function(number) }
            return nil
        }
    }
}
