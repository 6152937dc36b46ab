import AssetCore
import AssetInspection
import AssetThumbnails
@preconcurrency import CNcursesw
import Glibc

/// The one type that talks to ncursesw: opens the screen, draws canvases, reads keys, and
/// always gives the terminal back.
///
/// - Opens with `newterm` (not `initscr`, which exits the process on an unknown `TERM`), so
///   a missing or unknown terminal type is a clear error.
/// - Draws only the cells that changed since the last canvas.
/// - Uses the terminal's default colors (`use_default_colors`) and eight colors for text, none
///   with `NO_COLOR`; attributes (bold, reverse, underline) stay. On a light background
///   (`TerminalBackground`) yellow, green and cyan text take darker shades. Thumbnails use as
///   many colors as the terminal has (`thumbnailSupport`): 24-bit where terminfo has direct color (with
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
    /// Light or dark: the text colors are made readable on it (`TerminalBackground.readable`);
    /// set when the terminal answers the question `open` asked.
    var background = TerminalBackground.dark
    /// Until when the answer to the background question is waited for, if it was asked and has
    /// not come: meanwhile an answer that arrives in pieces is waited for (`readAfterEscape`),
    /// and quitting lets one still on its way arrive (`close`), rather than leave it to be typed.
    var awaitingBackgroundUntil: ContinuousClock.Instant?
    /// Whether the background question was asked, and its answer may still come.
    var isAwaitingBackground: Bool { awaitingBackgroundUntil.map { ContinuousClock.now < $0 } ?? false }
    private var pairs: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1
    /// Set when a pair was wanted and none was left; the frame is then drawn again.
    private var pairsRanOut = false
    /// Set while a frame is drawn again with fresh pairs: one that still runs out of them then
    /// takes the `nearest` (before, it is drawn again anyway, and pair 0 costs no search).
    private var redrawingWithFreshPairs = false
    private var lastCanvas: Canvas?
    private var isOpen = true
    /// Readable when Ctrl-Z was pressed (`cnc_catch_suspend`); -1 when it could not be made.
    private(set) var suspendDescriptor: Int32 = -1

    struct PairKey: Hashable {
        var foreground: TerminalColor
        var background: TerminalColor
    }

    /// Opens the terminal on standard input and output.
    static func open(environment: [String: String]) throws(TUIError) -> Terminal {
        let declared = try TerminalPreflight.check(
            environment: environment, inputIsTerminal: isatty(STDIN_FILENO) == 1,
            outputIsTerminal: isatty(STDOUT_FILENO) == 1)
        let term = directColorVariant(of: declared, environment: environment) ?? declared
        // The character type only, which ncurses needs: with LC_ALL, a German locale's LC_NUMERIC
        // made `String(format:)` write sizes as "7,6 kB" (the command line writes "7.6 kB").
        setlocale(LC_CTYPE, "")
        if cnc_locale_is_utf8() == 0 {
            // Wide characters need a UTF-8 locale; C.UTF-8 exists on every glibc system.
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        // Before newterm: ncurses then leaves SIGTSTP alone. Found at its default, it takes it,
        // and ignores it during every screen update: a Ctrl-Z pressed during one was lost.
        let suspendDescriptor = cnc_catch_suspend()
        // The window's size from the kernel alone: COLUMNS and LINES exported (for a script's width)
        // were taken by ncurses as the screen's, and kept through resizes (`use_tioctl` kept COLUMNS too).
        unsetenv("COLUMNS")
        unsetenv("LINES")
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
        cnc_disable_flow_control()
        intrflush(cnc_stdscr(), false)
        keypad(cnc_stdscr(), true)
        // Home and End as terminals send them whatever TERM's terminfo says: tmux sends
        // `ESC [1~` / `ESC [4~` under TERM=xterm-256color, whose entry names `ESC OH` / `ESC OF`,
        // and Home arrived as Esc, `[`, `1` (which jumped to Files) and `~`. PgUp, PgDn and
        // Shift-Tab likewise: TERM=vt100's entry names none of them.
        for (sequence, code) in [("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
                                 ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
                                 ("\u{1B}[5~", KEY_PPAGE), ("\u{1B}[6~", KEY_NPAGE), ("\u{1B}[Z", KEY_BTAB),
                                 // Arrows in the cursor mode a terminal that ignores keypad mode stays in.
                                 ("\u{1B}[A", KEY_UP), ("\u{1B}[B", KEY_DOWN), ("\u{1B}[C", KEY_RIGHT), ("\u{1B}[D", KEY_LEFT)] {
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
        if useColor {
            if let told = environment["COLORFGBG"].flatMap(TerminalBackground.fromCOLORFGBG) {
                terminal.background = told
            } else {
                terminal.writeOutsideCurses(Array(TerminalBackground.question.utf8))  // (answered as keys: `readAfterEscape`)
                terminal.awaitingBackgroundUntil = .now + TerminalBackground.answerWindow
            }
        }
        cnc_bracketed_paste(1)
        terminal.suspendDescriptor = suspendDescriptor
        return terminal
    }

    /// The markers of a bracketed paste (`cnc_bracketed_paste`), which tell a paste from typing.
    private static let pasteStartSequence = "\u{1B}[200~", pasteEndSequence = "\u{1B}[201~"
    /// The key codes ncurses gives the paste markers: above its own (`KEY_MAX`).
    static let pasteStart = KEY_MAX + 1, pasteEnd = KEY_MAX + 2

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

    /// Gives the terminal back and stops the process (Ctrl-Z); after `fg`, all of the screen
    /// again, at whatever size the terminal has now. Called here, in this file alone:
    /// `cnc_suspend`'s pipe is a `static` of the C header, one copy per Swift file that calls
    /// into it, and this file's is the one `cnc_catch_suspend` opened (a call from another file
    /// found none to drain, and the TUI stopped again at every `fg`: tui.sh's suspend checks).
    func suspend() {
        cnc_suspend()
        forgetScreen()
    }

    /// Makes the next `draw` write every cell on a cleared screen (what a resize does).
    func forgetScreen() {
        lastCanvas = nil
        clearok(cnc_stdscr(), true)
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
            redrawingWithFreshPairs = true
            drawCells(canvas)
            redrawingWithFreshPairs = false
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
        let style = useColor ? background.readable(style, colorCount: colorCount) : style
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

    /// The color pair for two colors, made on first use; when pairs run out, pair 0 and the frame
    /// is drawn again with fresh pairs, where one that still runs out takes the `nearest` there is.
    private func pair(foreground: TerminalColor, background: TerminalColor) -> Int32 {
        let key = PairKey(foreground: foreground, background: background)
        if let existing = pairs[key] { return existing }
        guard nextPair < cnc_color_pairs() else {
            pairsRanOut = true
            // (A search of up to 32,767 pairs for each cell of a frame about to be drawn again was waste.)
            return redrawingWithFreshPairs ? Self.nearest(key, among: pairs) : 0
        }
        let fg = colorNumber(foreground, fallback: COLOR_WHITE)
        let bg = colorNumber(background, fallback: COLOR_BLACK)
        guard init_extended_pair(nextPair, fg, bg) == OK else { return 0 }
        pairs[key] = nextPair
        nextPair += 1
        return nextPair - 1
    }

    /// A pair made already for a cell whose own cannot be made: the first made of its background,
    /// else of its foreground, else pair 0 (the terminal's colors); one of a single color only for
    /// a cell of one. A thumbnail of many colors on an 8- or 16-color terminal (`pairs#64`) needs
    /// more pairs in one frame than there are, and a fresh start cannot help: its cells keep half
    /// their color rather than none.
    static func nearest(_ key: PairKey, among pairs: [PairKey: Int32]) -> Int32 {
        func first(_ matches: (PairKey) -> Bool) -> Int32? {
            pairs.filter { matches($0.key) && ($0.key.foreground != $0.key.background || key.foreground == key.background) }.values.min()
        }
        return first { $0.background == key.background } ?? first { $0.foreground == key.foreground } ?? 0
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
        _ = bytes.withUnsafeBytes { AllBytes.write($0, to: STDOUT_FILENO) }
    }

    // MARK: Closing

    /// Restores the terminal. Safe to call more than once.
    func close() {
        guard isOpen else { return }
        isOpen = false
        // An answer still on its way would be typed into the shell (`11;rgb:…`): asked for the device
        // attributes (DA1, which every terminal answers, after what it answers before), it has come
        // once their answer has, and is dropped with it.
        if isAwaitingBackground {
            writeOutsideCurses(Array("\u{1B}[c".utf8))
            var answer: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 256)
            let deadline = ContinuousClock.now + .milliseconds(500)
            while !String(decoding: answer, as: UTF8.self).contains(/\x1B\[\?[0-9;]*c/), ContinuousClock.now < deadline {
                var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
                guard poll(&descriptor, 1, 50) >= 0 else { break }
                let count = descriptor.revents & Int16(POLLIN) != 0 ? read(STDIN_FILENO, &buffer, buffer.count) : 0
                if count > 0 { answer += buffer[..<count] }
            }
            tcflush(STDIN_FILENO, TCIFLUSH)
        }
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
