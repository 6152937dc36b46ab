import AssetInspection
import Foundation
import Glibc
import MarketplaceAPI

/// Runs a small helper program (such as `secret-tool`) and collects what it says.
///
/// A secret goes to the helper only on its standard input, never in its arguments, where
/// `ps` and `/proc/<pid>/cmdline` would show it to every user of the machine. The input is
/// written into the pipe before the helper starts, so a helper that exits without reading it
/// cannot kill us with SIGPIPE; it must therefore fit in the pipe's buffer.
package struct HelperProcess {
    struct Outcome {
        /// The exit status, or `nil` when the helper was stopped at the deadline.
        var status: Int32?
        var output: [UInt8]
        var errorOutput: String

        /// The first line the helper wrote to stderr, without control characters.
        var errorLine: String {
            let line = errorOutput.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            return line.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(String.init).joined()
        }
    }

    /// The largest input passed (a pipe holds at least 4 KiB on every system we run on).
    static let maximumInput = 4096

    /// The environment a helper gets: ours, without the variable that may hold the token.
    package static func helperEnvironment(_ environment: [String: String]) -> [String: String] {
        var environment = environment
        environment.removeValue(forKey: "MARKETPLACE_API_TOKEN")
        return environment
    }

    /// The path of `name` on `PATH`, or `nil`. A folder that is not absolute (`.`, or the
    /// empty one, which means `.`) is passed over: a helper is never run from the folder the
    /// user happens to be in.
    package static func find(_ name: String, environment: [String: String]) -> String? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where folder.hasPrefix("/") {
            let candidate = "\(folder)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Runs `executable` with `arguments`, giving it `input` on stdin, and waits up to
    /// `timeout` for it to exit; a helper still running then is terminated, and so is one
    /// whose task is cancelled meanwhile (Ctrl-C during a command), which throws at once.
    /// `longWait` is called once if the helper is still running after 3 s.
    static func run(
        _ executable: String, _ arguments: [String], input: [UInt8] = [], environment: [String: String], timeout: Duration,
        longWait: (() -> Void)? = nil
    ) throws(KeyringError) -> Outcome {
        guard input.count <= maximumInput else { throw KeyringError("the secret is too long for the keyring helper (over 4 KiB)", kind: .failed) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = helperEnvironment(environment)
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        _ = input.withUnsafeBytes { AllBytes.write($0, to: stdin.fileHandleForWriting.fileDescriptor) }
        try? stdin.fileHandleForWriting.close()
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw KeyringError("could not start \(executable): \(FileErrorReason.describe(error))")
        }
        let deadline = ContinuousClock.now + timeout
        var longWaitAt: ContinuousClock.Instant? = longWait == nil ? nil : .now + .seconds(3)
        // Read as the helper writes: one that fills a pipe (`search --all` of many items prints
        // every secret) would otherwise wait for us until the deadline.
        var pipes = [Collected(stdout.fileHandleForReading.fileDescriptor), Collected(stderr.fileHandleForReading.fileDescriptor)]
        // In slices, so that a cancelled task (a signal, SignalCancellation) stops the wait.
        while true {
            var open = pipes.indices.filter { !pipes[$0].ended }.map { pollfd(fd: pipes[$0].descriptor, events: Int16(POLLIN), revents: 0) }
            if !open.isEmpty { _ = poll(&open, nfds_t(open.count), 100) }
            let hasExited = exited.wait(timeout: .now() + (open.isEmpty ? 0.1 : 0)) == .success
            for index in pipes.indices { pipes[index].read() }
            if hasExited { break }
            if let at = longWaitAt, ContinuousClock.now >= at {
                longWaitAt = nil
                longWait?()
            }
            let cancelled = Task.isCancelled
            guard cancelled || ContinuousClock.now >= deadline else { continue }
            // SIGKILL: the helper starts with the signals this process ignores (a command's
            // SIGINT, SIGTERM and SIGHUP while it runs, `SignalCancellation`) ignored too.
            kill(process.processIdentifier, SIGKILL)
            _ = exited.wait(timeout: .now() + 2)
            if cancelled { throw KeyringError("interrupted", kind: .interrupted) }
            return Outcome(status: nil, output: [], errorOutput: "")
        }
        return Outcome(status: process.terminationStatus, output: pipes[0].bytes, errorOutput: String(decoding: pipes[1].bytes, as: UTF8.self))
    }

    /// What a helper wrote to one pipe, read without waiting for its end: a process the helper
    /// started (a D-Bus daemon it launched) may hold the pipe open long after the helper exited.
    private struct Collected {
        let descriptor: Int32
        var bytes: [UInt8] = []
        /// The helper closed it (end of file): no more to wait for.
        var ended = false

        init(_ descriptor: Int32) {
            self.descriptor = descriptor
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }

        /// Reads what the pipe holds now; past 1 MiB, it is read and dropped.
        mutating func read() {
            var buffer = [UInt8](repeating: 0, count: 16384)
            while !ended {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count >= 0 else { return }  // EAGAIN: nothing more now
                ended = count == 0
                if bytes.count < 1 << 20 { bytes.append(contentsOf: buffer[0..<count]) }
            }
        }
    }
}
