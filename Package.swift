// swift-tools-version: 6.1
import PackageDescription

// Targets are split by dependency (see docs/ARCHITECTURE.md): IntegraCore has no I/O and no third-party
// dependency; each heavy dependency (ZIPFoundation, GRDB, libxlsxwriter) lives in the one target that needs it.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Integra",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "integra", targets: ["integra"]),
        .library(name: "IntegraPipeline", targets: ["IntegraPipeline"]),
        // For the Benchmarks/ package, which measures the readers and writers on their own.
        .library(name: "IntegraCore", targets: ["IntegraCore"]),
        .library(name: "IntegraIngest", targets: ["IntegraIngest"]),
        .library(name: "IntegraReports", targets: ["IntegraReports"]),
        .library(name: "IntegraLinkage", targets: ["IntegraLinkage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // One C call Swift cannot make (sqlite3_config is variadic): SQLite's memory statistics off.
        .target(name: "CSQLiteTuning", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(name: "IntegraCore", swiftSettings: swiftSettings),
        .target(name: "IntegraLinkage", dependencies: ["IntegraCore"], swiftSettings: swiftSettings),
        .target(
            name: "IntegraIngest",
            dependencies: ["IntegraCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IntegraWarehouse",
            dependencies: ["IntegraCore", "CSQLiteTuning", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IntegraReports",
            dependencies: ["IntegraCore", "CXlsxWriter"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IntegraSynth",
            dependencies: ["IntegraCore", "IntegraReports", "IntegraLinkage"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IntegraPipeline",
            dependencies: [
                "IntegraCore", "IntegraIngest", "IntegraLinkage", "IntegraWarehouse", "IntegraReports",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "integra",
            dependencies: [
                "IntegraCore", "IntegraPipeline", "IntegraSynth",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IntegraTesting",
            dependencies: ["IntegraCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "IntegraCoreTests", dependencies: ["IntegraCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "IntegraLinkageTests",
            dependencies: ["IntegraCore", "IntegraLinkage", "IntegraSynth", "IntegraTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntegraIngestTests",
            dependencies: [
                "IntegraCore", "IntegraIngest", "IntegraTesting", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntegraReportsTests",
            dependencies: [
                "IntegraCore", "IntegraReports", "IntegraTesting", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntegraWarehouseTests",
            dependencies: ["IntegraCore", "IntegraWarehouse", "IntegraTesting", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntegraPipelineTests",
            dependencies: [
                "IntegraCore", "IntegraPipeline", "IntegraSynth", "IntegraIngest", "IntegraReports", "IntegraTesting",
                "IntegraWarehouse", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
