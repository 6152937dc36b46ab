// AssetCore
