/// A duration as messages say it: `60 s`, `2.5 s`, `0.001 s` (a `--timeout` below a tenth of
/// a second keeps a figure of its own, never `0.0 s`).
enum DurationText {
    static func describe(_ duration: Duration) -> String {
        let (whole, atto) = duration.components
        if atto == 0 { return "\(whole) s" }
        let seconds = Double(whole) + Double(atto) / 1e18
        // Tenths, or as many more places (up to milliseconds) as it takes not to show 0.
        var factor = 10.0
        while factor < 1000, (seconds * factor).rounded() == 0 { factor *= 10 }
        return "\((seconds * factor).rounded() / factor) s"
    }
}
