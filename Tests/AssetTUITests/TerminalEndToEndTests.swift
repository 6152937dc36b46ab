import AssetCore
import Foundation
import MarketplaceAPI
import Testing
import TestSupport
@testable import AssetTUI
#if canImport(Glibc)
import Glibc
#endif

/// The real terminal, end to end, under tmux: this test binary runs itself in a tmux pane
/// (the `session` test, over a fake service), and the outer test types keys and reads the
/// captured screen. Checks ncursesw drawing (CJK included), keys, resize, help, OSC 52 into
/// tmux's clipboard, the clipboard log, quitting with the terminal restored, and the clear
/// errors for an unknown `TERM` and for input that is not a terminal.
///
/// Runs when tmux is installed. The lead's end-to-end test of the real binary builds on the
/// same screen texts.
@Suite(.serialized, .ownThreads) struct TerminalEndToEndTests {
    static let childVariable = "ASSET_TUI_E2E_CHILD"
    static let isChild = ProcessInfo.processInfo.environment[childVariable] == "1"
    static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    // MARK: The session inside tmux

    /// The TUI over a fake service; run only as the child of the tests below.
    @Test(.enabled(if: isChild)) func session() async {
        let environment = ProcessInfo.processInfo.environment
        let directory = environment["ASSET_TUI_E2E_DIR"] ?? "/"
        let resultPath = environment["ASSET_TUI_E2E_RESULT"] ?? "/dev/null"
        let options = TUIOptions(startDirectory: directory, mode: .demo(serverURL: "http://127.0.0.1:9"), historyPath: "/dev/null")
        let outcome: String
        do {
            try await TUIApp.run(actions: EndToEndService.make(), options: options, environment: environment)
            outcome = "ok"
        } catch {
            outcome = "error: \(error)"
        }
        try? outcome.write(toFile: resultPath, atomically: true, encoding: .utf8)
    }

    // MARK: Driving it

    @Test(.enabled(if: !isChild && tmux != nil)) func uploadCopyRefreshResizeHelpQuit() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let samples = folder.path + "/samples"
        try FileManager.default.createDirectory(atPath: samples, withIntermediateDirectories: true)
        for name in ["app-icon.png", "banner.jpg", "plugin.jar", "日本語のメモ.txt"] {
            _ = try Data("x".utf8).write(to: URL(fileURLWithPath: samples + "/" + name))
        }
        let log = folder.path + "/clipboard.log"
        let result = folder.path + "/result"
        let pane = try TmuxPane(width: 100, height: 30, command: Self.childCommand(environment: [
            "ASSET_TUI_E2E_DIR": samples, "ASSET_TUI_E2E_RESULT": result,
            Clipboard.logVariable: log, "TERM": "xterm-256color",
        ]))
        defer { pane.kill() }

