import CLibFuzzer
import Foundation
import IntegraPipeline

// The input is a project file. Parsing it must either give a project or a DefinitionError (printed as
// `file:line:column: key: message`), never crash, hang or throw anything else.
private func fuzzProject(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    do {
        _ = try ProjectDefinition.parse(text, file: "fuzz.yml")
    } catch is DefinitionError {
    } catch {
        fatalError("ProjectDefinition.parse threw something other than a DefinitionError: \(type(of: error))")
    }
    return 0
}

var argc = CommandLine.argc
var argv = Optional(CommandLine.unsafeArgv)
exit(LLVMFuzzerRunDriver(&argc, &argv) { fuzzProject($0, $1) })
