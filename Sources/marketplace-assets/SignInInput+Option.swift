import ArgumentParser
import AssetCore

extension SignInInput {
    /// `--email`'s value checked as `email(_:)` checks it: one that is no email is a usage
    /// error (64) in `validate()`, as an empty ID is, not a failure of the command.
    static func validateOption(_ value: String) throws {
        do {
            _ = try email(value)
        } catch {
            throw ValidationError(error.message)
        }
    }
}
