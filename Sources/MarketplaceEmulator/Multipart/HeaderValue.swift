/// A header value of the form `token; name=value; name="quoted value"` (Content-Type,
/// Content-Disposition), split into its leading token and its parameters.
struct HeaderValue: Equatable {
    var token: String
    /// Parameters in order, names lowercased, quoted values unquoted (`\"` and `\\` undone).
    var parameters: [(name: String, value: String)]

    /// The first parameter called `name` (case-insensitive).
    func parameter(_ name: String) -> String? {
        let wanted = name.lowercased()
        return parameters.first { $0.name == wanted }?.value
    }

    static func == (lhs: HeaderValue, rhs: HeaderValue) -> Bool {
        lhs.token == rhs.token && lhs.parameters.elementsEqual(rhs.parameters) { $0 == $1 }
    }

    /// Parses leniently: a parameter without `=` is skipped, an unterminated quote runs to the end.
    static func parse(_ text: String) -> HeaderValue {
        let scalars = Array(text.unicodeScalars)
        var index = 0

        func skipSpaces() {
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        }
        func readUntil(_ stops: Set<Unicode.Scalar>) -> String {
            var result = String.UnicodeScalarView()
            while index < scalars.count, !stops.contains(scalars[index]) {
                result.append(scalars[index])
                index += 1
            }
            return String(result)
        }

        skipSpaces()
        let token = readUntil([";"]).trimmingSpaces()
        var parameters: [(name: String, value: String)] = []
        while index < scalars.count {
            index += 1  // the ';'
            skipSpaces()
            let name = readUntil(["=", ";"]).trimmingSpaces().lowercased()
            guard index < scalars.count, scalars[index] == "=" else { continue }
            index += 1
            skipSpaces()
            var value = String.UnicodeScalarView()
            if index < scalars.count, scalars[index] == "\"" {
                index += 1
                while index < scalars.count, scalars[index] != "\"" {
                    // Only before `"` or `\`: a browser sends a Windows path's backslashes as they are
                    // (`C:\Users\me\icon.png`), escaping nothing (WHATWG's form encoding).
                    if scalars[index] == "\\", index + 1 < scalars.count, scalars[index + 1] == "\"" || scalars[index + 1] == "\\" {
                        index += 1
                    }
                    value.append(scalars[index])
                    index += 1
                }
                index += 1  // the closing quote
                _ = readUntil([";"])
                parameters.append((name, String(value)))
            } else {
                parameters.append((name, readUntil([";"]).trimmingSpaces()))
            }
        }
        return HeaderValue(token: token, parameters: parameters)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(scalars[first...last])
    }
}
