import Foundation

/// A child process whose stdout and stderr are collected while it runs.
final class ChildProcess: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private let lock = NSLock()
    private var outputData = Data()
    private var errorData = Data()
    private let readers = DispatchGroup()

    /// Starts `executable` with `arguments`.
    init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        collect(output, isOutput: true)
        collect(errors, isOutput: false)
    }

    /// Reads `pipe` on its own thread until it closes, so a full pipe never blocks the child.
    private func collect(_ pipe: Pipe, isOutput: Bool) {
        readers.enter()
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.withLock {
                    if isOutput { outputData.append(chunk) } else { errorData.append(chunk) }
                }
            }
            readers.leave()
        }
    }

    var pid: pid_t { process.processIdentifier }

    func kill(_ signal: Int32) { Foundation.kill(process.processIdentifier, signal) }

    /// Waits for the end; returns the exit status (or 128 + signal) and both outputs.
    func finish() -> (status: Int32, stdout: String, stderr: String) {
        process.waitUntilExit()
        readers.wait()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return lock.withLock {
            (status, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
        }
    }
}
