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
        harness("fuzz-csv", reading: ["IntegraCore", "IntegraIngest", "IntegraReports"]),
        harness("fuzz-xlsx", reading: ["IntegraCore", "IntegraIngest"]),
        harness("fuzz-project", reading: ["IntegraPipeline"]),
    ],
    swiftLanguageModes: [.v6]
)

/// A harness: libFuzzer's driver and the Integra modules it reads with.
func harness(_ name: String, reading modules: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["CLibFuzzer"] + modules.map { .product(name: $0, package: "Integra") },
        swiftSettings: swiftSettings
    )
}
