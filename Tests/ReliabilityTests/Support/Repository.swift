import Foundation

/// Where the repository is, for tests that use `Resources/` or the built binaries.
enum Repository {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A built executable of this package (`history-stress`, `marketplace-assets`): beside the
    /// test bundle, or under `.build/debug`.
    static func builtTool(_ name: String) throws -> String {
        var candidates: [String] = []
        if let executable = Bundle.main.executablePath {
            candidates.append(((executable as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name))
        }
        candidates.append(((CommandLine.arguments[0] as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name))
        candidates.append(root.appendingPathComponent(".build/debug/\(name)").path)
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ToolMissing(name: name, candidates: candidates)
        }
        return found
    }

    struct ToolMissing: Error, CustomStringConvertible {
        var name: String
        var candidates: [String]
        var description: String { "\(name) is not built (run swift build --build-tests); looked at \(candidates)" }
    }
}

/// Whether the long variants run (`RELIABILITY_FULL=1`, which CI sets).
enum ReliabilityMode {
    static let full = ProcessInfo.processInfo.environment["RELIABILITY_FULL"] == "1"
}

/// A figure for docs/RELIABILITY.md, printed as `figure: <test>: <text>` so a run's log holds them.
func reportFigure(_ test: String, _ text: String) {
    print("figure: \(test): \(text)")
}

/// A duration in whole milliseconds, for figures.
func milliseconds(_ duration: Duration) -> Int64 {
    duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
}

/// Runs blocking work (child processes, sleeps, long loops) on a thread of its own, so that
/// it never holds one of the few threads of Swift's cooperative pool that the other tests'
/// async code (and the HTTP clients and servers they await) need to make progress.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try work() }) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}
