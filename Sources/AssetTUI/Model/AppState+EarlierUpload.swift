import AssetCore
import AssetInspection

extension AppState {
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
        for job in uploads.jobs where job.status == .queued || job.status == .running {
            guard case .artifact(let path, let fileName) = job.request, case .ready(let preview)? = details.preview(for: path),
                  case .artifact(let sent?) = preview.content, sent.key == key, sent.version == version else { continue }
            return "\(SafeText.oneLine(key)) \(SafeText.oneLine(version)) is being uploaded already (\(fileName) in the Upload pane)"
        }
        return nil
    }
}
