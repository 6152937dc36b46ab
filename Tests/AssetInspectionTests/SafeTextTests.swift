import Foundation
import AssetInspection
import Testing

@Suite struct SafeTextTests {
    @Test func controlCharactersAndBidiOverridesAreReplaced() {
        #expect(SafeText.sanitize("a\u{1B}]0;x\u{07}b") == "a\u{FFFD}]0;x\u{FFFD}b")
        #expect(SafeText.sanitize("\u{202E}gpj.exe") == "\u{FFFD}gpj.exe")
        // Unicode's line and paragraph separators, which some terminals and pagers break a line at.
        #expect(SafeText.sanitize("a\u{2028}b\u{2029}c") == "a\u{FFFD}b\u{FFFD}c")
        #expect(SafeText.sanitize("\u{9B}31m") == "\u{FFFD}31m")
        #expect(SafeText.sanitize("Grüße, 日本") == "Grüße, 日本")
    }

    @Test func oneLineCollapsesWhiteSpaceAndCuts() {
        #expect(SafeText.oneLine("  a\n\n b\tc  ") == "a b c")
        // CRLF is a line break; a carriage return alone (a CRLF file's value) is shown.
        #expect(SafeText.oneLine("a\r\nb\r\n") == "a b")
        #expect(SafeText.oneLine("x.jar\r does not exist") == "x.jar\u{FFFD} does not exist")
        #expect(SafeText.oneLine("abcdef", maxLength: 3) == "abc…")
        #expect(SafeText.sanitize(bytes: [0x61, 0xFF, 0x62]) == "a\u{FFFD}b")
    }

    @Test func isSafeAgreesWithSanitize() {
        for text in ["plain", "tab\there", "bell\u{07}", "nbsp\u{A0}", "del\u{7F}"] {
            #expect(SafeText.isSafe(text) == (SafeText.sanitize(text) == text))
        }
    }

    @Test func errorLineIsTheErrorsMessageOnOneSafeLine() {
        struct Described: Error, CustomStringConvertible { var description: String }
        #expect(SafeText.errorLine(InspectionError("not a\nplugin \u{1B}[2J")) == "not a plugin \u{FFFD}[2J")
        #expect(SafeText.errorLine(Described(description: "abcdef"), maxLength: 3) == "abc…")
        #expect(SafeText.errorLine(Described(description: " \n ")) == "Unknown error")
    }

    @Test("JSON escaped for a terminal means the same, and holds nothing isSafe refuses but its line breaks")
    func escapingTerminalControlsKeepsTheMeaning() throws {
        let name = "a\u{2028}b\u{2029}c\u{202E}d\u{85}e\u{7F}f\u{2066}g"
        let json = String(decoding: try JSONSerialization.data(withJSONObject: ["name": name], options: [.prettyPrinted]), as: UTF8.self)
        let escaped = SafeText.escapingTerminalControls(json)
        #expect(escaped.split(separator: "\n").allSatisfy { SafeText.isSafe($0) }, "\(escaped)")
        #expect((try JSONSerialization.jsonObject(with: Data(escaped.utf8)) as? [String: String])?["name"] == name)
    }
}
