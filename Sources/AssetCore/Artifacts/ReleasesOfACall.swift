/// The plugin keys and versions of one call's files (a batch, `inspect` of several, the TUI's
/// marked files), each with the first file that has it: a second file with the same build is
/// told which file has it already. Uploading one build twice is nearly always a slip.
public struct ReleasesOfACall: Sendable {
    private var firstFile: [String: String] = [:]

    public init() {}

    /// The file before `file` with `key` and `version`, if there was one; otherwise `file`
    /// is recorded as that build's, and `nil` returned.
    public mutating func earlierFile(key: String, version: String, file: String) -> String? {
        let release = key + "\u{0}" + version
        if let earlier = firstFile[release], earlier != file { return earlier }
        firstFile[release] = file
        return nil
    }
}
