import AssetCore
import Testing
@testable import AssetTUI

/// Display widths and the canvas: CJK, combining marks, emoji, control characters.
@Suite struct CanvasTests {
    @Test func widthsOfCharacters() {
        #expect(DisplayWidth.of(Character("a")) == 1)
        #expect(DisplayWidth.of(Character("漢")) == 2)
        #expect(DisplayWidth.of(Character("한")) == 2)
        #expect(DisplayWidth.of(Character("Ｗ")) == 2)  // fullwidth Latin
        #expect(DisplayWidth.of(Character("e\u{301}")) == 1)  // e + combining acute
        #expect(DisplayWidth.of(Character("👍")) == 2)
        #expect(DisplayWidth.of(Character("👨‍👩‍👧")) == 6)  // ZWJ sequence: its three emoji, side by side
        #expect(DisplayWidth.of(Character("👍🏽")) == 2)  // an emoji and its skin tone, left out (terminals may join them)
        #expect(DisplayWidth.of(Character("\u{1F3FD}")) == 2)  // a skin tone alone is drawn
        #expect(DisplayWidth.of(Character("स्ते")) == 2)  // a Devanagari conjunct: two letters, two marks
        #expect(DisplayWidth.of(Character("1\u{FE0F}\u{20E3}")) == 1)  // a keycap
        #expect(DisplayWidth.of(Character("\u{301}")) == 0)  // a lone combining mark
        #expect(DisplayWidth.of(Character("\u{200B}")) == 0)  // zero-width space
        #expect(DisplayWidth.of("日本語 ok") == 9)
    }

    @Test("a cell of é in NFC is not one of é in NFD: the screen is redrawn with the row's own bytes")
    func cellsCompareByTheirBytes() {
        #expect(Cell(text: "\u{E9}", width: 1, style: .plain) != Cell(text: "e\u{301}", width: 1, style: .plain))
        #expect(Cell(text: "e\u{301}", width: 1, style: .plain) == Cell(text: "e\u{301}", width: 1, style: .plain))
    }

    @Test func wideCharactersTakeTwoCells() {
        var canvas = Canvas(width: 6, height: 1)
        let used = canvas.put("漢字", x: 0, y: 0)
        #expect(used == 4)
        #expect(canvas[0, 0] == Cell(text: "漢", width: 2, style: .plain))
        #expect(canvas[1, 0].isContinuation)
        #expect(canvas[2, 0].text == "字")
        #expect(canvas[3, 0].isContinuation)
        #expect(canvas.line(0) == "漢字")
    }

    @Test func aClusterOfSeveralLettersOrEmojiDrawsEachNoneDropped() {
        // Only the first of each was drawn: fam-👩.png and fam-👩‍👧.png looked the same, and नमस्ते lost its त.
        // (A skin tone is still left out.)
        var canvas = Canvas(width: 30, height: 3)
        #expect(canvas.put("fam-👩‍👧.png", x: 0, y: 0) == 12)
        #expect(canvas.line(0) == "fam-👩👧.png", "no joiner is sent: terminals would join the cells and draw the row a column off")
        #expect(canvas[4, 0].text == "👩" && canvas[5, 0].isContinuation && canvas[6, 0].text == "👧")
        canvas.put("नमस्ते.png", x: 0, y: 1)
        #expect(canvas.line(1) == "नमस्ते.png")
        canvas.put("👍🏽!", x: 0, y: 2)
        #expect(canvas.line(2) == "👍!" && canvas[2, 2].text == "!", "a skin tone beside its emoji would be joined by some terminals")
        // Cut in the middle of such a cluster: the whole of it goes, for the ellipsis.
        var narrow = Canvas(width: 6, height: 1)
        narrow.put("ab👩‍👧cd", x: 0, y: 0)
        #expect(narrow.line(0) == "ab…", "\(narrow.line(0))")
    }

    @Test func aFlagIsDrawnAsItsTwoLetters() {
        // With only its first half drawn, 🇯🇵 and 🇯🇲 (two files' names) looked the same.
        #expect(DisplayWidth.of(Character("🇯🇵")) == 2)
        #expect(DisplayWidth.of("flag-🇯🇵.png") == 11)
        var canvas = Canvas(width: 24, height: 2)
        #expect(canvas.put("flag-🇯🇵.png", x: 0, y: 0) == 11)
        canvas.put("flag-🇯🇲.png", x: 0, y: 1)
        #expect(canvas.line(0) == "flag-JP.png" && canvas.line(1) == "flag-JM.png")
        #expect(canvas[5, 0] == Cell(text: "J", width: 1, style: .plain) && canvas[6, 0].text == "P")
        // A lone regional indicator is no flag: drawn as it is.
        #expect(DisplayWidth.flagLetters(Character("🇯")) == nil)
    }

