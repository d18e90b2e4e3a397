// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so the main build and `make test` stay light; run them with run.sh.
let package = Package(
    name: "IntegraBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Integra", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "integra-bench",
            dependencies: [
                .product(name: "IntegraCore", package: "Integra"),
                .product(name: "IntegraIngest", package: "Integra"),
                .product(name: "IntegraReports", package: "Integra"),
            ],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
