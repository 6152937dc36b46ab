/// One suggested imageType for the picker (from AssetCore's `ImageType.suggestions`).
struct ImageTypeChoice: Sendable, Equatable {
    /// The path parameter, e.g. `icon`.
    var name: String
    /// What it is for, one line.
    var summary: String
    /// The recommended pixel size, e.g. `144×144`, when Marketplace recommends one.
    var recommendedSize: String?

    init(name: String, summary: String, recommendedSize: String? = nil) {
        self.name = name
        self.summary = summary
        self.recommendedSize = recommendedSize
    }
}
