extension Array {
    /// Puts the element at `order[i]` at position `i`, for every `i`, by swapping along the
    /// permutation's cycles: each element moves at most once, and none is copied (which for
    /// history entries would retain and release every string inside them). The swaps go
    /// through the buffer, whose `swapAt` moves; `Array.swapAt` copies.
    ///
    /// - Precondition: `order` is a permutation of `indices`.
    mutating func rearrange(into order: [Int]) {
        precondition(order.count == count, "order must be a permutation of the indices")
        var source = order
        withUnsafeMutableBufferPointer { elements in
            for start in elements.indices where source[start] != start {
                var position = start
                while source[position] != start {
                    let next = source[position]
                    elements.swapAt(position, next)
                    source[position] = position
                    position = next
                }
                source[position] = position
            }
        }
    }

    /// Keeps the elements for which `keep` is true, in their order, by moving them (no copy,
    /// as in ``rearrange(into:)``). `keep` is asked about each element once, in order, through
    /// the buffer, so reading a property of a large element copies nothing else.
    mutating func keepOnly(_ keep: (UnsafeMutablePointer<Element>) -> Bool) {
        let kept = withUnsafeMutableBufferPointer { elements -> Int in
            var kept = 0
            for index in elements.indices where keep(elements.baseAddress! + index) {
                elements.swapAt(kept, index)
                kept += 1
            }
            return kept
        }
        removeLast(count - kept)
    }
}
