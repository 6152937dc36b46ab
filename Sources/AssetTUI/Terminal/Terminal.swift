import AssetCore
import AssetInspection
import AssetThumbnails
@preconcurrency import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one type that talks to ncursesw: opens the screen, draws canvases, reads keys, and
/// always gives the terminal back.
///
/// - Opens with `newterm` (not `initscr`, which exits the process on an unknown `TERM`), so
///   a missing or unknown terminal type is a clear error.
/// - Draws only the cells that changed since the last canvas.
/// - Uses the terminal's default colors (`use_default_colors`) and eight colors for text, none
///   with `NO_COLOR`; attributes (bold, reverse, underline) stay. Thumbnails use as many colors
///   as the terminal has (`thumbnailSupport`): 24-bit where terminfo has direct color (with
///   `COLORTERM=truecolor`, the `-direct` variant of `TERM` is used when one is installed),
///   else 256, 16 or 8. Color pairs are made on first use (`init_extended_pair`, so all 65,536
///   fit); when they run out, they are all forgotten and the screen is drawn again with new ones.
/// - Waits for a key with `poll(2)` and a short timeout, also ending the wait when a wake-up
///   descriptor becomes readable, so the caller can drain effect results between keys and
///   draw them at once; keys are then read with `wget_wch` without waiting.
final class Terminal {
    /// What reading the keyboard gave.
    enum Event: Equatable {
        case key(Key)
        case resize(ScreenSize)
        /// The terminal went away (its pty closed): the session ends, as on SIGHUP.
        case hangUp
    }

    /// How long `readEvent` waits for a key at most, in milliseconds.
    static let keyTimeoutMilliseconds: Int32 = 50

    /// Whether thumbnails can be drawn, and in how many colors; or why not.
    let thumbnailSupport: ThumbnailSupport

    private let screen: OpaquePointer
    private let useColor: Bool
    private let defaultColors: Bool
    /// How many colors ncurses reports (16,777,216 for a direct-color terminal).
    private let colorCount: Int32
    private var pairs: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1
    /// Set when a pair was wanted and none was left; the frame is then drawn again.
    private var pairsRanOut = false
    private var lastCanvas: Canvas?
    private var isOpen = true
    /// Readable when Ctrl-Z was pressed (`cnc_catch_suspend`); -1 when it could not be made.
    private var suspendDescriptor: Int32 = -1

    private struct PairKey: Hashable {
        var foreground: TerminalColor
        var background: TerminalColor
    }

