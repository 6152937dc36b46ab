import AssetThumbnails
import Foundation
import Testing
import TestSupport
@testable import AssetTUI

/// The effect runner's thumbnail lane: a real file decoded off the loop, failures in words,
/// and a newer request winning.
@Suite struct ThumbnailRunnerTests {
    static let style = ThumbnailStyle(renderer: .halfBlocks, depth: .palette256)

    private func made(_ actions: [Action]) -> [(ThumbnailKey, ThumbnailResult)] {
        actions.compactMap { if case .thumbnailMade(let key, let result) = $0 { (key, result) } else { nil } }
    }

    @Test func anImageFileBecomesCellsAndAMissingOneSaysSo() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/quadrants.png"
        try QuadrantImage.png.write(to: URL(fileURLWithPath: path))
        let (runner, inbox) = EffectRunnerTests.runner(FakeAssetActions())
        let key = ThumbnailKey(path: path, stamp: nil, box: CellBox(columns: 20, rows: 4))
        runner.perform(.makeThumbnail(key, Self.style))
        let first = made(await inbox.collect { !made($0).isEmpty })
        guard case .ready(let thumbnail)? = first.first?.1, first.first?.0 == key else {
            Issue.record("no thumbnail: \(first)")
            return
        }
        #expect(thumbnail.raster.columns == 8 && thumbnail.raster.rows == 4)
        #expect(thumbnail.raster[1, 0].background == .palette(196))
        #expect(thumbnail.stamp.size == Int64(QuadrantImage.png.count))

        let gone = ThumbnailKey(path: folder.path + "/gone.png", stamp: nil, box: key.box)
        runner.perform(.makeThumbnail(gone, Self.style))
        let second = made(await inbox.collect { !made($0).isEmpty })
        #expect(second.first?.0 == gone && second.first?.1 == .failed("the file is not there any more"))
        await runner.waitForAll(upTo: .seconds(30))
    }

    @Test func aNewerRequestWins() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/quadrants.png"
        try QuadrantImage.png.write(to: URL(fileURLWithPath: path))
        let (runner, inbox) = EffectRunnerTests.runner(FakeAssetActions())
        let keys = (1...20).map { ThumbnailKey(path: path, stamp: nil, box: CellBox(columns: 10 + $0, rows: 4)) }
        for key in keys { runner.perform(.makeThumbnail(key, Self.style)) }
        let results = made(await inbox.collect { made($0).contains { $0.0 == keys.last } })
        #expect(results.last?.0 == keys.last, "the newest is answered, and last")
        await runner.waitForAll(upTo: .seconds(30))
    }
}
