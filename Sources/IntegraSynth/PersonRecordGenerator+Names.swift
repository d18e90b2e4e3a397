/// Name data for `PersonRecordGenerator`, written by hand (shared/research/linkage.md §8.6 for the first-name
/// classes). Lists run from the most to the least common: the generator draws from them with falling weights.
enum PersonNames {
    /// One given name across the languages a person's records may use: Ukrainian, Russian and Belarusian Cyrillic
    /// (the same name, not a transliteration), and the Polish and English names some people adopt.
    struct FirstNameClass: Sendable {
        var ukrainian: String
        var russian: String
        var belarusian: String
        var polish: String?
        var english: String?

        init(
            _ ukrainian: String, _ russian: String, _ belarusian: String, pl polish: String? = nil,
            en english: String? = nil
        ) {
            self.ukrainian = ukrainian
            self.russian = russian
            self.belarusian = belarusian
            self.polish = polish
            self.english = english
        }
    }

    static let maleFirst: [FirstNameClass] = [
        .init("Олександр", "Александр", "Аляксандр", pl: "Aleksander", en: "Alexander"),
        .init("Сергій", "Сергей", "Сяргей", pl: "Sergiusz", en: "Sergei"),
        .init("Андрій", "Андрей", "Андрэй", pl: "Andrzej", en: "Andrew"),
        .init("Дмитро", "Дмитрий", "Дзмітрый", en: "Dmitri"),
        .init("Володимир", "Владимир", "Уладзімір", pl: "Włodzimierz", en: "Vladimir"),
        .init("Микола", "Николай", "Мікалай", pl: "Mikołaj", en: "Nicholas"),
        .init("Олексій", "Алексей", "Аляксей", pl: "Aleksy", en: "Alexei"),
        .init("Іван", "Иван", "Іван"),
        .init("Максим", "Максим", "Максім"),
        .init("Віктор", "Виктор", "Віктар", pl: "Wiktor", en: "Victor"),
        .init("Юрій", "Юрий", "Юрый", en: "Yuri"),
        .init("Василь", "Василий", "Васіль"),
        .init("Євген", "Евгений", "Яўген", pl: "Eugeniusz", en: "Eugene"),
        .init("Ігор", "Игорь", "Ігар", pl: "Igor", en: "Igor"),
        .init("Роман", "Роман", "Раман", pl: "Roman", en: "Roman"),
        .init("Олег", "Олег", "Алег", pl: "Oleg", en: "Oleg"),
        .init("Михайло", "Михаил", "Міхаіл", pl: "Michał", en: "Michael"),
        .init("Павло", "Павел", "Павел", pl: "Paweł", en: "Paul"),
        .init("Петро", "Пётр", "Пятро", pl: "Piotr", en: "Peter"),
        .init("Богдан", "Богдан", "Багдан", pl: "Bogdan"),
        .init("Артем", "Артём", "Арцём"),
        .init("Денис", "Денис", "Дзяніс"),
        .init("Віталій", "Виталий", "Віталь"),
        .init("Тарас", "Тарас", "Тарас"),
        .init("Ярослав", "Ярослав", "Яраслаў", pl: "Jarosław"),
        .init("Григорій", "Григорий", "Рыгор", pl: "Grzegorz"),
        .init("Степан", "Степан", "Сцяпан", pl: "Szczepan"),
        .init("Анатолій", "Анатолий", "Анатоль"),
        .init("Вадим", "Вадим", "Вадзім"),
        .init("Станіслав", "Станислав", "Станіслаў", pl: "Stanisław"),
        .init("Костянтин", "Константин", "Канстанцін", pl: "Konstanty"),
        .init("Назар", "Назар", "Назар"),
        .init("Валерій", "Валерий", "Валерый"),
        .init("Леонід", "Леонид", "Леанід"),
        .init("Ілля", "Илья", "Ілья", pl: "Eliasz"),
        .init("Кирило", "Кирилл", "Кірыл", pl: "Cyryl"),
        .init("Матвій", "Матвей", "Мацвей", pl: "Mateusz"),
        .init("Данило", "Даниил", "Даніла", pl: "Daniel", en: "Daniel"),
    ]

