import Foundation
import IntegraCore

/// How the programme's persons are named and how each file writes them: drawn from skewed frequencies and rendered
/// by ``GeneratorState``'s forms (scripts, romanisations, Russian forms, Polish and English first names) with its own
/// random source, so that the shape of the population does not depend on how many spellings were drawn.
struct ProgramNames {
    var state: GeneratorState

    init(seed: UInt64) { state = GeneratorState(seed: seed) }

    // MARK: Drawing

    /// A name for a new person. Ukrainian first names weigh 1 / (rank + 3); surnames come 35 % from the common list
    /// (weight 1 / (rank + 15)) and 65 % from the long tail of stems and endings. Every Slavic person gets a
    /// patronymic (written only sometimes).
    mutating func draw(_ nationality: Nationality, female: Bool) -> PersonName {
        switch nationality {
        case .ukrainian:
            let first = state.ranked(female ? PersonNames.femaleFirst : PersonNames.maleFirst, offset: 3)
            let base =
                state.rng.chance(0.35)
                ? state.ranked(PersonNames.ukrainianSurnames, offset: 15)
                : state.rng.pick(PersonNames.ukrainianStems) + state.rng.pick(PersonNames.ukrainianEndings)
            let surname = female ? PersonNames.feminine(base, language: .ukrainian) : base
            let list = PersonNames.ukrainianPatronymics
            return .slavic(
                first, surname: surname, russianSurname: surname,
                patronymic: state.rng.pick(female ? list.female : list.male))
        default:
            let name = state.makeName(nationality, female: female)
            guard case let .slavic(first, surname, russianSurname, patronymic) = name, patronymic == nil else {
                return name
            }
            let list = PersonNames.russianPatronymics
            return .slavic(
                first, surname: surname, russianSurname: russianSurname,
                patronymic: state.rng.pick(female ? list.female : list.male))
        }
    }

    /// The passport form of first name and surname, folded past the differences of spelling systems (case, y/i,
    /// h, doubled letters, ' and -): equal keys are the same name (namesakes), for keeping course participants apart.
    mutating func key(_ person: SyntheticLinkPerson) -> (first: String, last: String) {
        let (first, last) = state.render(person, form: state.passportForm(person.nationality))
        func fold(_ text: String) -> String {
            var folded = ""
            for c in text.lowercased() where c.isLetter && c != "h" {
                let letter: Character = c == "y" ? "i" : c
                if folded.last != letter { folded.append(letter) }
            }
            return folded
        }
        return (fold(first), fold(last))
    }

    // MARK: Rolls

    /// A course roll's spelling: a Latin one for a Polish partner's Windows-1250 file (the passport form or the
    /// Polish transcription, half and half), the person's own script (Cyrillic, Vietnamese with its marks; the
    /// Russian Cyrillic form of a Georgian name) for the Ukrainian-speaking workshop partners.
    mutating func roll(_ person: ProgramGenerator.Person, latin: Bool) -> (first: String, last: String) {
        let form: NameForm
        switch (person.nationality, latin) {
        case (.ukrainian, true): form = state.rng.chance(0.5) ? .ukrainianPassport : .ukrainianPolish
        case (.russian, true): form = state.rng.chance(0.5) ? .russianPassport : .russianPolish
        case (.belarusian, true): form = state.rng.chance(0.5) ? .belarusianPassport : .belarusianPolish
        case (.georgian, true): form = state.rng.chance(0.7) ? .georgianLatin : .georgianPolish
        case (.georgian, false): form = .russianCyrillic
        case (.vietnamese, true): form = .vietnameseASCII
        case (.indian, _): form = .canonical
        default: form = .native
        }
        return state.render(person.link, form: form)
    }

    mutating func chance(_ p: Double) -> Bool { state.rng.chance(p) }

    // MARK: Attendance

