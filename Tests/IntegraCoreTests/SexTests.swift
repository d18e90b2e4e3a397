import IntegraCore
import Testing

@Suite struct SexTests {
    @Test(arguments: [
        "K", "k", "K.", "Kobieta", "KOBIETA", "kob.", "F", "female", "Female", "woman",
        "ж", "Ж", "жін.", "жінка", "Жіноча", "жен.", "женщина", "Женский", "К",
    ])
    func female(text: String) {
        #expect(Sex(parsing: text) == .female)
    }

    @Test(arguments: [
        "M", "m", "M.", "Mężczyzna", "mężczyzna", "MEZCZYZNA", "Meżczyzna", "męż.", "male", "Male", "man",
        "ч", "Ч", "чол.", "чоловік", "Чоловіча", "м", "М", "муж.", "мужчина", "Мужской",
    ])
    func male(text: String) {
        #expect(Sex(parsing: text) == .male)
    }

    @Test(arguments: ["", "x", "w", "weiblich", "K/M", "1", "kobieta mężczyzna", "inna"])
    func unknown(text: String) {
        #expect(Sex(parsing: text) == nil)
    }

    @Test func reportForms() {
        #expect(Sex.female.rawValue == "K")
        #expect(Sex.male.rawValue == "M")
        #expect(Sex.female.polishName == "Kobieta")
        #expect(Sex.male.polishName == "Mężczyzna")
    }
}