    static let femaleFirst: [FirstNameClass] = [
        .init("Олена", "Елена", "Алена", pl: "Helena", en: "Helen"),
        .init("Наталія", "Наталья", "Наталля", pl: "Natalia", en: "Natalie"),
        .init("Тетяна", "Татьяна", "Таццяна", pl: "Tatiana"),
        .init("Ірина", "Ирина", "Ірына", pl: "Irena"),
        .init("Оксана", "Оксана", "Аксана"),
        .init("Юлія", "Юлия", "Юлія", pl: "Julia", en: "Julia"),
        .init("Світлана", "Светлана", "Святлана"),
        .init("Марія", "Мария", "Марыя", pl: "Maria", en: "Mary"),
        .init("Ганна", "Анна", "Ганна", pl: "Anna", en: "Anna"),
        .init("Ольга", "Ольга", "Вольга", pl: "Olga", en: "Olga"),
        .init("Катерина", "Екатерина", "Кацярына", pl: "Katarzyna", en: "Catherine"),
        .init("Анастасія", "Анастасия", "Анастасія", pl: "Anastazja"),
        .init("Людмила", "Людмила", "Людміла", pl: "Ludmiła"),
        .init("Галина", "Галина", "Галіна", pl: "Halina"),
        .init("Вікторія", "Виктория", "Вікторыя", pl: "Wiktoria", en: "Victoria"),
        .init("Валентина", "Валентина", "Валянціна", pl: "Walentyna"),
        .init("Надія", "Надежда", "Надзея"),
        .init("Софія", "София", "Сафія", pl: "Zofia", en: "Sophia"),
        .init("Дарія", "Дарья", "Дар'я", pl: "Daria"),
        .init("Христина", "Кристина", "Крысціна", pl: "Krystyna", en: "Christina"),
        .init("Лариса", "Лариса", "Ларыса"),
        .init("Яна", "Яна", "Яна"),
        .init("Інна", "Инна", "Іна"),
        .init("Вероніка", "Вероника", "Вераніка", pl: "Weronika", en: "Veronica"),
        .init("Євгенія", "Евгения", "Яўгенія", pl: "Eugenia"),
        .init("Олександра", "Александра", "Аляксандра", pl: "Aleksandra", en: "Alexandra"),
        .init("Валерія", "Валерия", "Валерыя", pl: "Waleria"),
        .init("Альона", "Алёна", "Алёна"),
        .init("Любов", "Любовь", "Любоў"),
        .init("Мирослава", "Мирослава", "Міраслава", pl: "Mirosława"),
        .init("Зоряна", "Зоряна", "Зарана"),
        .init("Соломія", "Соломия", "Саламея"),
        .init("Уляна", "Ульяна", "Ульяна"),
        .init("Єлизавета", "Елизавета", "Елізавета", pl: "Elżbieta", en: "Elizabeth"),
    ]

