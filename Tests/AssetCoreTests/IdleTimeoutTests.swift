import Foundation
import Testing
import TestSupport
@testable import AssetCore

/// `--timeout SECONDS` and the config file's `timeout`: one rule, and which one wins.
@Suite("Idle timeout setting")
struct IdleTimeoutTests {
    @Test("a number of seconds greater than 0 and at most a day is taken")
    func accepted() {
        #expect(IdleTimeout.duration("120") == .seconds(120))
        #expect(IdleTimeout.duration("2.5") == .milliseconds(2500))
        #expect(IdleTimeout.duration("86400") == .seconds(86_400))
        #expect(IdleTimeout.duration(seconds: 0.25) == .milliseconds(250))
        // Read from a file or pasted: the spaces and line end around it are no part of it.
        #expect(IdleTimeout.duration(" 5") == .seconds(5))
        #expect(IdleTimeout.duration("30\n") == .seconds(30))
    }

    @Test("anything else is refused", arguments: ["", "0", "0.0", "-5", "abc", "1e3", "86401", "10s", "  ", "1 5", "1.2.3", "nan"])
    func refused(text: String) {
        #expect(IdleTimeout.duration(text) == nil)
    }

    private func configFolder(_ json: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.file("marketplace-assets"), withIntermediateDirectories: true)
        _ = try folder.write("marketplace-assets/config.json", json)
        return folder
    }

    @Test("the config file's timeout is used; --timeout wins over it; neither leaves the client's default")
    func precedence() throws {
        let folder = try configFolder("{\"timeout\": 300}")
        defer { folder.remove() }
        let environment = ["XDG_CONFIG_HOME": folder.path]
        #expect(try Settings.load(environment: environment).idleTimeout == .seconds(300))
        #expect(try Settings.load(environment: environment, timeout: .seconds(5)).idleTimeout == .seconds(5))
        // With the credentials in the environment and --base-url, the file is still read for its timeout.
        let withCredentials = environment.merging(["MARKETPLACE_EMAIL": "me@example.com", "MARKETPLACE_API_TOKEN": "t0ken"]) { $1 }
        #expect(try Settings.load(environment: withCredentials, baseURL: "https://example.test").idleTimeout == .seconds(300))
        let empty = try TemporaryFolder()
        defer { empty.remove() }
        #expect(try Settings.load(environment: ["XDG_CONFIG_HOME": empty.path]).idleTimeout == nil)
    }

    @Test("a config file timeout out of range, or not a number, is an error naming the member", arguments: [
        ("{\"timeout\": 0}", "\"timeout\" must be a number of seconds greater than 0"),
        ("{\"timeout\": 100000}", "\"timeout\" must be a number of seconds greater than 0"),
        ("{\"timeout\": \"60\"}", "\"timeout\" must be a number of seconds."),
    ])
    func badConfig(json: String, message: String) throws {
        let folder = try configFolder(json)
        defer { folder.remove() }
        let error = #expect(throws: AssetError.self) { try Settings.load(environment: ["XDG_CONFIG_HOME": folder.path]) }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }
}
