import Foundation
import ZIPFoundation

/// Reads the plugin descriptor of an app artifact (a ZIP archive: .jar or .obr), reading
/// no more than a capped number of bytes from any entry, so a zip bomb cannot hurt.
///
/// Each entry's declared size is checked before it is unpacked, and the unpacking itself
/// stops once the cap is passed, for archives whose headers lie about their sizes.
enum ArtifactReader {
    /// The most bytes read from `atlassian-plugin.xml` (a large app's has a few hundred KB, one
    /// of 30,000 web items 6 MB; the XML parser, libxml2, reads 10,000,000 at most): one larger,
    /// declared or unpacked (a zip bomb's), is refused.
    static let maximumDescriptorSize = 8 << 20
    /// The most bytes read from the start of `META-INF/MANIFEST.MF`, where its main section is
    /// (a few hundred bytes); the rest, which a signed jar fills with a digest per class (1.5 MB for
    /// 12,000 classes), is not read.
    static let maximumManifestSize = 1 << 20
    /// The most bytes of an .obr's inner jar unpacked into memory to read its descriptor; a larger
    /// one is unpacked into a temporary file, up to twice its packed size and 64 MiB more (a jar
    /// hardly compresses; one that inflates more is a zip bomb, whose descriptor is not read).
    static let maximumNestedJarSize = 64 << 20

    static let descriptorPath = "atlassian-plugin.xml"
    static let manifestPath = "META-INF/MANIFEST.MF"

    /// What was found in an artifact.
    struct Contents {
        var descriptor: PluginDescriptor?
        var warnings: [String] = []
        /// Whether the descriptor was not looked for (a bundle's jar too large to unpack): `nil`
        /// then means unknown, not absent.
        var descriptorUnread = false
        /// Where one was found in a folder instead (`FileInspection.misplacedDescriptor`).
        var misplacedDescriptor: String?
    }

    /// An archive's bytes, read at any offset, and where its files' local headers start: what a
    /// deflated entry is unpacked from.
    struct Source {
        var localHeaders: [String: UInt64]
        var read: (UInt64, Int) throws(InspectionError) -> [UInt8]

        /// The archive of `size` bytes that `read` gives, `tail` its last bytes, once
        /// ``ZIPBounds/check(size:tail:read:)`` has found nothing in it past its end.
        init(size: UInt64, tail: [UInt8], read: @escaping (UInt64, Int) throws(InspectionError) -> [UInt8]) throws(InspectionError) {
            localHeaders = try ZIPBounds.check(size: size, tail: tail, read: read)
            self.read = read
        }
    }

    /// The entries of one archive that matter here.
    private struct Landmarks {
        /// The last of the name, as Java's `JarFile` finds it (a shaded jar may hold two).
        var descriptor: Entry?
        var descriptorCount = 0
        var manifest: Entry?
        /// The first `atlassian-plugin.xml` in a folder (`META-INF/`), where the framework does not look.
        var misplacedDescriptor: String?
        /// The first .jar in the archive's top folder, else the first anywhere; of a name given
        /// twice, its last entry (the one whose local header ``Source`` keeps, as Java's).
        var firstJar: Entry?
        /// How many entries were read: ZIPFoundation ends the list at an entry it cannot
        /// read (an encrypted one, a damaged header) as if the archive ended there.
        var readCount = 0
    }

