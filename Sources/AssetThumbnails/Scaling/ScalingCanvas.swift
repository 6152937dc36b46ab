/// Scales an image to a fixed size while its rows arrive, in any order, so the image is never
/// held whole: memory is the target's size, whatever the source's.
///
/// Shrinking averages every source pixel into the target pixel it falls in (a box filter),
/// weighting colour by alpha so that transparent pixels lend no colour to their neighbours;
/// enlarging repeats each source pixel (nearest neighbour), which keeps small icons crisp.
/// Pixels that never arrive (outside a GIF's first frame, say) count as transparent.
struct ScalingCanvas {
    let sourceWidth: Int
    let sourceHeight: Int
    let width: Int
    let height: Int
    /// For each source column: the first target column it lands in, and how many.
    private let columnSpans: [Span]
    private let rowSpans: [Span]
    /// For each target column (row): how many source pixels land in it along that axis.
    private let columnWeights: [Int]
    private let rowWeights: [Int]
    /// Per target pixel: red·alpha, green·alpha, blue·alpha, alpha.
    private var sums: [Int]

    private struct Span {
        var start: Int
        var count: Int
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

    /// Where each of `source` positions lands among `target` positions, and how many
    /// sources each target receives.
    private static func spans(source: Int, target: Int) -> ([Span], [Int]) {
        var spans: [Span] = []
        spans.reserveCapacity(source)
        var weights = [Int](repeating: 0, count: target)
        if target >= source {
            // Enlarging: source i covers targets ⌈i·t/s⌉ ..< ⌈(i+1)·t/s⌉, each target exactly once.
            for index in 0..<source {
                let start = (index * target + source - 1) / source
                let end = ((index + 1) * target + source - 1) / source
                spans.append(Span(start: start, count: end - start))
                for position in start..<end { weights[position] = 1 }
            }
        } else {
            // Shrinking: source i falls in target ⌊i·t/s⌋.
            for index in 0..<source {
                let position = index * target / source
                spans.append(Span(start: position, count: 1))
                weights[position] += 1
            }
        }
        return (spans, weights)
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
                            for targetY in rowSpan.start..<(rowSpan.start + rowSpan.count) {
                                var slot = (targetY * targetWidth + span.start) * 4
                                for _ in 0..<span.count {
                                    sums[slot] += red
                                    sums[slot + 1] += green
                                    sums[slot + 2] += blue
                                    sums[slot + 3] += alpha
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
