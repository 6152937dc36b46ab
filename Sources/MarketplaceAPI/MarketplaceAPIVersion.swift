/// The tool's version, in one place: it names the tool in the `User-Agent` header.
public enum MarketplaceAPIVersion {
    /// The version of marketplace-assets, e.g. `0.1.0`.
    public static let tool = "0.1.0"

    /// The `User-Agent` the client sends unless configured otherwise: `marketplace-assets/<version>`.
    public static var userAgent: String { "marketplace-assets/\(tool)" }
}