    /// Ukrainian surnames; those in -ий take -а for women (Білий → Біла, Згурський → Згурська).
    static let ukrainianSurnames: [String] = [
        "Мельник", "Шевченко", "Бойко", "Коваленко", "Бондаренко", "Ткаченко", "Ковальчук", "Кравченко", "Олійник",
        "Шевчук", "Коваль", "Поліщук", "Бондар", "Ткачук", "Марченко", "Лисенко", "Руденко", "Савченко", "Петренко",
        "Мороз", "Кравчук", "Клименко", "Павленко", "Савчук", "Кузьменко", "Левченко", "Гончаренко", "Харченко",
        "Карпенко", "Ткач", "Литвиненко", "Сидоренко", "Швець", "Кушнір", "Романенко", "Гнатюк", "Яковенко",
        "Пономаренко", "Лук'яненко", "Мартинюк", "Кириленко", "Зінченко", "Данильченко", "Остапенко", "Власенко",
        "Юрченко", "Дячук", "Головко", "Захарченко", "Гриценко", "Тарасенко", "Приходько", "Григоренко", "Мазур",
        "Демченко", "Тимошенко", "Гуменюк", "Семенюк", "Костенко", "Осадчий", "Щербак", "Щербина", "Гаврилюк",
        "Білий", "Чорний", "Ковальський", "Вишневський", "Згурський", "Ярошенко", "Єрмоленко", "Їжакевич", "Ющенко",
        "Яценко", "Лящук", "Гайдамака", "Дорошенко", "Стеценко", "Панченко", "Кучер", "Присяжнюк", "Федорчук",
        "Гребенюк", "Сорока", "Вакуленко", "Козак", "Кобзар", "Собко", "Герасименко", "Литвин", "Оліфіренко",
    ]
    /// Stems and endings that make the long tail of rarer Ukrainian surnames.
    static let ukrainianStems: [String] = [
        "Бабич", "Гнат", "Дан", "Кос", "Мар", "Пил", "Сем", "Стась", "Федор", "Гриш", "Мих", "Пав", "Кирил",
        "Тарас", "Ярем", "Ос", "Дид", "Кравц", "Вовк", "Гуц", "Лоз", "Руд", "Сав", "Зах", "Собол", "Кобз",
        "Шаповал", "Бурлак", "Горб", "Дуб", "Ковб", "Лис", "Неч", "Олеш", "Пащ", "Рев", "Сол", "Тереш", "Ус",
        "Хом", "Цимб", "Чуб", "Шкур", "Юх", "Ящ", "Білоус", "Гал", "Жур", "Зор", "Кліщ", "Луц", "Мовч", "Нагн",
        "Онищ", "Пуз", "Рибал", "Сит", "Трох", "Фес", "Цап", "Чорновол", "Шульг", "Щур", "Яким", "Бут", "Вар",
        "Гуз", "Дзюб", "Єфим", "Жовт", "Заїч", "Іщ", "Кузьм", "Лесь", "Мацк", "Нос", "Охрим", "Палій", "Рябокон",
    ]
    static let ukrainianEndings: [String] = ["енко", "ук", "юк", "чук", "ишин", "ський", "ович", "ець", "ко", "ак"]

    /// Russian surnames (men's form; women's is made by `feminine`).
    static let russianSurnames: [String] = [
        "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Федоров",
        "Морозов", "Волков", "Алексеев", "Лебедев", "Семенов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев",
        "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев",
        "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев",
        "Киселёв", "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев",
        "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев", "Герасимов",
        "Богданов", "Осипов", "Сидоров", "Матвеев", "Титов", "Марков", "Миронов", "Крылов", "Куликов", "Карпов",
        "Власов", "Мельников", "Денисов", "Гаврилов", "Тихонов", "Казаков", "Афанасьев", "Данилов", "Савельев",
        "Тимофеев", "Фомин", "Чернов", "Абрамов", "Мартынов", "Ефимов", "Федотов", "Щербаков", "Назаров", "Калинин",
        "Исаев", "Чернышёв", "Быков", "Маслов", "Родионов", "Коновалов", "Лазарев", "Воронин", "Климов", "Филатов",
        "Пономарёв", "Голубев", "Кудрявцев", "Прохоров", "Наумов", "Потапов", "Журавлёв", "Овчинников", "Трофимов",
        "Леонов", "Соболев", "Ермаков", "Колесников", "Гончаров", "Емельянов", "Никифоров", "Грачёв", "Котов",
        "Гришин", "Ефремов", "Архипов", "Громов", "Кириллов", "Малышев", "Панов", "Моисеев", "Румянцев", "Акимов",
        "Кондратьев", "Бирюков", "Горбунов", "Анисимов", "Ерёмин", "Тихомиров", "Галкин", "Лукьянов", "Михеев",
        "Скворцов", "Юдин", "Белоусов", "Нестеров", "Симонов", "Прокофьев", "Харитонов", "Князев", "Цветков",
        "Левин", "Митрофанов", "Воронцов", "Зуев", "Покровский", "Успенский", "Толстой", "Шевцов", "Лысенко",
    ]

