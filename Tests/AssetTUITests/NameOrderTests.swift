import AssetCore
import Foundation
import Testing
@testable import AssetTUI

/// Names as people read them: case and accents folded, numbers by value.
@Suite struct NameOrderTests {
    private func sorted(_ names: [String]) -> [String] {
        names.sorted { a, b in
            let order = NameOrder.compare(NameOrder.folded(a), NameOrder.folded(b))
            return order != 0 ? order < 0 : a < b
        }
    }

    @Test("a filter finds what the screen shows: no zero-width or joining characters, a flag as its letters")
    func invisibleCharactersAndFlagsFoldAsShown() {
        #expect(NameOrder.folded("bom\u{FEFF}.png") == "bom.png")
        #expect(NameOrder.folded("zw\u{200B}space.png") == "zwspace.png")
        #expect(NameOrder.folded("zwj\u{200D}x.png") == "zwjx.png")
        #expect(NameOrder.folded("\u{1F1EF}\u{1F1F5}-flag.png") == "jp-flag.png")
        #expect(NameOrder.folded("Café.PNG") == "cafe.png", "the rest as before")
    }

    @Test func numbersSortByTheirValue() {
        #expect(sorted(["app-1.10.jar", "app-1.9.jar", "app-1.2.jar", "app-2.0.jar"])
            == ["app-1.2.jar", "app-1.9.jar", "app-1.10.jar", "app-2.0.jar"])
        #expect(sorted(["shot-10.png", "shot-2.png", "shot-1.png", "shot.png"])
            == ["shot-1.png", "shot-2.png", "shot-10.png", "shot.png"])
    }

    @Test func leadingZerosDoNotChangeAValueAndTieBreakByName() {
        #expect(NameOrder.compare("file007", "file7") == 0)
        #expect(sorted(["file7", "file007", "file08"]) == ["file007", "file7", "file08"])
        #expect(NameOrder.compare("v0", "v00") == 0)
        #expect(NameOrder.compare("v0", "v1") < 0)
    }

    @Test func longNumbersSuchAsTimestampsCompareWhole() {
        #expect(NameOrder.compare("shot-20261204123456", "shot-20261204123457") < 0)
        #expect(NameOrder.compare("shot-99999999999999", "shot-100000000000000") < 0)
        #expect(NameOrder.compare("a99999999999999999999999", "a100000000000000000000000") < 0)
    }

    @Test func caseAndAccentsAreFolded() {
        #expect(NameOrder.folded("Émoji.PNG") == "emoji.png")
        #expect(NameOrder.folded("ﬁle") == "file")
        #expect(NameOrder.folded("README.md") == "readme.md")
        #expect(NameOrder.folded("日本語") == "日本語")
        #expect(sorted(["zebra.png", "émoji.png", "Apple.png", "echo.png"]) == ["Apple.png", "echo.png", "émoji.png", "zebra.png"])
    }

    @Test func aNameBeforeItsLongerSelfAndDigitsBeforeLetters() {
        #expect(NameOrder.compare("a", "ab") < 0)
        #expect(NameOrder.compare("ab", "a") > 0)
        #expect(NameOrder.compare("", "") == 0)
        #expect(NameOrder.compare("a1", "ab") < 0)
        #expect(NameOrder.compare("1", "a") < 0)
    }

    @Test func theFilesPaneSortsAndFiltersNamesThisWay() {
        let names = ["app-1.10.jar", "Émoji.png", "app-1.9.jar", "zebra.png", "echo.png", "lib"]
        let entries = names.map {
            DirectoryEntry(name: $0, path: Fixtures.directory + "/" + $0, kind: $0 == "lib" ? .directory : .file, size: 1, modified: .distantPast)
        }
        #expect(FileSort.name.sorted(entries).map(\.name) == ["lib", "app-1.9.jar", "app-1.10.jar", "echo.png", "Émoji.png", "zebra.png"])
        // By size, folders keep their names' order: their own sizes say nothing of what they hold.
        let folders = [("zeta", 8192), ("alpha", 4096), ("mid", 12288)].map { name, size in
            DirectoryEntry(name: name, path: Fixtures.directory + "/" + name, kind: .directory, size: Int64(size), modified: .distantPast)
        }
        #expect(FileSort.size.sorted(folders + entries).prefix(4).map(\.name) == ["alpha", "lib", "mid", "zeta"])
        var state = Fixtures.listedState()
        state.send(.directoryListed(generation: state.files.generation, sort: .name, entries: FileSort.name.sorted(entries)))
        state.type("/EMOJI")
        #expect(state.visibleFileNames == ["Émoji.png"])
        // Each word on its own, as in History: `app jar` finds both builds, `app 1.9` one.
        state.press(.escape)
        state.type("/app jar")
        #expect(state.visibleFileNames == ["app-1.9.jar", "app-1.10.jar"])
        state.type(" 1.9")
        #expect(state.visibleFileNames == ["app-1.9.jar"])
    }

    @Test func theHistoryFilterFoldsToo() {
        let entry = HistoryEntry(kind: .image, name: "Émoji-logo.png", serverURL: Fixtures.serverURL)
        #expect(HistoryState.matches(entry, words: NameOrder.words("emoji")))
        #expect(!HistoryState.matches(entry, words: NameOrder.words("banner")))
    }

    @Test("the History filter finds an artifact by its plugin key and version, not only by its file name")
    func theHistoryFilterFindsAPluginKey() {
        let entry = Fixtures.artifactEntry
        #expect(HistoryState.matches(entry, words: NameOrder.words("com.example.my-plugin")))
        #expect(HistoryState.matches(entry, words: NameOrder.words("my-plugin 1.0")))
        #expect(!HistoryState.matches(entry, words: NameOrder.words("com.acme")))
        // Each word on its own: part of the key and part of the version, the kind and the name.
        #expect(HistoryState.matches(entry, words: NameOrder.words("com.example 1.0")))
        #expect(HistoryState.matches(entry, words: NameOrder.words("1.0  artifact ")))
        #expect(!HistoryState.matches(entry, words: NameOrder.words("com.example 2.0")))
        #expect(!HistoryState.matches(entry, words: NameOrder.words("image 1.0")))
    }
}
