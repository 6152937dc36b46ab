import AssetCore
import AssetInspection

/// An upload or fetch interrupted once its whole file (a fetch's request) had gone: Marketplace
/// may have made it, and the history at `historyPath` keeps the attempt. A quit that interrupts
/// one says so on stderr once the screen is gone, as the CLI says it of Ctrl-C.
struct InterruptedByQuit: Sendable {
    /// The name the Upload pane shows.
    var name: String
    /// The history its service wrote to: the demo's, or after a sign-in the account's.
    var historyPath: String
    var failure: InterruptedUpload

    /// The line for stderr, with the command that takes the attempt out. The command names the
    /// history and every server (the demo's, or the one signed in to since), and is printed as
    /// it is to be typed: only the name is made safe text.
    var line: String {
        let command = "marketplace-assets --history \(SafeText.shellWord(historyPath)) history --remove "
            + (failure.entryId?.uuidString ?? "ENTRY-ID") + " --all-servers"
        return "marketplace-assets: " + SafeText.oneLine(name, maxLength: 200) + ": " + failure.describe(removal: "`\(command)` takes it out")
    }
}
