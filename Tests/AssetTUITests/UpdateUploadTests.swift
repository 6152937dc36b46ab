import AssetCore
import MarketplaceAPI
import Foundation
import Testing
@testable import AssetTUI

/// Upload pane: starting uploads, the imageType picker, fetch, queue, progress, cancel, retry.
@Suite struct UpdateUploadTests {
    static let iconPath = Fixtures.directory + "/app-icon.png"
    static let jarPath = Fixtures.directory + "/my-plugin-1.0.0.jar"

    /// The sample folder with the icon selected and its preview known.
    static func iconSelected() -> AppState {
        var state = Fixtures.listedState()
        Fixtures.select(file: "app-icon.png", in: &state)
        state.send(.inspected(path: iconPath, .ready(Fixtures.iconPreview)))
        return state
    }

    /// The sample folder with the jar selected and its preview known, and a history without
    /// it read: a `u` uploads it at once.
    static func jarSelected() -> AppState {
        var state = Fixtures.listedState()
        state.send(.historyLoaded([]))
        Fixtures.select(file: "my-plugin-1.0.0.jar", in: &state)
        state.send(.inspected(path: jarPath, .ready(Fixtures.pluginPreview)))
        return state
    }

    /// Queues the selected jar `count` times: each `u` after the first is asked again (the build
    /// is in the Upload pane already), and a second `u` says yes.
    @discardableResult
    static func queueJar(_ count: Int, in state: inout AppState) -> [Effect] {
        state.type("u" + String(repeating: "uu", count: count - 1))
    }

    @Test("an image rewritten after it was read is uploaded as chosen, and said to have changed: its imageType was chosen by its old self")
    func anImageChangedAfterItWasRead() throws {
        var state = Fixtures.listedState()
        state.send(.historyLoaded([]))
        let path = Fixtures.directory + "/app-icon.png"
        Fixtures.select(file: "app-icon.png", in: &state)
        state.send(.inspected(path: path, .ready(Fixtures.iconPreview), stamp: state.files.selectedEntry?.stamp))
        /// Uploads the selected icon (`u`, Enter): its job's ID.
        func queued(_ state: inout AppState) throws -> Int {
            state.type("u")
            state.press(.enter)
            return try #require(state.uploads.jobs.last?.id)
        }
        /// Job `id` sends a file of `bytes` bytes, and ends.
        @discardableResult func finished(_ id: Int, sending bytes: Int64, in state: inout AppState) -> [Effect] {
            state.send(.uploadProgress(jobId: id, UploadProgress(sentBytes: bytes, totalBytes: bytes), at: Fixtures.date(minutes: 1)))
            return state.send(.uploadFinished(jobId: id, Fixtures.imageEntry))
        }
        let job = try queued(&state)
        var sent = state
        // As read: the success.
        finished(job, sending: 2_345, in: &state)
        #expect(state.status?.kind == .success)
        // Rewritten meanwhile (a build made it anew): said, and read again; another upload queued
        // before it, finishing after, does not hide it.
        let next = try queued(&sent)
        #expect(next != job)
        let effects = finished(job, sending: 900_000, in: &sent)
        #expect(sent.status == .warning("app-icon.png changed after it was read (2345 bytes then, 900000 sent): uploaded as icon, ID \(Fixtures.imageEntry.id!); check it in Details"))
        #expect(effects.contains(.inspect(path: path, stamp: state.files.selectedEntry?.stamp)))
        sent.send(.uploadFinished(jobId: next, Fixtures.imageEntry))
        #expect(sent.status?.kind == .warning)

        // Read anew while it was sent (selected, its watcher read the rewrite), but sent as first
        // read: no warning, whatever the newer read says.
        var bigger = Fixtures.iconPreview
        bigger.size = 61_276
        var reread = state
        let third = try queued(&reread)
        reread.send(.inspected(path: path, .ready(bigger), stamp: state.files.selectedEntry?.stamp))
        finished(third, sending: 2_345, in: &reread)
        #expect(reread.status?.kind == .success)

        // Failed, read anew (rewritten, selected), retried with `r`: it goes as the first read chose, and is warned of.
        var retried = state
        let fourth = try queued(&retried)
        retried.send(.uploadFailed(jobId: fourth, message: "Could not connect", historyWarnings: [], stopsBatch: nil))
        retried.send(.inspected(path: path, .ready(bigger), stamp: state.files.selectedEntry?.stamp))
        retried.focus = .upload  // on the job queued last
        #expect(retried.uploads.selectedJob?.id == fourth)
        retried.type("r")
        finished(fourth, sending: 61_276, in: &retried)
        #expect(retried.status?.text.contains("changed after it was read (2345 bytes then, 61276 sent)") == true, "\(String(describing: retried.status))")
    }

