import AssetInspection
import Foundation

/// Names for files of several folders shown together (the marked files' upload): each its
/// file name, but where two share it, as much of their paths as tells them apart
/// (`d1/a.png`, `d2/a.png`), as the command line names a batch's files by their paths then.
enum DistinctNames {
    static func names(of paths: [String]) -> [String] {
        let components = paths.map { URL(fileURLWithPath: $0).pathComponents }
        func name(_ index: Int, parts: Int) -> String {
            SafeText.sanitize(parts < components[index].count ? components[index].suffix(parts).joined(separator: "/") : paths[index])
        }
        var parts = [Int](repeating: 1, count: paths.count)
        // Each round lengthens the names that still clash; a path has only so many parts.
        for _ in 0..<(components.map(\.count).max() ?? 0) {
            let names = paths.indices.map { name($0, parts: parts[$0]) }
            let counts = names.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
            let clashing = paths.indices.filter { counts[names[$0]]! > 1 && parts[$0] < components[$0].count }
            guard !clashing.isEmpty else { return names }
            for index in clashing { parts[index] += 1 }
        }
        return paths.indices.map { name($0, parts: parts[$0]) }
    }
}
