import IntegraLinkage
import Testing

@Suite struct NameCleaningTests {
    @Test(arguments: [
        ("mgr Olena Kovalenko", "Olena Kovalenko"), ("Dr. hab. Iryna", "Iryna"), ("pani Iryna", "Iryna"),
        ("Pan Taras", "Taras"), ("inż. Andrii", "Andrii"), ("dr.hab. Andrii", "Andrii"),
        ("Shevchenko (z d. Bondarenko)", "Shevchenko"), ("Olena [nowa]", "Olena"), ("Oleksandr (Sasha", "Oleksandr"),
        ("  Олена  ", "Олена"), ("P. Olena", "Olena"), ("P Olena", "P Olena"), ("Pani", "Pani"),
    ])
    func titlesAndRemarksGo(cell: String, name: String) {
        #expect(NameCleaning.cleaned(cell) == name)
    }

    @Test(arguments: ["", "  ", "brak", "BRAK", "n/d", "-", "???", "(brak)", "xxx", "123"])
    func noName(cell: String) {
        #expect(NameCleaning.cleaned(cell) == nil)
    }
}
