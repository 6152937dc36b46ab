import ArgumentParser
import AssetCore

/// `marketplace-assets upload-image FILE --type TYPE [--json]`
struct UploadImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload-image",
        abstract: "Upload a listing image (png, jpg, gif, bmp) and print its image ID.",
        discussion: "Suggested image types: "
            + ImageType.suggestions.map(\.name).joined(separator: ", ")
            + ". Any other value is passed on: the server is the judge."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The image file.")
    var file: String

    @Option(name: [.customLong("type"), .customShort("t")], help: ArgumentHelp("The imageType, e.g. icon, banner, screenshot.", valueName: "imageType"))
    var imageType: String

    @Flag(help: "Print the server's JSON answer on stdout.")
    var json = false

    func run() async throws {
        try await reportingErrors {
            try await CommandContext.with(global) { context in
                let outcome = try await withProgressBar { progress in
                    try await context.service.uploadImage(path: file, imageType: imageType, progress: progress)
                }
                try printOutcome(outcome, json: json, headline: "Uploaded \(outcome.entry.name) as \(imageType)")
            }
        }
    }
}
