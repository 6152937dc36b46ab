/// Draws the whole screen for a state: `render(State) -> Canvas`, nothing else.
enum Renderer {
    static func render(_ state: AppState) -> Canvas {
        var canvas = Canvas(width: state.screen.width, height: state.screen.height)
        if state.screen.isTooSmall {
            TooSmallView.draw(state, into: &canvas)
            return canvas
        }
        let layout = state.layout
        HeaderView.draw(state, in: layout.header, into: &canvas)
        FilesPaneView.draw(state, in: layout.files, into: &canvas)
        UploadPaneView.draw(state, in: layout.upload, into: &canvas)
        DetailsPaneView.draw(state, in: layout.details, into: &canvas)
        HistoryPaneView.draw(state, in: layout.history, into: &canvas)
        BottomBarsView.draw(state, status: layout.status, footer: layout.footer, into: &canvas)
        drawOverlay(state.overlay, state: state, into: &canvas)
        return canvas
    }

    private static func drawOverlay(_ overlay: Overlay?, state: AppState, into canvas: inout Canvas) {
        switch overlay {
        case .help(let scrollTop, let over)?:
            // Over the dialog F1 opened it over.
            drawOverlay(over, state: state, into: &canvas)
            // Its field's caret would blink in the middle of the help.
            canvas.cursor = nil
            HelpOverlayView.draw(scrollTop: scrollTop, screen: state.screen, into: &canvas)
        case .imageTypePicker(let picker)?:
            ImageTypePickerView.draw(picker, screen: state.screen, into: &canvas)
        case .batchUpload(let batch)?:
            BatchUploadView.draw(batch, screen: state.screen, into: &canvas)
        case .urlPrompt(let field)?:
            URLPromptView.draw(field, screen: state.screen, into: &canvas)
        case .copyMenu(let menu)?:
            CopyMenuView.draw(menu, screen: state.screen, into: &canvas)
        case .confirmQuit?:
            ConfirmQuitView.draw(state.uploads, screen: state.screen, into: &canvas)
        case .confirmRemoval(let removal)?:
            ConfirmRemovalView.draw(removal, screen: state.screen, into: &canvas)
        case .signIn(let form)?:
            SignInView.draw(form, screen: state.screen, into: &canvas)
        case nil:
            break
        }
    }
}
