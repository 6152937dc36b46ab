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

    /// A byte count at `key`: a number, or a string of digits (`"524288"`, how some servers
    /// write large numbers); `nil` for anything else.
    func lenientSize(forKey key: Key) -> Int64? {
        lenient(Int64.self, forKey: key) ?? lenient(String.self, forKey: key).flatMap { Int64($0) }
    }

    /// A byte count a model needs: as `lenientSize`, else the usual decoding error.
    func size(forKey key: Key) throws -> Int64 {
        if let size = lenientSize(forKey: key) { return size }
        return try decode(Int64.self, forKey: key)
    }
}