    @Test func aJarQueuedOrUploadingIsNotQueuedAgainWithoutASecondU() throws {
        var state = Self.jarSelected()
        state.type("u")
        #expect(state.press(.character("u")).isEmpty)
        #expect(state.uploads.jobs.count == 1)
        #expect(state.status == .warning(UploadStarting.askAgain
            + "com.example.my-plugin 1.0.0 is being uploaded already (my-plugin-1.0.0.jar in the Upload pane)"))
        // The marked-files list holds it back too, as one this server has.
        state.focus = .files
        state.type(" ")
        state.type("k")
        state.type("u")
        state.send(.inspected(path: Self.jarPath, .ready(Fixtures.pluginPreview)))
        guard case .batchUpload(let batch)? = state.overlay else { Issue.record("no batch"); return }
        #expect(batch.lines.map(\.isHeldBack) == [true])
        #expect(batch.lines[0].earlierUpload?.warning.hasSuffix("is being uploaded already (my-plugin-1.0.0.jar in the Upload pane)") == true)
        #expect(batch.lines[0].earlierUpload?.isQueued == true)
        // Its short reason says so too: it is not on the server yet.
        let screen = Renderer.render(state).text
        #expect(screen.contains("skipped: being uploaded") && !screen.contains("already on this server"), "\(screen)")
        state.press(.escape)
        // A build that rewrites the jar as 1.0.1 meanwhile: the upload under way is still 1.0.0's.
        var rebuilt = Fixtures.pluginPreview
        if case .artifact(var plugin?) = rebuilt.content {
            plugin.details.version = "1.0.1"
            rebuilt.content = .artifact(plugin)
        }
        state.send(.inspected(path: Self.jarPath, .ready(rebuilt)))
        var plugin101 = Fixtures.artifactEntry.artifact!.details!
        plugin101.version = "1.0.1"
        #expect(state.earlierUpload(of: PluginPreview(details: plugin101)) == nil)
        state.send(.inspected(path: Self.jarPath, .ready(Fixtures.pluginPreview)))
        // Once it is no longer on the way (cancelled), a `u` queues it at once.
        state.send(.uploadCancelled(jobId: 1))
        state.files.marks.removeAll()
        state.focus = .files
        state.type("u")
        #expect(state.uploads.jobs.count == 2)
    }

    @Test func retryingAJarThisServerHasMeanwhileAsksForASecondR() {
        var state = Self.jarSelected()
        state.type("u")
        state.send(.uploadCancelled(jobId: 1))
        // Uploaded again meanwhile, by `u`: the server has its key and version now.
        state.send(.historyLoaded([Fixtures.artifactEntry]))
        state.focus = .upload
        state.uploads.cursor.select(0, count: state.uploads.jobs.count, height: 10)
        #expect(state.type("r").isEmpty)
        #expect(state.uploads.jobs[0].status == .cancelled)
        #expect(state.status?.text.hasPrefix(UploadKeys.askAgain + "com.example.my-plugin 1.0.0") == true, "\(String(describing: state.status))")
        // Another key drops the question (and its line); `r r` retries it.
        state.type("j")
        #expect(state.status == nil && state.pendingJarUpload == nil)
        state.type("rr")
        #expect(state.uploads.jobs[0].attempt == 2, "\(state.uploads.jobs[0].status)")
        // An attempt Marketplace may have made (no answer after its whole file) asks too.
        state.send(.historyLoaded([]))
        let mayExist = "No answer from 127.0.0.1 within 60 s after the whole file was sent (\(TransportErrorClassifier.uploadMayExist))."
        state.send(.uploadFailed(jobId: 1, message: mayExist))
        state.type("r")
        #expect(state.status == .warning(UploadKeys.askAgain + "my-plugin-1.0.0.jar: " + TransportErrorClassifier.uploadMayExist))
        #expect(state.uploads.jobs[0].attempt == 2)
        state.type("r")
        #expect(state.uploads.jobs[0].attempt == 3)
    }

    @Test func aFailedFetchOfALongURLKeepsItsReasonInView() {
        var state = Fixtures.listedState()
        let uri = "http://example.com/" + String(repeating: "p", count: 120) + "/end.jar"
        _ = UploadQueue.enqueue(.fetch(uri: uri), state: &state)
        state.send(.uploadFailed(jobId: 1, message: "Marketplace rejected the request (HTTP 400)."))
        #expect(state.status?.text == uri + ": Marketplace rejected the request (HTTP 400).")
        // The status line cuts it once, in its middle, keeping its host, its end and the reason (80 columns, two rows).
        let rows = Renderer.render(state).text.split(separator: "\n").suffix(2).map { $0.trimmingCharacters(in: .whitespaces) }
        let shown = rows.joined(separator: " ")
        #expect(shown.hasPrefix("✗ http://example.com/…") && shown.count { $0 == "…" } == 1, "\(rows)")
        #expect(shown.hasSuffix("/end.jar: Marketplace rejected the request (HTTP 400)."), "\(rows)")
    }

    @Test("a fetch queued from the Upload pane is selected, and Details shows it from its top, not scrolled as far as the upload before it")
    func aFetchSelectedForTheUserStartsAtTheTop() {
        var state = Self.jarSelected()
        Self.queueJar(1, in: &state)
        state.send(.uploadFinished(jobId: 1, Fixtures.artifactEntry))
        state.type("23G")  // the upload in Details, scrolled to its end
        #expect(state.details.scrollTop > 0)
        state.type("2f")
        state.type("https://example.com/a.jar")
        state.press(.enter)
        #expect(state.uploads.selectedJob?.id == 2 && state.details.subject == .upload)
        #expect(state.details.scrollTop == 0)
    }

    @Test("a fetch under way is called one in Details (it said \"Upload of\" and \"uploading\")")
    func aFetchIsCalledOneInDetails() {
        var state = Fixtures.listedState()
        _ = UploadQueue.enqueue(.fetch(uri: "https://example.com/a.jar"), state: &state)
        state.send(.uploadStarted(jobId: 1, at: Date()))
        state.focus = .upload
        state.press(.enter)
        let screen = Renderer.render(state).text
        #expect(screen.contains("Fetch of https://example.com/a.jar") && screen.contains("Marketplace is fetching it"), "\(screen)")
        #expect(!screen.contains("Upload of"), "\(screen)")
    }

    @Test("a fetch is counted as one in the header and the quit question (both called it an upload)")
    func aFetchIsCountedAsOne() {
        var state = Fixtures.listedState()
        _ = UploadQueue.enqueue(.fetch(uri: "https://example.com/a.jar"), state: &state)
        state.send(.uploadStarted(jobId: 1, at: Date()))
        var screen = Renderer.render(state).text
        #expect(screen.contains("1 fetching") && !screen.contains("uploading"), "\(screen)")
        state.type("q")
        screen = Renderer.render(state).text
        #expect(screen.contains("1 fetch is still queued or running.") && screen.contains("Quit and cancel it?"), "\(screen)")
        state.type("n")
        _ = UploadQueue.enqueue(.fetch(uri: "https://example.com/b.jar"), state: &state)
        _ = UploadQueue.enqueue(.artifact(path: "/tmp/c.jar", fileName: "c.jar"), state: &state)
        #expect(ConfirmQuitView.question(state.uploads) == "1 upload and 2 fetches are still queued or running.")
        state.type("q")
        #expect(Renderer.render(state).text.contains("Quit and cancel them?"))
    }

    @Test("the quit question goes once the last fetch fails, saying nothing is left to cancel (it spoke of uploads alone)")
    func theQuitQuestionGoesWithTheLastFetch() {
        var state = Fixtures.listedState()
        _ = UploadQueue.enqueue(.fetch(uri: "https://example.com/a.jar"), state: &state)
        state.send(.uploadStarted(jobId: 1, at: Date()))
        state.type("q")
        #expect(state.overlay == .confirmQuit(over: nil))
        state.send(.uploadFailed(jobId: 1, message: "Marketplace rejected the request (HTTP 400)."))
        #expect(state.overlay == nil)
        #expect(state.status == .info("Nothing is left to cancel: every upload and fetch has ended. q quits."))
    }

    @Test func copyingAFailedUploadSaysWhereItsAttemptIs() {
        var state = Self.jarSelected()
        state.type("u")
        state.send(.uploadFailed(jobId: 1, message: "Marketplace had a server error (HTTP 500)."))
        state.focus = .upload
        // In Upload, and in Details showing it.
        for (pane, key) in [(Pane.upload, "y"), (.upload, "Y"), (.details, "y"), (.details, "Y")] {
            if pane == .details { state.focus = .upload; state.press(.enter) }
            state.focus = pane
            state.status = nil
            state.type(key)
            #expect(state.overlay == nil)
            #expect(state.status == .info("my-plugin-1.0.0.jar: no ID to copy (no answer from Marketplace); History (press 4) has the attempt: Y copies it as JSON"), "\(pane) \(key)")
        }
        // Cancelled, most often before its file had gone: no attempt is claimed.
        var cancelled = Self.jarSelected()
        cancelled.type("u")
        cancelled.send(.uploadCancelled(jobId: 1))
        cancelled.focus = .upload
        cancelled.type("y")
        #expect(cancelled.status == .info("my-plugin-1.0.0.jar: no ID to copy (cancelled before Marketplace answered)"))
    }

    @Test func aDialogOnTheSmallestScreenLeavesTheStatusLineInView() {
        var state = Self.iconSelected()
        state.send(.resize(ScreenSize.minimum))
        state.type("u")
        #expect(state.overlay?.kind == .imageTypePicker)
        state.status = .warning("my-type is not an imageType Marketplace names: Enter again uploads it")
        let rows = Renderer.render(state).text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows[ScreenSize.minimum.height - 2].contains("my-type is not an imageType"), "\(rows)")
        // The footer's last hint needs no room for the spaces after it.
        state.status = nil
        let footer = Renderer.render(state).text.split(separator: "\n", omittingEmptySubsequences: false)[ScreenSize.minimum.height - 1]
        #expect(footer.contains("Esc cancel"), "\(footer)")
        // An error too long for its row that comes while the dialog is open (another upload's)
        // keeps to its row: the dialog's keys stay in view, and Esc closes the dialog as they say.
        state.status = .error(String(repeating: "banner.png: Marketplace rejected the request. ", count: 3) + "Do this.")
        let withError = Renderer.render(state).text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(withError[ScreenSize.minimum.height - 2].contains("✗ banner.png: Marketplace rejected"), "\(withError)")
        #expect(withError[ScreenSize.minimum.height - 2].hasSuffix("…"), "\(withError)")
        #expect(withError[ScreenSize.minimum.height - 1].contains("Esc cancel"), "\(withError)")
        state.press(.escape)
        #expect(state.overlay == nil)
    }

    @Test func theSignInQuestionIsWholeOnTheSmallestScreenAndAnErrorOfBeforeGivesTheFooterBack() {
        var state = Self.iconSelected()
        state.send(.resize(ScreenSize.minimum))
        var form = SignInForm(defaults: SignInDefaults(email: "me@example.com", server: Fixtures.serverURL))
        form.phase = .askingPlainText(reason: "no D-Bus", configFile: "/home/dev/.config/marketplace-assets/config.json")
        state.overlay = .signIn(form)
        let text = Renderer.render(state).text
        #expect(text.contains("(mode 0600)?") && text.contains("y keep it there · n store nothing"), "\(text)")
        // An error from before a dialog opens gives back the footer's row, where the dialog's keys are.
        state.overlay = nil
        state.status = .error(String(repeating: "Something went wrong before. ", count: 4) + "Do this.")
        state.type("u")
        #expect(state.overlay?.kind == .imageTypePicker && state.status == nil)
    }

    @Test func theFilesOwnWarningsAreOnTheStatusLineWhileItsImageTypeIsChosen() {
        var state = Self.iconSelected()
        var damaged = Fixtures.iconPreview
        damaged.warnings = ["the file is cut short: it does not decode to its end, so Marketplace may refuse it or show it broken"]
        state.send(.inspected(path: damaged.path, .ready(damaged)))
        state.type("u")
        #expect(state.overlay?.kind == .imageTypePicker)
        #expect(state.status == .warning(damaged.warnings[0]))
    }

    @Test func f1OpensHelpOverTheImageTypePickerAndClosingItGivesThePickerBack() {
        var state = Self.iconSelected()
        state.type("u")
        guard case .imageTypePicker(let picker)? = state.overlay else { Issue.record("no picker: \(String(describing: state.overlay))"); return }
        state.type("?")
        #expect(state.overlay?.kind == .imageTypePicker, "? is typed into the picker's field")
        guard case .imageTypePicker(let typed)? = state.overlay else { return }
        state.press(.function(1))
        #expect(state.overlay == .help(scrollTop: 0, over: .imageTypePicker(typed)))
        #expect(Renderer.render(state).text.contains("Any time"))
        #expect(Renderer.render(state).cursor == nil, "no caret of the field under it blinks in the help")
        state.press(.function(1))
        #expect(state.overlay == .help(scrollTop: 0, over: .imageTypePicker(typed)), "F1 in help keeps it open")
        state.press(.escape)
        #expect(state.overlay == .imageTypePicker(typed), "closing help gives the picker back as it was")
        #expect(picker.highlighted == typed.highlighted)
    }

    @Test func anImageAsksForItsImageTypeWithTheNamedOneHighlighted() {
        var state = Self.iconSelected()
        #expect(state.type("u").isEmpty)
        guard case .imageTypePicker(let picker)? = state.overlay else {
            Issue.record("no picker")
            return
        }
        #expect(picker.choices.map(\.name) == Fixtures.imageTypeChoices.map(\.name))
        #expect(picker.choices[picker.highlighted].name == "icon")
        #expect(picker.warnings["banner"] != nil)
        #expect(picker.warnings["logo"] == nil)
        let effects = state.press(.enter)
        #expect(effects == [.startUpload(jobId: 1, .image(path: Self.iconPath, fileName: "app-icon.png", imageType: "icon"))])
        #expect(state.overlay == nil)
        #expect(state.uploads.jobs.map(\.status) == [.running])
    }

    @Test func withoutAHintInTheNameThePickerSuggestsTheTypeWhoseSizeTheImageHas() {
        var state = Fixtures.listedState()
        Fixtures.select(file: "weird\u{FFFD}[31mname.png", in: &state)
        let path = Fixtures.directory + "/weird\u{1B}[31mname.png"
        var preview = Fixtures.iconPreview
        preview.path = path
        state.send(.inspected(path: path, .ready(preview)))
        state.type("u")
        guard case .imageTypePicker(let picker)? = state.overlay else {
            Issue.record("no picker")
            return
        }
        #expect(picker.choices[picker.highlighted].name == "logo", "144×144 is an app logo's size")
    }

    @Test("u before the image is read: its size then chooses the line unless a key did, and an Enter waits for it, uploading only the imageType it was pressed on")
    func thePickerOpenedBeforeTheImageIsReadTakesItsSize() {
        let path = Fixtures.directory + "/weird\u{1B}[31mname.png"
        var preview = Fixtures.iconPreview
        preview.path = path
        func opened() -> AppState {
            var state = Fixtures.listedState()
            Fixtures.select(file: "weird\u{FFFD}[31mname.png", in: &state)
            state.type("u")
            #expect(state.overlay?.kind == .imageTypePicker)
            return state
        }
        func highlighted(_ state: AppState) -> String? {
            guard case .imageTypePicker(let picker)? = state.overlay else { return nil }
            return picker.chosenImageType
        }

        // Read while the picker is open: the line moves to the size's, and the marks show.
        var state = opened()
        #expect(highlighted(state) == "screenshot", "nothing known yet: what the batch list assumes")
        state.send(.inspected(path: path, .ready(preview)))
        #expect(highlighted(state) == "logo", "144×144 is an app logo's size")
        guard case .imageTypePicker(let picker)? = state.overlay else { return }
        #expect(picker.warnings["banner"] != nil && picker.warnings["logo"] == nil, "the size marks")

        // A line chosen by a key stays chosen; a key after a waiting Enter drops the wait, and says so.
        state = opened()
        state.press(.down, .up)
        state.send(.inspected(path: path, .ready(preview)))
        #expect(highlighted(state) == "screenshot")
        state = opened()
        state.press(.enter)
        state.press(.down)
        #expect(state.status == nil, "no longer \"it uploads once read\"")
        #expect(state.send(.inspected(path: path, .ready(preview))).isEmpty && state.overlay?.kind == .imageTypePicker)

        // Enter before the read waits; the read suggests another line: shown, not uploaded.
        state = opened()
        #expect(state.press(.enter).isEmpty)
        #expect(state.status?.text.contains("uploads once read") == true && state.uploads.jobs.isEmpty)
        #expect(state.send(.inspected(path: path, .ready(preview))).isEmpty)
        #expect(highlighted(state) == "logo" && state.uploads.jobs.isEmpty)
        #expect(state.status?.text.contains("is 144×144: logo suggested; Enter uploads it as that") == true)
        #expect(state.press(.enter).first == .startUpload(jobId: 1, .image(path: path, fileName: "weird\u{FFFD}[31mname.png", imageType: "logo")))

        // Enter on the line the read keeps uploads once read.
        state = opened()
        state.press(.down, .down, .down, .up)
        let chosen = highlighted(state)
        state.press(.enter)
        #expect(state.uploads.jobs.isEmpty)
        let effects = state.send(.inspected(path: path, .ready(preview)))
        #expect(effects.first == .startUpload(jobId: 1, .image(path: path, fileName: "weird\u{FFFD}[31mname.png", imageType: chosen ?? "")))
        #expect(state.overlay == nil)

        // An image that does not read closes the picker, saying why; so does one that reads as a jar.
        state = opened()
        state.press(.enter)
        state.send(.inspected(path: path, .failed("not a PNG")))
        #expect(state.overlay == nil && state.uploads.jobs.isEmpty)
        #expect(state.status?.text.contains("not a PNG") == true)
        state = opened()
        state.press(.enter)
        var jar = Fixtures.pluginPreview
        jar.path = path
        state.send(.inspected(path: path, .ready(jar)))
        #expect(state.overlay == nil && state.uploads.jobs.isEmpty)
        #expect(state.status?.text.contains("it reads as an app artifact") == true)
    }

    @Test func thePickerMovesAndTakesFreeText() {
        var state = Self.iconSelected()
        state.type("u")
        state.press(.down, .down)
        let screen = Renderer.render(state).text
        #expect(screen.contains("⚠ banner is 144×144; a banner on Marketplace is 1120×548"))
        #expect(state.press(.enter).first == .startUpload(jobId: 1, .image(path: Self.iconPath, fileName: "app-icon.png", imageType: "banner")))

        state.type("u")
        state.type("promo-2024")
        #expect(state.press(.enter).isEmpty, "a name Marketplace does not name is asked about first")
        #expect(state.status?.text.contains("promo-2024 is not an imageType Marketplace names") == true)
        #expect(state.press(.enter).first == .startUpload(jobId: 2, .image(path: Self.iconPath, fileName: "app-icon.png", imageType: "promo-2024")))
    }

    @Test func jAndKTypedOutOfHabitAreAskedAboutNotUploadedAsAnImageType() {
        var state = Self.iconSelected()
        state.type("u")
        state.type("jj")
        #expect(state.press(.enter).isEmpty)
        #expect(state.overlay?.kind == .imageTypePicker && state.uploads.jobs.isEmpty)
        #expect(state.status?.text.hasPrefix("Enter again uploads it anyway, ↑ ↓ choose one: jj is not an imageType") == true, "\(String(describing: state.status))")
        // Changing the text asks again; a suggestion typed in any case is not asked about.
        state.press(.backspace)
        #expect(state.press(.enter).isEmpty)
        state.press(.backspace)
        state.type("Icon")
        #expect(state.press(.enter).first == .startUpload(jobId: 1, .image(path: Self.iconPath, fileName: "app-icon.png", imageType: "icon")))
        // "↑ ↓ choose one", as the question says: the typed name gives way to the suggestions.
        state.type("u")
        state.type("jj")
        #expect(state.press(.enter).isEmpty)
        state.press(.down)
        #expect(state.press(.enter).first == .startUpload(jobId: 2, .image(path: Self.iconPath, fileName: "app-icon.png", imageType: "icon")))
    }

    @Test func aBadFreeTextImageTypeIsRefused() {
        var state = Self.iconSelected()
        state.type("u")
        state.type("../admin")
        #expect(state.press(.enter).isEmpty)
        #expect(state.status == .error(#"The imageType "../admin" is not valid: an imageType is 1 to 64 ASCII letters, digits, - and _ (e.g. icon, logo, banner)."#))
        #expect(state.overlay != nil)
        state.press(.escape)
        #expect(state.overlay == nil)
        #expect(state.uploads.jobs.isEmpty)
    }

    @Test func anArtifactIsQueuedAtOnce() {
        var state = Self.jarSelected()
        #expect(state.type("u") == [.startUpload(jobId: 1, .artifact(path: Self.jarPath, fileName: "my-plugin-1.0.0.jar"))])
        #expect(state.overlay == nil)
        #expect(state.status == .info("Queued my-plugin-1.0.0.jar as an artifact"))
    }

    @Test func beforeThePreviewTheExtensionDecides() {
        var state = Fixtures.listedState()
        Fixtures.select(file: "banner.jpg", in: &state)
        state.type("u")
        guard case .imageTypePicker(let picker)? = state.overlay else {
            Issue.record("no picker")
            return
        }
        #expect(picker.choices[picker.highlighted].name == "banner")
    }

    @Test func foldersAndOddFilesAreNotUploaded() {
        var state = Fixtures.listedState()
        #expect(state.type("u").isEmpty)
        #expect(state.status == .error("docs is a folder: select a file to upload"))
        Fixtures.select(file: "broken-link", in: &state)
        #expect(state.type("u").isEmpty)
        #expect(state.status == .error("broken-link is not a regular file and cannot be uploaded"))
    }

    @Test func aNameThatIsNotUTF8CannotBeUploaded() {
        var state = Fixtures.listedState()
        state.press(.character("R"))
        state.send(.directoryListed(generation: state.files.generation, sort: .name, entries: [
            DirectoryEntry(name: "bad\u{FFFD}.png", path: nil, kind: .file, size: 1, modified: Fixtures.date(minutes: 0)),
        ]))
        #expect(state.type("u").isEmpty)
        #expect(state.status?.text.contains("not valid UTF-8") == true)
        #expect(state.files.entries.first?.uploadKind == nil, "no ● for a file that u refuses")
    }

    @Test func aFolderWhoseNameIsNotUTF8IsNotOfferedToEnter() {
        var state = Fixtures.listedState()
        state.press(.character("R"))
        state.send(.directoryListed(generation: state.files.generation, sort: .name, entries: [
            DirectoryEntry(name: "dir\u{FFFD}", path: nil, kind: .directory, size: 0, modified: Fixtures.date(minutes: 0)),
        ]))
        let details = Renderer.render(state).text
        #expect(details.contains("not UTF-8") && !details.contains("Enter opens it"), "Details does not offer what Enter refuses")
        state.press(.enter)
        #expect(state.status?.text.contains("not valid UTF-8") == true)
    }

    @Test func spacePassesOverANameThatIsNotUTF8AsOverAFolder() {
        var state = Fixtures.listedState()
        state.press(.character("R"))
        let folder = state.files.directory
        state.send(.directoryListed(generation: state.files.generation, sort: .name, entries: [
            DirectoryEntry(name: "bad\u{FFFD}.png", path: nil, kind: .file, size: 1, modified: Fixtures.date(minutes: 0)),
            Fixtures.file("good.png", size: 10, minutes: 0, in: folder),
        ]))
        state.type(" ")
        #expect(state.status?.text.contains("not valid UTF-8") == true && state.files.marks.isEmpty)
        #expect(state.files.selectedEntry?.name == "good.png", "moved down, so that Space goes on marking the files below")
        state.type(" ")
        #expect(state.files.marks.items.map(\.path) == [folder + "/good.png"])
    }

    @Test func fetchAsksForAnHTTPURL() {
        var state = Fixtures.listedState()
        state.type("f")
        #expect(state.overlay == .urlPrompt(TextField()))
        state.type("ftp://example.com/a.jar")
        #expect(state.press(.enter).isEmpty)
        #expect(state.status == .error("Marketplace fetches only http:// and https:// URLs, not ftp://."))
        state.press(.control("u"))
        state.type("https://user:pw@example.com/a.jar")
        #expect(state.press(.enter) == [.startUpload(jobId: 1, .fetch(uri: "https://user:pw@example.com/a.jar"))])
        #expect(state.uploads.jobs[0].request.displayName == "https://example.com/a.jar")
        #expect(!Renderer.render(state).text.contains("pw@"))
    }

    @Test func atMostTwoRunTheRestWait() {
        var state = Self.jarSelected()
        var effects = Self.queueJar(3, in: &state)
        #expect(effects.count == 2)
        #expect(state.uploads.jobs.map(\.status) == [.running, .running, .queued])
        effects = state.send(.uploadFinished(jobId: 1, Fixtures.artifactEntry))
        // (The third was queued after a second u: the user was told one is being uploaded.)
        #expect(effects == [.loadHistory, .startUpload(jobId: 3, .artifact(path: Self.jarPath, fileName: "my-plugin-1.0.0.jar", uploadAgain: true))])
        #expect(state.uploads.jobs.map(\.status) == [.finished(Fixtures.artifactEntry), .running, .running])
    }

    @Test func clearingFinishedUploadsKeepsTheSelectionOnItsUpload() {
        var state = Self.jarSelected()
        Self.queueJar(4, in: &state)
        state.send(.uploadFinished(jobId: 1, Fixtures.artifactEntry))
        state.send(.uploadFailed(jobId: 3, message: "HTTP 500"))
        #expect(state.uploads.jobs.map(\.id) == [1, 2, 3, 4])
        state.type("2")
        state.uploads.cursor.selection = 3  // job 4, running, below two that go
        state.type("c")
        #expect(state.uploads.jobs.map(\.id) == [2, 4])
        #expect(state.uploads.jobs[state.uploads.cursor.selection].id == 4, "x now cancels the upload that was selected")
        // A selected upload that goes leaves the selection on the next one that stays.
        state.send(.uploadFinished(jobId: 2, Fixtures.artifactEntry))
        state.uploads.cursor.selection = 0
        state.type("c")
        #expect(state.uploads.jobs.map(\.id) == [4] && state.uploads.cursor.selection == 0)
    }

    @Test func progressFillsTheBarWithRateAndETA() {
        var state = Self.iconSelected()
        state.type("u")
        state.press(.enter)
        let start = Fixtures.date(minutes: 0)
        state.send(.uploadStarted(jobId: 1, at: start))
        state.send(.uploadProgress(jobId: 1, UploadProgress(sentBytes: 1_000_000, totalBytes: 4_000_000), at: start.addingTimeInterval(2)))
        let job = state.uploads.jobs[0]
        #expect(job.progress?.fraction == 0.25)
        #expect(job.rate.bytesPerSecond == 500_000)
        let screen = Renderer.render(state).text
        #expect(screen.contains("25%"))
        // At 80 columns the rate and the time left; the byte counts too where there is room.
        #expect(screen.contains("500 kB/s  ETA 0:06") && !screen.contains("1.0 MB/4.0 MB"))
        state.send(.resize(ScreenSize(width: 160, height: 40)))
        #expect(Renderer.render(state).text.contains("1.0 MB/4.0 MB  500 kB/s  ETA 0:06"))
    }

    @Test func cancelStopsARunningUploadAndDropsAQueuedOne() {
        var state = Self.jarSelected()
        Self.queueJar(3, in: &state)
        state.type("2")
        #expect(state.focus == .upload)
        #expect(state.uploads.cursor.selection == 2)
        #expect(state.type("x").isEmpty)
        #expect(state.uploads.jobs[2].status == .cancelled)
        state.type("g")
        #expect(state.type("x") == [.cancelUpload(jobId: 1)])
        #expect(state.uploads.jobs[0].status == .cancelling)
        // Progress after the cancel request does not revive it.
        state.send(.uploadProgress(jobId: 1, UploadProgress(sentBytes: 5, totalBytes: 10), at: Fixtures.date(minutes: 1)))
        #expect(state.uploads.jobs[0].progress == nil)
        state.send(.uploadCancelled(jobId: 1))
        #expect(state.uploads.jobs[0].status == .cancelled)
        #expect(state.status == .info("Cancelled my-plugin-1.0.0.jar"))
        // The pane's count names the cancelled ones too, rather than going blank.
        #expect(Renderer.render(state).text.contains("1 running · 2 cancelled"))
    }

    /// Cancelled once its whole file had gone, an upload gets a moment for its answer (`CancellationGrace`).
    @Test func anUploadCancelledTooLateFinishesAndSaysSo() {
        var state = Self.iconSelected()
        state.type("u")
        state.press(.enter)
        state.type("2")
        #expect(state.type("x") == [.cancelUpload(jobId: 1)])
        state.send(.uploadFinished(jobId: 1, Fixtures.imageEntry))
        #expect(state.uploads.jobs[0].status == .finished(Fixtures.imageEntry))
        #expect(state.status == .success("Uploaded app-icon.png: ID img-12345-abcdef-67890-ghijkl (too late to cancel: Marketplace had it)"))
    }

    @Test func aFailedUploadSaysWhyAndRetries() {
        var state = Self.iconSelected()
        state.type("u")
        state.press(.enter)
        let effects = state.send(.uploadFailed(jobId: 1, message: "The server refused the image (HTTP 400)"))
        #expect(effects == [.loadHistory])
        #expect(state.uploads.jobs[0].status == .failed("The server refused the image (HTTP 400)"))
        #expect(state.status == .error("app-icon.png: The server refused the image (HTTP 400)"))
        #expect(Renderer.render(state).text.contains("✗ The server refused the image"))
        state.type("2")
        #expect(state.type("r") == [.startUpload(jobId: 1, .image(path: Self.iconPath, fileName: "app-icon.png", imageType: "icon"))])
        #expect(state.uploads.jobs[0].attempt == 2)
        #expect(state.uploads.jobs[0].status == .running)
    }

    @Test func aSuccessAfterAnotherUploadFailedSaysThatOneFailed() {
        var state = Self.iconSelected()
        state.type("u")
        state.press(.enter)
        state.type("u")
        state.press(.enter)
        state.send(.uploadFailed(jobId: 1, message: "/x/app-icon.png does not exist"))
        state.send(.uploadFinished(jobId: 2, Fixtures.imageEntry))
        #expect(state.status == .success("Uploaded app-icon.png: ID img-12345-abcdef-67890-ghijkl · 1 failed: see the Upload pane (2)"))
    }

    @Test func aFinishedUploadShowsItsIDAndGoesIntoHistory() {
        var state = Self.iconSelected()
        state.type("u")
        state.press(.enter)
        let effects = state.send(.uploadFinished(jobId: 1, Fixtures.imageEntry))
        #expect(effects == [.loadHistory])
        #expect(state.history.entries.map(\.id) == [Fixtures.imageEntry.id])
        #expect(state.status == .success("Uploaded app-icon.png: ID img-12345-abcdef-67890-ghijkl"))
        state.type("2")
        #expect(state.type("y") == [.copy(ClipboardText(label: "ID", text: "img-12345-abcdef-67890-ghijkl"))])
        state.press(.enter)
        #expect(state.focus == .details)
        #expect(DetailsContent.lines(for: state, width: 60).contains { $0.label == "mediaType" && $0.value == "image" })
    }

    @Test func clearRemovesWhatIsDone() {
        var state = Fixtures.sessionState()
        state.type("2c")
        #expect(state.uploads.jobs.map(\.id) == [2, 3])
        #expect(state.status == .info("Cleared 2 uploads"))
    }

    @Test func anUploadPaneClearedOfEveryJobDoesNotSayNoUploadsYet() {
        var state = Self.iconSelected()
        #expect(Renderer.render(state).text.contains("No uploads yet."))
        state.type("u")
        state.press(.enter)
        state.send(.uploadFinished(jobId: 1, Fixtures.imageEntry))
        state.type("2c")
        #expect(state.uploads.jobs.isEmpty)
        #expect(!Renderer.render(state).text.contains("No uploads yet"))
        #expect(state.uploads.emptyHint.hasPrefix("Nothing here: History (press 4) keeps every upload."))
        // Signed in from the demo: the account's History has none of the demo's uploads.
        state.send(.signInFinished(.signedIn(email: "me@example.com", serverURL: "https://marketplace.atlassian.com", storedIn: "the keyring",
                                             historyPath: "/home/dev/.local/state/marketplace-assets/history.json")))
        #expect(state.uploads.emptyHint.hasPrefix("No uploads yet."))
    }

    @Test func quittingAsksWhileUploadsRun() {
        var state = Self.iconSelected()
        state.type("u")
        state.press(.enter)
        #expect(state.type("q").isEmpty)
        #expect(state.overlay == .confirmQuit(over: nil))
        #expect(Renderer.render(state).text.contains("1 upload is still queued or running."))
        state.type("n")
        #expect(state.overlay == nil)
        #expect(!state.shouldQuit)
        state.type("q")
        #expect(state.type("y") == [.cancelUpload(jobId: 1), .quit])
        #expect(state.shouldQuit)
    }

    @Test func quittingIsImmediateWhenNothingRuns() {
        var state = Fixtures.listedState()
        #expect(state.type("q") == [.quit])
        #expect(state.shouldQuit)
    }

    @Test func ctrlCIsQAndASecondOneQuitsCancellingTheUploads() {
        var state = Self.iconSelected()
        state.type("u")
        state.press(.enter)
        #expect(state.send(.interrupted(signal: SIGINT)) == [])
        #expect(state.overlay?.kind == .confirmQuit, "asks, as q does, while an upload runs")
        #expect(state.send(.interrupted(signal: SIGINT)) == [.cancelUpload(jobId: 1), .quit])
        #expect(state.shouldQuit && state.endingSignal == nil, "a quit the user asked for: exit status 0")

        var idle = Fixtures.listedState()
        #expect(idle.send(.interrupted(signal: SIGINT)) == [.quit], "nothing runs: quits at once")
        #expect(idle.endingSignal == nil)
    }

    @Test("Ctrl-C in a dialog or a filter being typed cancels it, as Esc does; a second one then quits")
    func ctrlCInADialogOrFieldCancelsIt() {
        var state = Self.iconSelected()
        state.type("u")
        #expect(state.overlay?.kind == .imageTypePicker)
        state.type("abc")
        #expect(state.send(.interrupted(signal: SIGINT)) == [])
        #expect(state.overlay == nil && !state.shouldQuit, "the picker is closed, the session goes on")
        #expect(state.uploads.jobs.isEmpty, "nothing was uploaded")

        state.type("f")
        #expect(state.overlay?.kind == .urlPrompt)
        #expect(state.send(.interrupted(signal: SIGINT)) == [])
        #expect(state.overlay == nil && !state.shouldQuit)

        state.type("/ic")
        #expect(state.isEditingFilter)
        #expect(state.send(.interrupted(signal: SIGINT)) == [])
        #expect(!state.isEditingFilter && !state.shouldQuit)
        #expect(state.send(.interrupted(signal: SIGINT)) == [.quit], "nothing open, nothing running: a second Ctrl-C quits")
    }

    @Test func sigtermAndSighupQuitAtOnceCancellingTheUploads() {
        for signal in [SIGTERM, SIGHUP] {
            var state = Self.iconSelected()
            state.type("u")
            state.press(.enter)
            #expect(state.send(.interrupted(signal: signal)) == [.cancelUpload(jobId: 1), .quit])
            #expect(state.shouldQuit && state.endingSignal == signal, "exit status 128 + \(signal)")
        }
    }
}
