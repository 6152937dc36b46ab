/// A duration as messages say it, to the millisecond (a `--timeout` is whole milliseconds):
/// `60 s`, `2.5 s`, `1.25 s`, `0.05 s`, never rounded to `0.0 s`.
enum DurationText {
    static func describe(_ duration: Duration) -> String {
        let (whole, atto) = duration.components
        let milliseconds = Int64((Double(atto) / 1e15).rounded())
        if milliseconds == 0 { return "\(whole) s" }
        if milliseconds == 1000 { return "\(whole + 1) s" }
        var fraction = String(milliseconds)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction) s"
    }
}
