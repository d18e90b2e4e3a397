import IntegraLinkage
import Testing

@Suite struct DaitchMokotoffTests {
    /// Published examples: JewishGen (jewishgen.org/infofiles/soundex.html), Avotaynu (avotaynu.com/soundex.htm) and
    /// Wikipedia's Daitch–Mokotoff Soundex article, as collected in Apache Commons Codec's tests.
    @Test(arguments: [
        ("GOLDEN", ["583600"]), ("Alpert", ["087930"]), ("Breuer", ["791900"]), ("Haber", ["579000"]),
        ("Mannheim", ["665600"]), ("Mintz", ["664000"]), ("Topf", ["370000"]), ("Kleinmann", ["586660"]),
        ("Ben Aron", ["769600"]), ("AUERBACH", ["097400", "097500"]), ("OHRBACH", ["097400", "097500"]),
        ("LIPSHITZ", ["874400"]), ("LIPPSZYC", ["874400", "874500"]), ("LEWINSKY", ["876450"]),
        ("LEVINSKI", ["876450"]), ("SZLAMAWICZ", ["486740"]), ("SHLAMOVITZ", ["486740"]),
        ("Ceniow", ["467000", "567000"]), ("Tsenyuv", ["467000"]), ("Holubica", ["587400", "587500"]),
        ("Golubitsa", ["587400"]), ("Przemysl", ["746480", "794648"]), ("Pshemeshil", ["746480"]),
        (
            "Rosochowaciec",
            ["944744", "944745", "944754", "944755", "945744", "945745", "945754", "945755"]
        ),
        ("Rosokhovatsets", ["945744"]), ("Peters", ["734000", "739400"]), ("Peterson", ["734600", "739460"]),
        ("Moskowitz", ["645740"]), ("Moskovitz", ["645740"]), ("Jackson", ["145460", "154600", "445460", "454600"]),
        (
            "Jackson-Jackson",
            ["145464", "145465", "154644", "154645", "154654", "445464", "445465", "454644", "454645", "454654"]
        ),
        ("AKSSOL", ["054800"]), ("GERSCHFELD", ["545783", "547830", "594578", "594783"]),
        ("Straßburg", ["294795"]), ("Strasburg", ["294795"]), ("Éregon", ["095600"]), ("Eregon", ["095600"]),
        ("Washington", ["746536"]), ("ţamas", ["364000", "464000"]), ("țamas", ["364000", "464000"]),
    ])
    func publishedExamples(name: String, codes: [String]) {
        #expect(DaitchMokotoff.codes(name) == codes)
    }

    /// Hyphens, apostrophes and white space inside a name are not coded (Commons Codec's variations).
    @Test(arguments: ["KINGSMITH", "-KINGSMITH", "K-INGSMITH", "KING-SMITH", "KINGSMITH-", " KINGSMITH "])
    func ignoresPunctuation(name: String) {
        #expect(DaitchMokotoff.codes(name) == ["565463"])
    }

    @Test(arguments: ["OBrien", "'OBrien", "O'Brien", "OBri'en", "OBrien'"])
    func ignoresApostrophes(name: String) {
        #expect(DaitchMokotoff.codes(name) == ["079600"])
    }

    /// The spellings of one Slavic name share a code (shared/research/linkage.md §9, measured with abydos).
    @Test(arguments: [
        (["Shevchenko", "Szewczenko", "Sevcenko", "Schewtschenko"], "474650"),
        (["Oleksandr", "Aleksandr", "Aleksander", "Alexander", "Olexandr", "Ołeksandr", "Alexandr"], "085463"),
        (["Serhii", "Serhiy", "Sergei", "Sergey", "Siergiej", "Serhij"], "495000"),
        (["Kovalchuk", "Kowalczuk", "Koval'chuk", "Kovalčuk"], "578450"),
        (["Mykola", "Nikolai", "Nikolay", "Mikołaj", "Mikola"], "658000"),
    ])
    func romanisationsShareACode(spellings: [String], code: String) {
        for spelling in spellings {
            #expect(DaitchMokotoff.codes(spelling).contains(code), "\(spelling): \(DaitchMokotoff.codes(spelling))")
        }
    }

    @Test func nothingToCode() {
        #expect(DaitchMokotoff.codes("").isEmpty)
        #expect(DaitchMokotoff.codes("123 -").isEmpty)
    }
}
