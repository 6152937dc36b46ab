/// A path compared by its bytes. Swift compares `String`s by canonical equivalence, so
/// `café.png` spelt in NFC and in NFD, two files on disk, were one key: marking one marked
/// both (and only one was uploaded), and they shared one preview.
struct ExactPath: Hashable, Sendable {
    var path: String

    init(_ path: String) { self.path = path }

    static func == (lhs: ExactPath, rhs: ExactPath) -> Bool { lhs.path.utf8.elementsEqual(rhs.path.utf8) }
    // (The synthesized hash is `String`'s, canonical too: equal bytes hash alike, twins share a bucket.)
}
