/// The body of `POST /rest/3/artifacts/fetch`: `{"uri": …}`.
public struct FetchRequest: Codable, Sendable, Equatable {
    public var uri: String
    public init(uri: String) { self.uri = uri }
}
