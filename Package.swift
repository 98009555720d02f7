// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "jianbao",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "jianbao", targets: ["jianbao"]),
        .library(name: "JianbaoCore", targets: ["JianbaoCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(
            name: "JianbaoCore",
            dependencies: [
                "CCmarkGFM",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: [
                .swiftLanguageMode(.v5),
                // The pipeline's hot loops mutate local state through closures; dynamic exclusivity checks
                // there cost ~5% of a release build's instructions (measured with perf). Debug builds keep them.
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
            ]
        ),
        .target(
            name: "JianbaoPreview",
            dependencies: [
                "JianbaoCore",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .target(
            name: "JianbaoImport",
            dependencies: [
                "JianbaoCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .executableTarget(
            name: "jianbao",
            dependencies: [
                "JianbaoCore",
                "JianbaoPreview",
                "JianbaoImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)],
            // mimalloc replaces glibc's malloc for the whole process (Swift's runtime, cmark-gfm, Foundation):
            // a build allocates and frees millions of small blocks on every core, and glibc's arenas spent
            // ~12% of a 10,000-issue build in _int_malloc/_int_free/malloc_consolidate. Measured: 1.84 → 1.60 s.
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(
            name: "JianbaoCoreTests",
            dependencies: ["JianbaoCore"],
            exclude: ["Fixtures"],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .testTarget(
            name: "JianbaoPreviewTests",
            dependencies: ["JianbaoPreview", "JianbaoCore", .product(name: "FlyingFox", package: "FlyingFox")],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .testTarget(
            name: "JianbaoFuzzTests",
            dependencies: ["JianbaoCore", "JianbaoPreview"],
            exclude: ["Corpus"],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .testTarget(
            name: "JianbaoImportTests",
            dependencies: ["JianbaoImport", "JianbaoCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Fixtures"],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
