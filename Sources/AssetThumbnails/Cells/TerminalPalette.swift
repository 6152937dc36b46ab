/// The colours of xterm's palette, and the nearest of them to a colour.
///
/// 16–255 are fixed by xterm (and every terminal that copied it): a 6×6×6 cube, then 24
/// greys. 0–15 vary with the terminal's theme; their xterm defaults serve for the 16- and
/// 8-colour cases, where nothing better is known.
public enum TerminalPalette {
    /// The cube's six levels.
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// xterm's default 16 colours.
    static let ansi: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The RGB value of palette entry `index` (xterm's defaults for 0–15).
    public static func rgb(of index: UInt8) -> (Int, Int, Int) {
        let value = Int(index)
        if value < 16 { return ansi[value] }
        if value >= 232 {
            let grey = 8 + (value - 232) * 10
            return (grey, grey, grey)
        }
        let cube = value - 16
        return (cubeLevels[cube / 36], cubeLevels[cube / 6 % 6], cubeLevels[cube % 6])
    }

    /// The colour for `red`, `green`, `blue` at `depth`: itself in true colour, else the
    /// nearest palette entry.
    public static func color(red: UInt8, green: UInt8, blue: UInt8, depth: ColorDepth) -> ThumbnailColor {
        switch depth {
        case .trueColor: .rgb(red: red, green: green, blue: blue)
        case .palette256: .palette(nearest256(Int(red), Int(green), Int(blue)))
        case .palette16: .palette(nearestANSI(Int(red), Int(green), Int(blue), count: 16))
        case .palette8: .palette(nearestANSI(Int(red), Int(green), Int(blue), count: 8))
        }
    }

    /// The nearest of entries 16–255: the nearest cube colour or the nearest grey, whichever is closer.
    static func nearest256(_ red: Int, _ green: Int, _ blue: Int) -> UInt8 {
        let levels = [red, green, blue].map(nearestCubeLevel)
        let cubeIndex = 16 + levels[0] * 36 + levels[1] * 6 + levels[2]
        let cubeDistance = distance((red, green, blue), (cubeLevels[levels[0]], cubeLevels[levels[1]], cubeLevels[levels[2]]))
        let average = (red + green + blue) / 3
        let greyStep = min(23, max(0, (average - 3) / 10))
        let grey = 8 + greyStep * 10
        let greyDistance = distance((red, green, blue), (grey, grey, grey))
        return UInt8(greyDistance < cubeDistance ? 232 + greyStep : cubeIndex)
    }

    private static func nearestCubeLevel(_ value: Int) -> Int {
        if value < 48 { return 0 }
        if value < 115 { return 1 }
        return min(5, (value - 35) / 40)
    }

    private static func nearestANSI(_ red: Int, _ green: Int, _ blue: Int, count: Int) -> UInt8 {
        var best = 0
        var bestDistance = Int.max
        for index in 0..<count {
            let candidate = distance((red, green, blue), ansi[index])
            if candidate < bestDistance {
                best = index
                bestDistance = candidate
            }
        }
        return UInt8(best)
    }

    /// Squared distance, weighted for the eye (the "redmean" approximation).
    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let meanRed = (a.0 + b.0) / 2
        let red = a.0 - b.0, green = a.1 - b.1, blue = a.2 - b.2
        return (((512 + meanRed) * red * red) >> 8) + 4 * green * green + (((767 - meanRed) * blue * blue) >> 8)
    }
}
