// MarketplaceAPI
