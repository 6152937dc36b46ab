import AssetCore
import AssetInspection

/// Why a jar should not be uploaded again without a second word: this server has its plugin
/// key and version (the history says so), or a jar with them is queued or uploading.
struct EarlierUpload: Sendable, Equatable {
    /// The sentence the Details pane, `u` and the marked-files list give.
    var warning: String
    /// Queued or uploading in the Upload pane, not on the server yet.
    var isQueued = false
}

extension AppState {
    /// Why `plugin`'s key and version should not go again: an entry of the loaded history (this
    /// server's; its time in the panes' time zone), else a jar with them queued or uploading in
    /// the Upload pane (a `u` pressed twice, or a batch opened meanwhile, would store the build
    /// twice). The Details pane, `u` and the marked-files list give it before a byte is sent.
    func earlierUpload(of plugin: PluginPreview?) -> EarlierUpload? {
        guard let key = plugin?.key, let version = plugin?.version else { return nil }
        if let earlier = PreviousUpload.find(key: key, version: version, in: history.entries, since: history.uploadsKeptSince) {
            return EarlierUpload(warning: earlier.warning(in: timeZone))
        }
        // Queued, running, or cancelling (which may still finish): what each was read as when queued.
        for job in uploads.jobs where job.status.isActive && job.plugin?.key == key && job.plugin?.version == version {
            return EarlierUpload(warning: "\(SafeText.oneLine(key)) \(SafeText.oneLine(version)) is being uploaded already (\(job.request.displayName) in the Upload pane)",
                                 isQueued: true)
        }
        return nil
    }
}
