import ArgumentParser
import MarketplaceAPI

/// `marketplace-assets`: upload listing images and app artifacts to the Atlassian Marketplace.
///
/// With no subcommand it opens the terminal UI (`tui`). Every action is also a subcommand
/// with `--json`, for scripts and CI.
@main
struct MarketplaceAssetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marketplace-assets",
        abstract: "Upload listing images and app artifacts to the Atlassian Marketplace.",
        discussion: """
            `marketplace-assets login` signs in and keeps the API token in the system keyring. \
            Credentials come from MARKETPLACE_EMAIL and MARKETPLACE_API_TOKEN, else the keyring, else \
            $XDG_CONFIG_HOME/marketplace-assets/config.json (readable by its owner only). \
            --demo runs everything against a built-in emulator of the Marketplace API.
            """,
        version: MarketplaceAPIVersion.tool,
        subcommands: [
            TUICommand.self,
            UploadImageCommand.self,
            UploadArtifactCommand.self,
            FetchArtifactCommand.self,
            ArtifactCommand.self,
            HistoryCommand.self,
            InspectCommand.self,
            EmulatorCommand.self,
            LoginCommand.self,
            LogoutCommand.self,
            AuthCommand.self,
        ],
        defaultSubcommand: TUICommand.self
    )

    /// Parses with the global options moved behind the subcommand's name, so that
    /// `marketplace-assets --demo history` means the same as `marketplace-assets history --demo`.
    static func main() async {
        let arguments = GlobalOptions.movedBehindSubcommand(
            Array(CommandLine.arguments.dropFirst()),
            subcommandNames: Set(configuration.subcommands.map { $0._commandName } + ["help"]),
            groups: [AuthCommand._commandName: Set(AuthCommand.configuration.subcommands.map { $0._commandName })])
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
