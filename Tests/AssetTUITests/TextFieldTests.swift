import AssetCore
import Testing
@testable import AssetTUI

/// Text fields edit as in readline: a caret that moves, text typed and deleted at it.
@Suite struct TextFieldTests {
    private func field(_ text: String, keys: [Key]) -> TextField {
        var field = TextField(text: text)
        for key in keys { _ = field.apply(key) }
        return field
    }

    @Test func typingGoesInAtTheCaret() {
        let fixed = field("https://exmple.com/app.jar", keys: [.home] + Array(repeating: .right, count: 10) + [.character("a")])
        #expect(fixed.text == "https://example.com/app.jar")
        #expect(fixed.caret == 11)
        #expect(field("abc", keys: [.left, .left, .character("X"), .end, .character("Y")]).text == "aXbcY")
        #expect(field("abc", keys: [.control("a"), .character(">"), .control("e"), .character("<")]).text == ">abc<")
    }

    @Test func aPasteGoesInAtTheCaretAsOneLine() {
        var pasted = field("ab", keys: [.left, .paste("  https://example.com/x.jar\n")])
        #expect(pasted.text == "ahttps://example.com/x.jarb")
        #expect(pasted.caret == 26)
        #expect(pasted.apply(.paste("one\ntwo\tthree\u{7}\r\n")) == .edited)
        #expect(pasted.text == "ahttps://example.com/x.jarone two threeb")
        // Never more than the field takes; a flag pasted whole is one character.
        var short = TextField(text: "abc", maxLength: 5)
        _ = short.apply(.paste("🇯🇵🇯🇲xyz"))
        #expect(short.text == "abc🇯🇵🇯🇲")
        _ = short.apply(.character("!"))
        #expect(short.text == "abc🇯🇵🇯🇲")
        // Prefilled longer than it takes (an email from the environment): a paste adds nothing, and
        // says it was cut (a negative prefix trapped).
        var overfull = TextField(text: String(repeating: "a", count: 8), maxLength: 5)
        #expect(overfull.apply(.paste("xyz")) == .cut)
        #expect(overfull.text == "aaaaaaaa")
    }

    @Test func backspaceAndDeleteTakeTheCharacterBeforeAndAfterTheCaret() {
        #expect(field("abcd", keys: [.left, .backspace]).text == "abd")
        #expect(field("abcd", keys: [.left, .left, .delete]).text == "abd")
        #expect(field("abcd", keys: [.home, .backspace]).text == "abcd", "nothing before the caret")
        #expect(field("abcd", keys: [.delete]).text == "abcd", "nothing after the caret")
        #expect(field("abcd", keys: [.home, .control("d")]).text == "bcd")
    }

    @Test("what does not fit in maxLength is left out, and the outcome says so: the caller tells the user")
    func whatDoesNotFitIsCutAndSaid() {
        var field = TextField(text: "abc", maxLength: 5)
        #expect(field.apply(.paste("defg")) == .cut && field.text == "abcde")
        #expect(field.apply(.character("x")) == .cut && field.text == "abcde")
        #expect(field.apply(.backspace) == .edited && field.apply(.paste("z")) == .edited && field.text == "abcdz")
        #expect(field.cutNotice.contains("5 characters at most"))
    }

    @Test func ctrlUAndCtrlWTakeWhatIsBeforeTheCaret() {
        let url = field("https://host/path/file.jar", keys: [.left, .left, .left, .left, .control("w")])
        #expect(url.text == "https://host/path/.jar" && url.caret == 18)
        #expect(field("one two three", keys: [.control("w")]).text == "one two ")
        // After a slash, the word before it goes too, one at a time, to the empty field.
        #expect(field("https://a.example/one/two/", keys: [.control("w")]).text == "https://a.example/one/")
        #expect(field("https://a.example/one/two/", keys: [.control("w"), .control("w"), .control("w")]).text == "https://")
        #expect(field("https://a.example/", keys: [.control("w"), .control("w")]).text == "")
        let cleared = field("keep this", keys: [.left, .left, .left, .left, .control("u")])
        #expect(cleared.text == "this" && cleared.caret == 0)
        // Ctrl-K: all after the caret (a prefilled URL to type over from the start).
        let cut = field("https://api.atlassian.com/marketplace", keys: [.control("a"), .control("k"), .character("h")])
        #expect(cut.text == "h" && cut.caret == 1)
        #expect(field("keep this", keys: [.left, .left, .left, .left, .control("k")]).text == "keep ")
        #expect(field("abc", keys: [.control("k")]).text == "abc")
    }