    /// Belarusian surnames with the Russian form the same family's Russian-language documents carry.
    static let belarusianSurnames: [(belarusian: String, russian: String)] = [
        ("Іваноў", "Иванов"), ("Кавалёў", "Ковалёв"), ("Новік", "Новик"), ("Мельнік", "Мельник"),
        ("Лукашэнка", "Лукашенко"), ("Шаўчэнка", "Шевченко"), ("Кавальчук", "Ковальчук"), ("Міхайлаў", "Михайлов"),
        ("Васілеўскі", "Василевский"), ("Кузьміч", "Кузьмич"), ("Грыневіч", "Гриневич"), ("Жук", "Жук"),
        ("Раманенка", "Романенко"), ("Бандарэнка", "Бондаренко"), ("Сідарэнка", "Сидоренко"), ("Карповіч", "Карпович"),
        ("Макарэвіч", "Макаревич"), ("Ярашэвіч", "Ярошевич"), ("Паўлаў", "Павлов"), ("Казлоў", "Козлов"),
        ("Марозаў", "Морозов"), ("Лебедзеў", "Лебедев"), ("Шыманскі", "Шиманский"), ("Навіцкі", "Новицкий"),
        ("Пятровіч", "Петрович"), ("Сакалоў", "Соколов"), ("Баранаў", "Баранов"), ("Клімовіч", "Климович"),
        ("Якавенка", "Яковенко"), ("Літвін", "Литвин"), ("Сянкевіч", "Сенкевич"), ("Ткачоў", "Ткачёв"),
        ("Кірыленка", "Кириленко"), ("Пашкевіч", "Пашкевич"), ("Жукоўскі", "Жуковский"), ("Савіцкі", "Савицкий"),
        ("Гурыновіч", "Гуринович"), ("Дземідовіч", "Демидович"), ("Лапіцкі", "Лапицкий"), ("Зайцаў", "Зайцев"),
        ("Шыдлоўскі", "Шидловский"), ("Багдановіч", "Богданович"), ("Радзюк", "Радюк"), ("Цярэшчанка", "Терещенко"),
    ]

    /// Georgian given names (Mkhedruli), with the Russian form Soviet-era documents used where it differs.
    static let georgianMaleFirst: [(String, russian: String?)] = [
        ("გიორგი", "Георгий"), ("დავით", "Давид"), ("ლევან", nil), ("ირაკლი", "Ираклий"), ("ნიკოლოზ", "Николай"),
        ("ალექსანდრე", "Александр"), ("ლაშა", nil), ("გურამ", nil), ("ზურაბ", nil), ("მამუკა", nil),
        ("თორნიკე", nil), ("ლუკა", nil), ("ბექა", nil), ("ოთარ", nil), ("ვახტანგ", nil), ("შოთა", nil),
        ("ნოდარ", nil), ("ბესიკ", nil), ("გოჩა", nil), ("თემურ", "Темур"),
    ]
    static let georgianFemaleFirst: [(String, russian: String?)] = [
        ("ნინო", "Нина"), ("თამარ", "Тамара"), ("მარიამ", nil), ("ეკატერინე", "Екатерина"), ("ნათია", nil),
        ("ქეთევან", nil), ("სალომე", nil), ("ანა", "Анна"), ("ნანა", nil), ("მაია", nil), ("ლია", nil),
        ("თეა", nil), ("ხათუნა", nil), ("ნათელა", nil), ("ეთერ", nil), ("მაკა", nil), ("ლელა", nil),
        ("სოფიო", "София"), ("ელენე", "Елена"), ("ნუცა", nil),
    ]
    static let georgianSurnames: [String] = [
        "ბერიძე", "კაპანაძე", "გელაშვილი", "მაისურაძე", "გიორგაძე", "ლომიძე", "ცეცხლაძე", "ბოლქვაძე", "ნოზაძე",
        "ხუციშვილი", "შენგელია", "ჯაფარიძე", "კვარაცხელია", "ღუდუშაური", "ჩიქოვანი", "ტაბატაძე", "მამულაშვილი",
        "ხარაიშვილი", "გოგოლაძე", "ქავთარაძე", "ნიკოლაიშვილი", "აბაშიძე", "წიკლაური", "ჭანტურია", "სამხარაძე",
        "მელაძე", "ჯავახიშვილი", "კიკნაძე", "ჩხეიძე", "გოგიაშვილი", "ბაქრაძე", "ჟვანია", "ყიფიანი", "ჰუსეინოვი",
    ]

