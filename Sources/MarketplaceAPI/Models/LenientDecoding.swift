extension KeyedDecodingContainer {
    /// The value at `key`, or `nil` when it is absent, `null` or of another type.
    ///
    /// For the answers' optional fields: an upload the server accepted must not be thrown away
    /// (its ID with it) because one field it need not send came as `"false"` or `"524288"`.
    /// The fields a model cannot do without (an image's `id`, an artifact's `fileInfo` and
    /// `_links.self`) are decoded strictly.
    func lenient<Value: Decodable>(_ type: Value.Type, forKey key: Key) -> Value? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil
    }
}
