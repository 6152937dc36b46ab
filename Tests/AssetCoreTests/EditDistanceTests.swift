import AssetCore
import Testing

@Suite("Edit distance")
struct EditDistanceTests {
    @Test("insertions, deletions and substitutions count one each, and so does a swapped pair of neighbours")
    func distances() {
        let cases: [(String, String, Int)] = [
            ("", "", 0), ("", "logo", 4), ("logo", "", 4), ("logo", "logo", 0),
            ("logos", "logo", 1), ("lgo", "logo", 1), ("lugo", "logo", 1),
            ("lgoo", "logo", 1), ("histroy", "history", 1), ("hsitroy", "history", 2),
            ("kitten", "sitting", 3), ("ab", "ba", 1), ("abc", "ca", 3),
        ]
        for (a, b, distance) in cases {
            #expect(EditDistance.between(a, b) == distance, "\(a) → \(b)")
            #expect(EditDistance.between(b, a) == distance, "\(b) → \(a)")
        }
    }

    @Test("counted by character, so an accented letter is one edit")
    func characters() {
        #expect(EditDistance.between("émoji", "emoji") == 1)
        #expect(EditDistance.between("🇯🇵", "🇫🇷") == 1)
    }
}