    /// Uzbek names in Uzbek Cyrillic (the generator derives the Latin and the Russian-document forms).
    static let uzbekMaleFirst = [
        "Азиз", "Шоҳрух", "Жасур", "Бобур", "Дилшод", "Отабек", "Санжар", "Рустам", "Фарҳод", "Улуғбек", "Ботир",
        "Акмал", "Шерзод", "Жамшид", "Тимур", "Нодир", "Ислом", "Жаҳонгир",
    ]
    static let uzbekFemaleFirst = [
        "Дилноза", "Гулнора", "Нигора", "Малика", "Шаҳноза", "Мадина", "Зарина", "Нодира", "Гулчеҳра", "Феруза",
        "Умида", "Севара", "Дилфуза", "Мафтуна",
    ]
    static let uzbekSurnames = [
        "Абдуллаев", "Каримов", "Юсупов", "Раҳимов", "Тошматов", "Холматов", "Эргашев", "Назаров", "Исмоилов",
        "Султонов", "Мирзаев", "Усмонов", "Қодиров", "Раҳмонов", "Ғуломов", "Умаров", "Алиев", "Турсунов", "Шарипов",
        "Ҳасанов", "Саидов", "Жўраев", "Норматов", "Бобоев",
    ]

    /// Indian names: each entry lists the spellings one name is met in, the usual one first.
    static let indianMaleFirst: [[String]] = [
        ["Rahul"], ["Amit"], ["Mohammed", "Mohammad", "Muhammad", "Mohd"], ["Rohit"], ["Vikram", "Vikrum"],
        ["Arjun"], ["Sanjay", "Sanjai"], ["Rajesh"], ["Suresh"], ["Deepak", "Dipak"], ["Anil"], ["Ravi"],
        ["Karthik", "Kartik", "Karthick"], ["Abhishek"], ["Sandeep", "Sandip"], ["Harpreet"], ["Manoj"],
    ]
    static let indianFemaleFirst: [[String]] = [
        ["Priya"], ["Anjali"], ["Pooja", "Puja"], ["Neha"], ["Sunita"], ["Kavita", "Kavitha"],
        ["Lakshmi", "Laxmi"], ["Deepa", "Dipa"], ["Divya"], ["Shreya", "Shriya"], ["Aishwarya", "Aishwariya"],
        ["Fatima", "Fathima"], ["Meena"], ["Swati", "Swathi"],
    ]
    static let indianSurnames: [[String]] = [
        ["Singh"], ["Kumar"], ["Sharma"], ["Patel"], ["Reddy", "Reddi"], ["Gupta"], ["Verma"], ["Yadav"],
        ["Chaudhary", "Choudhary", "Chaudhry"], ["Nair"], ["Iyer", "Iyyer"], ["Das"], ["Khan"], ["Mehta"],
        ["Joshi"], ["Rao"], ["Pillai"], ["Srinivasan", "Shrinivasan"], ["Banerjee", "Banerji"],
        ["Mukherjee", "Mukherji"],
    ]