    @Test func theCaretStaysWithinTheText() {
        #expect(field("ab", keys: [.right, .right]).caret == 2)
        #expect(field("ab", keys: [.left, .left, .left]).caret == 0)
        #expect(field("日本語", keys: [.left, .character("x")]).text == "日本x語")
    }

    @Test func aCombiningMarkOrAFlagTypedInTwoKeysIsOneCharacter() {
        // A pasted decomposed é arrives as two keys: e, then U+0301.
        let typed: [Key] = [.character("e"), .character("\u{301}")]
        #expect(field("", keys: typed).caret == 1)
        #expect(field("", keys: typed + [.backspace, .backspace]).text == "")
        #expect(field("", keys: typed + [.home, .delete, .delete]).text == "")
        #expect(field("", keys: typed + [.control("w")]).text == "")
        let flag: [Key] = [.character("\u{1F1EB}"), .character("\u{1F1F7}")]
        let french = field("", keys: flag + [.character("x")])
        #expect(french.text == "\u{1F1EB}\u{1F1F7}x" && french.caret == 2)
        // Deleting the x between two halves of a flag joins them: the count follows.
        let joined = field("\u{1F1EB}x\u{1F1F7}", keys: [.left, .backspace])
        #expect(joined.text.count == 1 && joined.caret <= 1)
        #expect(field("", keys: [.character("\u{301}"), .backspace, .backspace, .delete]).text == "")
        // ... also typed or pasted before the caret's end: what comes next goes in after the é.
        let middle = field("abcd", keys: [.left, .left] + typed + [.character("X")])
        #expect(middle.text == "abe\u{301}Xcd")
        #expect(middle.caret == 4)
        #expect(field("abcd", keys: [.left, .left] + typed + [.backspace]).text == "abcd", "Backspace removes the é, not the c")
        #expect(field("abcd", keys: [.left, .left, .character("e"), .paste("\u{301}X")]).text == "abe\u{301}Xcd")
        // ... and typed before a lone mark, which it then carries: what follows goes after both.
        #expect(field("\u{301}", keys: [.left, .character("e"), .character("x")]).text == "e\u{301}x")
    }

    @Test func theWindowKeepsTheCaretInView() {
        let long = field(String(repeating: "a", count: 50) + "TAIL", keys: [.home, .right, .right])
        let start = FieldWindow.layout(long, width: 20)
        #expect(start.caretColumn == 2 && start.text.hasPrefix("aa") && start.text.hasSuffix("…"))
        let end = FieldWindow.layout(field(String(repeating: "a", count: 50) + "TAIL", keys: []), width: 20)
        #expect(end.text.hasSuffix("TAIL") && end.caretColumn == DisplayWidth.of(end.text) && end.caretColumn < 20)
        let token = FieldWindow.layout(field("secret", keys: [.left]), width: 20, mask: "•")
        #expect(token.text == "••••••" && token.caretColumn == 5)
        #expect(FieldWindow.footnote(field("abc", keys: [.left]), editing: true, width: 20) == "/ab▏c")
    }

    @Test func aLongFilterScrollsSoThatWhatIsTypedStaysInTheBottomEdge() {
        let typed = String(repeating: "a", count: 40) + "日本語END"
        let atEnd = FieldWindow.footnote(field(typed, keys: []), editing: true, width: 20)
        #expect(atEnd.hasPrefix("/…") && atEnd.hasSuffix("日本語END▏") && DisplayWidth.of(atEnd) <= 20)
        // Beside the count and the order, the filter keeps at least half of the edge.
        let edge = FieldWindow.footnote(filter: field(typed, keys: []), editing: true, then: ["1/8", "sort: name"], width: 40)
        #expect(edge?.hasSuffix("END▏ · 1/8 · sort: name") == true && DisplayWidth.of(edge ?? "") <= 40)
        let halfway = FieldWindow.footnote(field(typed, keys: [.home, .right]), editing: true, width: 20)
        #expect(halfway.hasPrefix("/a▏aaa") && halfway.hasSuffix("…"))
        #expect(FieldWindow.footnote(filter: field("", keys: []), editing: false, then: ["1/8"], width: 32) == "1/8")
        #expect(FieldWindow.footnote(filter: field("", keys: []), editing: false, then: [], width: 32) == nil)
    }
}
