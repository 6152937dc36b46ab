/// The Upload pane: the jobs in the order they were queued, and the selected one.
struct UploadsState: Sendable, Equatable {
    /// How many uploads run at once unless `--max-uploads` says otherwise.
    static let defaultMaxConcurrent = 2
    /// What `--max-uploads` accepts.
    static let maxConcurrentRange = 1...8

    /// How many uploads run at once; the rest wait in the queue.
    var maxConcurrent = UploadsState.defaultMaxConcurrent

    var jobs: [UploadJob] = []
    var cursor = ListCursor()
    var nextJobId = 1
    /// Marketplace refused the credentials or the account (401, 403) and no sign-in came
    /// since: every retry would be refused too, and recorded as one more failed attempt, so
    /// `a` waits for `L` and `r` asks first.
    var credentialsRefused = false

    var selectedJob: UploadJob? {
        jobs.indices.contains(cursor.selection) ? jobs[cursor.selection] : nil
    }

    var activeCount: Int { jobs.filter { $0.status.isActive }.count }
    /// Whether an upload is sending right now.
    var hasRunning: Bool { jobs.contains { $0.status == .running } }

    /// The jobs sending (or being cancelled, which may still finish).
    var running: [UploadJob] { jobs.filter { $0.status == .running || $0.status == .cancelling } }

    var runningCount: Int { running.count }

    func index(of id: Int) -> Int? { jobs.firstIndex { $0.id == id } }

    /// Whether `c` has cleared jobs from this pane (not a sign-in from the demo, which starts
    /// it anew: the demo's uploads are not in the account's History).
    var hasCleared = false

    /// What the Upload pane and Details say with no job to show: after `c` has cleared
    /// every job, "no uploads yet" would be untrue.
    var emptyHint: String {
        let next = "Select a file in Files and press u, or press f to fetch an artifact from a URL."
        return hasCleared ? "Nothing here: History (press 4) keeps every upload. \(next)" : "No uploads yet. \(next)"
    }
}
