import Foundation

/// Everything the screen shows, and nothing it does not: `update` changes it, `render` draws it.
struct AppState: Sendable, Equatable {
    /// Demo (local emulator) or a real account, for the header.
    var mode: TUIOptions.Mode
    var screen: ScreenSize
    var focus: Pane = .files
    var files: FilesState
    var uploads = UploadsState()
    var history = HistoryState()
    var details = DetailsState()
    /// The Details pane's thumbnails: how they are drawn and those made so far.
    var thumbnails = ThumbnailsState()
    var overlay: Overlay?
    var status: StatusMessage?
    /// A `u` on a jar that waits for its preview, or for a second `u` (this server has its key
    /// and version).
    var pendingJarUpload: PendingJarUpload?
    /// The imageTypes the picker suggests.
    var imageTypeChoices: [ImageTypeChoice]
    /// Dates are shown in this time zone (fixed in tests so screens are repeatable).
    var timeZone: TimeZone
    /// A moment of the current day, from the key loop (at start, and when the date changes):
    /// narrow date columns show today's times as `14:03`. `nil` shows every date as a date.
    var today: Date?
    /// Set when the user quits; the key loop ends.
    var shouldQuit = false
    /// The signal that ended the session (SIGTERM, SIGHUP, SIGQUIT), for the exit status 128 + it.
    var endingSignal: Int32?
    /// What the fetch prompt starts with (the demo's sample jar), if anything.
    var fetchExample: String?
    /// The last listing generation handed out.
    var lastGeneration = 0
    /// What the sign-in form (`L`) starts with; `nil` when this session cannot sign in.
    var signInDefaults: SignInDefaults?

    init(
        mode: TUIOptions.Mode, directory: String, screen: ScreenSize,
        imageTypeChoices: [ImageTypeChoice], timeZone: TimeZone = .current
    ) {
        self.mode = mode
        self.screen = screen
        files = FilesState(directory: directory)
        self.imageTypeChoices = imageTypeChoices
        self.timeZone = timeZone
    }

    /// Where each pane and bar sits at the current size.
    var layout: ScreenLayout { ScreenLayout(screen: screen) }

    /// Whether a filter is being typed in the focused pane (it then takes the keys).
    var isEditingFilter: Bool {
        switch focus {
        case .files: files.isEditingFilter
        case .history: history.isEditingFilter
        case .upload, .details: false
        }
    }
}
