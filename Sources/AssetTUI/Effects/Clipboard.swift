import AssetCore
import Foundation
import Glibc

/// Copying text: OSC 52 through the terminal (always) and the first clipboard tool that takes
/// it (when one is present; inside tmux, tmux's own `load-buffer -w` first).
///
/// Environment:
/// - `TMUX` set: the OSC 52 sequence is also sent wrapped for tmux (see `OSC52`).
/// - `MARKETPLACE_ASSETS_CLIPBOARD_LOG=<path>`: every copied text is also appended to that
///   file, followed by a newline, so end-to-end tests can check what was copied.
final class Clipboard: Sendable {
    static let logVariable = "MARKETPLACE_ASSETS_CLIPBOARD_LOG"

    let tools: [ClipboardTool]
    let timeout: Duration
    let insideTmux: Bool
    let logPath: String?

    init(tools: [ClipboardTool], timeout: Duration = .seconds(2), insideTmux: Bool, logPath: String?) {
        self.tools = tools
        self.timeout = timeout
        self.insideTmux = insideTmux
        self.logPath = logPath
    }

    convenience init(environment: [String: String]) {
        let log = environment[Self.logVariable].flatMap { $0.isEmpty ? nil : $0 }
        self.init(
            tools: ClipboardTool.available(environment: environment),
            insideTmux: !(environment["TMUX"] ?? "").isEmpty, logPath: log)
    }

    /// The bytes the terminal writes (outside ncurses' buffer) to copy `text` with OSC 52.
    func terminalSequence(for text: String) -> [UInt8] {
        OSC52.bytesToWrite(for: text, insideTmux: insideTmux)
    }

    /// Gives `text` to the first tool that takes it and logs it; reports which tool took it
    /// and which failed. Never waits longer than `timeout` per tool: a tool that hangs is stopped.
    func copyWithTools(_ text: String) async -> CopyReport {
        appendToLog(text)
        let input = Array(text.utf8)
        var report = CopyReport(
            sentToTerminal: !terminalSequence(for: text).isEmpty, insideTmux: insideTmux)
        for tool in tools {
            if await Self.run(tool, input: input, timeout: timeout) {
                report.copiedBy = tool.name
                break
            }
            report.failed.append(tool.name)
        }
        return report
    }

    private func appendToLog(_ text: String) {
        guard let logPath else { return }
        let descriptor = open(logPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// Runs `tool` with `input` on its standard input; `true` when it took all of it and exited 0.
    /// A tool still running at the deadline, or when the task is cancelled, is terminated.
    static func run(_ tool: ClipboardTool, input: [UInt8], timeout: Duration) async -> Bool {
        signal(SIGPIPE, SIG_IGN)  // A tool that exits early must not kill us through the pipe.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool.executable)
        process.arguments = tool.arguments
        // A clipboard tool stays running to serve the selection: it gets no token to keep.
        process.environment = HelperProcess.helperEnvironment(ProcessInfo.processInfo.environment)
        let pipe = Pipe()
        process.standardInput = pipe
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return false
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        let descriptor = pipe.fileHandleForWriting.fileDescriptor
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        var offset = 0
        while offset < input.count {
            let written = input.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, input.count - offset) }
            if written > 0 {
                offset += written
            } else if written < 0 && (errno == EAGAIN || errno == EINTR), clock.now < deadline, !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(10))
            } else {
                break
            }
        }
        try? pipe.fileHandleForWriting.close()
        while process.isRunning {
            guard clock.now < deadline, !Task.isCancelled else {
                // SIGKILL: the tool starts with the signals this process ignores (SIGTERM
                // among them in the TUI) ignored too, and in a process group of its own.
                kill(process.processIdentifier, SIGKILL)
                return false
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return offset == input.count && process.terminationReason == .exit && process.terminationStatus == 0
    }
}
