import AssetInspection

/// What Marketplace's documented listing sizes say about an image, in words: which rules it
/// meets ("1120×548: right size for a banner", "580×330: the size of a cropped highlight
/// (thumbnail)"), or that it meets none, and then which kind's shape it has, if any.
public enum ListingImageRules {
    /// One sentence about an image and Marketplace's listing rules.
    public struct Verdict: Sendable, Equatable, Codable {
        public enum Outcome: String, Sendable, Equatable, Codable {
            /// The image has a documented size (and format) of a kind.
            case meets
            /// It has a kind's size but not one of the formats documented for it.
            case wrongFormat
            /// It has none of the documented sizes.
            case misses
        }

        public var sentence: String
        public var outcome: Outcome

        public init(_ sentence: String, _ outcome: Outcome) {
            self.sentence = sentence
            self.outcome = outcome
        }
    }

    /// How far an image's width-to-height ratio may be from a kind's to count as its shape.
    static let shapeTolerance = 0.01

    /// The verdicts for `info`: one for each documented size it has (with a word on the
    /// format where Marketplace documents others), or one saying it has none of them.
    public static func verdicts(for info: ImageInfo) -> [Verdict] {
        let size = "\(info.width)×\(info.height)"
        var verdicts: [Verdict] = []
        for type in ImageType.suggestions {
            guard let listingName = type.listingName,
                  let match = type.listingSizes.first(where: { $0.matches(info) }) else { continue }
            let place = match.standardResolution ? "\(listingName) at standard resolution" : listingName
            let base = type.name == "thumbnail" ? "\(size): the size of \(place)" : "\(size): right size for \(place)"
            if !type.documentedFormats.isEmpty && !type.documentedFormats.contains(info.format) {
                verdicts.append(Verdict(
                    "\(base), but Marketplace documents \(formatsText(type.documentedFormats)) for it, not \(info.format.displayName)",
                    .wrongFormat))
            } else {
                verdicts.append(Verdict(base, .meets))
            }
        }
        if !verdicts.isEmpty { return verdicts }
        let documented = ImageType.suggestions.filter { $0.listingName != nil && !$0.listingSizes.isEmpty }
        let ratio = Double(info.width) / Double(info.height)
        let shaped = documented.filter { type in
            type.listingSizes.contains { abs(ratio / (Double($0.width) / Double($0.height)) - 1) <= shapeTolerance }
        }
        if let only = shaped.first, shaped.count == 1 {
            return [Verdict("\(size): the shape of \(only.listingName!), not its size (\(only.sizesText!))", .misses)]
        }
        if !shaped.isEmpty {
            let kinds = shaped.map { $0.listingName! }.joined(separator: " or ")
            return [Verdict("\(size): the shape of \(kinds), not their sizes (\(sizeList(shaped)))", .misses)]
        }
        return [Verdict("\(size): none of Marketplace's listing sizes (\(sizeList(documented)))", .misses)]
    }

    /// "app logo 144×144; banner 1120×548 or 560×274; …".
    static func sizeList(_ types: [ImageType]) -> String {
        types.map { "\(shortName($0)) \($0.listingSizes.map(\.text).joined(separator: " or "))" }.joined(separator: "; ")
    }

    /// "app logo", "banner", "highlight screenshot", "cropped highlight": the listing name
    /// without its article and aside.
    static func shortName(_ type: ImageType) -> String {
        var name = type.listingName ?? type.name
        for article in ["an ", "a "] where name.hasPrefix(article) { name.removeFirst(article.count) }
        if let aside = name.range(of: " (") { name = String(name[..<aside.lowerBound]) }
        return name
    }

    /// "PNG or JPG" for the documented formats.
    static func formatsText(_ formats: [ImageFormat]) -> String {
        formats.map { $0 == .jpeg ? "JPG" : $0.displayName }.joined(separator: " or ")
    }
}
