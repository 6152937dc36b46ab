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
        let link = TextLayout.wrap(SignInInput.tokenPageURL, toWidth: textWidth)
        let frame = screen.dialogArea.centered(width: width, height: 13 + intro.count + link.count)
        canvas.fill(frame)
        canvas.box(frame, style: Theme.overlayBorder, title: "Sign in", titleStyle: Theme.focusedTitle)
        let inner = frame.inner
        let x = inner.x + 1
        var y = inner.y
        for (line, style) in intro.map({ ($0, Theme.plain) }) + link.map({ ($0, Theme.label) }) {
            canvas.put(line, x: x, y: y, style: style, maxWidth: textWidth)
            y += 1
        }
        y += 1
        let fields: [(SignInForm.Field, String, TextField, Character?)] = [
            (.email, "Email ", form.email, nil),
            (.token, "Token ", form.token, "•"),
            (.server, "Server", form.server, nil),
        ]
        for (field, label, text, mask) in fields {
            let focused = field == form.focus && form.phase == .editing
            let used = canvas.put("\(focused ? "›" : " ") \(label) ", x: x, y: y, style: focused ? Theme.label : Theme.muted)
            let shown = FieldWindow.layout(text, width: textWidth - used, mask: mask)
            canvas.put(shown.text, x: x + used, y: y, style: Theme.plain.with(underline: true))
            if focused { canvas.cursor = Point(x: x + used + shown.caretColumn, y: y) }
            y += 1
        }
        y += 1
        let bottom = inner.y + inner.height
        let (text, style): (String, CellStyle) = switch form.phase {
        case .checking:
            ("Checking the credentials with the server…", Theme.muted)
        case .askingPlainText(let reason, let configFile):
            ("No system keyring to keep the token in (\(reason)). Keep it in plain text in \(configFile), "
                + "readable only by you (mode 0600)?", Theme.warning)
        case .editing:
            (form.problem ?? "The token goes to the system keyring (where there is none, you are asked before it goes "
                + "to the config file); the email and server to the config file.",
             form.problem == nil ? Theme.muted : Theme.error)
        }
        for line in TextLayout.wrap(text, toWidth: textWidth) where y < bottom - 1 {
            canvas.put(line, x: x, y: y, style: style, maxWidth: textWidth)
            y += 1
        }
        // The keys on the last row, whatever the text above leaves out on a short screen.
        let keys: String? = switch form.phase {
        case .editing: "Tab next field · Enter signs in · Esc cancels"
        case .askingPlainText: "y keep it there · n store nothing"
        case .checking: nil
        }
        if let keys { canvas.put(keys, x: x, y: bottom - 1, style: form.phase == .editing ? Theme.muted : Theme.warning, maxWidth: textWidth) }
    }
}