    /// Opens the terminal on standard input and output.
    static func open(environment: [String: String]) throws(TUIError) -> Terminal {
        let declared = try TerminalPreflight.check(
            environment: environment, inputIsTerminal: isatty(STDIN_FILENO) == 1,
            outputIsTerminal: isatty(STDOUT_FILENO) == 1)
        let term = directColorVariant(of: declared, environment: environment) ?? declared
        setlocale(LC_ALL, "")
        if cnc_locale_is_utf8() == 0 {
            // Wide characters need a UTF-8 locale; C.UTF-8 exists on every glibc system.
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        // Before newterm: ncurses then leaves SIGTSTP alone. Found at its default, it takes it,
        // and ignores it during every screen update: a Ctrl-Z pressed during one was lost.
        let suspendDescriptor = cnc_catch_suspend()
        guard let screen = newterm(term, cnc_stdout(), cnc_stdin()) else {
            throw TerminalPreflight.unknownTerminal(term)
        }
        set_term(screen)
        guard cnc_can_address_cursor() != 0 else {
            endwin()
            delscreen(screen)
            throw TerminalPreflight.notFullScreen(term)
        }
        cnc_install_restore_handlers()
        cnc_set_curses_active(1)
        cbreak()
        noecho()
        nonl()
        intrflush(cnc_stdscr(), false)
        keypad(cnc_stdscr(), true)
        // Home and End as terminals send them whatever TERM's terminfo says: tmux sends
        // `ESC [1~` / `ESC [4~` under TERM=xterm-256color, whose entry names `ESC OH` / `ESC OF`,
        // and Home arrived as Esc, `[`, `1` (which jumped to Files) and `~`. PgUp, PgDn and
        // Shift-Tab likewise: TERM=vt100's entry names none of them.
        for (sequence, code) in [("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
                                 ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
                                 ("\u{1B}[5~", KEY_PPAGE), ("\u{1B}[6~", KEY_NPAGE), ("\u{1B}[Z", KEY_BTAB)] {
            define_key(sequence, code)
        }
        define_key(Self.pasteStartSequence, Self.pasteStart)
        define_key(Self.pasteEndSequence, Self.pasteEnd)
        wtimeout(cnc_stdscr(), 0)
        cnc_set_escdelay(25)
        curs_set(0)
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        var useColor = false
        var defaultColors = false
        var colorCount: Int32 = 0
        let support: ThumbnailSupport
        if noColor {
            support = .off(reason: "NO_COLOR is set")
        } else if !has_colors() {
            support = .off(reason: "this terminal (TERM=\(SafeText.oneLine(term, maxLength: 40))) has no colours")
        } else {
            start_color()
            useColor = true
            defaultColors = use_default_colors() == OK
            colorCount = cnc_colors()
            support = .on(depth(colors: colorCount))
        }
        let terminal = Terminal(screen: screen, useColor: useColor, defaultColors: defaultColors, colorCount: colorCount, support: support)
        cnc_bracketed_paste(1)
        terminal.suspendDescriptor = suspendDescriptor
        return terminal
    }

    /// The markers of a bracketed paste (`cnc_bracketed_paste`), which tell a paste from typing.
    private static let pasteStartSequence = "\u{1B}[200~", pasteEndSequence = "\u{1B}[201~"
    /// The key codes ncurses gives the paste markers: above its own (`KEY_MAX`).
    private static let pasteStart = KEY_MAX + 1, pasteEnd = KEY_MAX + 2
    /// The most of a paste kept: a field takes 16,384 characters.
    private static let maximumPaste = 65_536

    private init(screen: OpaquePointer, useColor: Bool, defaultColors: Bool, colorCount: Int32, support: ThumbnailSupport) {
        self.screen = screen
        self.useColor = useColor
        self.defaultColors = defaultColors
        self.colorCount = colorCount
        thumbnailSupport = support
    }

    /// Colors from 2^24 up mean direct color: color numbers are RGB values.
    private static let directColors: Int32 = 1 << 24

    /// How thumbnails are colored on a terminal with `colors` colors.
    static func depth(colors: Int32) -> ColorDepth {
        if colors >= directColors { return .trueColor }
        if colors >= 256 { return .palette256 }
        if colors >= 16 { return .palette16 }
        return .palette8
    }

    /// With `COLORTERM=truecolor` (or `24bit`) the terminal says it takes 24-bit colors, but
    /// ncurses can send them only with a direct-color terminfo entry: the `-direct` variant of
    /// `TERM` (`xterm-256color` → `xterm-direct`), when it is installed and `TERM` itself has
    /// fewer colors. Same keys and capabilities, colors as RGB.
    static func directColorVariant(of term: String, environment: [String: String]) -> String? {
        let declared = (environment["COLORTERM"] ?? "").lowercased()
        guard declared == "truecolor" || declared == "24bit", cnc_terminfo_colors(term) < directColors else { return nil }
        let base = term.hasSuffix("-256color") ? String(term.dropLast("-256color".count)) : term
        let candidate = base + "-direct"
        return cnc_terminfo_colors(candidate) >= directColors ? candidate : nil
    }

    /// The terminal's current size.
    var size: ScreenSize {
        ScreenSize(width: Int(getmaxx(cnc_stdscr())), height: Int(getmaxy(cnc_stdscr())))
    }

    // MARK: Keys

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
                // Ctrl-Z, on this thread, the only one that calls ncurses; after `fg`, all of
                // the screen again, at whatever size the terminal has now.
                cnc_suspend()
                forgetScreen()
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
            case let code: return Self.functionKey(code).map(Event.key)
            }
        }
        guard result == OK, let scalar = Unicode.Scalar(UInt32(character)) else { return nil }
        return scalar == "\u{1B}" ? readAfterEscape() : Key(scalar: scalar).map(Event.key)
    }

    /// Makes the next `draw` write every cell on a cleared screen (what a resize does).
    func forgetScreen() {
        lastCanvas = nil
        clearok(cnc_stdscr(), true)
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
        guard let next = nextScalar() else { return .key(.escape) }
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
            // A string (OSC, DCS, APC, PM), ended by BEL or ESC \.
            for _ in 0..<4096 {
                guard let scalar = nextScalar(), scalar != "\u{07}" else { break }
                if scalar == "\u{1B}" {
                    _ = nextScalar()
                    break
                }
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
                if poll(&descriptor, 1, 50) <= 0 { quietWaits += 1 }
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

    // MARK: Drawing

    /// Draws `canvas`, writing only the cells that differ from the last one drawn.
    func draw(_ canvas: Canvas) {
        drawCells(canvas)
        if pairsRanOut {
            // Every pair is taken (thumbnails of many images): start over with the pairs this
            // frame needs, redrawing all of it.
            pairsRanOut = false
            pairs.removeAll(keepingCapacity: true)
            nextPair = 1
            reset_color_pairs()
            lastCanvas = nil
            drawCells(canvas)
        }
        if let cursor = canvas.cursor, cursor.x >= 0, cursor.x < canvas.width, cursor.y >= 0, cursor.y < canvas.height {
            curs_set(1)
            wmove(cnc_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wrefresh(cnc_stdscr())
        lastCanvas = canvas
    }

    /// Puts the cells that changed since the last canvas into ncurses' screen.
    private func drawCells(_ canvas: Canvas) {
        let previous = lastCanvas.flatMap { $0.width == canvas.width && $0.height == canvas.height ? $0 : nil }
        if previous == nil { werase(cnc_stdscr()) }
        var scalars: [wchar_t] = []
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                let cell = canvas[x, y]
                if cell.isContinuation { continue }
                if let previous, previous[x, y] == cell, x + 1 >= canvas.width || previous[x + 1, y] == canvas[x + 1, y] {
                    continue
                }
                fillScalars(&scalars, for: cell.text)
                let (attributes, pair) = attributesAndPair(for: cell.style)
                scalars.withUnsafeBufferPointer { buffer in
                    _ = cnc_put_cell(Int32(y), Int32(x), buffer.baseAddress, attributes, pair)
                }
            }
        }
    }

    /// The base character and the zero-width characters after it (at most four, as a
    /// `cchar_t` holds), NUL-terminated. An empty or control text becomes a space.
    ///
    /// A cluster's wide characters after the first (the rest of a ZWJ emoji) do not fit a cell
    /// (a flag is drawn as its letters, see `DisplayWidth.flagLetters`), so the joiner and the
    /// emoji-presentation selector are left out too: sent alone, they made the terminal join
    /// the next cell's character to this one, and every cell after it on the row was drawn a
    /// column off.
    private func fillScalars(_ scalars: inout [wchar_t], for text: String) {
        scalars.removeAll(keepingCapacity: true)
        for scalar in text.unicodeScalars {
            if scalars.isEmpty {
                scalars.append(wchar_t(bitPattern: scalar.value))
            } else if scalars.count < 5, DisplayWidth.of(scalar) == 0, scalar != "\u{200D}", scalar != "\u{FE0F}" {
                scalars.append(wchar_t(bitPattern: scalar.value))
            }
        }
        if scalars.isEmpty || scalars[0] < 0x20 { scalars = [0x20] }
        scalars.append(0)
    }

    private func attributesAndPair(for style: CellStyle) -> (attr_t, Int32) {
        var attributes = cnc_a_normal()
        if style.bold { attributes |= cnc_a_bold() }
        if style.reverse { attributes |= cnc_a_reverse() }
        if style.underline { attributes |= cnc_a_underline() }
        if style.dim { attributes |= cnc_a_dim() }
        guard useColor, style.foreground != .terminalDefault || style.background != .terminalDefault else {
            return (attributes, 0)
        }
        return (attributes, pair(foreground: style.foreground, background: style.background))
    }

    /// The color pair for two colors, made on first use; pair 0 when pairs run out (and the
    /// frame is then drawn again with fresh pairs).
    private func pair(foreground: TerminalColor, background: TerminalColor) -> Int32 {
        let key = PairKey(foreground: foreground, background: background)
        if let existing = pairs[key] { return existing }
        guard nextPair < cnc_color_pairs() else {
            pairsRanOut = true
            return 0
        }
        let fg = colorNumber(foreground, fallback: COLOR_WHITE)
        let bg = colorNumber(background, fallback: COLOR_BLACK)
        guard init_extended_pair(nextPair, fg, bg) == OK else { return 0 }
        pairs[key] = nextPair
        nextPair += 1
        return nextPair - 1
    }

    /// ncurses' number for a color: -1 for the default (when the terminal has one), 0–7 for
    /// the basic colors, the palette index, or on a direct-color terminal the RGB value.
    private func colorNumber(_ color: TerminalColor, fallback: Int32) -> Int32 {
        switch color {
        case .terminalDefault:
            return defaultColors ? -1 : fallback
        case .palette(let index):
            if colorCount >= Self.directColors {
                let (red, green, blue) = TerminalPalette.rgb(of: index)
                return Self.direct(red: red, green: green, blue: blue)
            }
            return Int32(index) < colorCount ? Int32(index) : Int32(index % 8)
        case .rgb(let red, let green, let blue):
            if colorCount >= Self.directColors { return Self.direct(red: Int(red), green: Int(green), blue: Int(blue)) }
            guard case .palette(let index) = TerminalPalette.color(
                red: red, green: green, blue: blue, depth: Self.depth(colors: colorCount)) else { return fallback }
            return Int32(index)
        default:
            return Int32(TerminalColor.basic.firstIndex(of: color) ?? 0)
        }
    }

    /// A direct color's number: its RGB value, except that 0–7 name the basic colors in
    /// direct-color terminfo, so the darkest blues become 8.
    private static func direct(red: Int, green: Int, blue: Int) -> Int32 {
        max(8, Int32(red << 16 | green << 8 | blue))
    }

    // MARK: Outside ncurses

    /// Writes bytes straight to the terminal, after ncurses has flushed its own output
    /// (an OSC 52 clipboard sequence, which ncurses must not see or count as text).
    func writeOutsideCurses(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        wrefresh(cnc_stdscr())
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress! + offset, bytes.count - offset) }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
    }

    // MARK: Closing

    /// Restores the terminal. Safe to call more than once.
    func close() {
        guard isOpen else { return }
        isOpen = false
        cnc_bracketed_paste(0)
        curs_set(1)
        let leavesUIOnScreen = cnc_has_alternate_screen() == 0
        endwin()
        if leavesUIOnScreen { cnc_clear_after_endwin() }
        cnc_set_curses_active(0)
        if suspendDescriptor >= 0 { signal(SIGTSTP, SIG_DFL) }  // (one ignored from the start stays so)
        delscreen(screen)
    }

    deinit {
        close()
    }
}
