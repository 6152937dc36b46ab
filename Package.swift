// swift-tools-version:6.0
import PackageDescription

// Linux only: the terminal comes from Debian's ncursesw, SHA-512 from the system's OpenSSL
// libcrypto, and the history lock is flock(2). No other platform is built or tested.
#if !os(Linux)
#error("marketplace-assets builds on Linux only (see the README's \"How it is built\").")
#endif

let package = Package(
    name: "marketplace-assets",
    products: [
        .executable(name: "marketplace-assets", targets: ["marketplace-assets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // MARK: Libraries, lowest layer first

        /// The system's OpenSSL libcrypto, for SHA-512. Only AssetInspection imports it.
        .systemLibrary(
            name: "CLibcrypto",
            path: "Sources/CLibcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        /// What a file is, read from its bytes: image format and size, plugin descriptor, SHA-512.
        .target(
            name: "AssetInspection",
            dependencies: [
                "CLibcrypto",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        /// The wire: endpoints, models, streaming multipart, auth, retries and errors.
        .target(
            name: "MarketplaceAPI",
            dependencies: [
                "AssetInspection",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        /// The service layer: inspect, upload, verify, record; history; settings.
        .target(
            name: "AssetCore",
            dependencies: [
                "AssetInspection",
                "MarketplaceAPI",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        /// libpng, libjpeg-turbo and giflib, as system libraries, with the small C functions
        /// that keep libpng's and libjpeg's error jumps out of Swift. Only AssetThumbnails imports them.
        .systemLibrary(name: "CLibpng", path: "Sources/CLibpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CLibjpeg", path: "Sources/CLibjpeg", providers: [.apt(["libjpeg-dev"])]),
        /// giflib has no pkg-config file; the module map links `gif`.
        .systemLibrary(name: "CGiflib", path: "Sources/CGiflib", providers: [.apt(["libgif-dev"])]),
        /// libchafa: pixels to terminal cells. Its headers need glib's (pkg-config finds both).
        .systemLibrary(
            name: "CChafa", path: "Sources/CChafa", pkgConfig: "chafa",
            providers: [.apt(["libchafa-dev", "libglib2.0-dev"])]
        ),
        /// Thumbnails: an image file decoded and scaled to RGBA within bounded memory, then
        /// turned into terminal cells (symbols and colours). Knows no terminal and no screen.
        .target(
            name: "AssetThumbnails",
            dependencies: ["AssetInspection", "CLibpng", "CLibjpeg", "CGiflib", "CChafa"]
        ),
        /// ncursesw, as a system library. Only AssetTUI imports it.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        /// The terminal UI: a pure core (state, update, render) around a thin ncurses terminal.
        .target(
            name: "AssetTUI",
            dependencies: ["AssetCore", "AssetThumbnails", "CNcursesw"]
        ),
        /// A local Marketplace: the same four endpoints, served by Hummingbird.
        .target(
            name: "MarketplaceEmulator",
            dependencies: [
                "AssetInspection",
                "MarketplaceAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        /// A test tool: appends history entries from a separate process, for the
        /// concurrency and crash-safety tests of the history store.
        .executableTarget(
            name: "history-stress",
            dependencies: [
                "AssetCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        /// glibc's `mallopt`, for the command line's arena count.
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        /// The command line: ArgumentParser commands, wiring only.
        .executableTarget(
            name: "marketplace-assets",
            dependencies: [
                "CMalloc",
                "AssetCore",
                "AssetThumbnails",
                "AssetTUI",
                "MarketplaceEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // lld with packed relative relocations (RELR, glibc 2.36+): the loader then reads a
            // few kilobytes of relocations at start instead of 1.4 MB, about 1 MiB less memory
            // for every command (gold, the default linker here, has no RELR).
            linkerSettings: [.unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"], .when(platforms: [.linux]))]
        ),

        // MARK: Tests

        /// Helpers that several test targets share (temporary folders, spawning without
        /// leaking descriptors).
        .target(name: "TestSupport", dependencies: ["CTestSpawn"], path: "Tests/TestSupport"),
        /// `posix_spawn` that closes every other descriptor in the child: Swift's Glibc module
        /// does not import `posix_spawn_file_actions_addclosefrom_np`.
        .target(name: "CTestSpawn", path: "Tests/CTestSpawn"),

        .testTarget(
            name: "AssetInspectionTests",
            dependencies: [
                "TestSupport",
                "AssetInspection",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "MarketplaceAPITests",
            dependencies: [
                "MarketplaceAPI",
                "MarketplaceEmulator",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "MarketplaceEmulatorTests",
            dependencies: [
                "TestSupport",
                "MarketplaceEmulator",
                "MarketplaceAPI",
                "AssetInspection",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "AssetCoreTests",
            dependencies: [
                "TestSupport",
                "AssetCore",
                "MarketplaceEmulator",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Fixtures"]
        ),
        /// Faults, bad input, crash safety and secrets across the layers (issue 4).
        .testTarget(
            name: "ReliabilityTests",
            dependencies: [
                "TestSupport",
                "AssetCore",
                "AssetInspection",
                "AssetThumbnails",
                "MarketplaceAPI",
                "MarketplaceEmulator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "AssetThumbnailsTests",
            dependencies: ["TestSupport", "AssetThumbnails", "AssetInspection"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "AssetTUITests",
            dependencies: ["TestSupport", "AssetTUI", "AssetCore", "AssetThumbnails", "MarketplaceAPI"],
            exclude: ["__Snapshots__"]
        ),
    ]
)
