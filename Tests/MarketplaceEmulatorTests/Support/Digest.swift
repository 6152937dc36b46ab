import AssetInspection

/// `sha512:<hex>` of `bytes`, as `fileInfo.checksum` should read.
func sha512Checksum(_ bytes: [UInt8]) -> String {
    var digester = SHA512Digester()
    bytes.withUnsafeBytes { digester.update($0) }
    return "sha512:" + digester.finalizeHex()
}
