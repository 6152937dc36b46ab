import PropertyBased
import Testing
@testable import AssetCore

@Suite struct ArrayRearrangeTests {
    @Test func rearrangingInPlaceEqualsPickingByIndex() async {
        // Any permutation: the positions of random keys once sorted.
        await propertyCheck(count: 300, input: Gen.int(in: 0...1000).array(of: 0...200)) { keys in
            let order = keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
            var values = keys.indices.map { "value \($0)" }
            let expected = order.map { values[$0] }
            values.rearrange(into: order)
            #expect(values == expected)
        }
    }

    @Test func keepOnlyKeepsTheChosenInOrder() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...9).array(of: 0...200)) { values in
            var kept = values.map { "v\($0)" }
            kept.keepOnly { $0.pointee < "v5" }
            #expect(kept == values.filter { $0 < 5 }.map { "v\($0)" })
        }
    }

    @Test func theCommonCasesReversedAndUnchanged() {
        var values = Array(0..<7)
        values.rearrange(into: Array((0..<7).reversed()))
        #expect(values == [6, 5, 4, 3, 2, 1, 0])
        values.rearrange(into: Array(0..<7))
        #expect(values == [6, 5, 4, 3, 2, 1, 0])
    }
}
