import AssetCore
import AssetInspection
import Testing

/// Marketplace's documented listing sizes, said in words for any image.
@Suite("Listing image rules")
struct ListingImageRulesTests {
    private func sentences(_ width: Int, _ height: Int, _ format: ImageFormat = .png) -> [String] {
        ListingImageRules.verdicts(for: ImageInfo(format: format, width: width, height: height)).map(\.sentence)
    }

    @Test("each documented size is named as the rule it meets")
    func meets() {
        #expect(sentences(144, 144) == ["144×144: right size for an app logo"])
        #expect(sentences(1120, 548, .jpeg) == ["1120×548: right size for a banner"])
        #expect(sentences(560, 274) == ["560×274: right size for a banner at standard resolution"])
        #expect(sentences(1840, 900) == ["1840×900: right size for a highlight screenshot"])
        #expect(sentences(920, 450) == ["920×450: right size for a highlight screenshot at standard resolution"])
        #expect(sentences(580, 330, .gif) == ["580×330: the size of a cropped highlight (thumbnail)"])
        #expect(ListingImageRules.verdicts(for: ImageInfo(format: .png, width: 580, height: 330)).map(\.outcome) == [.meets])
    }

    @Test("a logo or banner in a format Marketplace does not document for it is told so")
    func wrongFormat() {
        let verdicts = ListingImageRules.verdicts(for: ImageInfo(format: .bmp, width: 144, height: 144))
        #expect(verdicts == [ListingImageRules.Verdict(
            "144×144: right size for an app logo, but Marketplace documents PNG or JPG for it, not BMP", .wrongFormat)])
    }

    /// A banner and a highlight screenshot have the same shape (to 0.03 %), so a scaled one is both.
    @Test("an image with none of the sizes: its kind's shape when it has one, else every size")
    func misses() {
        #expect(sentences(1160, 660) == ["1160×660: the shape of a cropped highlight (thumbnail), not its size (580×330)"])
        #expect(sentences(288, 288) == ["288×288: the shape of an app logo, not its size (144×144)"])
        #expect(sentences(3680, 1800) == [
            "3680×1800: the shape of a banner or a highlight screenshot, not their sizes "
                + "(banner 1120×548 or 560×274; highlight screenshot 1840×900 or 920×450)"])
        #expect(sentences(800, 600) == [
            "800×600: none of Marketplace's listing sizes (app logo 144×144; banner 1120×548 or 560×274; "
                + "highlight screenshot 1840×900 or 920×450; cropped highlight 580×330)"])
        #expect(ListingImageRules.verdicts(for: ImageInfo(format: .png, width: 800, height: 600)).map(\.outcome) == [.misses])
        // A banner turned on its side (548×1120, width and height swapped) is no banner.
        let turned = ImageInfo(format: .png, width: 548, height: 1120)
        #expect(ListingImageRules.verdicts(for: turned).map(\.outcome) == [.misses])
        #expect(!(ListingSize(1120, 548).matches(turned)))
    }
}
