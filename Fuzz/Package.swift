// swift-tools-version: 6.1
import PackageDescription

// libFuzzer harnesses for the readers of untrusted input: partner CSV files, XLSX workbooks and project files.
// A package of its own, like Benchmarks/, so the main build never sees `-sanitize=fuzzer`; scripts/fuzz.sh builds it
// with `-Xswiftc -sanitize=fuzzer -Xswiftc -enable-testing -Xcc -fsanitize=fuzzer-no-link` and runs the harnesses.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "IntegraFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Integra", path: "..")
    ],
    targets: [
        .target(name: "CLibFuzzer"),
        .executableTarget(
            name: "fuzz-csv",
            dependencies: [
                "CLibFuzzer",
                .product(name: "IntegraCore", package: "Integra"),
                .product(name: "IntegraIngest", package: "Integra"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "fuzz-xlsx",
            dependencies: [
                "CLibFuzzer",
                .product(name: "IntegraCore", package: "Integra"),
                .product(name: "IntegraIngest", package: "Integra"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "fuzz-project",
            dependencies: ["CLibFuzzer", .product(name: "IntegraPipeline", package: "Integra")],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
