/// Scales an image to a fixed size while its rows arrive, in any order, so the image is never
/// held whole: memory is the target's size, whatever the source's.
///
/// Shrinking averages the source pixels each target pixel covers, each by the part of it that
/// falls there (an area filter: a source pixel on a boundary counts in both target pixels), weighting
/// colour by alpha so that transparent pixels lend no colour to their neighbours. With whole pixels
/// only (a box filter), target pixels took 2 or 3 source pixels by turns, and a screenshot's
/// 1-pixel lines came out as bands and moiré. Enlarging repeats each source pixel (nearest
/// neighbour), which keeps small icons crisp. Pixels that never arrive (outside a GIF's first
/// frame, say) count as transparent.
struct ScalingCanvas {
    let sourceWidth: Int
    let sourceHeight: Int
    let width: Int
    let height: Int
    /// For each source column: the target columns it lands in, and its weight in each.
    private let columnSpans: [Span]
    private let rowSpans: [Span]
    /// For each target column (row): the weight of all the source falling in it along that axis.
    private let columnWeights: [Int]
    private let rowWeights: [Int]
    /// Per target pixel: red·alpha, green·alpha, blue·alpha, alpha, each times its weights.
    private var sums: [Int]

    /// Targets `start ..< start + count`: the first with weight `first`, the others `rest`.
    private struct Span {
        var start: Int
        var count: Int
        var first: Int
        var rest: Int

        func weight(_ index: Int) -> Int { index == 0 ? first : rest }
    }

    init(sourceWidth: Int, sourceHeight: Int, width: Int, height: Int) {
        self.sourceWidth = sourceWidth
        self.sourceHeight = sourceHeight
        self.width = width
        self.height = height
        (columnSpans, columnWeights) = Self.spans(source: sourceWidth, target: width)
        (rowSpans, rowWeights) = Self.spans(source: sourceHeight, target: height)
        sums = [Int](repeating: 0, count: width * height * 4)
    }

    /// Where each of `source` positions lands among `target` positions, and the weight each
    /// target receives in all.
    private static func spans(source: Int, target: Int) -> ([Span], [Int]) {
        var spans: [Span] = []
        spans.reserveCapacity(source)
        if target >= source {
            // Enlarging: source i covers targets ⌈i·t/s⌉ ..< ⌈(i+1)·t/s⌉, each target exactly once.
            for index in 0..<source {
                let start = (index * target + source - 1) / source
                let end = ((index + 1) * target + source - 1) / source
                spans.append(Span(start: start, count: end - start, first: 1, rest: 1))
            }
            return (spans, [Int](repeating: 1, count: target))
        }
        // Shrinking, in units where a source pixel is `target` long and a target pixel `source`
        // long: source i covers [i·t, (i+1)·t), inside one target pixel or across the boundary
        // of two (it is shorter than one); each target pixel takes `source` in all.
        for index in 0..<source {
            let (from, to) = (index * target, (index + 1) * target)
            let position = from / source, boundary = (from / source + 1) * source
            spans.append(to <= boundary ? Span(start: position, count: 1, first: target, rest: 0)
                                        : Span(start: position, count: 2, first: boundary - from, rest: to - boundary))
        }
        return (spans, [Int](repeating: source, count: target))
    }

    /// Adds `count` RGBA pixels from `pixels`, for source columns `first`, `first + step`, …
    /// of source row `y`. Pixels outside the source are ignored.
    mutating func add(row pixels: UnsafePointer<UInt8>, y: Int, first: Int = 0, step: Int = 1, count: Int) {
        guard y >= 0, y < sourceHeight, count > 0 else { return }
        let rowSpan = rowSpans[y]
        let targetWidth = width
        columnSpans.withUnsafeBufferPointer { columns in
            sums.withUnsafeMutableBufferPointer { sums in
                var x = first
                for index in 0..<count {
                    if x >= sourceWidth { break }
                    if x >= 0 {
                        let pixel = pixels + index * 4
                        let alpha = Int(pixel[3])
                        if alpha > 0 {
                            let red = Int(pixel[0]) * alpha
                            let green = Int(pixel[1]) * alpha
                            let blue = Int(pixel[2]) * alpha
                            let span = columns[x]
                            for row in 0..<rowSpan.count {
                                let rowWeight = rowSpan.weight(row)
                                var slot = ((rowSpan.start + row) * targetWidth + span.start) * 4
                                for column in 0..<span.count {
                                    let weight = rowWeight * span.weight(column)
                                    sums[slot] += red * weight
                                    sums[slot + 1] += green * weight
                                    sums[slot + 2] += blue * weight
                                    sums[slot + 3] += alpha * weight
                                    slot += 4
                                }
                            }
                        }
                    }
                    x += step
                }
            }
        }
    }

    /// The scaled image.
    func image() -> RGBAImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                let slot = (y * width + x) * 4
                let alphaSum = sums[slot + 3]
                guard alphaSum > 0 else { continue }
                let weight = max(1, columnWeights[x] * rowWeights[y])
                pixels[slot] = UInt8(min(255, (sums[slot] + alphaSum / 2) / alphaSum))
                pixels[slot + 1] = UInt8(min(255, (sums[slot + 1] + alphaSum / 2) / alphaSum))
                pixels[slot + 2] = UInt8(min(255, (sums[slot + 2] + alphaSum / 2) / alphaSum))
                pixels[slot + 3] = UInt8(min(255, (alphaSum + weight / 2) / weight))
            }
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }
}