    /// Vietnamese name parts as (written with diacritics, written without).
    typealias Syllable = (native: String, ascii: String)
    static let vietnameseFamily: [Syllable] = [
        ("Nguyễn", "Nguyen"), ("Trần", "Tran"), ("Lê", "Le"), ("Phạm", "Pham"), ("Hoàng", "Hoang"), ("Phan", "Phan"),
        ("Vũ", "Vu"), ("Đặng", "Dang"), ("Bùi", "Bui"), ("Đỗ", "Do"), ("Hồ", "Ho"), ("Ngô", "Ngo"),
    ]
    static let vietnameseMaleMiddle: [Syllable] = [
        ("Văn", "Van"), ("Đức", "Duc"), ("Minh", "Minh"), ("Quang", "Quang"),
    ]
    static let vietnameseFemaleMiddle: [Syllable] = [
        ("Thị", "Thi"), ("Ngọc", "Ngoc"), ("Thanh", "Thanh"), ("Thu", "Thu"),
    ]
    static let vietnameseMaleGiven: [Syllable] = [
        ("Hùng", "Hung"), ("Dũng", "Dung"), ("Tuấn", "Tuan"), ("Long", "Long"), ("Nam", "Nam"), ("Hải", "Hai"),
        ("Sơn", "Son"), ("Thắng", "Thang"), ("Phúc", "Phuc"), ("Khoa", "Khoa"),
    ]
    static let vietnameseFemaleGiven: [Syllable] = [
        ("Hương", "Huong"), ("Lan", "Lan"), ("Mai", "Mai"), ("Linh", "Linh"), ("Trang", "Trang"), ("Hoa", "Hoa"),
        ("Thảo", "Thao"), ("Hạnh", "Hanh"), ("Ngân", "Ngan"), ("Yến", "Yen"),
    ]

    /// Patronymics some Cyrillic records add to the given name (a father's name, so fixed per person).
    static let ukrainianPatronymics = (
        male: ["Олександрович", "Іванович", "Петрович", "Миколайович", "Васильович", "Сергійович", "Володимирович"],
        female: ["Олександрівна", "Іванівна", "Петрівна", "Миколаївна", "Василівна", "Сергіївна", "Володимирівна"]
    )
    static let russianPatronymics = (
        male: ["Александрович", "Иванович", "Петрович", "Николаевич", "Сергеевич", "Владимирович", "Викторович"],
        female: ["Александровна", "Ивановна", "Петровна", "Николаевна", "Сергеевна", "Владимировна", "Викторовна"]
    )

    /// A woman's form of a man's surname: -ов/-ев/-ин → -ова/-ева/-ина, -ский/-ий → -ская/-а, Belarusian -оў →
    /// -ова, -скі → -ская; other surnames (-енко, -ук, -ич, Georgian, Indian) do not change.
    static func feminine(_ surname: String, language: Language) -> String {
        func replacing(_ suffix: String, with ending: String) -> String? {
            surname.hasSuffix(suffix) ? String(surname.dropLast(suffix.count)) + ending : nil
        }
        switch language {
        case .ukrainian:
            return replacing("ий", with: "а") ?? surname
        case .russian, .uzbek:
            return replacing("ский", with: "ская") ?? replacing("цкий", with: "цкая") ?? replacing("ой", with: "ая")
                ?? (["ов", "ев", "ёв", "ин", "ын"].contains { surname.hasSuffix($0) } ? surname + "а" : surname)
        case .belarusian:
            return replacing("оў", with: "ова") ?? replacing("ёў", with: "ёва") ?? replacing("еў", with: "ева")
                ?? replacing("аў", with: "ава") ?? replacing("скі", with: "ская") ?? replacing("цкі", with: "цкая")
                ?? replacing("ін", with: "іна") ?? surname
        }
    }

    enum Language { case ukrainian, russian, belarusian, uzbek }

    /// Neighbouring keys on the Polish (QWERTY) and the Ukrainian/Russian (ЙЦУКЕН) layouts, for typing slips.
    static let keyboardNeighbours: [Character: String] = [
        "a": "qsz", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj", "i": "uo", "j": "hk",
        "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o", "q": "wa", "r": "et", "s": "ad", "t": "ry",
        "u": "yi", "v": "cb", "w": "qe", "x": "zc", "y": "tu", "z": "x",
        "а": "вп", "б": "ью", "в": "ыа", "г": "нш", "д": "лж", "е": "кн", "ж": "дэ", "з": "щх", "и": "мт",
        "й": "ц", "к": "уе", "л": "од", "м": "си", "н": "ег", "о": "рл", "п": "ар", "р": "по", "с": "чм",
        "т": "иь", "у": "цк", "ф": "ы", "х": "зъ", "ц": "йу", "ч": "яс", "ш": "гщ", "щ": "шз", "ы": "фв",
        "ь": "тб", "э": "ж", "ю": "б", "я": "ч", "і": "фв", "ї": "х", "є": "ж",
    ]
}
