import Foundation

/// Recognises the IPv6 loopback address `::1` in any of its spellings (`0:0:0:0:0:0:0:1`, `::0:1`).
enum IPv6Loopback {
    /// `true` for `::1`, `false` for another valid IPv6 address, `nil` when `text` is not one.
    static func parse(_ text: String) -> Bool? {
        guard let groups = groups(text) else { return nil }
        return groups.dropLast().allSatisfy { $0 == 0 } && groups.last == 1
    }

    private static func groups(_ text: String) -> [UInt16]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func parseGroups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var values: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
                values.append(value)
            }
            return values
        }
        guard let head = parseGroups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 8 ? head : nil }
        guard let tail = parseGroups(halves[1]), head.count + tail.count < 8 else { return nil }
        return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    }
}
