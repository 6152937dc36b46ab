/// Lays an image over a grey checkerboard, the way image editors show transparency, so an
/// icon's transparent corners (or the white box it should not have) show on any terminal.
public enum Checkerboard {
    /// The two greys: mid-tones, distinct from both a white and a black background.
    static let light: (UInt8, UInt8, UInt8) = (0x99, 0x99, 0x99)
    static let dark: (UInt8, UInt8, UInt8) = (0x66, 0x66, 0x66)

    /// `image` made opaque over squares of `square` pixels.
    public static func composite(_ image: RGBAImage, square: Int) -> RGBAImage {
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
