import Foundation

/// Where the repository is, for tests that use `Resources/` or the built binaries.
enum Repository {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
