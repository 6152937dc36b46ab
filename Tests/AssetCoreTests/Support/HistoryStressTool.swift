import Foundation
import Testing

/// Runs the `history-stress` executable (built beside the test bundle) as a child process.
enum HistoryStressTool {
    struct Run {
        var status: Int32
        var standardOutput: String
        var standardError: String
        var lines: [String] { standardOutput.split(separator: "\n").map(String.init) }
    }

    /// The built binary: next to the test bundle, or under `<repo>/.build/debug`.
    static func binary() throws -> String {
        var candidates: [String] = []
        if let executable = Bundle.main.executablePath {
            candidates.append(((executable as NSString).deletingLastPathComponent as NSString).appendingPathComponent("history-stress"))
        }
        candidates.append(((CommandLine.arguments[0] as NSString).deletingLastPathComponent as NSString).appendingPathComponent("history-stress"))
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(repository.appendingPathComponent(".build/debug/history-stress").path)
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ToolMissing(candidates: candidates)
        }
        return found
    }

    struct ToolMissing: Error, CustomStringConvertible {
        var candidates: [String]
        var description: String { "history-stress is not built (run swift build --build-tests); looked at \(candidates)" }
    }

    /// Starts the tool with `arguments` (optionally under a wrapper such as `unshare`).
    static func start(_ arguments: [String], wrapper: [String] = []) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        let tool = try binary()
        if wrapper.isEmpty {
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: wrapper[0])
            process.arguments = Array(wrapper.dropFirst()) + [tool] + arguments
        }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        return (process, output, errors)
    }

    /// Runs the tool to the end.
    static func run(_ arguments: [String], wrapper: [String] = []) throws -> Run {
        let (process, output, errors) = try start(arguments, wrapper: wrapper)
        return finish(process, output, errors)
    }

    static func finish(_ process: Process, _ output: Pipe, _ errors: Pipe) -> Run {
        // Read both pipes before waiting, so a full pipe cannot block the child.
        let errorData = LockedData()
        let errorReader = Thread { errorData.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        errorReader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1000) }
        return Run(status: process.terminationStatus,
                   standardOutput: String(decoding: outputData, as: UTF8.self),
                   standardError: String(decoding: errorData.value, as: UTF8.self))
    }

    final class LockedData: @unchecked Sendable {
        private let lock = NSLock()
        private var data: Data?
        func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return data != nil }
        var value: Data { lock.lock(); defer { lock.unlock() }; return data ?? Data() }
    }
}
