/// Lays an image over a grey checkerboard, the way image editors show transparency, so an
/// icon's transparent corners (or the white box it should not have) show on any terminal.
public enum Checkerboard {
    /// The two squares at `depth`: mid-tone greys, distinct from both a white and a black
    /// background; with 16 colours the two ANSI greys, and with 8, which have one grey (white)
    /// that both mid-tones become, black and white, so that a transparent area still differs
    /// from an opaque white one.
    static func squares(for depth: ColorDepth) -> (light: (UInt8, UInt8, UInt8), dark: (UInt8, UInt8, UInt8)) {
        switch depth {
        case .trueColor, .palette256: ((0x99, 0x99, 0x99), (0x66, 0x66, 0x66))
        case .palette16: ((0xE5, 0xE5, 0xE5), (0x7F, 0x7F, 0x7F))
        case .palette8: ((0xE5, 0xE5, 0xE5), (0x00, 0x00, 0x00))
        }
    }

    /// `image` made opaque over squares of `square` pixels, in the greys `depth` can show.
    public static func composite(_ image: RGBAImage, square: Int, depth: ColorDepth = .trueColor) -> RGBAImage {
        let (light, dark) = squares(for: depth)
        let side = max(1, square)
        var pixels = image.pixels
        for y in 0..<image.height {
            for x in 0..<image.width {
                let index = (y * image.width + x) * 4
                let alpha = Int(pixels[index + 3])
                if alpha == 255 { continue }
                let ground = (x / side + y / side) % 2 == 0 ? light : dark
                let under = [ground.0, ground.1, ground.2]
                for channel in 0..<3 {
                    let value = Int(pixels[index + channel]) * alpha + Int(under[channel]) * (255 - alpha)
                    pixels[index + channel] = UInt8((value + 127) / 255)
                }
                pixels[index + 3] = 255
            }
        }
        return RGBAImage(width: image.width, height: image.height, pixels: pixels)
    }
}
