/// Short text for a timeout in messages: `10 s`, `0.5 s`.
enum DurationText {
    static func describe(_ duration: Duration) -> String {
        let (whole, atto) = duration.components
        if atto == 0 { return "\(whole) s" }
        let tenths = (Double(whole) + Double(atto) / 1e18 * 1).rounded(toPlaces: 1)
        return "\(tenths) s"
    }
}

private extension Double {
    func rounded(toPlaces places: Int) -> Double {
        var factor = 1.0
        for _ in 0..<places { factor *= 10 }
        return (self * factor).rounded() / factor
    }
}