    @Test func textThatDoesNotFitEndsInAnEllipsis() {
        var canvas = Canvas(width: 3, height: 1)
        #expect(canvas.put("a漢字", x: 0, y: 0) == 2)
        #expect(canvas.line(0) == "a…")
        var narrow = Canvas(width: 5, height: 1)
        #expect(narrow.put("漢字", x: 0, y: 0, maxWidth: 3) == 3)
        #expect(narrow.line(0) == "漢…")
        #expect(narrow.put("漢字", x: 0, y: 0, maxWidth: 4) == 4)
        #expect(narrow.line(0) == "漢字")
    }

    @Test func combiningMarksStayWithTheirBase() {
        var canvas = Canvas(width: 4, height: 1)
        #expect(canvas.put("e\u{301}x", x: 0, y: 0) == 2)
        #expect(canvas[0, 0].text == "e\u{301}")
        #expect(canvas[1, 0].text == "x")
    }

    @Test func zeroWidthCharactersAttachToTheCellBefore() {
        var canvas = Canvas(width: 4, height: 1)
        #expect(canvas.put("a\u{200B}b", x: 0, y: 0) == 2)
        #expect(canvas[0, 0].text == "a\u{200B}")
        #expect(canvas[1, 0].text == "b")
    }

    @Test func controlCharactersAreReplaced() {
        var canvas = Canvas(width: 20, height: 1)
        canvas.put("a\u{1B}]0;owned\u{07}b\u{9B}c", x: 0, y: 0)
        #expect(canvas.line(0) == "a\u{FFFD}]0;owned\u{FFFD}b\u{FFFD}c")
        #expect(!canvas.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } })
    }

    @Test func writingOverHalfAWideCharacterBlanksTheOtherHalf() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("漢", x: 0, y: 0)
        canvas.put("x", x: 1, y: 0)
        #expect(canvas[0, 0] == .blank)
        #expect(canvas[1, 0].text == "x")

        var other = Canvas(width: 4, height: 1)
        other.put("漢", x: 1, y: 0)
        other.put("y", x: 1, y: 0)
        #expect(other[1, 0].text == "y")
        #expect(other[2, 0] == .blank)
    }

    @Test func textTrimsTrailingBlanksAndClipsToTheCanvas() {
        var canvas = Canvas(width: 5, height: 2)
        canvas.put("hello world", x: 2, y: 1)
        #expect(canvas.text == "\n  he…\n")
        #expect(canvas.put("x", x: 0, y: 5) == 0)
        #expect(canvas.put("x", x: 9, y: 0) == 0)
    }

    @Test func boxDrawsTitleDetailAndFootnote() {
        var canvas = Canvas(width: 30, height: 3)
        canvas.box(canvas.bounds, style: .plain, title: "Files", detail: "/home/dev", footnote: "1/2")
        #expect(canvas.line(0) == "┌ Files ─ /home/dev ─────────┐")
        #expect(canvas.line(1) == "│                            │")
        #expect(canvas.line(2) == "└────────────────────── 1/2 ─┘")
    }

    @Test func stylesAreKeptPerCell() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("ab", x: 0, y: 0, style: Theme.error)
        canvas.put("c", x: 2, y: 0, style: Theme.selectedRow)
        #expect(canvas[0, 0].style == Theme.error && canvas[1, 0].style == Theme.error)
        #expect(canvas[2, 0].style == Theme.selectedRow)
        #expect(canvas[1, 0].text == "b")
    }
}

@Suite struct TextLayoutTests {
    @Test func truncateByColumns() {
        #expect(TextLayout.truncate("hello", toWidth: 10) == "hello")
        #expect(TextLayout.truncate("hello world", toWidth: 6) == "hello…")
        #expect(TextLayout.truncate("日本語テキスト", toWidth: 7) == "日本語…")
        #expect(TextLayout.truncateLeading("/home/dev/samples", toWidth: 8) == "…samples")
        #expect(TextLayout.truncate("abc", toWidth: 0) == "")
    }

