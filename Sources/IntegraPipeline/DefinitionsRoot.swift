import Foundation

/// Finds the folder that holds `sql/` and `reports/` (the definitions root).
///
/// In order: `$INTEGRA_HOME`; the project file's folder or any folder above it that has `sql/indicators`
/// (a checkout, where `pipelines/demo.yml` sits beside `sql/`); then `<executable>/../share/integra`, where
/// `make install` puts them.
public enum DefinitionsRoot {
    public static func find(from projectFolder: URL) throws -> URL {
        let fm = FileManager.default
        func isRoot(_ url: URL) -> Bool {
            fm.fileExists(atPath: url.appendingPathComponent("sql/indicators").path)
        }
        if let home = ProcessInfo.processInfo.environment["INTEGRA_HOME"], !home.isEmpty {
            let url = URL(fileURLWithPath: home, isDirectory: true)
            if isRoot(url) { return url }
            throw DefinitionError(file: home, keyPath: "INTEGRA_HOME", message: "this folder has no sql/indicators")
        }
        var dir = projectFolder.standardizedFileURL
        while true {
            if isRoot(dir) { return dir }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let share = exe.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/integra")
        if isRoot(share) { return share }
        throw DefinitionError(
            file: projectFolder.path, keyPath: "",
            message: "cannot find the definitions (sql/indicators, reports/): run from a checkout, run `make install`, or set INTEGRA_HOME")
    }
}
