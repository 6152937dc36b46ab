/// The batch upload overlay (`u` with marked files): every marked file on one line, each
/// image with the imageType it will be uploaded as, each artifact as an artifact, and the
/// files that cannot be uploaded with the reason. Enter queues them all but an artifact this
/// server already has (its key and version, by the history), held back unless ← → on its line
/// says to upload it again, as `upload-artifact` refuses one without `--allow-duplicate`.
struct BatchUpload: Sendable, Equatable {
    /// One marked file.
    struct Line: Sendable, Equatable {
        enum Kind: Sendable, Equatable {
            /// An image, to upload as `choices[choice]`.
            case image(choice: Int)
            case artifact
            /// Not uploaded, and why.
            case skipped(String)
        }

        /// How an image's imageType was chosen.
        enum Origin: Sendable, Equatable {
            /// The file name names it (`my-banner.png`).
            case name
            /// The image has its documented size.
            case size
            /// Neither: the default, with a note.
            case assumed
            /// Changed by hand on this line; a late inspection leaves it.
            case user
        }

        var path: String
        var fileName: String
        var kind: Kind
        var origin: Origin = .assumed
        /// `1120×548`, once the image is inspected.
        var pixelSize: String?
        /// For each imageType the image misses, the warning; `nil` until it is inspected.
        var warnings: [String: String]?
        /// What the image's preview warns of beyond its size (that it does not decode to its end).
        var fileWarnings: [String] = []
        /// An image with an imageType's size in a format Marketplace does not document for it
        /// (a BMP banner): the listing verdict that says so.
        var wrongFormat: String?
        /// For an artifact whose key and version this server already has (by the history),
        /// the warning the Details pane gives too.
        var earlierUpload: EarlierUpload?
        /// The `earlierUpload` that ← → on this line said to upload despite: a choice about that
        /// earlier upload, not another (the jar rebuilt, or uploaded meanwhile).
        var uploadAgainDespite: EarlierUpload?
        /// Whether the file's preview has arrived (its key and version, for an artifact).
        var isRead = false
        /// Whether `kind` skips it as another line's repeat (the same file, or key and version),
        /// which a change of that other file may undo.
        var isRepeat = false

        /// An artifact with an `earlierUpload` to upload all the same.
        var uploadAgain: Bool { earlierUpload != nil && uploadAgainDespite == earlierUpload }
        /// An artifact this server has, not to be uploaded again.
        var isHeldBack: Bool { kind == .artifact && earlierUpload != nil && !uploadAgain }
        /// An artifact not read yet: whether this server has it is not known.
        var isUnreadArtifact: Bool { kind == .artifact && !isRead }
        /// An image not read yet whose size may still choose its imageType (neither its name nor
        /// a key on the line chose one).
        var isUnreadImage: Bool {
            if case .image = kind { return !isRead && origin == .assumed }
            return false
        }
    }

    var lines: [Line]
    var choices: [ImageTypeChoice]
    /// The line ↑ ↓ move to, whose imageType ← → change.
    var highlighted = 0
    /// Enter came before every jar was read: the batch is queued once they are.
    var confirmWhenRead = false
    /// The lines' kinds as they were shown when a waiting Enter was pressed (and changed by
    /// hand since): the batch is queued only as shown, never with an imageType a read chose after.
    var kindsAtEnter: [Line.Kind]?

    /// What Enter queues: one request per image and artifact, in the order of the lines.
    var requests: [UploadRequest] {
        lines.compactMap { line in
            switch line.kind {
            case .image(let choice): .image(path: line.path, fileName: line.fileName, imageType: choices[choice].name)
            case .artifact: line.isHeldBack ? nil : .artifact(path: line.path, fileName: line.fileName, uploadAgain: line.uploadAgain)
            case .skipped: nil
            }
        }
    }

    var skippedCount: Int { lines.count - requests.count }

    /// The imageType name of an image line.
    func imageType(of line: Line) -> String? {
        guard case .image(let choice) = line.kind else { return nil }
        return choices[choice].name
    }

    /// What the overlay says under the list about `line`: the image's own warnings (damage),
    /// then a size warning, that no imageType fits and which one is assumed, or that its size
    /// is still being read.
    func note(for line: Line) -> String? {
        guard imageType(of: line) != nil else { return nil }
        let notes = line.fileWarnings + [sizeNote(for: line)].compactMap { $0 }
        return notes.isEmpty ? nil : notes.joined(separator: "; ")
    }

    private func sizeNote(for line: Line) -> String? {
        guard let imageType = imageType(of: line) else { return nil }
        guard let warnings = line.warnings else {
            return line.origin == .assumed ? "\(imageType) assumed; reading the image's size…" : nil
        }
        guard line.origin == .assumed else { return warnings[imageType] }
        // And what the assumed type's rules say of it (a 300×200 screenshot), as the CLI says.
        let assumed = line.wrongFormat.map { "\($0): \(imageType) assumed" }
            ?? "neither the name nor the size \(line.pixelSize ?? "") names an imageType: \(imageType) assumed"
        return [assumed, warnings[imageType]].compactMap { $0 }.joined(separator: "; ")
    }
}
