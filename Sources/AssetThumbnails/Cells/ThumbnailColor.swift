/// A colour of a thumbnail cell, in the form the terminal takes it.
public enum ThumbnailColor: Sendable, Hashable {
    /// 24-bit colour, for terminals with direct colour.
    case rgb(red: UInt8, green: UInt8, blue: UInt8)
    /// An index into the terminal's palette: 16–255 for 256 colours, 0–15 for 16.
    case palette(UInt8)
}

/// How many colours the terminal can show, which decides how cells are coloured.
public enum ColorDepth: Sendable, Hashable, CaseIterable {
    /// Any 24-bit colour (a direct-colour terminal).
    case trueColor
    /// xterm's 256: the 6×6×6 cube and 24 greys (16–255) are used, since 0–15 follow the
    /// terminal's theme.
    case palette256
    /// The 16 ANSI colours.
    case palette16
    /// The 8 basic ANSI colours.
    case palette8
}