    /// How an attendance sheet writes a member whom the roll writes `roll`: as the roll does (45 %, "First LAST"
    /// or "Last First"), or with the patronymic ("KOVALENKO Olena Petrivna"), in another script, in another
    /// romanisation, with an English or Polish first name, in Vietnamese order with diacritics, or with a slip.
    mutating func attendance(_ person: ProgramGenerator.Person, roll: (first: String, last: String), variants: Bool)
        -> String
    {
        guard variants, !chance(0.45) else {
            return chance(0.5) ? "\(roll.first) \(roll.last.uppercased())" : "\(roll.last) \(roll.first)"
        }
        let link = person.link
        switch link.name {
        case let .vietnamese(family, middle, given):
            switch state.rng.int(0...2) {
            case 0: return "\(family.native.uppercased()) \(given.native)"
            case 1: return "\(family.native) \(middle.native) \(given.native)"
            default: return "\(middle.ascii) \(given.ascii) \(family.ascii)"
            }
        case let .slavic(names, _, _, patronymic):
            let cyrillicRoll = roll.last.unicodeScalars.contains { (0x400...0x4FF).contains($0.value) }
            switch state.rng.int(0...5) {
            case 0:
                // The patronymic, in the roll's script.
                let form: NameForm = cyrillicRoll ? .native : state.passportForm(link.nationality)
                let (first, last) = state.render(link, form: form)
                let middle = patronymic.map { state.renderPatronymic($0, person: link, form: form) } ?? ""
                return "\(last.uppercased()) \(first) \(middle)".trimmingCharacters(in: .whitespaces)
            case 1:
                // The other script: Cyrillic (sometimes the Russian form) for a Latin roll, Latin for a Cyrillic one.
                let form: NameForm =
                    cyrillicRoll
                    ? state.passportForm(link.nationality) : (chance(0.25) ? .russianCyrillic : .native)
                let (first, last) = state.render(link, form: form)
                return chance(0.5) ? "\(last.uppercased()) \(first)" : "\(first) \(last)"
            case 2:
                // Another romanisation.
                let forms: [NameForm] =
                    link.nationality == .ukrainian
                    ? [.ukrainianOldPassport, .russianPassport, .russianPolish, .ukrainianPolish]
                    : [.russianPassport, .russianOldPassport, .russianPolish]
                let (first, last) = state.render(link, form: state.rng.pick(forms))
                return chance(0.5) ? "\(last.uppercased()) \(first)" : "\(first) \(last)"
            case 3 where names.english != nil || names.polish != nil:
                let form: NameForm =
                    names.english != nil && (names.polish == nil || chance(0.5)) ? .englishName : .polishName
                let (first, last) = state.render(link, form: form)
                return "\(last.uppercased()) \(first)"
            default:
                return chance(0.5)
                    ? "\(state.typo(roll.last).uppercased()) \(roll.first)" : "\(roll.first) \(state.typo(roll.last))"
            }
        default:
            let form: NameForm = link.nationality == .georgian ? .georgianPolish : .spellingVariant
            let (first, last) = state.render(link, form: form)
            return "\(last.uppercased()) \(first)"
        }
    }

    // MARK: Consultation logs

    /// A consultant's way of writing names: the style's forms three times as likely.
    enum Consultant: CaseIterable {
        case passport, polish, cyrillic

        var style: FormStyle {
            switch self {
            case .passport: return .passport
            case .polish: return .polish
            case .cyrillic: return .native
            }
        }
    }

    /// A client's name as one consultant writes it in one row ("Olena Kovalenko", "KOVALENKO Olena Petrivna",
    /// "Kowalenko Ołena", "Олена Коваленко", "Helen Kovalenko", "OLENA KOVALENKO", "Olena Kovalneko").
    mutating func consultation(_ person: ProgramGenerator.Person, by consultant: Consultant) -> String {
        let link = person.link
        let form = state.pickForm(link.nationality, style: consultant.style)
        var (first, last) = state.render(link, form: form)
        var middle = ""
        if case let .slavic(_, _, _, patronymic?) = link.name, state.rng.chance(0.12) {
            middle = state.renderPatronymic(patronymic, person: link, form: form)
        }
        if state.rng.chance(0.05) {
            if state.rng.chance(0.5) { first = state.typo(first) } else { last = state.typo(last) }
        }
        let surnameFirst = state.rng.chance(0.2)
        switch state.rng.int(0...99) {
        case 0..<12:
            first = first.uppercased()
            last = last.uppercased()
            middle = middle.uppercased()
        case 12..<27:
            last = last.uppercased()
        default: break
        }
        let given = middle.isEmpty ? first : "\(first) \(middle)"
        return surnameFirst || (!middle.isEmpty && last == last.uppercased()) ? "\(last) \(given)" : "\(given) \(last)"
    }
}
