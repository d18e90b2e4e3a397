import IntegraCore

/// Which spelling of a name a partner's file uses.
enum FormStyle: Sendable { case passport, polish, native, neutral }

/// The forms one record may give a name in; `traits` name them as `name:<rawValue>`.
enum NameForm: String, CaseIterable, Sendable {
    /// The person's own script: Ukrainian, Russian, Belarusian or Uzbek Cyrillic, Georgian, Vietnamese with marks.
    case native
    /// The Russian form of the name in Cyrillic (Александр for Олександр or Аляксандр).
    case russianCyrillic
    case ukrainianPassport, ukrainianOldPassport, ukrainianPolish
    case russianPassport, russianOldPassport, russianPolish
    case belarusianPassport, belarusianBGN, belarusianPolish
    case uzbekLatin
    case georgianLatin, georgianPolish
    /// A Polish or English given name the person goes by (Aleksander, Alexander), with the surname romanised.
    case polishName, englishName
    /// Indian names: the usual spelling, or any of the spellings the name is met in.
    case canonical, spellingVariant
    /// Vietnamese without diacritics; with the middle name moved to the surname; without the middle name.
    case vietnameseASCII, vietnameseGivenOnly, vietnameseNoMiddle

    var isCyrillic: Bool { self == .native || self == .russianCyrillic }

    var style: FormStyle {
        switch self {
        case .native, .russianCyrillic: return .native
        case .ukrainianPassport, .russianPassport, .belarusianPassport, .uzbekLatin, .georgianLatin, .vietnameseASCII,
            .canonical:
            return .passport
        case .ukrainianPolish, .russianPolish, .belarusianPolish, .georgianPolish, .polishName: return .polish
        default: return .neutral
        }
    }

    var romanisation: Romanisation? { Romanisation(rawValue: rawValue) }
}

extension GeneratorState {
    static let formWeights: [Nationality: [(NameForm, Double)]] = [
        .ukrainian: [
            (.native, 20), (.ukrainianPassport, 32), (.ukrainianOldPassport, 8), (.ukrainianPolish, 20),
            (.russianCyrillic, 4), (.russianPassport, 5), (.russianPolish, 3), (.polishName, 4), (.englishName, 4),
        ],
        .russian: [
            (.native, 25), (.russianPassport, 33), (.russianOldPassport, 14), (.russianPolish, 20), (.polishName, 4),
            (.englishName, 4),
        ],
        .belarusian: [
            (.native, 10), (.belarusianPassport, 30), (.belarusianBGN, 6), (.belarusianPolish, 14),
            (.russianCyrillic, 12), (.russianPassport, 14), (.russianPolish, 6), (.polishName, 4), (.englishName, 4),
        ],
        .uzbek: [
            (.uzbekLatin, 40), (.russianCyrillic, 15), (.russianPassport, 25), (.russianOldPassport, 8),
            (.russianPolish, 9), (.native, 3),
        ],
        .georgian: [
            (.native, 12), (.georgianLatin, 55), (.georgianPolish, 18), (.russianCyrillic, 10), (.russianPassport, 5),
        ],
        .indian: [(.canonical, 75), (.spellingVariant, 25)],
        .vietnamese: [(.native, 35), (.vietnameseASCII, 40), (.vietnameseGivenOnly, 10), (.vietnameseNoMiddle, 15)],
    ]

    /// A form for one record: by the nationality's weights, the partner's preferred style three times as likely.
    mutating func pickForm(_ nationality: Nationality, style: FormStyle) -> NameForm {
        let weights = Self.formWeights[nationality]!.map {
            ($0.0, $0.1 * ($0.0.style == style && style != .neutral ? 3 : 1))
        }
        var target = Double(rng.next() >> 11) / Double(1 << 53) * weights.reduce(0) { $0 + $1.1 }
        for (form, weight) in weights {
            target -= weight
            if target < 0 { return form }
        }
        return weights[weights.count - 1].0
    }

    func passportForm(_ nationality: Nationality) -> NameForm {
        switch nationality {
        case .ukrainian: return .ukrainianPassport
        case .russian: return .russianPassport
        case .belarusian: return .belarusianPassport
        case .uzbek: return .uzbekLatin
        case .georgian: return .georgianLatin
        case .indian: return .canonical
        case .vietnamese: return .vietnameseASCII
        }
    }

