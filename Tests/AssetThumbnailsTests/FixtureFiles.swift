import Foundation

/// The image fixtures beside these tests (made by scripts/make-thumbnail-fixtures.py).
enum FixtureFiles {
    static func path(_ name: String, filePath: String = #filePath) -> String {
        URL(fileURLWithPath: filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }
}

/// RGB of the four quadrants of the quadrant fixtures: top left, top right, bottom left, bottom right.
enum Quadrant: CaseIterable {
    case topLeft, topRight, bottomLeft, bottomRight

    var rgb: (UInt8, UInt8, UInt8) {
        switch self {
        case .topLeft: (255, 0, 0)
        case .topRight: (0, 255, 0)
        case .bottomLeft: (0, 0, 255)
        case .bottomRight: (255, 255, 255)
        }
    }

    /// xterm's 256-colour index for the quadrant's colour.
    var paletteIndex: UInt8 {
        switch self {
        case .topLeft: 196
        case .topRight: 46
        case .bottomLeft: 21
        case .bottomRight: 231
        }
    }

    /// A point well inside the quadrant of a `width`×`height` grid.
    func centre(width: Int, height: Int) -> (x: Int, y: Int) {
        let x = self == .topLeft || self == .bottomLeft ? width / 4 : width * 3 / 4
        let y = self == .topLeft || self == .topRight ? height / 4 : height * 3 / 4
        return (x, y)
    }
}
