/// Queueing upload jobs and starting them, at most `UploadsState.maxConcurrent` at a time
/// (`--max-uploads`, 2 by default); each job keeps its own progress, cancel and retry.
enum UploadQueue {
    /// Adds a job to the queue; it starts when a slot is free.
    static func enqueue(_ request: UploadRequest, state: inout AppState) -> [Effect] {
        var job = UploadJob(id: state.uploads.nextJobId, request: request)
        (job.plugin, job.readSize) = (plugin(of: request, state: state), readSize(of: request, state: state))
        state.uploads.nextJobId += 1
        state.uploads.jobs.append(job)
        let height = state.layout.visibleRows(of: .upload)
        state.uploads.cursor.select(state.uploads.jobs.count - 1, count: state.uploads.jobs.count, height: height)
        switch request {
        case .image(_, let fileName, let imageType):
            state.status = .info("Queued \(fileName) as \(imageType)")
        case .artifact(_, let fileName, _):
            state.status = .info("Queued \(fileName) as an artifact")
        case .fetch:
            state.status = .info("Queued a fetch of \(request.displayName)")
        }
        return []
    }

    /// For a jar, its plugin as its preview reads it now: what a job queued (or retried) now sends.
    static func plugin(of request: UploadRequest, state: AppState) -> PluginPreview? {
        guard case .artifact(let path, _, _) = request, case .ready(let preview)? = state.details.preview(for: path),
              case .artifact(let plugin) = preview.content else { return nil }
        return plugin
    }

    /// For an image, its size as its preview read it now, when it is queued (or retried unread).
    static func readSize(of request: UploadRequest, state: AppState) -> Int64? {
        guard case .image(let path, _, _) = request, case .ready(let preview)? = state.details.preview(for: path) else { return nil }
        return preview.size
    }

    /// Starts queued jobs, oldest first, while slots are free.
    static func startQueued(_ state: inout AppState) -> [Effect] {
        guard !state.shouldQuit else { return [] }
        var effects: [Effect] = []
        var running = state.uploads.runningCount
        for index in state.uploads.jobs.indices where running < state.uploads.maxConcurrent {
            guard state.uploads.jobs[index].status == .queued else { continue }
            state.uploads.jobs[index].status = .running
            effects.append(.startUpload(jobId: state.uploads.jobs[index].id, state.uploads.jobs[index].request))
            running += 1
        }
        return effects
    }
}
