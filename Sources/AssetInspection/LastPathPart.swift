extension StringProtocol {
    /// The last non-empty `/`-separated part (`icon.png` of `assets/icon.png`), or nil when
    /// there is none. Split by bytes, not by `Character`: a `/` followed by a combining mark is
    /// one `Character`, and `split(separator: "/")` kept the folder's name in front of a file
    /// name that starts with one (`files/́lead.png`).
    public var lastPathPart: String? {
        utf8.split(separator: UInt8(ascii: "/")).last.map { String(decoding: $0, as: UTF8.self) }
    }
}
