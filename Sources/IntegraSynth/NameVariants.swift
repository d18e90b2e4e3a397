/// How one name is written: in Cyrillic, in the Ukrainian passport system (KMU 2010) and in Polish transcription.
///
/// Written by hand from the official examples and Polish practice (shared/research/linkage.md §8), independently of
/// Integra's own transliteration, so the demo tests it rather than echoing it.
struct NameVariants: Sendable {
    var cyrillic: String
    var passport: String
    var polish: String
}

enum NameTables {
    static let femaleFirst: [NameVariants] = [
        .init(cyrillic: "Олена", passport: "Olena", polish: "Ołena"),
        .init(cyrillic: "Юлія", passport: "Yuliia", polish: "Julija"),
        .init(cyrillic: "Наталія", passport: "Nataliia", polish: "Natalija"),
        .init(cyrillic: "Тетяна", passport: "Tetiana", polish: "Tetiana"),
        .init(cyrillic: "Ірина", passport: "Iryna", polish: "Iryna"),
        .init(cyrillic: "Світлана", passport: "Svitlana", polish: "Switłana"),
        .init(cyrillic: "Катерина", passport: "Kateryna", polish: "Kateryna"),
        .init(cyrillic: "Оксана", passport: "Oksana", polish: "Oksana"),
        .init(cyrillic: "Марія", passport: "Mariia", polish: "Marija"),
        .init(cyrillic: "Анастасія", passport: "Anastasiia", polish: "Anastasija"),
        .init(cyrillic: "Галина", passport: "Halyna", polish: "Hałyna"),
        .init(cyrillic: "Вікторія", passport: "Viktoriia", polish: "Wiktorija"),
        .init(cyrillic: "Людмила", passport: "Liudmyla", polish: "Ludmyła"),
        .init(cyrillic: "Євгенія", passport: "Yevheniia", polish: "Jewhenija"),
    ]
    static let maleFirst: [NameVariants] = [
        .init(cyrillic: "Олександр", passport: "Oleksandr", polish: "Ołeksandr"),
        .init(cyrillic: "Сергій", passport: "Serhii", polish: "Serhij"),
        .init(cyrillic: "Андрій", passport: "Andrii", polish: "Andrij"),
        .init(cyrillic: "Микола", passport: "Mykola", polish: "Mykoła"),
        .init(cyrillic: "Євген", passport: "Yevhen", polish: "Jewhen"),
        .init(cyrillic: "Дмитро", passport: "Dmytro", polish: "Dmytro"),
        .init(cyrillic: "Володимир", passport: "Volodymyr", polish: "Wołodymyr"),
        .init(cyrillic: "Юрій", passport: "Yurii", polish: "Jurij"),
        .init(cyrillic: "Василь", passport: "Vasyl", polish: "Wasyl"),
        .init(cyrillic: "Петро", passport: "Petro", polish: "Petro"),
        .init(cyrillic: "Олексій", passport: "Oleksii", polish: "Ołeksij"),
        .init(cyrillic: "Богдан", passport: "Bohdan", polish: "Bohdan"),
        .init(cyrillic: "Тарас", passport: "Taras", polish: "Taras"),
    ]
    static let surnames: [NameVariants] = [
        .init(cyrillic: "Шевченко", passport: "Shevchenko", polish: "Szewczenko"),
        .init(cyrillic: "Коваленко", passport: "Kovalenko", polish: "Kowalenko"),
        .init(cyrillic: "Бондаренко", passport: "Bondarenko", polish: "Bondarenko"),
        .init(cyrillic: "Ткаченко", passport: "Tkachenko", polish: "Tkaczenko"),
        .init(cyrillic: "Кравченко", passport: "Kravchenko", polish: "Krawczenko"),
        .init(cyrillic: "Олійник", passport: "Oliinyk", polish: "Olijnyk"),
        .init(cyrillic: "Шевчук", passport: "Shevchuk", polish: "Szewczuk"),
        .init(cyrillic: "Поліщук", passport: "Polishchuk", polish: "Poliszczuk"),
        .init(cyrillic: "Бойко", passport: "Boiko", polish: "Bojko"),
        .init(cyrillic: "Ткачук", passport: "Tkachuk", polish: "Tkaczuk"),
        .init(cyrillic: "Мельник", passport: "Melnyk", polish: "Melnyk"),
        .init(cyrillic: "Савчук", passport: "Savchuk", polish: "Sawczuk"),
        .init(cyrillic: "Руденко", passport: "Rudenko", polish: "Rudenko"),
        .init(cyrillic: "Марченко", passport: "Marchenko", polish: "Marczenko"),
        .init(cyrillic: "Гончаренко", passport: "Honcharenko", polish: "Honczarenko"),
        .init(cyrillic: "Щербак", passport: "Shcherbak", polish: "Szczerbak"),
        .init(cyrillic: "Литвиненко", passport: "Lytvynenko", polish: "Łytwynenko"),
        .init(cyrillic: "Мороз", passport: "Moroz", polish: "Moroz"),
        .init(cyrillic: "Павленко", passport: "Pavlenko", polish: "Pawlenko"),
        .init(cyrillic: "Кузьменко", passport: "Kuzmenko", polish: "Kuźmenko"),
        .init(cyrillic: "Яковенко", passport: "Yakovenko", polish: "Jakowenko"),
        .init(cyrillic: "Захарчук", passport: "Zakharchuk", polish: "Zacharczuk"),
    ]
}
