import CTestSpawn
import Foundation

/// Runs `path` with `arguments`, waits for it, and returns what it wrote on standard output.
/// Standard input is /dev/null; every descriptor of the test process beyond 0–2 is closed in
/// the child (see `c_test_spawn`), so a child that starts a daemon (tmux) leaves nothing of
/// ours open. Output goes through a file, since a pipe would stay open as long as the daemon.
public func runClosingDescriptors(_ path: String, _ arguments: [String]) throws -> String {
    let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("spawn-out-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: outputPath) }
    var cArguments = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for argument in cArguments { free(argument) } }
    var pid = pid_t()
    let spawned = c_test_spawn(&pid, path, &cArguments, environ, outputPath)
    guard spawned == 0 else {
        throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "cannot run \(path): \(String(cString: strerror(spawned)))"])
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
}
