extension String {
    /// The text of a NUL-terminated C buffer a library wrote its message into (UTF-8,
    /// invalid bytes replaced).
    init(messageBuffer buffer: [CChar]) {
        self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
