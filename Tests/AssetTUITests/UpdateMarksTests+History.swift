import AssetInspection
import AssetCore
import Foundation
import Testing
@testable import AssetTUI

/// Marks in History: `Y` offers the marked screenshots, `d` removes the marked entries.
extension UpdateMarksTests {
    static func screenshot(_ number: Int, minutes: Int) -> HistoryEntry {
        var entry = Fixtures.imageEntry
        entry.entryId = UUID(uuidString: "00000000-0000-0000-0000-00000000010\(number)")!
        entry.id = "img-1000\(number)-shotsa-0000\(number)-shotsb"
        entry.imageType = "screenshot"
        entry.name = "shot-\(number).png"
        entry.localPath = Fixtures.directory + "/shot-\(number).png"
        entry.createdAt = Fixtures.date(minutes: minutes)
        return entry
    }

    /// History focused: three screenshots uploaded one after the other, and the usual entries.
    static func historyWithScreenshots() -> AppState {
        var state = Fixtures.listedState()
        state.send(.historyLoaded([
            screenshot(1, minutes: -3), screenshot(2, minutes: -2), screenshot(3, minutes: -1),
            Fixtures.imageEntry, Fixtures.artifactEntry, Fixtures.failedEntry,
        ]))
        state.type("4")
        return state
    }

    @Test func yWithMarkedScreenshotsOffersTheirScreenshotsArrayOldestFirst() throws {
        var state = Self.historyWithScreenshots()
        #expect(state.history.selectedEntry?.name == "shot-3.png", "newest first")
        state.type("   ")
        #expect(state.history.marks.count == 3)
        #expect(Renderer.render(state).text.contains("3 marked"))
        state.type("/shot-2")
        state.press(.enter)
        #expect(state.history.marks.count == 3, "marks survive the filter")
        state.press(.escape)
        state.type("Y")
        guard case .copyMenu(let menu)? = state.overlay else {
            Issue.record("no copy menu")
            return
        }
        #expect(menu.options.map(\.label).prefix(2) == ["screenshots", "marked listing"])
        #expect(menu.options.dropFirst(2).first?.label == "ID", "then what Y offers for the selected entry")
        let json = try JSONSerialization.jsonObject(with: Data(menu.options[0].text.utf8)) as? [[String: String]]
        #expect(json?.map { $0["imageId"] } == ["img-10001-shotsa-00001-shotsb", "img-10002-shotsa-00002-shotsb",
                                                 "img-10003-shotsa-00003-shotsb"])
        #expect(json?.allSatisfy { $0["caption"] == "" } == true)
        #expect(state.type("1") == [.copy(menu.options[0])])
    }

    @Test("marked icons of two releases or apps: the listing holds one, and its menu line says how many are left out")
    func markedIconsLeftOutAreSaid() throws {
        var older = Fixtures.imageEntry, newer = Fixtures.imageEntry
        (older.entryId, older.id, older.imageType, older.createdAt) = (UUID(), "img-icon-old", "icon", Fixtures.date(minutes: -9))
        (newer.entryId, newer.id, newer.imageType, newer.createdAt) = (UUID(), "img-icon-new", "icon", Fixtures.date(minutes: -8))
        var state = Fixtures.listedState()
        state.send(.historyLoaded([newer, older]))
        state.type("4")
        state.type("  Y")
        guard case .copyMenu(let menu)? = state.overlay else { Issue.record("no copy menu"); return }
        let listing = try #require(menu.options.first { $0.label.hasPrefix("marked listing") })
        #expect(listing.label == "marked listing (1 marked image left out: one per images field)")
        #expect(listing.text.contains("\"iconFileId\": \"img-icon-new\"") && !listing.text.contains("img-icon-old"))
        // The menu row shows the whole label, not one cut to its column.
        #expect(Renderer.render(state).text.contains("marked listing (1 marked image left out: one per images field) ·"))
    }

    @Test("a failed attempt and a hero image marked: the listing leaves them out, and its menu line says so, as --snippet warns")
    func markedEntriesWithoutAFragmentAreSaid() throws {
        var hero = Fixtures.imageEntry
        (hero.entryId, hero.id, hero.imageType) = (UUID(), "img-hero", "hero")
        var state = Fixtures.listedState(width: 120, height: 30)
        state.send(.historyLoaded([Fixtures.imageEntry, hero, Fixtures.failedEntry]))
        state.type("4")
        state.type("   Y")
        guard case .copyMenu(let menu)? = state.overlay else { Issue.record("no copy menu"); return }
        let listing = try #require(menu.options.first { $0.label.hasPrefix("marked listing") })
        #expect(listing.label == "marked listing (1 failed left out; 1 without a listing field left out)", "\(listing.label)")
        // On a screen wider than 80 columns the menu is as wide as that line: it was cut at 76.
        #expect(Renderer.render(state).text.contains("left out) · \(listing.text.count) characters"))
    }

    @Test func withoutMarksYOffersWhatItDidBefore() {
        var state = Self.historyWithScreenshots()
        state.type("Y")
        guard case .copyMenu(let menu)? = state.overlay else {
            Issue.record("no copy menu")
            return
        }
        #expect(menu.options.first?.label == "ID")
        #expect(!menu.options.contains { $0.label == "screenshots" })
    }

    @Test func dWithMarksRemovesTheMarkedEntriesAfterOneQuestion() {
        var state = Self.historyWithScreenshots()
        state.type(" j ")
        let marked = [Self.screenshot(3, minutes: -1), Self.screenshot(1, minutes: -3)]
        state.type("d")
        #expect(state.overlay == .confirmRemoval(HistoryRemoval(entries: marked)))
        let question = Renderer.render(state).text
        #expect(question.contains("img-10003-shotsa-00003-shotsb") && question.contains("img-10001-shotsa-00001-shotsb"))
        #expect(question.contains("Remove all 2?") && question.contains("their IDs"))
        #expect(state.type("y") == [.removeHistoryEntries(marked.map(\.entryId))])
        #expect(state.history.marks.isEmpty)
    }

    @Test func escInHistoryClearsTheMarks() {
        var state = Self.historyWithScreenshots()
        state.type(" ")
        state.press(.escape)
        #expect(state.history.marks.isEmpty)
    }
}
