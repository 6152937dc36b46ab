import Foundation

/// The imageType picker: suggestions to choose from, or free text.
struct ImageTypePicker: Sendable, Equatable {
    var path: String
    var fileName: String
    var choices: [ImageTypeChoice]
    /// The highlighted suggestion.
    var highlighted: Int
    /// Free text; when not empty, Enter uploads with it instead of the highlighted suggestion.
    var custom = TextField(maxLength: 64)
    /// The size warnings of the image for each imageType (from its preview), when known.
    var warnings: [String: String]
    /// A typed imageType Marketplace does not name, once Enter has asked whether it is meant
    /// (`jj`, when `j` was pressed to move down): the next Enter with it uploads.
    var confirmedCustom: String?
    /// Whether a key chose the line or typed a name: the image's size, once read, no longer does.
    var chosenByKey = false
    /// Enter was pressed before the image was read: it uploads once it is (`UploadStarting.pickerPreviewArrived`).
    var enterWaits = false

    /// The imageType Enter would upload with.
    var chosenImageType: String? {
        let typed = custom.text.trimmingCharacters(in: .whitespaces)
        if !typed.isEmpty { return typed }
        return choices.indices.contains(highlighted) ? choices[highlighted].name : nil
    }
}
