import AssetCore
import MarketplaceAPI
import Testing
@testable import AssetTUI

/// The sign-in overlay (`L`): from the demo to an account without a restart, as `update`
/// sees it. The real check and storage are tested in AssetCore; the whole way, under tmux,
/// by scripts/e2e/tui-sign-in.sh.
@Suite struct UpdateSignInTests {
    static let token = "ATATT-tui-sign-in-token-8c1f"
    static let server = "https://api.atlassian.com/marketplace"
    static let configFile = "/home/dev/.config/marketplace-assets/config.json"

    /// The demo with nothing running, where `L` can sign in.
    static func demoState(email: String? = nil) -> AppState {
        var state = Fixtures.listedState()
        _ = state.send(.historyLoaded([Fixtures.imageEntry]))
        state.signInDefaults = SignInDefaults(email: email, server: server)
        return state
    }

    static func form(_ state: AppState) -> SignInForm? {
        if case .signIn(let form) = state.overlay { return form }
        return nil
    }

    @Test func theDemoHeaderSaysLSignsInAndLOpensTheForm() {
        var state = Self.demoState()
        #expect(Renderer.render(state).text.split(separator: "\n").first?.contains("L signs in") == true)
        state.press(.character("L"))
        let form = Self.form(state)
        #expect(form?.focus == .email)
        #expect(form?.server.text == Self.server)
        #expect(Renderer.render(state).text.contains("https://id.atlassian.com/manage-profile/security/api-tokens"))
        // Narrow, the link breaks after a `/`, not inside a word a person copies a line at a time.
        state.send(.resize(ScreenSize(width: 62, height: 17)))
        let narrow = Renderer.render(state).text
        #expect(narrow.contains("security/ ") && narrow.contains("│ api-tokens ") || narrow.contains("security/api-tokens"), "\(narrow)")

        // With an account configured, the cursor starts at the token.
        var configured = Self.demoState(email: "me@example.com")
        configured.press(.character("L"))
        #expect(Self.form(configured)?.email.text == "me@example.com")
        #expect(Self.form(configured)?.focus == .token)
    }

    @Test func theTokenIsTypedButOnlyDotsAreDrawn() {
        var state = Self.demoState()
        state.press(.character("L"))
        state.type("me@example.com")
        state.press(.tab)
        state.type(Self.token)
        #expect(Self.form(state)?.token.text == Self.token)
        let screen = Renderer.render(state).text
        #expect(screen.contains("me@example.com"))
        #expect(screen.contains(String(repeating: "•", count: Self.token.count)))
        #expect(!screen.contains("ATATT"))
        #expect(!String(describing: state).contains(Self.token), "a dump of the state shows the token")
        #expect(!String(reflecting: Self.form(state)!).contains(Self.token))
    }

