import AssetCore

/// The sign-in overlay (`L`): where a token is created, the three fields (the token shown
/// as dots only), and what is happening: checking, why the last try failed, or the question
/// whether the token may go to the config file when there is no keyring.
enum SignInView {
    static func draw(_ form: SignInForm, screen: ScreenSize, into canvas: inout Canvas) {
        let width = min(screen.width - 4, 76)
        // Where a token is made, whole on a narrow screen too (it was cut, and could not be read off).
        let textWidth = width - 4
        let intro = TextLayout.wrap("Your Atlassian account's email and an API token, created at", toWidth: textWidth)
            .map { ($0, Theme.plain) } + TextLayout.wrap(SignInInput.tokenPageURL, toWidth: textWidth, afterSlashes: true).map { ($0, Theme.label) }
        let (text, style): (String, CellStyle) = switch form.phase {
        case .checking:
            // (Then stored: the keyring may be slow to answer, and says so on the status line.)
            ("Checking the credentials with the server, then storing them…", Theme.muted)
        case .askingPlainText(let reason, let configFile, let replacing):
            ("No system keyring can keep the token (\(reason)). Keep it in plain text in \(configFile), "
                + "readable only by you (mode 0600)?" + (replacing.map { " ⚠ " + $0.prefix(1).uppercased() + $0.dropFirst() + "." } ?? ""),
             Theme.warning)
        case .editing:
            (form.problem ?? "The token goes to the system keyring (where there is none, you are asked before it goes "
                + "to the config file); the email and server to the config file.",
             form.problem == nil ? Theme.muted : Theme.error)
        }
        let message = TextLayout.wrap(text, toWidth: textWidth)
        // The keys on the last row, whatever the rest leaves out on a short screen.
        let keys: String? = switch form.phase {
        case .editing: "Tab next field · Enter signs in · Esc cancels"
        case .askingPlainText: "y keep it there · n store nothing"
        case .checking: nil
        }
        let fields: [(SignInForm.Field, String, TextField, Character?)] = [
            (.email, "Email ", form.email, nil),
            (.token, "Token ", form.token, "•"),
            (.server, "Server", form.server, nil),
        ]
        let frame = screen.dialogArea.centered(width: width, height: intro.count + message.count + fields.count + (keys == nil ? 0 : 1) + 4)
        canvas.fill(frame)
        canvas.box(frame, style: Theme.overlayBorder, title: "Sign in", titleStyle: Theme.focusedTitle)
        let inner = frame.inner
        // Short of rows (60×16), the message (a question, why the last try failed) comes first:
        // the blank rows go, then where a token is made.
        var spare = inner.height - fields.count - (keys == nil ? 0 : 1) - message.count
        let showsIntro = spare >= intro.count
        if showsIntro { spare -= intro.count }
        let blankRows = min(max(spare, 0), 2)
        let x = inner.x + 1
        var y = inner.y
        for (line, style) in showsIntro ? intro : [] {
            canvas.put(line, x: x, y: y, style: style, maxWidth: textWidth)
            y += 1
        }
        if showsIntro, blankRows > 0 { y += 1 }
        for (field, label, text, mask) in fields {
            let focused = field == form.focus && form.phase == .editing
            let used = canvas.put("\(focused ? "›" : " ") \(label) ", x: x, y: y, style: focused ? Theme.label : Theme.muted)
            let shown = FieldWindow.layout(text, width: textWidth - used, mask: mask)
            canvas.put(shown.text, x: x + used, y: y, style: Theme.plain.with(underline: true))
            if focused { canvas.cursor = Point(x: x + used + shown.caretColumn, y: y) }
            y += 1
        }
        if blankRows > (showsIntro ? 1 : 0) { y += 1 }
        let bottom = inner.y + inner.height - (keys == nil ? 0 : 1)
        for (index, line) in message.enumerated() where y < bottom {
            // The last row that fits says that more was cut.
            let cut = y == bottom - 1 && index < message.count - 1
            canvas.put(cut ? TextLayout.truncate(line + " …", toWidth: textWidth) : line, x: x, y: y, style: style, maxWidth: textWidth)
            y += 1
        }
        if let keys { canvas.put(keys, x: x, y: inner.y + inner.height - 1, style: form.phase == .editing ? Theme.muted : Theme.warning, maxWidth: textWidth) }
    }
}
