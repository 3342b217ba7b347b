// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Aviso",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "aviso", targets: ["aviso"]),
        .library(name: "AvisoCore", targets: ["AvisoCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(name: "CSystemSupport"),
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // jemalloc's options for the executable (a C symbol jemalloc reads at start-up).
        .target(name: "CAllocatorSettings"),
        .target(
            name: "AvisoCore",
            dependencies: [
                "CZlib",
                "CSystemSupport",
                "CLibXML2",
                "CCrypto",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the ledger's bulk insert of a day's messages.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: [
                // Release builds drop the run-time exclusivity checks (about 3% of a run's
                // instructions, on every access to a class's stored var); the compile-time
                // checks stay, and debug builds, which the tests run, keep both.
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
            ]
        ),
        .executableTarget(
            name: "aviso",
            dependencies: [
                "AvisoCore",
                "CAllocatorSettings",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            linkerSettings: [
                // jemalloc replaces glibc's malloc for the whole process (the Swift runtime's
                // allocations included): a run makes and frees millions of small blocks from
                // several threads, and at 10M charges it was 5 to 7% faster with 70 MiB less
                // peak memory (bench/RESULTS.md). Debian/Ubuntu: libjemalloc-dev to build,
                // libjemalloc2 to run.
                .linkedLibrary("jemalloc", .when(platforms: [.linux])),
            ]
        ),
        .testTarget(
            name: "AvisoCoreTests",
            dependencies: ["AvisoCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "AvisoEndToEndTests",
            dependencies: ["AvisoCore"],
            exclude: ["Fixtures", "Golden"]
        ),
    ]
)