    func polishForm(_ nationality: Nationality) -> Romanisation {
        switch nationality {
        case .russian, .uzbek: return .russianPolish
        case .belarusian: return .belarusianPolish
        default: return .ukrainianPolish
        }
    }

    /// First and last name of `person` in `form`.
    mutating func render(_ person: SyntheticLinkPerson, form: NameForm) -> (String, String) {
        switch person.name {
        case let .slavic(names, surname, russianSurname, _):
            let own: String
            switch person.nationality {
            case .russian: own = names.russian
            case .belarusian: own = names.belarusian
            default: own = names.ukrainian
            }
            let passport = passportForm(person.nationality).romanisation!
            let polish = polishForm(person.nationality)
            switch form {
            case .native: return (own, surname)
            case .russianCyrillic: return (names.russian, russianSurname)
            case .polishName: return (names.polish ?? polish.apply(own), polish.apply(surname))
            case .englishName: return (names.english ?? passport.apply(own), passport.apply(surname))
            case .russianPassport, .russianOldPassport, .russianPolish:
                let system = form.romanisation!
                return (
                    system.apply(names.russian), system.apply(person.nationality == .russian ? surname : russianSurname)
                )
            default:
                let system = form.romanisation ?? passport
                return (system.apply(own), system.apply(surname))
            }
        case let .uzbek(first, surname):
            switch form {
            case .native: return (first, surname)
            case .russianCyrillic: return (Cyrillic.russifiedUzbek(first), Cyrillic.russifiedUzbek(surname))
            case .russianPassport, .russianOldPassport, .russianPolish:
                let system = form.romanisation!
                return (system.apply(Cyrillic.russifiedUzbek(first)), system.apply(Cyrillic.russifiedUzbek(surname)))
            default: return (Romanisation.uzbekLatin.apply(first), Romanisation.uzbekLatin.apply(surname))
            }
        case let .georgian(first, russianFirst, surname):
            switch form {
            case .native: return (first, surname)
            case .georgianPolish: return (Georgian.apply(first, .polish), Georgian.apply(surname, .polish))
            case .russianCyrillic, .russianPassport:
                let cyrillic = (russianFirst ?? Georgian.apply(first, .russian), Georgian.apply(surname, .russian))
                guard form == .russianPassport else { return cyrillic }
                return (Romanisation.russianPassport.apply(cyrillic.0), Romanisation.russianPassport.apply(cyrillic.1))
            default: return (Georgian.apply(first, .latin), Georgian.apply(surname, .latin))
            }
        case let .indian(first, surname):
            guard form == .spellingVariant else { return (first[0], surname[0]) }
            return (rng.pick(first), rng.pick(surname))
        case let .vietnamese(family, middle, given):
            switch form {
            case .native: return ("\(middle.native) \(given.native)", family.native)
            case .vietnameseGivenOnly:
                return rng.chance(0.5)
                    ? (given.native, "\(family.native) \(middle.native)")
                    : (given.ascii, "\(family.ascii) \(middle.ascii)")
            case .vietnameseNoMiddle: return (given.ascii, family.ascii)
            default: return ("\(middle.ascii) \(given.ascii)", family.ascii)
            }
        }
    }

    /// A patronymic (Cyrillic) in the same system as the rest of the record's name.
    func renderPatronymic(_ patronymic: String, person: SyntheticLinkPerson, form: NameForm) -> String {
        if form.isCyrillic { return patronymic }
        let system = form.romanisation ?? passportForm(person.nationality).romanisation ?? .ukrainianPassport
        return system.apply(patronymic)
    }
}

extension SeededGenerator {
    /// Fisher–Yates with this generator, so the order is the same on every platform and Swift version.
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, int(0...i))
        }
    }

    /// A uniform element, or nil for an empty collection.
    mutating func element<C: Collection>(of items: C) -> C.Element? where C.Index == Int {
        items.isEmpty ? nil : items[items.startIndex + int(0...(items.count - 1))]
    }
}
