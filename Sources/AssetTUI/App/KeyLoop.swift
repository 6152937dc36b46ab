import AssetCore
import Foundation

/// The session: read a key or drain effect results, update, draw, until the user quits.
///
/// Runs on its own thread (see `TUIApp`), the only thread that touches the terminal, so
/// the key loop's short waits never hold a thread of Swift's cooperative pool, where the
/// effects run.
final class KeyLoop {
    private let terminal: Terminal
    private let inbox: ActionInbox
    private let runner: EffectRunner
    private let clipboard: Clipboard
    private var state: AppState
    /// Ticks once a second while uploads run, so that a stalled upload's rate decays.
    private var ticker = Ticker()
    /// Says when the date changes, for the panes' times of today.
    private var days = DayWatcher()
    /// At most this many waiting keys are handled before a frame is drawn.
    static let keysPerFrame = 65_536
    /// The signal that ended the session, if one did (Ctrl-C is a key that quits; see `Quitting`).
    var interruption: Int32? { state.endingSignal }

    init(terminal: Terminal, inbox: ActionInbox, runner: EffectRunner, clipboard: Clipboard, state: AppState) {
        self.terminal = terminal
        self.inbox = inbox
        self.runner = runner
        self.clipboard = clipboard
        self.state = state
    }

    /// Runs until the user quits or a signal arrives.
    func run() {
        perform(Update.start(&state))
        if let today = days.check(now: Date(), timeZone: state.timeZone) { perform(Update.update(&state, today)) }
        var needsDraw = true
        while !state.shouldQuit {
            if needsDraw {
                terminal.draw(Renderer.render(state))
                needsDraw = false
            }
            var actions: [Action] = []
            // Every key already waiting (a paste) is handled before the next frame is drawn.
            var event = terminal.readEvent(wakeUp: inbox.wakeUp)
            while let current = event {
                switch current {
                case .key(let key): actions.append(.key(key))
                case .resize(let size): actions.append(.resize(size))
                case .hangUp: actions.append(.interrupted(signal: SIGHUP))
                }
                event = actions.count < Self.keysPerFrame ? terminal.readPendingEvent() : nil
            }
            actions += inbox.drain()
            let now = Date()
            if let tick = ticker.tick(now: now, running: state.uploads.hasRunning) { actions.append(tick) }
            if let today = days.check(now: now, timeZone: state.timeZone) { actions.append(today) }
            for action in actions where !state.shouldQuit {
                perform(Update.update(&state, action))
                needsDraw = true
            }
        }
    }

    private func perform(_ effects: [Effect]) {
        for effect in effects {
            if case .copy(let text) = effect {
                terminal.writeOutsideCurses(clipboard.terminalSequence(for: text.text))
            }
            if effect == .repaint { terminal.forgetScreen() }
            runner.perform(effect)
        }
    }

    /// The current date, as an action when it is not the one the state has.
    struct DayWatcher {
        private var day: (year: Int, month: Int, day: Int)?

        mutating func check(now: Date, timeZone: TimeZone) -> Action? {
            let parts = CivilTime(date: now, timeZone: timeZone)
            let current = (year: parts.year, month: parts.month, day: parts.day)
            if let day, day == current { return nil }
            day = current
            return .today(now)
        }
    }

    /// Time for the upload rates, once a second while something is sent.
    struct Ticker {
        private var last: Date?

        mutating func tick(now: Date, running: Bool) -> Action? {
            guard running else {
                last = nil
                return nil
            }
            if let last, now.timeIntervalSince(last) < 1 { return nil }
            last = now
            return .tick(now)
        }
    }
}
