import MarketplaceAPI

/// Which resolved addresses a fetch may connect to.
///
/// The standard policy allows public unicast addresses only, unless private fetches are
/// allowed (`EmulatorConfiguration.allowPrivateFetch`). Tests can name addresses to treat as
/// public, to reach a local server as if it were on the internet and check what happens
/// when it redirects somewhere private.
struct FetchAddressPolicy: Sendable {
    /// Addresses (as `ResolvedAddress.description` writes them) treated as public.
    var treatedAsPublic: Set<String> = []

    static let standard = FetchAddressPolicy()

    func allows(_ address: ResolvedAddress, allowPrivate: Bool) -> Bool {
        allowPrivate || address.isPublic || treatedAsPublic.contains(address.description)
    }
}
