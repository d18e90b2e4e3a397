import IntegraCore
import Testing

@testable import IntegraIngest

@Test func printsLikeADiagnostic() {
    let error = IngestError(.sheetNotFound, "the workbook has no sheet named \"Maj\"")
    #expect(error.description == "error[sheet-not-found]: the workbook has no sheet named \"Maj\"")
    #expect(error.underlying == nil)
}
