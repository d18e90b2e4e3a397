import IntegraCore
import Testing

@Suite struct TransliterationTests {
    /// Every example of KMU resolution 55/2010 listed in research/linkage.md §8.1, plus DOMAIN.md's.
    @Test(arguments: [
        ("Алушта", "Alushta"), ("Андрій", "Andrii"), ("Борисенко", "Borysenko"), ("Володимир", "Volodymyr"),
        ("Богдан", "Bohdan"), ("Згурський", "Zghurskyi"), ("Згорани", "Zghorany"), ("Розгон", "Rozghon"),
        ("Ґалаґан", "Galagan"), ("Дмитро", "Dmytro"), ("Олег", "Oleh"), ("Єнакієве", "Yenakiieve"),
        ("Гаєвич", "Haievych"), ("Короп'є", "Koropie"), ("Жанна", "Zhanna"), ("Казимирчук", "Kazymyrchuk"),
        ("Михайленко", "Mykhailenko"), ("Іващенко", "Ivashchenko"), ("Їжакевич", "Yizhakevych"),
        ("Кадиївка", "Kadyivka"), ("Мар'їне", "Marine"), ("Йосипівка", "Yosypivka"), ("Стрий", "Stryi"),
        ("Олексій", "Oleksii"), ("Коваленко", "Kovalenko"), ("Леонід", "Leonid"), ("Наталія", "Nataliia"),
        ("Петро", "Petro"), ("Соломія", "Solomiia"), ("Уляна", "Uliana"), ("Філіпчук", "Filipchuk"),
        ("Христина", "Khrystyna"), ("Стеценко", "Stetsenko"), ("Троць", "Trots"), ("Чернівці", "Chernivtsi"),
        ("Шевченко", "Shevchenko"), ("Гаращенко", "Harashchenko"), ("Кишеньки", "Kyshenky"), ("Юрій", "Yurii"),
        ("Ярошенко", "Yaroshenko"), ("Костянтин", "Kostiantyn"), ("Знам'янка", "Znamianka"),
        ("Феодосія", "Feodosiia"), ("Олександр", "Oleksandr"), ("Юлія", "Yuliia"),
    ])
    func kmu2010OfficialExamples(cyrillic: String, latin: String) {
        #expect(Transliteration.ukrainianKMU2010(cyrillic) == latin)
    }

    @Test(arguments: [
        ("ЮЛІЯ", "YULIIA"), ("ЗГУРСЬКИЙ", "ZGHURSKYI"), ("ЩЕРБАК Олена", "SHCHERBAK Olena"), ("Я", "Ya"),
        ("Знам’янка", "Znamianka"), ("Знамʼянка", "Znamianka"), ("Іванова-Ященко", "Ivanova-Yashchenko"),
        ("Оле\u{0301}на", "Olena"), ("вул. Шевченка, 12", "vul. Shevchenka, 12"), ("Anna Kowalska", "Anna Kowalska"),
        ("ё ы э ъ ў", "e y e ie u"),
    ])
    func kmu2010PositionAndCase(cyrillic: String, latin: String) {
        #expect(Transliteration.ukrainianKMU2010(cyrillic) == latin)
    }

    /// ICAO Doc 9303 forms from research/linkage.md §8.3, Belarusian examples included.
    @Test(arguments: [
        ("Александр", "Aleksandr"), ("Сергей", "Sergei"), ("Юлия", "Iuliia"), ("ЮЛИЯ", "IULIIA"),
        ("Евгений", "Evgenii"), ("Алексей", "Aleksei"), ("Дмитрий", "Dmitrii"), ("Егор", "Egor"),
        ("Цаплин", "Tsaplin"), ("Артём", "Artem"), ("Подъезд", "Podieezd"), ("Крылов", "Krylov"),
        ("Игорь", "Igor"), ("Эдуард", "Eduard"), ("Щукин", "Shchukin"), ("Аляксандр", "Aliaksandr"),
        ("Марыя", "Maryia"), ("Святлана", "Sviatlana"), ("Мікалай", "Mikalai"), ("Ўладзімір", "Uladzimir"),
        ("Лукашэнка", "Lukashenka"),
    ])
    func russianICAO(cyrillic: String, latin: String) {
        #expect(Transliteration.russianICAO(cyrillic) == latin)
    }

    @Test(arguments: [
        // Ukrainian letters → KMU 2010
        ("Олександр Шевченко", "Oleksandr Shevchenko"),
        ("Сергій Ковальчук", "Serhii Kovalchuk"),
        // Russian letters → ICAO, and the other words of the cell follow
        ("Алёна Фёдорова", "Alena Fedorova"),
        ("Юлия Ёлкина", "Iuliia Elkina"),
        // no telling letter anywhere → KMU 2010, the Ukrainian reading (и → y)
        ("Сергей Иванов", "Serhei Yvanov"),
        // mixed evidence: each word by its own letters, the rest KMU
        ("Ірина Ёлкина Петрова", "Iryna Elkina Petrova"),
        // Belarusian: і → KMU (г → h as in Belarusian ICAO), э → ICAO
        ("Ігар Лукашэнка", "Ihar Lukashenka"),
        // Latin passes through
        ("Oleksandr Szewczenko", "Oleksandr Szewczenko"),
        ("O'Neil", "O'Neil"),
        // keyboard-layout slips: Latin C in a Cyrillic word, Cyrillic е in a Latin one
        ("Cергій", "Serhii"),
        ("S\u{0435}rhii", "Serhii"),
    ])
    func toLatin(text: String, latin: String) {
        #expect(Transliteration.toLatin(text) == latin)
    }
}
