import Foundation
import AssetThumbnails

/// One entry of a listed folder.
struct DirectoryEntry: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case directory
        case file
        /// A FIFO, socket, device or broken symbolic link: shown, never opened or uploaded.
        case other
    }

    /// The name, safe to draw (control characters and invalid UTF-8 replaced).
    var name: String
    /// The full path, or `nil` when the name on disk is not valid UTF-8 (such a file is
    /// shown, but cannot be opened or uploaded by path).
    var path: String?
    var kind: Kind
    var isSymlink: Bool
    var size: Int64
    /// `.distantPast` when nothing could be read of it but its name (shown without a date).
    var modified: Date
    /// The name folded (`NameOrder.folded`), for filtering and sorting without folding on every key.
    var searchKey: String
    /// What the file can be uploaded as, judged by its extension; `nil` for anything else, for
    /// an empty file, and for a name that is not UTF-8. Its bytes are judged only when it is selected (the preview).
    var uploadKind: UploadKind?

    init(name: String, path: String?, kind: Kind, isSymlink: Bool = false, size: Int64, modified: Date) {
        self.name = name
        self.path = path
        self.kind = kind
        self.isSymlink = isSymlink
        self.size = size
        self.modified = modified
        searchKey = NameOrder.folded(name)
        // A name that is not UTF-8 (no path) cannot be uploaded from here: no ● for it.
        uploadKind = kind == .file && size > 0 && path != nil ? UploadKind(fileName: name) : nil
    }

    var isDirectory: Bool { kind == .directory }

    /// Its size and modification time as a thumbnail's or a preview's cache knows it.
    var stamp: FileStamp { FileStamp(size: size, modifiedSeconds: modified.timeIntervalSince1970) }
    var isHidden: Bool { name.hasPrefix(".") }
}
