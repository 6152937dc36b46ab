import AssetCore
import AssetInspection
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File arguments whose names are not valid UTF-8.
///
/// Swift decodes argv into `CommandLine.arguments` (and so ArgumentParser) with U+FFFD in
/// place of invalid bytes, so such an argument no longer names its file, and may name another
/// (`x\xff.png` decodes to `x�.png`, a file of its own). For an argument that is the decoding
/// of a raw argv element, a symbolic link named as the argument's last component (valid
/// UTF-8) is made in a private temporary folder, pointing at the raw bytes: the upload reads
/// the file through it and sends the name as shown. `remove()` deletes the folder; `isLink`
/// tells an upload not to record the link as its local path.
final class RawPathLinks {
    private var folder: String?
    /// The links made: the argument each stands for, by the link's path.
    private var links: [String: String] = [:]
    /// The argv elements taken for an argument: two names that differ only in their invalid
    /// bytes (`x\xff.png`, `x\xfe.png`) decode alike, and each is another file; so is a name
    /// with a U+FFFD of its own given beside them.
    private var argvUsed: Set<Int> = []

    /// `argument`, or, when it is the decoding of an argv element that is not UTF-8, a link to
    /// the file that element names (a path that names nothing when it names nothing). Throws
    /// when no link can be made (the temporary folder cannot be written): the decoded name
    /// could name another file.
    func path(for argument: String) throws -> String {
        guard argument.unicodeScalars.contains("\u{FFFD}"), let (index, raw) = Self.argvElement(decodingTo: argument, skipping: argvUsed)
        else { return argument }
        argvUsed.insert(index)
        // Valid UTF-8: a name with a U+FFFD of its own, which names its file as it is.
        guard let raw else { return argument }
        guard let folder = makeFolder() else {
            let reason = String(cString: strerror(errno))
            throw CLIError("\(SafeText.oneLine(argument)) has a name that is not UTF-8, which is read through a link made in the temporary folder, "
                + "and \(SafeText.oneLine(NSTemporaryDirectory())) cannot take one (\(reason)): set TMPDIR to a folder you can write, whose name is UTF-8.")
        }
        // A folder per link, so that the link's name is the file's name as shown.
        let linkFolder = folder + "/" + String(links.count)
        let link = linkFolder + "/" + (argument as NSString).lastPathComponent
        links[link] = argument
        // Raw bytes that name nothing (or no link made) leave the link's path naming nothing: the
        // file is missing, as it is, never the one whose name decodes alike.
        guard Self.namesSomething(raw), mkdir(linkFolder, 0o700) == 0 else { return link }
        // A relative name is relative to here, not to the link's folder.
        var target = raw
        if raw.first != UInt8(ascii: "/") {
            guard let folder = AssetPaths.workingFolder() else { return link }
            target = Array(folder.utf8) + [UInt8(ascii: "/")] + raw
        }
        _ = target.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { symlink($0.baseAddress!, link) }
        }
        return link
    }


    func remove() {
        if let folder { try? FileManager.default.removeItem(atPath: folder) }
        folder = nil
    }

    private func makeFolder() -> String? {
        if let folder { return folder }
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("marketplace-assets-argv-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { return nil }
        folder = String(cString: made)
        return folder
    }

    /// Whether `raw` (NUL-terminated) names a file, a link or anything else: a link to nothing
    /// would be reported as a broken symbolic link the user never made.
    private static func namesSomething(_ raw: [UInt8]) -> Bool {
        var info = stat()
        return raw.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { lstat($0.baseAddress!, &info) == 0 }
        }
    }

    /// The first argv element but `used` that decodes to `argument` (file arguments keep the
    /// order they were given in): its place, and its raw bytes (NUL-terminated) when it is
    /// not valid UTF-8.
    private static func argvElement(decodingTo argument: String, skipping used: Set<Int>) -> (Int, [UInt8]?)? {
        for index in 1..<Int(CommandLine.argc) where !used.contains(index) && !isOptionValue(at: index) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                                  count: strlen(pointer)))
            guard String(decoding: bytes, as: UTF8.self) == argument else { continue }
            return (index, String(validating: bytes, as: UTF8.self) == nil ? bytes + [0] : nil)
        }
        return nil
    }

    /// The options of the file-taking subcommands whose value is the next argument.
    private static let optionsWithValues: Set<String> = ["--history", "--base-url", "--timeout", "--type", "-t"]

    /// Whether the argv element at `index` is an option's value (`--history x\xfe.png`), no file argument.
    private static func isOptionValue(at index: Int) -> Bool {
        guard index > 1, let previous = CommandLine.unsafeArgv[index - 1] else { return false }
        return optionsWithValues.contains(String(cString: previous))
    }
}

extension RawPathLinks {
    /// Runs `body` with the links of `arguments`, then removes them. An error it throws names
    /// the arguments, not the links.
    static func with<T>(_ arguments: [String], _ body: ([String], RawPathLinks) async throws -> T) async throws -> T {
        let links = RawPathLinks()
        defer { links.remove() }
        do {
            return try await body(try arguments.map(links.path(for:)), links)
        } catch var error as InspectionError {
            error.message = links.naming(error.message)
            throw error
        } catch var error as AssetError {
            error.message = links.naming(error.message)
            throw error
        } catch let error as CLIError {
            throw CLIError(links.naming(error.message), exitCode: error.exitCode)
        }
    }

    /// Whether `path` is one of the links: its upload records no local path (the file's own is
    /// not UTF-8, which a JSON string cannot hold, and its decoding with U+FFFD names no file).
    func isLink(_ path: String) -> Bool { links[path] != nil }

    /// `text` with each link's path replaced by the argument it stands for.
    func naming(_ text: String) -> String {
        links.reduce(text) { text, link in text.replacingOccurrences(of: link.key, with: link.value) }
    }
}