    @Test func aFileNameIsCutInTheMiddleSoThatVersionsStayApart() {
        let names = ["big-plugin-2.0.0.jar", "big-plugin-2.0.1.jar", "big-plugin-2.0.2.jar"].map { TextLayout.truncateMiddle($0, toWidth: 14) }
        #expect(names == ["big-…2.0.0.jar", "big-…2.0.1.jar", "big-…2.0.2.jar"], "from the first digit on")
        #expect(names.allSatisfy { DisplayWidth.of($0) == 14 })
        // The version differs in its first digit: a tail of three fifths lost it.
        #expect(TextLayout.truncateMiddle("plugin-1.0.0.jar", toWidth: 14) == "plug…1.0.0.jar")
        #expect(TextLayout.truncateMiddle("huge-4.0.0.jar", toWidth: 11) == "h…4.0.0.jar")
        #expect(TextLayout.truncateMiddle("plugin-2.0.0-copy.jar", toWidth: 16) == "p…2.0.0-copy.jar")
        #expect(TextLayout.truncateMiddle("plugin-9-copy.jar", toWidth: 16) == "plugi…9-copy.jar")
        // From the first digit on is too long: the last three fifths.
        #expect(TextLayout.truncateMiddle("release-2026-12-04-final-build.jar", toWidth: 16) == "releas…build.jar")
        #expect(TextLayout.truncateMiddle("a very long file name that goes.png", toWidth: 20) == "a very l…at goes.png")
        #expect(TextLayout.truncateMiddle("画像のファイル名がとても長い.png", toWidth: 15).hasSuffix("長い.png"))
        #expect(DisplayWidth.of(TextLayout.truncateMiddle("画像のファイル名がとても長い.png", toWidth: 15)) <= 15)
        #expect(TextLayout.truncateMiddle("short.png", toWidth: 20) == "short.png")
        #expect(TextLayout.truncateMiddle("abcdefghij", toWidth: 5) == "abcd…")
    }

