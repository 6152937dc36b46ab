import AssetCore
import Foundation
import MarketplaceAPI
import Testing
@testable import AssetTUI

/// The runner's side of signing in: a successful sign-in replaces the actions, so what is
/// asked for next (the account's history) runs on the account, not on the demo.
@Suite struct EffectRunnerSignInTests {
    /// `SignInActions` that answers with `outcome`, and for a sign-in with `newActions`.
    struct FakeSignIn: SignInActions {
        var outcome: SignInOutcome
        var newActions: FakeAssetActions?
        var delay: Duration = .zero

        func signIn(_ request: SignInRequest) async -> (SignInOutcome, (any AssetActions)?) {
            try? await Task.sleep(for: delay)
            return (outcome, newActions)
        }
    }

    static let request = SignInRequest(
        credentials: Credentials(email: "me@example.com", apiToken: "token-1234"), server: "https://m.test/marketplace", allowPlainText: false)
    static let signedIn = SignInOutcome.signedIn(
        email: "me@example.com", serverURL: "https://m.test/marketplace", storedIn: "the test keyring", historyPath: "/tmp/h.json")

    static func runner(demo: FakeAssetActions, signIn: FakeSignIn) -> (EffectRunner, ActionInbox) {
        let inbox = ActionInbox()
        let runner = EffectRunner(actions: demo, signIn: signIn, inbox: inbox,
                                  clipboard: Clipboard(tools: [], insideTmux: false, logPath: nil))
        return (runner, inbox)
    }

    @Test func aSignInSwitchesTheActionsBeforeItsResultArrives() async {
        var demo = FakeAssetActions()
        demo.historyHandler = { [Fixtures.imageEntry] }
        var account = FakeAssetActions()
        account.historyHandler = { [Fixtures.artifactEntry] }
        let (runner, inbox) = Self.runner(demo: demo, signIn: FakeSignIn(outcome: Self.signedIn, newActions: account))

        runner.perform(.loadHistory)
        #expect(await inbox.collect { !$0.isEmpty } == [.historyLoaded([Fixtures.imageEntry])])
        runner.perform(.signIn(Self.request))
        #expect(await inbox.collect { !$0.isEmpty } == [.signInFinished(Self.signedIn)])
        // The history loads from the account from then on.
        runner.perform(.loadHistory)
        #expect(await inbox.collect { !$0.isEmpty } == [.historyLoaded([Fixtures.artifactEntry])])
    }

    @Test func aRejectedSignInKeepsTheDemoActions() async {
        var demo = FakeAssetActions()
        demo.historyHandler = { [Fixtures.imageEntry] }
        let (runner, inbox) = Self.runner(demo: demo, signIn: FakeSignIn(outcome: .rejected("rejected (401)"), newActions: nil))
        runner.perform(.signIn(Self.request))
        #expect(await inbox.collect { !$0.isEmpty } == [.signInFinished(.rejected("rejected (401)"))])
        runner.perform(.loadHistory)
        #expect(await inbox.collect { !$0.isEmpty } == [.historyLoaded([Fixtures.imageEntry])])
    }

    @Test func aCancelledCheckReportsNothing() async {
        let (runner, inbox) = Self.runner(
            demo: FakeAssetActions(), signIn: FakeSignIn(outcome: .failed("no answer"), newActions: nil, delay: .milliseconds(300)))
        runner.perform(.signIn(Self.request))
        runner.perform(.cancelSignIn)
        // Until the cancelled check has ended, however long a busy machine takes to run it.
        await runner.waitForAll(upTo: .seconds(60))
        #expect(inbox.drain().isEmpty)
    }
}
