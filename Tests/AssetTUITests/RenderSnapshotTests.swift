import AssetCore
import Testing
@testable import AssetTUI

/// Whole screens at 80×24 and 120×40, compared with the goldens in `__Snapshots__`.
@Suite struct RenderSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    @Test(arguments: sizes)
    func panesAtRest(width: Int, height: Int) {
        let state = Fixtures.sessionState(width: width, height: height)
        Snapshot.assertMatches(Renderer.render(state).text, named: "rest_\(width)x\(height)")
    }

    @Test(arguments: sizes)
    func detailsOfAnUploadedArtifact(width: Int, height: Int) {
        var state = Fixtures.sessionState(width: width, height: height)
        state.press(.character("4"))
        #expect(state.history.selectedEntry?.id == Fixtures.artifactId)
        Snapshot.assertMatches(Renderer.render(state).text, named: "artifact_details_\(width)x\(height)")
    }

    @Test func detailsOfAnArtifactWhoseAnswerLeavesFieldsOut() {
        var state = Fixtures.sessionState(width: 120, height: 40)
        _ = Update.update(&state, .historyLoaded([Fixtures.imageEntry, Fixtures.artifactEntryWithAbsentDetails, Fixtures.failedEntry]))
        state.press(.character("4"))
        #expect(state.history.selectedEntry?.id == Fixtures.artifactId)
        Snapshot.assertMatches(Renderer.render(state).text, named: "artifact_details_absent_120x40")
    }

    @Test func pluginPreviewWithWarnings() {
        var state = Fixtures.sessionState(width: 120, height: 60)
        state.type("/jar")
        _ = state.send(.inspected(path: Fixtures.directory + "/my-plugin-1.0.0.jar", .ready(Fixtures.pluginPreviewWithWarnings)))
        Snapshot.assertMatches(Renderer.render(state).text, named: "plugin_preview_warnings_120x60")
    }

    @Test(arguments: sizes)
    func helpOverlay(width: Int, height: Int) {
        var state = Fixtures.sessionState(width: width, height: height)
        state.type("?")
        Snapshot.assertMatches(Renderer.render(state).text, named: "help_\(width)x\(height)")
    }

    @Test func imageTypePicker() {
        var state = Fixtures.sessionState()
        state.type("u")
        Snapshot.assertMatches(Renderer.render(state).text, named: "picker_80x24")
    }

    /// Where the screen has room, dialogs say all they hold: the sign-in's token link at the
    /// smallest size the TUI takes, the picker's sizes on a wide screen (both were cut).
    @Test func dialogsShowTheirWholeTextWhereTheScreenHasRoom() {
        var state = Fixtures.sessionState(width: 60, height: 16)
        state.overlay = .signIn(SignInForm(defaults: SignInDefaults(email: "me@example.com", server: Fixtures.serverURL)))
        let signIn = Renderer.render(state).text.replacingOccurrences(of: "│", with: "\n").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(signIn.joined().contains(SignInInput.tokenPageURL), "\(signIn)")
        state = Fixtures.sessionState(width: 200, height: 50)
        let long = ImageTypeChoice(name: "banner", summary: "App banner with the app's name and what it does, shown at the top", recommendedSize: "1120×548 or 560×274")
        state.overlay = .imageTypePicker(ImageTypePicker(path: Fixtures.directory + "/banner.jpg", fileName: "banner.jpg",
                                                         choices: Fixtures.imageTypeChoices + [long], highlighted: 0, warnings: [:]))
        #expect(Renderer.render(state).text.contains("\(long.summary) (\(long.recommendedSize!))"))
    }

    /// On the smallest screen the picker's list scrolls, and its frame says which of how many
    /// it shows: the seventh imageType was hidden without a sign of it.
    @Test func pickerOnASmallScreenSaysItsListGoesOn() {
        var state = Fixtures.sessionState(width: 60, height: 16)
        state.overlay = .imageTypePicker(ImageTypePicker(path: Fixtures.directory + "/banner.jpg", fileName: "banner.jpg",
                                                         choices: Fixtures.imageTypeChoices, highlighted: 0, warnings: [:]))
        var screen = Renderer.render(state).text
        #expect(screen.contains("1–6 of 7 · ↑↓") && !screen.contains("title-logo"), "\(screen)")
        for _ in 0..<6 { state.press(.down) }
        screen = Renderer.render(state).text
        #expect(screen.contains("2–7 of 7 · ↑↓") && screen.contains("› ") && screen.contains("title-logo"), "\(screen)")
        state = Fixtures.sessionState()
        state.type("u")
        #expect(!Renderer.render(state).text.contains(" of 7"))
    }

    /// `u` with five files marked: three images (one whose size misses the imageType its
    /// name names, highlighted, its warning below), the jar, and a skipped text file.
    @Test func batchUploadOverlay() {
        var state = Fixtures.sessionState()
        for name in ["app-icon.png", "banner.jpg", "my-plugin-1.0.0.jar", "README.md", "screenshot.bmp"] {
            Fixtures.select(file: name, in: &state)
            state.type(" ")
        }
        state.type("u")
        let banner = Fixtures.directory + "/banner.jpg"
        state.send(.inspected(path: banner, .ready(UpdateMarksTests.imagePreview(banner, width: 800, height: 400))))
        state.press(.down)
        Snapshot.assertMatches(Renderer.render(state).text, named: "batch_upload_80x24")
    }

    @Test func pluginPreviewAndFilter() {
        var state = Fixtures.sessionState()
        state.type("/jar")
        _ = state.send(.inspected(path: Fixtures.directory + "/my-plugin-1.0.0.jar", .ready(Fixtures.pluginPreview)))
        Snapshot.assertMatches(Renderer.render(state).text, named: "filter_plugin_80x24")
    }

    @Test func copyMenu() {
        var state = Fixtures.sessionState()
        state.press(.character("4"), .character("Y"))
        Snapshot.assertMatches(Renderer.render(state).text, named: "copy_menu_80x24")
    }

    /// An image entry's menu also offers the fragment its imageType takes in a listing edit.
    @Test func copyMenuOfAnImage() {
        var state = Fixtures.sessionState()
        state.press(.character("4"))
        for _ in 0..<5 where state.history.selectedEntry?.id?.hasPrefix("img-") != true { state.press(.character("j")) }
        #expect(state.history.selectedEntry?.imageType == "icon")
        state.press(.character("Y"))
        Snapshot.assertMatches(Renderer.render(state).text, named: "copy_menu_image_80x24")
    }

    @Test func urlPrompt() {
        var state = Fixtures.sessionState()
        state.type("f")
        state.type("https://example.com/app.jar")
        Snapshot.assertMatches(Renderer.render(state).text, named: "url_prompt_80x24")
    }

    @Test func accountHeaderWithEmptyHistory() {
        var state = AppState(
            mode: .account(email: "vendor@example.com", serverURL: "https://api.atlassian.com/marketplace"),
            directory: Fixtures.directory, screen: ScreenSize(width: 80, height: 24),
            imageTypeChoices: Fixtures.imageTypeChoices, timeZone: Fixtures.utc)
        _ = Update.start(&state)
        Snapshot.assertMatches(Renderer.render(state).text, named: "account_loading_80x24")
    }

    @Test func terminalTooSmall() {
        var state = Fixtures.sessionState()
        state.send(.resize(ScreenSize(width: 50, height: 12)))
        Snapshot.assertMatches(Renderer.render(state).text, named: "too_small_50x12")
    }
}
