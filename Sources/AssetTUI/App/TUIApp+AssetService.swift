import AssetCore
import Foundation

extension TUIApp {
    /// Runs the TUI until the user quits. Restores the terminal on every way out.
    ///
    /// Throws `TUIError` when the terminal cannot be used (input or output not a terminal,
    /// `TERM` unset or unknown) and when SIGTERM, SIGHUP or SIGQUIT ended the session
    /// (`exitCode` is then 128 + the signal); Ctrl-C (SIGINT) is `q`, a quit like any other.
    /// Uploads still running at the end are cancelled.
    ///
    /// With `signIn`, `L` opens a sign-in form that does what `marketplace-assets login` does
    /// and then switches the session to that account, without a restart.
    public static func run(service: AssetService, options: TUIOptions, signIn: SignInConfiguration? = nil) async throws {
        let signInActions = signIn.map(ServiceSignIn.init)
        do {
            try await run(actions: ServiceActions(service: service), signIn: signInActions,
                          signInDefaults: signIn.map { SignInDefaults(email: $0.email, server: $0.server) },
                          options: options, environment: ProcessInfo.processInfo.environment)
        } catch {
            await signInActions?.close()
            throw error
        }
        await signInActions?.close()
    }
}
