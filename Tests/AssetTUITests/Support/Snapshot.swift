import Foundation
import Testing

/// Golden-file comparison of rendered screens.
///
/// Goldens live in `__Snapshots__` beside this folder. A missing or different golden fails
/// the test; run with `SNAPSHOT_RECORD=1` to write them (on purpose, then review the diff).
enum Snapshot {
    static var isRecording: Bool { ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1" }

    static func directory(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("__Snapshots__")
    }

    /// Compares `text` with the golden `name.txt` (or records it).
    static func assertMatches(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory().appendingPathComponent(name + ".txt")
        if isRecording {
            try? FileManager.default.createDirectory(at: directory(), withIntermediateDirectories: true)
            do {
                try text.write(to: url, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("Cannot write golden \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let golden = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("Missing golden \(url.lastPathComponent); run with SNAPSHOT_RECORD=1 to create it", sourceLocation: sourceLocation)
            return
        }
        if golden != text {
            Issue.record("Screen differs from \(url.lastPathComponent):\n\(diff(golden: golden, actual: text))", sourceLocation: sourceLocation)
        }
    }

    /// The lines that differ, golden (-) then actual (+).
    static func diff(golden: String, actual: String) -> String {
        let expected = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var lines: [String] = []
        for index in 0..<max(expected.count, got.count) {
            let left = index < expected.count ? String(expected[index]) : "<none>"
            let right = index < got.count ? String(got[index]) : "<none>"
            if left != right {
                lines.append("\(index + 1) - \(left)")
                lines.append("\(index + 1) + \(right)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
