import Foundation

/// Changes members of the config file in place, as `login` and `logout` do: the file is
/// checked as when it is read (`ConfigFile.read`: its owner's, the documented JSON), members it does not
/// know are kept, and the new file replaces the old one atomically with mode 0600 in a
/// folder of mode 0700. A file left with no members is removed. A config file that is a link (to a
/// dotfiles repository) stays one: the file it points to is replaced, and left as `{}` rather
/// than removed.
enum ConfigFileUpdate {
    /// Applies `change` to the members of the config file at `path` (none if it is missing).
    /// - Returns: whether the file changed.
    @discardableResult
    static func apply(_ given: String, _ change: (inout [String: String]) -> Void) throws(AssetError) -> Bool {
        let path = POSIXFile.followingSymbolicLinks(given)
        var members: [String: Any] = [:]
        if try ConfigFile.read(path) != nil, let bytes = try POSIXFile.readAll(path, what: "the config file"),
           let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] {
            members = object
        }
        var strings = members.compactMapValues { $0 as? String }
        let before = strings
        change(&strings)
        guard strings != before else { return false }
        for key in Set(before.keys).subtracting(strings.keys) { members.removeValue(forKey: key) }
        for (key, value) in strings { members[key] = value }
        if members.isEmpty, path == given {
            guard unlink(path) == 0 || errno == ENOENT else { throw POSIXFile.failure("remove the config file", path) }
            return true
        }
        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: members, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        } catch {
            throw AssetError("Could not write the config file \(path): its members cannot be written as JSON.")
        }
        let directory = (path as NSString).deletingLastPathComponent
        try POSIXFile.createDirectory(directory, for: path, what: "the config file", advice: "Set XDG_CONFIG_HOME to a folder you can write.")
        try POSIXFile.replaceAtomically(path, with: Array(data) + [0x0A], what: "the config file", permissions: 0o600)  // it holds a token
        return true
    }
}
