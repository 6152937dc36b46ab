import Foundation
import Testing
import TestSupport
@testable import AssetTUI

/// The system clipboard tools (fakes on a private PATH) and the clipboard log.
@Suite struct ClipboardTests {
    /// Writes an executable shell script named `name` into `folder`.
    static func tool(_ name: String, in folder: TemporaryFolder, script: String) throws {
        let path = try folder.write(name, "#!/bin/sh\n" + script + "\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    @Test func toolsAreTriedOnlyWhereTheyCanWork() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for name in ["wl-copy", "xclip", "xsel", "pbcopy"] { try Self.tool(name, in: folder, script: "cat >/dev/null") }
        let names = { (environment: [String: String]) in ClipboardTool.available(environment: environment).map(\.name) }
        #expect(names(["PATH": folder.path]).isEmpty, "no display: no tool (macOS's pbcopy is none of Linux's)")
        #expect(names(["PATH": folder.path, "DISPLAY": ":0"]) == ["xclip", "xsel"])
        #expect(names(["PATH": folder.path, "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"]) == ["wl-copy", "xclip", "xsel"])
        #expect(names(["PATH": "/nonexistent", "DISPLAY": ":0"]).isEmpty)
        // A folder on PATH that is not absolute is the current folder's: never searched.
        let upToRoot = FileManager.default.currentDirectoryPath.split(separator: "/").map { _ in ".." }.joined(separator: "/")
        let relative = upToRoot + folder.path
        #expect(FileManager.default.isExecutableFile(atPath: relative + "/xclip"))
        #expect(names(["PATH": relative, "DISPLAY": ":0"]).isEmpty)
        let xclip = try #require(ClipboardTool.available(environment: ["PATH": folder.path, "DISPLAY": ":0"]).first)
        #expect(xclip.arguments == ["-selection", "clipboard", "-in"])
    }

    @Test func theTextGoesToTheToolsStandardInput() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let received = folder.path + "/received"
        try Self.tool("xclip", in: folder, script: "cat > '\(received)'")
        let clipboard = Clipboard(environment: ["PATH": folder.path, "DISPLAY": ":0"])
        let report = await clipboard.copyWithTools("337c40d8-c903-4e28-8498-7cbc372ba578")
        #expect(report.copiedBy == "xclip" && report.failed.isEmpty)
        #expect(try String(contentsOfFile: received, encoding: .utf8) == "337c40d8-c903-4e28-8498-7cbc372ba578")
    }

    @Test func aFailingToolFallsThroughToTheNext() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let received = folder.path + "/received"
        try Self.tool("xclip", in: folder, script: "cat >/dev/null; exit 1")
        try Self.tool("xsel", in: folder, script: "cat > '\(received)'")
        let clipboard = Clipboard(environment: ["PATH": folder.path, "DISPLAY": ":0"])
        let report = await clipboard.copyWithTools("hello")
        #expect(report.copiedBy == "xsel" && report.failed == ["xclip"])
        #expect(try String(contentsOfFile: received, encoding: .utf8) == "hello")
    }

    @Test func aToolThatHangsIsStopped() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Never reads its input and never exits on its own; the text is larger than a pipe holds.
        // It ignores SIGTERM, as a tool started by the TUI does (it inherits the TUI's ignoring).
        let pidFile = folder.path + "/pid"
        try Self.tool("xclip", in: folder, script: "trap '' TERM; echo $$ > '\(pidFile)'; exec sleep 600")
        let tools = ClipboardTool.available(environment: ["PATH": folder.path, "DISPLAY": ":0"])
        let clipboard = Clipboard(tools: tools, timeout: .milliseconds(300), insideTmux: false, logPath: nil)
        let report = await clipboard.copyWithTools(String(repeating: "x", count: 1_000_000))
        #expect(report.copiedBy == nil && report.failed == ["xclip"])
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        var gone = false
        for _ in 0..<100 where !gone {
            // Reaped by Foundation's Process once killed: kill(0) then fails with ESRCH.
            gone = kill(pid, 0) != 0
            if !gone { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(gone, "the tool is killed, not left running")
        if !gone { kill(pid, SIGKILL) }
    }

    @Test func theLogGetsEveryCopy() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let log = folder.path + "/copied.log"
        let clipboard = Clipboard(environment: ["PATH": "/nonexistent", Clipboard.logVariable: log, "TMUX": "/tmp/tmux-0/default,1,0"])
        #expect(clipboard.insideTmux)
        #expect(clipboard.tools.isEmpty)
        #expect(await clipboard.copyWithTools("first").copiedBy == nil)
        #expect(await clipboard.copyWithTools("second").copiedBy == nil)
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "first\nsecond\n")
        #expect(clipboard.terminalSequence(for: "id") == OSC52.bytesToWrite(for: "id", insideTmux: true))
    }

    @Test func insideTmuxTmuxItselfIsTriedFirst() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.tool("tmux", in: folder, script: "cat >/dev/null")
        try Self.tool("xclip", in: folder, script: "cat >/dev/null")
        let tools = ClipboardTool.available(environment: ["PATH": folder.path, "DISPLAY": ":0", "TMUX": "/tmp/tmux-0/default,1,0"])
        #expect(tools.map(\.name) == ["tmux", "xclip"])
        #expect(tools.first?.arguments == ["load-buffer", "-w", "-"])
    }

    @Test func theStatusClaimsOnlyWhatIsKnown() {
        #expect(CopyReport(copiedBy: "xclip").status(copying: "ID") == .success("Copied to the clipboard (xclip): ID"))
        #expect(CopyReport(copiedBy: "tmux").status(copying: "ID") == .success("Copied to tmux's paste buffer (prefix ] pastes it): ID"))
        let failed = CopyReport(failed: ["xclip"]).status(copying: "ID")
        #expect(failed == .info("Sent by OSC 52 (unconfirmed): ID (xclip failed)"))
        // The ID whole on 80 columns, however long the failure after it.
        let longFailure = CopyReport(failed: ["xclip (exit 1: Error: Can't open display: :0, no X server)"]).status(copying: "ID cd553dc3-a1c9-4e1f-9df2-8a48d1c2b3a4")
        #expect(longFailure.text.prefix(80).contains("ID cd553dc3-a1c9-4e1f-9df2-8a48d1c2b3a4"))
        let tmux = CopyReport(insideTmux: true).status(copying: "ID")
        #expect(tmux == .info("tmux passes OSC 52 on with `set -g set-clipboard on` (or `allow-passthrough on`): sent ID"))
        // Whole on 80 columns, however long the ID after it.
        #expect(tmux.text.prefix(80).contains("`set -g set-clipboard on`"))
        #expect(CopyReport(sentToTerminal: false).status(copying: "ID").kind == .error)
    }
}
