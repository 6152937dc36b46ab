/// One suggested imageType for the picker (from AssetCore's `ImageType.suggestions`).
struct ImageTypeChoice: Sendable, Equatable {
    /// The path parameter, e.g. `icon`.
    var name: String
    /// What it is for, one line.
    var summary: String
    /// The pixel sizes Marketplace documents, e.g. `144×144` or `1120×548 or 560×274`.
    var recommendedSize: String?

    init(name: String, summary: String, recommendedSize: String? = nil) {
        self.name = name
        self.summary = summary
        self.recommendedSize = recommendedSize
    }
}
