// AssetTUI