    @Test func aCutMessageKeepsItsLastSentence() {
        let message = "banner.png: Marketplace is limiting the rate of requests (HTTP 429 Too Many Requests, after 3 attempts): "
            + "quota exhausted for this account, please slow down. Retry in 24 h."
        // The asides in parentheses go first; then the start is cut, never the last sentence.
        #expect(TextLayout.truncateKeepingLastSentence(message, toWidth: 125)
            == "banner.png: Marketplace is limiting the rate of requests: quota exhausted for this account, please slow down. Retry in 24 h.")
        let cut = TextLayout.truncateKeepingLastSentence(message, toWidth: 80)
        #expect(DisplayWidth.of(cut) <= 80)
        #expect(cut.hasPrefix("banner.png: Marketplace is limiting the rate of requests: quota"))
        #expect(cut.hasSuffix("… Retry in 24 h."))
        #expect(TextLayout.truncateKeepingLastSentence(message, toWidth: 200) == message)
        // A status line's margin stays where the asides go.
        #expect(TextLayout.truncateKeepingLastSentence(" " + message, toWidth: 126)
            == " banner.png: Marketplace is limiting the rate of requests: quota exhausted for this account, please slow down. Retry in 24 h.")
        #expect(TextLayout.truncateKeepingLastSentence("no sentence at all here", toWidth: 10) == "no senten…")
        // A last sentence without a figure: the start of the message matters more.
        let refusal = "https://example.com/app.jar: Marketplace rejected the request (HTTP 400 Bad Request): "
            + "The demo fetches only its own sample. Sign in to fetch from your own server."
        #expect(TextLayout.truncateKeepingLastSentence(refusal, toWidth: 100) == TextLayout.truncate(refusal, toWidth: 100))
        // One sentence: its last clause, after a `;`, is the advice a cut keeps.
        let private_ = "The emulator does not fetch from loopback, private or other non-public addresses (\"127.0.0.1\" is 127.0.0.1); "
            + "start it with --allow-private-fetch to allow that."
        let advised = TextLayout.truncateKeepingLastSentence(private_, toWidth: 90, anyLastSentence: true)
        #expect(advised.hasPrefix("The emulator does not fetch from loop") && advised.hasSuffix("… start it with --allow-private-fetch to allow that."), "\(advised)")
        #expect(DisplayWidth.of(advised) <= 90)
    }

    @Test func theStatusLineShowsTheServersWordsAndTheRetryTimeAt120Columns() {
        var state = Fixtures.listedState(width: 120, height: 40)
        state.status = .error("sample-plugin-1.0.0.jar: Marketplace is limiting the rate of requests (HTTP 429 Too Many Requests, "
            + "after 3 attempts): quota exhausted. Retry in 24 h.")
        // Too long for one row: it takes the footer's too, the last sentence whole on the second.
        let lines = Renderer.render(state).text.split(separator: "\n").suffix(2)
        #expect(lines.first?.contains("✗ sample-plugin-1.0.0.jar: Marketplace is limiting the rate of requests") == true, "\(lines)")
        #expect(lines.last?.hasSuffix("quota exhausted. Retry in 24 h.") == true, "\(lines)")
    }

    @Test func aLongPathOrNameOnTheStatusLineIsCutInTheMiddleKeepingTheReasonAndTheID() {
        var state = Fixtures.listedState(width: 80, height: 24)
        let folder = "/tmp/f/deep/" + (1...8).map { "segment-number-0\($0)/" }.joined()
        state.status = .error("Cannot read \(folder): No such file or directory")
        var lines = Renderer.render(state).text.split(separator: "\n").suffix(2).joined(separator: "\n")
        #expect(lines.split(whereSeparator: \.isWhitespace).joined(separator: " ").hasSuffix(": No such file or directory"), "\(lines)")
        #expect(lines.contains("Cannot read /tmp/f/deep/"), "\(lines)")
        // One row (not an error): the ID after a name of 251 characters stays.
        state.status = .success("Uploaded \(String(repeating: "a", count: 251)).png: ID 919fbe7d-1760-4345-aec7-3b1c2f9d8e7a")
        lines = Renderer.render(state).text.split(separator: "\n").suffix(2).joined(separator: "\n")
        #expect(lines.contains("ID 919fbe7d-1760-4345-aec7-3b1c2f9d8e7a"), "\(lines)")
        #expect(TextLayout.shorteningLongWords("short words fit", toWidth: 80, wordWidth: 4, longestKept: 4) == "short words fit")
        // The widest word first, by no more than needed; an ID-long word is kept whole.
        let id = "919fbe7d-1760-4345-aec7-3b1c2f9d8e7a"
        let shortened = TextLayout.shorteningLongWords("\(String(repeating: "b", count: 60)) \(id)", toWidth: 80, wordWidth: 80)
        #expect(shortened.hasSuffix(" " + id) && DisplayWidth.of(shortened) == 80, "\(shortened)")
        // A path or a URL keeps its start and its end; a word is cut once, to 24 columns at least.
        let url = "Fetched http://127.0.0.1:34033/marketplace/samples/sample-plugin-1.0.0.jar: ID " + id
        let cutURL = TextLayout.shorteningLongWords(url, toWidth: 100, wordWidth: 60)
        #expect(cutURL.hasPrefix("Fetched http://127.0.0.1") && cutURL.hasSuffix("1.0.0.jar: ID " + id) && cutURL.count { $0 == "…" } == 1, "\(cutURL)")
        #expect(DisplayWidth.of(cutURL) == 100)
        let paths = "token in /home/ann/.config/marketplace-assets/config.json · history /home/ann/.local/state/marketplace-assets/history.json"
        let cutPaths = TextLayout.shorteningLongWords(paths, toWidth: 70, wordWidth: 40)
        #expect(cutPaths.split(separator: " ").allSatisfy { DisplayWidth.of($0) >= 24 || !$0.contains("/") }, "\(cutPaths)")
        // A name cut to 12 columns where 24 would cut the ID after it (60 columns).
        let name = "acme-timesheets-data-center-enterprise-edition-plugin-2.3.1.jar"
        let uploaded = TextLayout.shorteningLongWords("✓ Uploaded \(name): ID img-18171-kusegv-10088-cynihs", toWidth: 58, wordWidth: 30)
        #expect(uploaded.hasSuffix("ID img-18171-kusegv-10088-cynihs") && DisplayWidth.of(uploaded) <= 58, "\(uploaded)")
        // A name too short to count as long gives way too on a narrow screen (60 columns), rather than the ID after it.
        for (message, width) in [("✓ Uploaded screenshot-std.png: ID img-25440-nsyotk-24264-iqwert", 56),
                                  ("✓ Uploaded acme-reports-2.1.0.jar: ID c77ade20-5a81-4b8f-80cc-cba1a93f0f2e", 56)] {
            let fitted = TextLayout.shorteningLongWords(message, toWidth: width, wordWidth: width / 2, namesToo: true)
            #expect(fitted.hasSuffix(String(message.split(separator: " ").last!)) && DisplayWidth.of(fitted) <= width, "\(fitted)")
            #expect(fitted.hasPrefix("✓ Uploaded ") && fitted.contains("…"), "\(fitted)")
        }
        #expect(TextLayout.shorteningLongWords("Marketplace refused these uncomfortably-long-words entirely", toWidth: 40, wordWidth: 20, namesToo: true)
                == "Marketplace refused these uncomfortably-long-words entirely", "words that name no file are left to the end's cut")
        let removal = "✓ Removed from the local history (u undoes it): watched.png (icon) img-33459-hoslia; Marketplace is unchanged."
        #expect(TextLayout.shorteningLongWords(removal, toWidth: 100, wordWidth: 50, namesToo: true) == removal, "a message that ends in no ID keeps its names")
        let signedIn = "✓ Signed in as a@example.com at http://127.0.0.1:41605/marketplace · history /tmp/tmp.x7Q2/state/history.json"
        #expect(TextLayout.shorteningLongWords(signedIn, toWidth: 100, wordWidth: 50, namesToo: true).contains("http://127.0.0.1:41605/marketplace"),
                "a path at the end is no ID")
        #expect(cutPaths.contains("/home/ann") && cutPaths.contains("config.json") && cutPaths.contains("history.json"), "\(cutPaths)")
    }

    /// The demo's welcome at 120 columns: its last part, cut to a stub (`· h…`), goes whole.
    @Test func aMessageCutAStubIntoItsLastPartEndsBeforeIt() {
        var state = Fixtures.listedState(width: 120, height: 30)
        state.status = .info(TUIApp.welcome(TUIOptions(startDirectory: "/", mode: .demo(serverURL: Fixtures.serverURL), historyPath: "/home/ann/.local/state/marketplace-assets/demo/history.json"), canSignIn: true))
        let line = Renderer.render(state).text.split(separator: "\n").suffix(2).first.map(String.init) ?? ""
        #expect(line.trimmingCharacters(in: .whitespaces).hasSuffix("· ? shows every key"), "\(line)")
        #expect(BottomBarsView.withoutStub("a · history /home/ann/.local/st…") == "a · history /home/ann/.local/st…", "a part cut long enough stays")
        #expect(BottomBarsView.withoutStub("a · b · h…") == "a · b")
        #expect(BottomBarsView.withoutStub("a · unset them ·…") == "a · unset them", "cut at the separator itself")
        #expect(BottomBarsView.withoutStub("a · b · h") == "a · b · h", "not cut")
    }

    @Test func padByColumns() {
        #expect(TextLayout.pad("日本", toWidth: 6) == "日本  ")
        #expect(TextLayout.padLeading("42", toWidth: 5) == "   42")
        #expect(DisplayWidth.of(TextLayout.pad("日本語テキスト", toWidth: 6)) <= 6)
    }

    @Test func wrapAtSpacesAndInsideLongWords() {
        #expect(TextLayout.wrap("the quick brown fox", toWidth: 10) == ["the quick", "brown fox"])
        #expect(TextLayout.wrap("abcdefghij", toWidth: 4) == ["abcd", "efgh", "ij"])
        #expect(TextLayout.wrap("", toWidth: 4) == [""])
        // A link longer than a line breaks after a `/` where asked, where that leaves the line half full.
        let url = "https://id.atlassian.com/manage-profile/security/api-tokens"
        #expect(TextLayout.wrap(url, toWidth: 54) == ["https://id.atlassian.com/manage-profile/security/api-t", "okens"])
        #expect(TextLayout.wrap(url, toWidth: 54, afterSlashes: true) == ["https://id.atlassian.com/manage-profile/security/", "api-tokens"])
        #expect(TextLayout.wrap("see " + url, toWidth: 30, afterSlashes: true) == ["see", "https://id.atlassian.com/", "manage-profile/security/", "api-tokens"])
        #expect(TextLayout.wrap("a/bcdefghij", toWidth: 8, afterSlashes: true) == ["a/bcdefg", "hij"], "not after a slash that leaves the line nearly empty")
        #expect(TextLayout.wrap("日本語テキスト", toWidth: 5) == ["日本", "語テ", "キス", "ト"])
        #expect(TextLayout.wrap("label value that wraps", firstWidth: 6, restWidth: 12) == ["label", "value that", "wraps"])
        // Cut to the rows left, the last one says so.
        #expect(TextLayout.wrap("the quick brown fox jumps", toWidth: 10, maxRows: 2) == ["the quick", "brown fox…"])
        #expect(TextLayout.wrap("the quick brown fox", toWidth: 10, maxRows: 2) == ["the quick", "brown fox"])
        #expect(TextLayout.wrap("the quick brown", toWidth: 12, maxRows: 1) == ["the quick …"])
        #expect(TextLayout.wrap("the quick", toWidth: 10, maxRows: 0).isEmpty)
    }
}
