import TestSupport

/// Plugin jars whose `atlassian-plugin.xml` is given piece by piece: for the tests of what
/// the emulator derives from a descriptor.
enum DescriptorJars {
    /// A jar whose descriptor has `plugins-version` (none when `nil`), the `<plugin-info>`
    /// params given, and `extra` inside `<atlassian-plugin>`; the manifest has `manifest` lines.
    static func jar(
        key: String = "com.example.details", pluginsVersion: String? = "2", params: [(String, String)] = [],
        extra: String = "", manifest: [String] = []
    ) -> [UInt8] {
        let version = pluginsVersion.map { " plugins-version=\"\($0)\"" } ?? ""
        let paramElements = params.map { "\n        <param name=\"\($0.0)\">\($0.1)</param>" }.joined()
        let descriptor = """
        <?xml version="1.0" encoding="UTF-8"?>
        <atlassian-plugin key="\(key)" name="Details Test"\(version)>
            <plugin-info>
                <version>1.0.0</version>
                <vendor name="Example Vendor" url="https://example.com"/>\(paramElements)
            </plugin-info>\(extra)
        </atlassian-plugin>
        """
        let manifestText = (["Manifest-Version: 1.0"] + manifest).map { $0 + "\r\n" }.joined() + "\r\n"
        return StoredZip.make([
            ("META-INF/MANIFEST.MF", Array(manifestText.utf8)),
            ("atlassian-plugin.xml", Array(descriptor.utf8)),
        ])
    }
}
