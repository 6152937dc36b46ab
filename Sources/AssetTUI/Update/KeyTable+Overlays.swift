/// The bindings of the overlays; each overlay takes every key while it is open.
extension KeyTable {
    static let overlays: [KeyBinding] = [
        KeyBinding(.overlay(.help), .keys(ListMove.stepKeys + ListMove.pageKeys + ListMove.endKeys), "↑ ↓ PgUp PgDn g G",
                   "scroll the help", footer: FooterHint(keys: "↑↓", text: "scroll"), OverlayKeys.scrollHelp),
        KeyBinding(.overlay(.help), .anyOther, "any other key", "close the help",
                   footer: FooterHint(keys: "any other key", text: "close")) { _, state in OverlayKeys.close(state: &state) },

        KeyBinding(.overlay(.imageTypePicker), .keys([.up, .down, .control("p"), .control("n")]), "↑ ↓ Ctrl-P Ctrl-N", "choose an imageType",
                   footer: FooterHint(keys: "↑↓", text: "choose"), OverlayKeys.choosePickerLine),
        KeyBinding(.overlay(.imageTypePicker), .typing, "typing", "a custom imageType",
                   footer: FooterHint(keys: "type", text: "custom imageType"), OverlayKeys.editPickerText),
        KeyBinding(.overlay(.imageTypePicker), .keys([.enter]), "Enter", "upload as that imageType",
                   footer: FooterHint(keys: "Enter", text: "upload")) { _, state in OverlayKeys.confirmPicker(state: &state) },
        KeyBinding(.overlay(.imageTypePicker), .keys([.escape]), "Esc", "cancel the upload",
                   footer: FooterHint(keys: "Esc", text: "cancel")) { _, state in OverlayKeys.cancelPicker(state: &state) },

        KeyBinding(.overlay(.batchUpload), .keys(ListMove.stepKeys + ListMove.pageKeys + ListMove.endKeys), "↑ ↓ k j g G", "choose a file (PgUp PgDn a page)",
                   footer: FooterHint(keys: "↑↓", text: "file"), BatchUploading.chooseLine),
        KeyBinding(.overlay(.batchUpload), .keys([.left, .right, .character("h"), .character("l"), .tab, .backTab]),
                   "← → / h l / Tab", "previous / next imageType; a jar this server has: skip or not",
                   footer: FooterHint(keys: "←→", text: "imageType"), BatchUploading.cycleImageType),
        KeyBinding(.overlay(.batchUpload), .keys([.enter]), "Enter", "queue all but the skipped (one upload each)",
                   footer: FooterHint(keys: "Enter", text: "upload all")) { _, state in BatchUploading.confirm(state: &state) },
        KeyBinding(.overlay(.batchUpload), .keys([.escape, .character("q")]), "Esc / q", "upload nothing (the marks stay)",
                   footer: FooterHint(keys: "Esc", text: "cancel")) { _, state in BatchUploading.cancel(state: &state) },

        KeyBinding(.overlay(.urlPrompt), .typing, "typing", "the URL to fetch (← → Home End move in it)", OverlayKeys.editURL),
        KeyBinding(.overlay(.urlPrompt), .keys([.enter]), "Enter", "have Marketplace fetch it",
                   footer: FooterHint(keys: "Enter", text: "fetch")) { _, state in OverlayKeys.submitURL(state: &state) },
        KeyBinding(.overlay(.urlPrompt), .keys([.escape]), "Esc", "cancel",
                   footer: FooterHint(keys: "Esc", text: "cancel")) { _, state in OverlayKeys.close(state: &state) },

        KeyBinding(.overlay(.copyMenu), .keys(ListMove.stepKeys + ListMove.pageKeys + ListMove.endKeys), "↑ ↓ k j g G", "choose what to copy (Home End PgUp PgDn too)",
                   footer: FooterHint(keys: "↑↓", text: "choose"), OverlayKeys.chooseCopyLine),
        KeyBinding(.overlay(.copyMenu), .keys([.enter]), "Enter", "copy it",
                   footer: FooterHint(keys: "Enter", text: "copy")) { _, state in OverlayKeys.copyHighlighted(state: &state) },
        KeyBinding(.overlay(.copyMenu), .digits(1...9), "1 … 9", "copy that line", OverlayKeys.copyNumbered),
        KeyBinding(.overlay(.copyMenu), .keys([.escape, .character("q")]), "Esc / q", "copy nothing",
                   footer: FooterHint(keys: "Esc", text: "cancel")) { _, state in OverlayKeys.closeCopyMenu(state: &state) },

        KeyBinding(.overlay(.confirmQuit), .keys([.character("y"), .character("Y"), .character("q")]), "y / q / Ctrl-C",
                   "quit and cancel the uploads and fetches",
                   footer: FooterHint(keys: "y", text: "quit and cancel")) { _, state in
            Quitting.quitCancellingUploads(state: &state)
        },
        KeyBinding(.overlay(.confirmQuit), .keys([.character("n"), .character("N"), .escape]), "n / Esc", "stay",
                   footer: FooterHint(keys: "n / Esc", text: "stay")) { _, state in Quitting.stay(state: &state) },

        KeyBinding(.overlay(.confirmRemoval), .keys([.character("y"), .character("Y")]), "y", "remove from the local history",
                   footer: FooterHint(keys: "y", text: "remove")) { _, state in RemovingEntries.confirm(state: &state) },
        KeyBinding(.overlay(.confirmRemoval), .keys([.character("n"), .character("N"), .escape, .character("q")]), "n / Esc",
                   "keep it", footer: FooterHint(keys: "n / Esc", text: "keep")) { _, state in OverlayKeys.close(state: &state) },
    ]
}