        // Every title, and a CJK name drawn whole.
        try pane.waitFor("app-icon.png", "Files", "Upload", "Details", "History", "DEMO", "日本語のメモ.txt")
        // Filter to the icon and upload it as icon.
        try pane.send(literal: "/icon")
        try pane.send(keys: "Enter")
        try pane.waitFor("144 × 144")
        try pane.send(literal: "u")
        try pane.waitFor("Choose the imageType")
        try pane.send(keys: "Enter")
        try pane.waitFor("img-e2e-1", "done")
        // Copy its ID from History.
        try pane.send(literal: "4y")
        try pane.waitFor("Copied to")
        #expect(try pane.waitForFile(log) == "img-e2e-1\n")
        #expect(try pane.tmuxBuffer() == "img-e2e-1")  // OSC 52 reached tmux's clipboard
        // Upload the jar, then refresh the artifact from History.
        try pane.send(literal: "1")
        try pane.send(keys: "Escape")
        try pane.send(literal: "/jar")
        try pane.send(keys: "Enter")
        try pane.waitFor("Plugin key")
        try pane.send(literal: "u")
        try pane.waitFor("art-e2e-2")
        try pane.send(literal: "4gR")
        try pane.waitFor("Refreshed art-e2e-2")
        // Resize: too small, then back.
        try pane.resize(width: 50, height: 12)
        try pane.waitFor("Terminal too small")
        try pane.resize(width: 120, height: 40)
        try pane.waitFor("History", absent: ["Terminal too small"])
        // Help, then quit.
        try pane.send(literal: "?")
        try pane.waitFor("next / previous pane")
        try pane.send(keys: "Escape")
        try pane.waitFor("History", absent: ["next / previous pane"])
        try pane.send(literal: "q")
        #expect(try pane.waitForFile(result) == "ok")
        #expect(try pane.alternateScreenIsOff())
    }

    @Test(.enabled(if: !isChild && tmux != nil)) func noColorIsHonouredAndCtrlCRestoresTheTerminal() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("app-icon.png", "x")
        let result = folder.path + "/result"
        let pane = try TmuxPane(width: 80, height: 24, command: Self.childCommand(environment: [
            "ASSET_TUI_E2E_DIR": folder.path, "ASSET_TUI_E2E_RESULT": result, "TERM": "xterm-256color", "NO_COLOR": "1",
        ]))
        defer { pane.kill() }
        try pane.waitFor("144 × 144")
        let styled = try pane.run(["capture-pane", "-e", "-p", "-t", pane.session])
        let colorCode = try NSRegularExpression(pattern: "\u{1B}\\[([0-9]+;)*(3[0-7]|4[0-7]|9[0-7]|10[0-7])(;[0-9]+)*m")
        #expect(colorCode.numberOfMatches(in: styled, range: NSRange(styled.startIndex..., in: styled)) == 0)
        #expect(styled.contains("\u{1B}[7m") || styled.contains(";7m"))  // reverse video still marks things
        // Ctrl-C with nothing running quits as q does.
        try pane.send(keys: "C-c")
        let outcome = try pane.waitForFile(result)
        #expect(outcome == "ok")
        #expect(try pane.alternateScreenIsOff())
    }

    @Test("PageDown and PageUp, as the terminal sends them, move the selection a page down and back",
          .enabled(if: !isChild && tmux != nil))
    func pageKeysMoveTheSelection() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for number in 0..<40 { _ = try folder.write(String(format: "f%02d.png", number), "x") }
        let result = folder.path + "/result"
        let pane = try TmuxPane(width: 80, height: 24, command: Self.childCommand(environment: [
            "ASSET_TUI_E2E_DIR": folder.path, "ASSET_TUI_E2E_RESULT": result, "TERM": "xterm-256color",
        ]))
        defer { pane.kill() }
        try pane.waitFor("f00.png")
        /// The number of the file the selection (`›`) is on, once it is not `old` (or 5 s passed).
        /// A capture without a selected row (taken while the screen was being redrawn: CI found
        /// one) is read again, not taken for a move.
        func selected(after old: Int?) throws -> Int? {
            let deadline = Date().addingTimeInterval(5)
            while true {
                let line = try pane.capture().split(separator: "\n").first { $0.contains("› ") && $0.contains(".png") }
                let number = line.flatMap { $0.firstMatch(of: /f(\d\d)\.png/) }.flatMap { Int($0.1) }
                if let number, number != old { return number }
                if Date() > deadline { return number }
                usleep(50_000)
            }
        }
        #expect(try selected(after: nil) == 0)
        try pane.send(keys: "NPage")
        let paged = try #require(try selected(after: 0))
        #expect(paged > 5, "a page down, not one row")
        try pane.send(keys: "PPage")
        #expect(try selected(after: paged) == 0)
        try pane.send(literal: "q")
        #expect(try pane.waitForFile(result) == "ok")
    }

    @Test(.enabled(if: !isChild && tmux != nil)) func anUnknownTermIsAClearError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = folder.path + "/result"
        let pane = try TmuxPane(width: 80, height: 24, command: Self.childCommand(environment: [
            "ASSET_TUI_E2E_RESULT": result, "TERM": "no-such-terminal-type",
        ]))
        defer { pane.kill() }
        let outcome = try pane.waitForFile(result)
        #expect(outcome == "error: Unknown terminal type TERM=no-such-terminal-type: no terminfo entry for it (try TERM=xterm-256color)")
    }

    @Test(.enabled(if: !isChild && tmux != nil)) func aDumbTerminalIsAClearError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = folder.path + "/result"
        let pane = try TmuxPane(width: 80, height: 24, command: Self.childCommand(environment: [
            "ASSET_TUI_E2E_RESULT": result, "TERM": "dumb",
        ]))
        defer { pane.kill() }
        let outcome = try pane.waitForFile(result)
        #expect(outcome.hasPrefix("error: TERM=dumb cannot move the cursor"))
    }

    @Test(.enabled(if: !isChild)) func inputThatIsNotATerminalIsAClearError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = folder.path + "/result"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.testBinary)
        process.arguments = ["--testing-library", "swift-testing", "--filter", "TerminalEndToEndTests/session"]
        process.environment = ProcessInfo.processInfo.environment.merging(
            [Self.childVariable: "1", "ASSET_TUI_E2E_RESULT": result, "TERM": "xterm"]) { $1 }
        process.standardInput = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(try String(contentsOfFile: result, encoding: .utf8).hasPrefix("error: Standard input is not a terminal"))
    }

    // MARK: Helpers

    /// This test binary (the one `swift test` runs).
    static var testBinary: String {
        let own = ProcessInfo.processInfo.arguments[0]
        if own.hasSuffix(".xctest") || own.contains("PackageTests") { return own }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/marketplace-assetsPackageTests.xctest").path
    }

    /// A shell command that runs the `session` test with `environment`, then waits (so the
    /// pane stays for the last captures).
    static func childCommand(environment: [String: String]) -> String {
        let assignments = ([childVariable: "1"].merging(environment) { $1 })
            .sorted { $0.key < $1.key }
            .map { "\($0.key)=\(shellQuoted($0.value))" }
            .joined(separator: " ")
        return "env \(assignments) \(shellQuoted(testBinary)) --testing-library swift-testing --filter TerminalEndToEndTests/session; sleep 60"
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// A private tmux server with one pane.
struct TmuxPane {
    let socket = "asset-tui-e2e-\(UUID().uuidString.prefix(8))"
    let session = "tui"

    init(width: Int, height: Int, command: String) throws {
        try run(["-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", command])
        try run(["set-option", "-g", "set-clipboard", "on"])
        try run(["set-option", "-g", "window-size", "manual"])
    }

    /// Runs a tmux command and returns its output. The tmux server that `new-session` starts
    /// lives on, so none of this process's descriptors may reach it (`runClosingDescriptors`).
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        try runClosingDescriptors(TerminalEndToEndTests.tmux ?? "/usr/bin/tmux", ["-L", socket] + arguments)
    }

    func send(literal text: String) throws { try run(["send-keys", "-t", session, "-l", text]) }
    /// Sends tmux key names. After Esc it waits as a person's hand does: Esc and a key that
    /// reach the program together are Alt and that key, which the TUI passes over.
    func send(keys: String...) throws {
        try run(["send-keys", "-t", session] + keys)
        if keys.last == "Escape" { Thread.sleep(forTimeInterval: 0.1) }
    }
    func resize(width: Int, height: Int) throws { try run(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"]) }
    func capture() throws -> String { try run(["capture-pane", "-p", "-t", session]) }
    func tmuxBuffer() throws -> String { try run(["show-buffer"]) }
    func alternateScreenIsOff() throws -> Bool {
        try run(["display-message", "-p", "-t", session, "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "0"
    }

    /// Waits (up to 30 s, so a bug fails instead of hanging) until one capture shows every one
    /// of `texts` and none of `absent`: a capture can be taken halfway through a redraw.
    @discardableResult
    func waitFor(_ texts: String..., absent: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let deadline = Date().addingTimeInterval(30)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if texts.allSatisfy(screen.contains), !absent.contains(where: screen.contains) { return screen }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("the screen never showed \(texts) without \(absent):\n\(screen)", sourceLocation: sourceLocation)
        throw FakeError("timed out waiting for \(texts)")
    }

    /// Waits (up to 30 s) for a file to exist and have content, and returns it.
    func waitForFile(_ path: String) throws -> String {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: path, encoding: .utf8), !text.isEmpty { return text }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw FakeError("\(path) never appeared; screen:\n\((try? capture()) ?? "")")
    }

    func kill() { _ = try? run(["kill-server"]) }
}

/// The fake service of the end-to-end session: uploads take a moment and show progress,
/// history lives in memory, refresh stamps the entry.
enum EndToEndService {
    static func make() -> FakeAssetActions {
        let history = LockedValue<[HistoryEntry]>([])
        let counter = LockedValue(0)
        let server = "http://127.0.0.1:9"
        var fake = FakeAssetActions()
        fake.previewHandler = { path in
            let name = (path as NSString).lastPathComponent
            if name.hasSuffix(".jar") {
                return FilePreview(path: path, fileName: name, size: 1, contentType: "application/java-archive",
                                   content: .artifact(PluginPreview(details: ArtifactDetails(key: "com.example.e2e", name: "E2E", version: "1.0.0"))), warnings: [])
            }
            guard name.hasSuffix(".png") || name.hasSuffix(".jpg") else { throw FakeError("\(name) is neither an image nor an artifact") }
            return FilePreview(path: path, fileName: name, size: 1, contentType: "image/png",
                               content: .image(ImagePreview(format: "PNG", width: 144, height: 144, warningsByImageType: [:])), warnings: [])
        }
        fake.uploadHandler = { request, progress in
            for step in 1...5 {
                try await Task.sleep(for: .milliseconds(60))
                progress(UploadProgress(sentBytes: Int64(step * 20_000), totalBytes: 100_000))
            }
            let number = counter.withLock { $0 += 1; return $0 }
            let entry: HistoryEntry
            switch request {
            case .image(let path, let fileName, let imageType):
                entry = HistoryEntry(kind: .image, id: "img-e2e-\(number)", imageType: imageType, name: fileName, size: 100_000,
                                     localPath: path, serverURL: server)
            case .artifact(let path, _, _):
                entry = artifactEntry(id: "art-e2e-\(number)", source: path, server: server)
            case .fetch(let uri):
                entry = artifactEntry(id: "art-e2e-\(number)", source: uri, server: server)
            }
            history.withLock { $0.append(entry) }
            return entry
        }
        fake.refreshHandler = { id in
            try history.withLock { entries in
                guard let index = entries.firstIndex(where: { $0.id == id }) else { throw FakeError("no artifact \(id)") }
                entries[index].refreshedAt = Date()
                return entries[index]
            }
        }
        fake.historyHandler = { history.withLock { $0 } }
        return fake
    }

    static func artifactEntry(id: String, source: String, server: String) -> HistoryEntry {
        let fileName = (source as NSString).lastPathComponent
        return HistoryEntry(
            kind: .artifact, id: id, name: fileName, size: 100_000, localPath: source,
            artifact: Artifact(fileInfo: FileInfo(logicalFileName: fileName, size: 100_000, checksum: nil),
                               links: ArtifactLinks(selfLink: Link(href: "/rest/3/artifacts/\(id)"))),
            serverURL: server)
    }
}