    /// Reads the descriptor of the archive at `path` (the path of an open file that is
    /// known to start like a ZIP and to end with an end of central directory record, see
    /// ``ZIPSignature``). `fileName` names it in warnings. When `searchInnerJar`
    /// is set (an .obr) and the archive has no descriptor itself, the first jar inside is read.
    /// `declaredEntryCount` is the count its end record gives (``ZIPSignature/declaredEntryCount(inTail:)``).
    static func contents(
        ofArchiveAt path: String, source: Source, fileName: String, searchInnerJar: Bool, declaredEntryCount: Int?
    ) throws(InspectionError) -> Contents {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw InspectionError("the ZIP archive cannot be read: its central directory is missing or damaged")
        }
        let found = try landmarks(of: archive, declaredEntryCount: declaredEntryCount)
        if let descriptorEntry = found.descriptor {
            let descriptor = try descriptor(in: archive, source, descriptorEntry, manifest: found.manifest)
            return Contents(descriptor: descriptor, warnings: twice(found, in: fileName) + gaps(in: descriptor, of: fileName))
        }
        guard searchInnerJar, let jarEntry = found.firstJar else {
            return Contents(descriptor: nil, warnings: [
                "\(fileName) has no atlassian-plugin.xml\(misplaced(found.misplacedDescriptor)), so its plugin key, name and version are unknown",
            ], misplacedDescriptor: found.misplacedDescriptor)
        }
        return try contents(ofInnerJar: jarEntry, in: archive, source, bundleName: fileName)
    }

    /// The descriptor of the jar `entry` inside the bundle `archive`.
    private static func contents(ofInnerJar entry: Entry, in archive: Archive, _ source: Source, bundleName: String) throws(InspectionError) -> Contents {
        let jarName = SafeText.oneLine(entry.path, maxLength: 200)
        // Its bytes: in memory, or in an unnamed temporary file when larger.
        let data: Data?, file: RegularFile?
        if entry.uncompressedSize <= UInt64(maximumNestedJarSize) {
            (data, file) = (try unpack(entry, from: archive, source, limit: maximumNestedJarSize, name: jarName), nil)
        } else {
            let limit = entry.compressedSize > UInt64(Int.max / 4) ? Int.max / 2 : 2 * Int(entry.compressedSize) + maximumNestedJarSize
            let copy = entry.uncompressedSize > UInt64(limit)
                ? (file: -1, problem: "it unpacks to more than twice its packed size (a zip bomb?)")
                : try temporaryCopy(of: entry, from: archive, source, limit: limit, name: jarName)
            guard copy.file >= 0 else {
                return Contents(descriptor: nil, warnings: [
                    "\(bundleName) has no atlassian-plugin.xml, and the descriptor of its jar \(jarName) was not read: \(copy.problem)",
                ], descriptorUnread: true)
            }
            // Read as any file is, by /proc's link to it (ZIPFoundation's way in too).
            (data, file) = (nil, try? RegularFile(path: "/proc/self/fd/\(copy.file)"))
            close(copy.file)
        }
        let size = data.map { UInt64($0.count) } ?? UInt64(file?.count ?? 0)
        let read: (UInt64, Int) throws(InspectionError) -> [UInt8] = { offset, count throws(InspectionError) in
            if let data { return Array(data.dropFirst(Int(offset)).prefix(count)) }
            return try file?.read(at: Int64(offset), length: count) ?? []
        }
        let inner: Archive, innerSource: Source
        let tail = (try? read(size - min(size, UInt64(ZIPSignature.endRecordSearchLength)), ZIPSignature.endRecordSearchLength)) ?? []
        do {
            guard ZIPSignature.startsArchive(try read(0, 4)), ZIPSignature.hasEndRecord(inTail: tail) else {
                throw ZIPFoundation.Archive.ArchiveError.missingEndOfCentralDirectoryRecord
            }
            innerSource = try Source(size: size, tail: tail, read: read)
            inner = try data.map { try Archive(data: $0, accessMode: .read) }
                ?? Archive(url: URL(fileURLWithPath: "/proc/self/fd/\(file?.descriptor ?? -1)"), accessMode: .read)
        } catch {
            throw InspectionError("the jar \(jarName) inside is not a readable ZIP archive")
        }
        let found: Landmarks
        do {
            found = try landmarks(of: inner, declaredEntryCount: ZIPSignature.declaredEntryCount(inTail: tail))
        } catch {
            throw InspectionError("in its jar \(jarName): \(error.message)")
        }
        guard let descriptorEntry = found.descriptor else {
            return Contents(descriptor: nil, warnings: [
                "\(bundleName) has no atlassian-plugin.xml, and neither has its jar \(jarName)\(misplaced(found.misplacedDescriptor))",
            ], misplacedDescriptor: found.misplacedDescriptor)
        }
        do {
            let descriptor = try descriptor(in: inner, innerSource, descriptorEntry, manifest: found.manifest)
            let subject = "\(bundleName) (its jar \(jarName))"
            return Contents(descriptor: descriptor, warnings: twice(found, in: subject) + gaps(in: descriptor, of: subject))
        } catch {
            throw InspectionError("in its jar \(jarName): \(error.message)")
        }
    }

    /// One pass over the archive's central directory; throws when it ends before the
    /// `declaredEntryCount` entries the end record promises.
    private static func landmarks(of archive: Archive, declaredEntryCount: Int?) throws(InspectionError) -> Landmarks {
        var found = Landmarks()
        var firstNestedJar: Entry?
        for entry in archive {
            found.readCount += 1
            guard entry.type == .file else { continue }
            let path = entry.path
            if path == descriptorPath {
                found.descriptor = entry
                found.descriptorCount += 1
            } else if path.hasSuffix("/" + descriptorPath) {
                if found.misplacedDescriptor == nil { found.misplacedDescriptor = path }
            } else if path.caseInsensitiveEquals(manifestPath) {
                found.manifest = entry
            } else if path.lowercased().hasSuffix(".jar") {
                if !path.contains("/") {
                    if found.firstJar == nil || found.firstJar?.path == path { found.firstJar = entry }
                } else if firstNestedJar == nil || firstNestedJar?.path == path {
                    firstNestedJar = entry
                }
            }
        }
        if found.firstJar == nil { found.firstJar = firstNestedJar }
        if let declaredEntryCount, found.readCount < declaredEntryCount {
            throw InspectionError("entry \(found.readCount + 1) of the \(declaredEntryCount) in the ZIP archive cannot be read: "
                + "the archive is encrypted (password-protected) or damaged, and Java loads a plugin from neither")
        }
        return found
    }

    /// The descriptor from `descriptorEntry`, with the manifest's main attributes when there is one.
    private static func descriptor(in archive: Archive, _ source: Source, _ descriptorEntry: Entry, manifest manifestEntry: Entry?) throws(InspectionError) -> PluginDescriptor {
        let xml = try unpack(descriptorEntry, from: archive, source, limit: maximumDescriptorSize, name: descriptorPath)
        var descriptor = try PluginXMLParser.descriptor(from: xml)
        if let manifestEntry {
            let manifest = try unpack(manifestEntry, from: archive, source, limit: maximumManifestSize, name: manifestPath, startOnly: true)
            descriptor.manifest = ManifestParser.mainAttributes(of: manifest)
        }
        if descriptor.key == nil, let manifestKey = descriptor.manifest["Atlassian-Plugin-Key"], !manifestKey.isEmpty {
            descriptor.key = manifestKey
        }
        return descriptor
    }

    /// ` at its root (one is at META-INF/atlassian-plugin.xml, …)` for a descriptor found in a folder.
    static func misplaced(_ path: String?) -> String {
        path.map { " at its root (one is at \(SafeText.oneLine($0, maxLength: 200)), where the plugin framework does not look: it must be at the jar's top)" } ?? ""
    }

    /// The warning for a descriptor found more than once in the archive `subject` names.
    private static func twice(_ found: Landmarks, in subject: String) -> [String] {
        found.descriptorCount > 1
            ? ["\(subject) holds atlassian-plugin.xml \(found.descriptorCount) times (a shaded dependency's?): the last is read, as Java reads it"] : []
    }

    /// Warnings for the fields a Marketplace app is expected to have. (What Marketplace will
    /// derive from them is warned of apart, ``MarketplaceFacts/warnings``: a free app is
    /// right to have licensing off, so those are for a preview, not for every upload.)
    private static func gaps(in descriptor: PluginDescriptor, of subject: String) -> [String] {
        var gaps: [String] = []
        // The plugin framework refuses to load such a key (`XmlDescriptorParser`: "Plugin keys cannot contain ':'").
        if let key = descriptor.key, key.contains(":") {
            gaps.append("\(subject): its plugin key \(key) holds a ':', which the plugin framework refuses to load")
        }
        // The framework installs a bundle under the manifest's key (`OsgiHeaderUtil.getPluginKey`) and
        // refuses one whose descriptor says another ("The plugin key … must either match …").
        if let key = descriptor.key, let manifestKey = descriptor.manifest["Atlassian-Plugin-Key"], !manifestKey.isEmpty, manifestKey != key {
            gaps.append("\(subject): atlassian-plugin.xml's key \(key) is not the manifest's Atlassian-Plugin-Key \(manifestKey), "
                + "and the plugin framework refuses to install a plugin whose two keys differ")
        }
        let unfilled = [("key", descriptor.key), ("name", descriptor.name), ("version", descriptor.version), ("vendor", descriptor.vendorName)]
            .compactMap { field, value in value.flatMap { PluginDescriptor.isUnfilled($0) ? "\(field) \($0)" : nil } }
        if !unfilled.isEmpty {
            gaps.append("\(subject): the build did not fill in atlassian-plugin.xml's \(unfilled.joined(separator: ", ")) "
                + "(Maven resource filtering off?): Marketplace reads \(unfilled.count == 1 ? "it" : "them") as written")
        }
        var missing: [String] = []
        if descriptor.key == nil { missing.append("plugin key") }
        if descriptor.version == nil { missing.append("version") }
        if !missing.isEmpty {
            let consequence = descriptor.key == nil ? ": Marketplace refuses an artifact without a plugin key" : ""
            gaps.append("\(subject): atlassian-plugin.xml gives no \(missing.joined(separator: " and "))\(consequence)")
        }
        return gaps
    }

    /// Thrown from the extract consumer when an entry unpacks to more than its cap.
    private struct CapExceeded: Error {}
    /// Thrown by an unpacking's consumer once it has the first bytes it wants, to stop there.
    private struct StartRead: Error {}
    /// Thrown by an unpacking's consumer when its sink takes no more (a full disk).
    private struct SinkRefused: Error {}

    /// Why a deflated entry could not be inflated, in the words of the damage message.
    private struct Damage: Error, CustomStringConvertible {
        var description: String
    }

    /// The bytes of `entry`, refusing to unpack more than `limit` bytes; with `startOnly`, its
    /// first `limit` bytes, however long it is.
    private static func unpack(
        _ entry: Entry, from archive: Archive, _ source: Source, limit: Int, name: String, startOnly: Bool = false
    ) throws(InspectionError) -> Data {
        var data = Data()
        _ = try unpack(entry, from: archive, source, limit: limit, name: name, startOnly: startOnly) { data.append($0); return true }
        return data
    }

    /// Unpacks `entry` into `sink` in chunks, as above; false when `sink` refused a chunk (it stops there).
    private static func unpack(
        _ entry: Entry, from archive: Archive, _ source: Source, limit: Int, name: String, startOnly: Bool = false,
        into sink: @escaping (Data) -> Bool
    ) throws(InspectionError) -> Bool {
        guard startOnly || entry.uncompressedSize <= UInt64(limit) else {
            throw InspectionError("\(name) is \(entry.uncompressedSize) bytes unpacked, more than the \(sizeText(limit)) read at most")
        }
        var count = 0
        let consumer: Consumer = { chunk in
            guard count + chunk.count <= limit else {
                guard startOnly else { throw CapExceeded() }
                _ = sink(chunk.prefix(limit - count))
                throw StartRead()
            }
            count += chunk.count
            guard sink(chunk) else { throw SinkRefused() }
        }
        do {
            if entry.isCompressed, let header = source.localHeaders[entry.path] {
                try inflate(entry, headerAt: header, from: source, consumer: consumer)
            } else {
                _ = try archive.extract(entry, bufferSize: 64 << 10, skipCRC32: false, consumer: consumer)
            }
        } catch is StartRead {
            return true
        } catch is SinkRefused {
            return false
        } catch is CapExceeded {
            throw InspectionError("\(name) unpacks to more than the \(sizeText(limit)) read at most, more than its header says (a zip bomb?)")
        } catch {
            throw InspectionError("\(name) cannot be unpacked: the archive is damaged (\(error))")
        }
        return true
    }

    /// `entry` unpacked into an unnamed temporary file (`O_TMPFILE`: gone once closed, even
    /// after a crash); its descriptor, or -1 and why there is none (no room in the folder).
    private static func temporaryCopy(
        of entry: Entry, from archive: Archive, _ source: Source, limit: Int, name: String
    ) throws(InspectionError) -> (file: Int32, problem: String) {
        let folder = NSTemporaryDirectory()
        let file = open(folder, 0o20_200_000 | O_RDWR | O_CLOEXEC, 0o600)  // O_TMPFILE, which Swift does not import
        guard file >= 0 else { return (-1, "no temporary file could be made in \(folder) (\(String(cString: strerror(errno))))") }
        var failure: Int32 = 0
        let written: Bool
        do {
            written = try unpack(entry, from: archive, source, limit: limit, name: name) { chunk in
                failure = chunk.withUnsafeBytes { AllBytes.write($0, to: file) } ?? 0
                return failure == 0
            }
        } catch {
            close(file)
            throw error
        }
        guard written else {
            close(file)
            return (-1, "it could not be unpacked into a temporary file in \(folder) (\(String(cString: strerror(failure))))")
        }
        return (file, "")
    }

    /// Inflates `entry`, whose local header starts at `header`, with ZIPFoundation's
    /// `Data.decompress` given the entry's own bytes and no more. `Archive.extract` reads on to
    /// the end of the file, and its inflate loop (0.9.20, Linux) spins for ever once the file
    /// ends before a damaged stream does: a jar with its descriptor's last bytes changed hung
    /// `inspect`, an upload's check, the TUI's previews and the emulator.
    private static func inflate(_ entry: Entry, headerAt header: UInt64, from source: Source, consumer: Consumer) throws {
        let local = try source.read(header, 30)
        guard local.starts(with: ZIPSignature.localFileHeader), let nameLength = local.uint16LE(at: 26),
              let extraLength = local.uint16LE(at: 28) else { throw Damage(description: "no local header where the directory places it") }
        let start = header + 30 + UInt64(nameLength) + UInt64(extraLength)
        let size = Int64(entry.compressedSize)
        let checksum = try Data.decompress(size: size, bufferSize: 64 << 10, skipCRC32: false, provider: { position, chunkSize in
            guard position < size else { throw Damage(description: "its compressed data ends before its stream does") }
            var bytes = try source.read(start + UInt64(position), Int(min(Int64(chunkSize), size - position)))
            guard !bytes.isEmpty else { throw Damage(description: "the file ends inside its compressed data") }
            // Always `chunkSize` bytes: ZIPFoundation tells zlib that a chunk is that long.
            bytes += repeatElement(0, count: chunkSize - bytes.count)
            return Data(bytes)
        }, consumer: consumer)
        guard checksum == entry.checksum else { throw Damage(description: "its CRC-32 does not match its contents") }
    }

    /// `bytes` as `1 MiB`, `64 MiB`.
    private static func sizeText(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}

extension String {
    /// Whether the two are equal ignoring case (Unicode's, which takes in ASCII's).
    func caseInsensitiveEquals(_ other: String) -> Bool {
        lowercased() == other.lowercased()
    }
}
