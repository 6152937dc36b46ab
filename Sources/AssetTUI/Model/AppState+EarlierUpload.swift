import AssetCore
import AssetInspection

extension AppState {
    /// What the warning says of a jar queued or uploading: the batch list's short reason tells
    /// it from one this server has.
    static let beingUploaded = "is being uploaded already"

    /// The warning that this server has `plugin`'s key and version already, or is being sent
    /// them: an entry of the loaded history (this server's; its time in the panes' time zone),
    /// else a jar with them queued or uploading in the Upload pane (a `u` pressed twice, or a
    /// batch opened meanwhile, would store the build twice). The Details pane, `u` and the
    /// marked-files list give it before a byte is sent.
    func earlierUploadWarning(of plugin: PluginPreview?) -> String? {
        guard let key = plugin?.key, let version = plugin?.version else { return nil }
        if let earlier = PreviousUpload.find(key: key, version: version, in: history.entries, since: history.uploadsKeptSince) {
            return earlier.warning(in: timeZone)
        }
        // Queued, running, or cancelling (which may still finish): what each was read as when queued.
        for job in uploads.jobs where job.status.isActive && job.plugin?.key == key && job.plugin?.version == version {
            return "\(SafeText.oneLine(key)) \(SafeText.oneLine(version)) \(Self.beingUploaded) (\(job.request.displayName) in the Upload pane)"
        }
        return nil
    }
}
