extension Array {
    /// Puts the element at `order[i]` at position `i`, for every `i`, by swapping along the
    /// permutation's cycles: each element moves at most once, and none is copied (which for
    /// history entries would retain and release every string inside them).
    ///
    /// - Precondition: `order` is a permutation of `indices`.
    mutating func rearrange(into order: [Int]) {
        precondition(order.count == count, "order must be a permutation of the indices")
        var source = order
        for start in indices where source[start] != start {
            var position = start
            while source[position] != start {
                let next = source[position]
                swapAt(position, next)
                source[position] = position
                position = next
            }
            source[position] = position
        }
    }
}