    @Test func enterAsksForTheSignInOnceEveryFieldIsSensible() {
        var state = Self.demoState()
        state.press(.character("L"))
        state.type("me@example.com")
        #expect(state.press(.enter).isEmpty)
        #expect(Self.form(state)?.problem?.contains("token is empty") == true)
        #expect(Self.form(state)?.focus == .token)
        // Moving between fields keeps what was said; typing in one clears it.
        state.press(.tab, .backTab)
        #expect(Self.form(state)?.problem != nil)

        state.type(Self.token)
        #expect(Self.form(state)?.problem == nil)
        let effects = state.press(.enter)
        #expect(effects == [.signIn(SignInRequest(
            credentials: Credentials(email: "me@example.com", apiToken: Self.token), server: Self.server, allowPlainText: false))])
        #expect(Self.form(state)?.phase == .checking)
        // While checking, typing changes nothing, and the footer offers only Esc; Esc stops the check.
        let footer = Renderer.render(state).line(23)
        #expect(footer.contains("Esc cancel") && !footer.contains("next field") && !footer.contains("sign in"), "\(footer)")
        let checking = state
        state.type("x")
        #expect(state == checking)
        var signedIn = state
        #expect(state.press(.escape) == [.cancelSignIn])
        #expect(state.overlay == nil)
        #expect(state.status?.text == "Not signed in: nothing was stored.")
        // Signed in before: one still is (it used to say "Not signed in").
        signedIn.mode = .account(email: "old@example.com", serverURL: Self.server)
        signedIn.press(.escape)
        #expect(signedIn.status?.text == "Sign-in cancelled: still signed in as old@example.com at \(Self.server); nothing was stored.")
    }

    @Test func aRejectionIsShownInTheFormAndTheDemoStays() {
        var state = Self.demoState(email: "me@example.com")
        state.press(.character("L"))
        state.type("wrong")
        state.press(.enter)
        // A slow keyring says so on the status line, until the sign-in ends.
        state.send(.keyringWait(notice: "waiting for the system keyring: it may be asking for its password, or not answering (up to 120 s)…"))
        #expect(state.status?.text.hasPrefix("Waiting for the system keyring") == true)
        state.send(.signInFinished(.rejected("https://api.atlassian.com/marketplace rejected the email and API token (401)")))
        #expect(state.status == nil)
        #expect(Self.form(state)?.phase == .editing)
        #expect(Self.form(state)?.problem?.contains("rejected") == true)
        #expect(Self.form(state)?.focus == .token)
        #expect(Renderer.render(state).text.contains("rejected the email and API token"))
        #expect(state.mode == .demo(serverURL: Fixtures.serverURL))
    }

    @Test("the answer of a sign-in that comes while the help is open over the form is taken, under the help")
    func anAnswerUnderTheHelp() {
        var state = Self.demoState(email: "me@example.com")
        state.press(.character("L"))
        state.type(Self.token)
        state.press(.enter)
        state.press(.function(1))
        state.send(.signInFinished(.needsPlainTextConsent(reason: "no Secret Service: no D-Bus", configFile: Self.configFile)))
        guard case .help(_, let under)? = state.overlay else {
            Issue.record("the help is not open: \(String(describing: state.overlay))")
            return
        }
        #expect(under?.kind == .signInPlainText, "the question came under the help")
        state.press(.escape)
        #expect(state.overlay?.kind == .signInPlainText)
        state.press(.character("y"))
        state.press(.function(1))
        state.send(.signInFinished(.signedIn(email: "me@example.com", serverURL: Self.server, storedIn: "the config file",
                                             historyPath: "/home/dev/.local/state/marketplace-assets/history.json")))
        #expect(state.mode == .account(email: "me@example.com", serverURL: Self.server))
        #expect(state.overlay == .help(scrollTop: 0, over: nil), "the form closed under the help")
        state.press(.escape)
        #expect(state.overlay == nil)
    }

    @Test func withoutAKeyringTheFormAsksBeforeWritingTheConfigFile() throws {
        var state = Self.demoState(email: "me@example.com")
        state.press(.character("L"))
        state.type(Self.token)
        state.press(.enter)
        state.send(.signInFinished(.needsPlainTextConsent(reason: "no Secret Service: no D-Bus", configFile: Self.configFile)))
        #expect(state.overlay?.kind == .signInPlainText)
        #expect(Renderer.render(state).text.contains("plain text"))

        // n: nothing stored, back to the form.
        var declined = state
        #expect(declined.press(.character("n")).isEmpty)
        #expect(Self.form(declined)?.phase == .editing)
        #expect(Self.form(declined)?.problem?.contains("Nothing was stored") == true)

        // Another account's token in the file: the question says it goes (it was said only after).
        var replacing = state
        replacing.send(.signInFinished(.needsPlainTextConsent(reason: "no Secret Service: no D-Bus", configFile: Self.configFile,
                                                             replacing: "this replaces the token the config file kept for b@example.com at https://b.test")))
        // The form's box alone, its rows joined: the panes behind it show on both sides.
        let rows = Renderer.render(replacing).text.split(separator: "\n").map(Array.init)
        let top = try #require(rows.firstIndex { String($0).contains("┌ Sign in") })
        let left = try #require(rows[top].indices.first { String(rows[top][$0...]).hasPrefix("┌ Sign in") })
        let right = try #require(rows[top][left...].firstIndex(of: "┐"))
        let question = rows[(top + 1)...].prefix { $0.count > right && $0[left] == "│" }
            .map { String($0[(left + 1)..<right]).trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(question.contains("⚠ This replaces the token the config file kept for") && question.contains("b@example.com at https://b.test."), "\(question)")

        // y: the same credentials again, the config file allowed.
        #expect(state.press(.character("y")) == [.signIn(SignInRequest(
            credentials: Credentials(email: "me@example.com", apiToken: Self.token), server: Self.server, allowPlainText: true))])
    }

    @Test func signedInTheSessionSwitchesToTheAccountWithItsOwnHistory() {
        var state = Self.demoState(email: "me@example.com")
        state.uploads.jobs = [Fixtures.finishedJob]
        state.uploads.nextJobId = 2
        state.uploads.maxConcurrent = 5
        state.fetchExample = "http://127.0.0.1:44457/marketplace/samples/sample-plugin-1.0.0.jar"
        state.press(.character("L"))
        state.type(Self.token)
        state.press(.enter)
        let effects = state.send(.signInFinished(.signedIn(
            email: "me@example.com", serverURL: Self.server, storedIn: "the system keyring (Secret Service)",
            historyPath: "/home/dev/.local/state/marketplace-assets/history.json")))
        #expect(effects.contains(.loadHistory))
        #expect(state.overlay == nil)
        #expect(state.mode == .account(email: "me@example.com", serverURL: Self.server))
        // The demo's entries and uploads stay with the demo.
        #expect(state.history.entries.isEmpty)
        #expect(state.uploads.jobs.isEmpty && state.uploads.nextJobId == 2)
        #expect(state.uploads.maxConcurrent == 5, "--max-uploads holds for the account's session")
        // The demo emulator's sample link is no link for the account's server to fetch: f starts empty.
        state.press(.character("f"))
        #expect(state.overlay == .urlPrompt(TextField(text: "")))
        state.press(.escape)
        #expect(state.status?.kind == .success)
        #expect(state.status?.text.contains("Signed in as me@example.com") == true)
        #expect(state.status?.text.contains("Secret Service") == true)
        let header = Renderer.render(state).text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("me@example.com") && !header.contains("DEMO"))
        state.send(.historyLoaded([Fixtures.artifactEntry]))
        #expect(state.history.entries.map(\.id) == [Fixtures.artifactEntry.id])
    }

    /// With MARKETPLACE_EMAIL and MARKETPLACE_API_TOKEN set, other commands and the next start
    /// take them first: said right after "Signed in", as a warning, before a long path can cut it off.
    @Test func signedInWithTheVariablesSetSaysTheyComeFirst() {
        var state = Self.demoState(email: "me@example.com")
        state.press(.character("L"))
        state.type(Self.token)
        state.press(.enter)
        state.send(.signInFinished(.signedIn(
            email: "me@example.com", serverURL: Self.server, storedIn: "/home/dev/.config/marketplace-assets/config.json (plain text, mode 0600)",
            historyPath: "/home/dev/.local/state/marketplace-assets/history.json",
            variablesFirst: ["MARKETPLACE_EMAIL", "MARKETPLACE_API_TOKEN"])))
        #expect(state.status?.kind == .warning)
        #expect(state.status?.text.hasPrefix("Signed in as me@example.com · MARKETPLACE_EMAIL, MARKETPLACE_API_TOKEN, set in this shell, still come first "
            + "(other commands, the next start): unset them · at \(Self.server) · token in") == true, "\(String(describing: state.status))")
        let shown = Renderer.render(state).text
        #expect(shown.contains("MARKETPLACE_API_TOKEN") && shown.contains("unset them"), "in view at 80 columns: \(shown)")
    }

    /// `L`, the token, Enter, and the answer: signed in as me@example.com at `server`, the token in the keyring.
    static func signIn(_ state: inout AppState) {
        state.press(.character("L"))
        state.type(Self.token)
        state.press(.enter)
        state.send(.signInFinished(.signedIn(
            email: "me@example.com", serverURL: Self.server, storedIn: "the system keyring (Secret Service)",
            historyPath: "/home/dev/.local/state/marketplace-assets/history.json")))
    }

    @Test("signed in again from an account (a wrong token, a 401), the failed uploads stay for r to retry on the new session")
    func signingInAgainKeepsTheFailedUploadsToRetry() {
        var state = Self.demoState(email: "me@example.com")
        state.mode = .account(email: "me@example.com", serverURL: Self.server)
        state.uploads.jobs = [Fixtures.failedJob]
        state.uploads.nextJobId = 5
        Self.signIn(&state)
        #expect(state.uploads.jobs.map(\.id) == [Fixtures.failedJob.id])
        #expect(state.status?.text.contains("retries") == false, "the same server: nothing to say")
        Navigation.focus(.upload, state: &state)
        state.uploads.cursor.selection = 0
        #expect(state.type("r").contains(.startUpload(jobId: Fixtures.failedJob.id, Fixtures.failedJob.request)))
    }

    /// For an image the history is the only place its ID is kept: a sign-in (the demo's history
    /// to the account's) leaves `u` what it can put back, which goes back to the demo's file.
    @Test("a removal made before signing in can still be undone after, into the history it came from")
    func aRemovalBeforeSigningInCanBeUndoneAfter() {
        var state = Self.demoState(email: "me@example.com")
        let demo = RemovedEntries(entries: [Fixtures.imageEntry], historyPath: "/home/dev/.local/state/marketplace-assets/demo/history.json")
        state.send(.historyEntriesRemoved(demo, label: "app-icon.png"))
        Self.signIn(&state)
        Navigation.focus(.history, state: &state)
        #expect(state.type("u") == [.restoreHistoryEntries(demo)])
        state.send(.historyEntriesRestored(restored: demo.entries, asked: demo.entries, into: "the history \(demo.historyPath)"))
        #expect(state.status?.text.hasPrefix("Put back in the history \(demo.historyPath): app-icon.png (icon) \(Fixtures.imageEntry.id!).") == true,
                "\(String(describing: state.status))")
    }

    @Test("signed in at another server, the failed uploads kept are said to retry there")
    func signingInAtAnotherServerSaysWhereARetryGoes() {
        var state = Self.demoState(email: "me@example.com")
        state.mode = .account(email: "me@example.com", serverURL: "http://127.0.0.1:1/marketplace")
        state.uploads.jobs = [Fixtures.failedJob]
        state.send(.signInFinished(.signedIn(email: "me@example.com", serverURL: Self.server, storedIn: "the keyring", historyPath: "/h.json")))
        #expect(state.uploads.jobs.count == 1)
        #expect(state.status?.text.contains("r in Upload retries a failed upload on this server, a all of them") == true)
    }

    @Test func signingInWaitsUntilTheUploadsHaveEnded() {
        var state = Fixtures.sessionState()
        state.signInDefaults = SignInDefaults(email: nil, server: Self.server)
        state.press(.character("L"))
        #expect(state.overlay == nil)
        #expect(state.status == .error("Sign in when the uploads have ended (x in Upload cancels one)."))
    }
}
