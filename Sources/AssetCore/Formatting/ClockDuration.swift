import Foundation

/// A duration as a clock shows it, for a progress bar's ETA and a stall (the CLI's bar and
/// the TUI's Upload pane): `0:07`, `12:34`, `1:02:03`; `--:--` when it is not known.
public enum ClockDuration {
    /// `seconds` rounded up to the second, at most 99:59:59.
    public static func format(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--:--" }
        let total = Int(min(seconds.rounded(.up), 359_999))
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }
}
