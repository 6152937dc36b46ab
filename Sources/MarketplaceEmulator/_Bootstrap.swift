// MarketplaceEmulator
