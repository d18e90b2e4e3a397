import Foundation
import IntegraCore

/// The records as the linker works on them: every value replaced by a small integer, names by their spelling,
/// skeleton, phonetic codes and first-name classes, each computed once per distinct name.
///
/// Records are held in a canonical order (by key), not the caller's: the random pairs for u, the ids and every
/// tie-break then depend on the records alone, so a shuffled input gives the same clusters.
struct PreparedRecords {
    let count: Int
    /// `order[i]` is the caller's index of canonical record `i`.
    let order: [Int]
    /// Spelling ids (`NameCatalogue`), -1 when missing.
    var firstName: [Int32]
    var lastName: [Int32]
    /// `yyyymmdd`, -1 when missing.
    var birthDate: [Int32]
    var birthDateAmbiguous: [Bool]
    /// Value ids of the exact-match fields, -1 when missing.
    var sex: [Int32]
    var citizenship: [Int32]
    var document: [Int32]
    var phone: [Int32]
    var email: [Int32]
    var pesel: [Int32]
    /// The father's name a patronymic carries (`patronymicKey`), as a value id, -1 when the record has none.
    var patronymic: [Int32]
    var names: NameCatalogue

    init(_ records: [LinkRecord], firstNameClasses: [[String]]) {
        count = records.count
        order = PreparedRecords.canonicalOrder(records)
        var names = NameCatalogue(firstNameClasses: firstNameClasses)
        var first = [Int32](repeating: -1, count: count)
        var last = [Int32](repeating: -1, count: count)
        // Name cells repeat (a partner's spelling of a common name): each distinct cell is analysed once.
        var cellIDs: [String: Int32] = [:]
        var cells: [String] = []
        func cell(_ text: String) -> Int32 {
            if let id = cellIDs[text] { return id }
            let id = Int32(cells.count)
            cellIDs[text] = id
            cells.append(text)
            return id
        }
        for (i, original) in order.enumerated() {
            if let name = records[original].firstName { first[i] = cell(name) }
            if let name = records[original].lastName { last[i] = cell(name) }
        }
        let spellingOfCell = names.spellings(ofCells: cells)
        for i in 0..<count {
            if first[i] >= 0 { first[i] = spellingOfCell[Int(first[i])] }
            if last[i] >= 0 { last[i] = spellingOfCell[Int(last[i])] }
        }
        // A PESEL carries the birth date and sex. Its date (checked by the check digit) is compared in place of the
        // written one: a written date that disagrees with it is a slip (the pipeline reports it as
        // `pesel-birth-date-mismatch`), and the PESEL's date is the one other records of the person carry. Its sex
        // fills a sex the record leaves empty.
        let order = self.order
        let n = records.count
        let dates = Parallel.map(n) { i -> (date: Int32, ambiguous: Bool, sex: String?) in
            let record = records[order[i]]
            let decoded = record.pesel.map { PESEL($0) }.flatMap { $0.isValid ? $0 : nil }
            let sex = record.sex ?? decoded?.sex?.rawValue
            guard let date = decoded?.birthDate ?? record.birthDate else { return (-1, false, sex) }
            return (
                Int32(date.year * 10_000 + date.month * 100 + date.day),
                decoded?.birthDate == nil && record.birthDateAmbiguous, sex
            )
        }
        // Each exact-match field's values get ids in canonical record order, the fields side by side.
        let fields: [(Int) -> String?] = [
            { dates[$0].sex }, { records[order[$0]].citizenship }, { records[order[$0]].document },
            { records[order[$0]].phone }, { records[order[$0]].email }, { records[order[$0]].pesel },
            { PreparedRecords.patronymicKey(first: records[order[$0]].firstName, last: records[order[$0]].lastName) },
        ]
        let ids = Parallel.map(fields.count, minimumChunk: 1) { f -> [Int32] in
            var interner = ValueInterner(count: n)
            for i in 0..<n { interner.add(fields[f](i), at: i) }
            return interner.ids
        }
        firstName = first
        lastName = last
        birthDate = dates.map(\.date)
        birthDateAmbiguous = dates.map(\.ambiguous)
        self.sex = ids[0]
        self.citizenship = ids[1]
        self.document = ids[2]
        self.phone = ids[3]
        self.email = ids[4]
        self.pesel = ids[5]
        self.patronymic = ids[6]
        names.finishAdding()
        self.names = names
    }

    /// How many records have a value in a field.
    func presentCount(_ field: ComparisonField) -> Int {
        let ids: [Int32]
        switch field {
        case .firstName: ids = firstName
        case .lastName: ids = lastName
        case .birthDate: ids = birthDate
        default: ids = values(of: field)
        }
        return ids.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
    }

    /// The value ids of one exact-match field.
    func values(of field: ComparisonField) -> [Int32] {
        switch field {
        case .sex: sex
        case .citizenship: citizenship
        case .document: document
        case .phone: phone
        case .email: email
        case .firstName, .lastName, .birthDate: []
        }
    }

    /// The father's name in a record's patronymic (a word after the first of either name cell: Olena Petrivna,
    /// KOVALENKO Olena Petrivna, Ткачук / Оксана Василівна), as the first three consonants of its skeleton, which
    /// the Ukrainian, Russian and Polish forms share (Volodymyrivna, Vladimirovna, Wołodymyriwna: "vld"; Serhiiovych,
    /// Sergeevich: "srh"); Mykola's Russian form Nikolai is read as Mykola. Nil when there is none. Two records
    /// whose patronymics name different fathers are two persons, whatever their names.
    static func patronymicKey(first: String?, last: String?) -> String? {
        for cell in [first, last] {
            guard let cell else { continue }
            let words = cell.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst()
            guard let word = words.first(where: { NameCleaning.isPatronymic(String($0)) }) else { continue }
            let consonants = NameKey.skeleton(String(word)).filter { $0.isLetter && !"aeiouy".contains($0) }
            guard consonants.count >= 3 else { continue }
            let key = String(consonants.prefix(3))
            return key == "nkl" ? "mkl" : key
        }
        return nil
    }

    /// Records sorted by a hash of their key, then the key, then the caller's index (only for repeated keys).
    private static func canonicalOrder(_ records: [LinkRecord]) -> [Int] {
        let hashes = records.map { fnv1a($0.key) }
        return records.indices.sorted { a, b in
            if hashes[a] != hashes[b] { return hashes[a] < hashes[b] }
            if records[a].key != records[b].key { return records[a].key < records[b].key }
            return a < b
        }
    }

    private static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }
}

/// Gives each distinct non-empty value an id, in order of first appearance.
private struct ValueInterner {
    var ids: [Int32]
    private var table: [String: Int32] = [:]

    init(count: Int) { ids = [Int32](repeating: -1, count: count) }

    mutating func add(_ value: String?, at index: Int) {
        guard let value, !value.isEmpty else { return }
        if let id = table[value] {
            ids[index] = id
        } else {
            let id = Int32(table.count)
            table[value] = id
            ids[index] = id
        }
    }
}

/// Every distinct name seen: its spelling, skeleton, Daitch–Mokotoff codes and first-name classes.
///
/// A *spelling* is a cleaned name in lower case (`ołeksandr`); a *skeleton* is `NameKey.skeleton` of it
/// (`oleksandr`), shared by the spellings of one name across scripts and romanisations. First and last names share
/// the tables, so a surname typed as a first name is recognised (swapped names).
struct NameCatalogue {
    /// Skeleton id of each spelling.
    private(set) var skeletonOfSpelling: [Int32] = []
    /// A second skeleton for Cyrillic spellings with no Ukrainian letter, read as Russian (ICAO) where `NameKey`
    /// reads them as Ukrainian: Кипиани is Kypyany to `NameKey` and Kipiani on a Russian or Georgian passport.
    /// -1 when the spelling has one reading.
    private(set) var russianSkeletonOfSpelling: [Int32] = []
    /// Each spelling as typed (lower case) and in plain Latin letters (transliterated, no diacritics), flat like
    /// `letters`: typing slips are counted on what was typed, before transliteration and the skeleton's rules
    /// rewrite it (Тетчна is one key from Тетяна, Ieyna one from Iryna).
    private(set) var typedLetters: [UInt32] = []
    private(set) var typedStart: [Int32] = [0]
    private(set) var plainLetters: [UInt32] = []
    private(set) var plainStart: [Int32] = [0]
    /// Skeletons' letters, flat; skeleton `s` is `letters[letterStart[s] ..< letterStart[s + 1]]`.
    private(set) var letters: [UInt32] = []
    private(set) var letterStart: [Int32] = [0]
    /// Daitch–Mokotoff codes of each spelling, sorted, flat like `typedLetters`: of its plain letters and of its
    /// skeletons (Schewtschenko's plain letters code as Shevchenko's do, its skeleton does not).
    private(set) var phonetic: [UInt32] = []
    private(set) var phoneticStart: [Int32] = [0]
    /// The consonant key of each spelling (and of its Russian reading), ids sorted, flat like `phonetic`
    /// (`NameCatalogue.consonants`).
    private(set) var consonantKeys: [UInt32] = []
    private(set) var consonantStart: [Int32] = [0]
    /// The codes of each word of a spelling of several words (empty for one word), for blocking.
    private(set) var wordPhonetic: [UInt32] = []
    private(set) var wordPhoneticStart: [Int32] = [0]
    /// Whether each skeleton has more than one word.
    private(set) var severalWords: [Bool] = []
    /// The first-name classes a skeleton belongs to, sorted, flat in the same way.
    private(set) var classes: [Int32] = []
    private(set) var classStart: [Int32] = [0]
    /// Whether a skeleton's classes are a reading of it as a slip of a known name (`classesOfNearestKnownName`)
    /// rather than its own: such a reading can make two names equivalent, never two different names.
    private(set) var classesInferred: [Bool] = []
    /// The East Slavic form of each skeleton (`slavicForm`), as an id: Belarusian and Russian forms of one
    /// surname (Bandarenka, Bondarenko; Kazlou, Kozlov) share it.
    private(set) var slavicFormOfSkeleton: [Int32] = []
    private var slavicFormIDs: [String: Int32] = [:]

    private var spellingIDs: [String: Int32] = [:]
    private var skeletonIDs: [String: Int32] = [:]
    private var consonantIDs: [String: UInt32] = [:]
    private let classesOfSkeleton: [String: [Int32]]
    /// Known names (skeletons with a class) by their deletion forms (`deletions`), to read a slip of one as it.
    private let knownNeighbours: [String: [String]]

    init(firstNameClasses: [[String]]) {
        var classes: [String: [Int32]] = [:]
        for (index, members) in firstNameClasses.enumerated() {
            for member in members {
                let name = NameCleaning.cleaned(member) ?? member
                for skeleton in [NameKey.skeleton(name), NameCatalogue.russianReading(name)].compactMap(\.self)
                where !skeleton.isEmpty && classes[skeleton]?.last != Int32(index) {
                    classes[skeleton, default: []].append(Int32(index))
                }
            }
        }
        classesOfSkeleton = classes
        var neighbours: [String: [String]] = [:]
        for skeleton in classes.keys.sorted() where skeleton.count >= NameCatalogue.shortestCorrectable {
            for key in NameCatalogue.deletions(skeleton) { neighbours[key, default: []].append(skeleton) }
        }
        knownNeighbours = neighbours
    }

    /// Names shorter than this are not read as a slip of a known name: in short names one letter makes another
    /// name (Anna, Inna; Ina, Iana).
    static let shortestCorrectable = 5

    /// The word itself and every form of it with one letter left out: two words one typing slip apart (a letter
    /// wrong, missing, added, or two neighbours exchanged) share at least one of these (the deletion neighbourhood
    /// of Garbe's SymSpell).
    static func deletions(_ word: String) -> [String] {
        let letters = Array(word)
        return [word] + letters.indices.map { i in String(letters[..<i] + letters[(i + 1)...]) }
    }

    /// The classes of the one known name a name not in any class is a typing slip of (Nadueżda: Nadieżda), or
    /// none when it is near no known name or near names of several classes.
    private func classesOfNearestKnownName(_ skeleton: String) -> [Int32] {
        guard skeleton.count >= NameCatalogue.shortestCorrectable else { return [] }
        let letters = skeleton.unicodeScalars.map(\.value)
        var found = Set<Int32>()
        var known = Set<String>()
        for key in NameCatalogue.deletions(skeleton) { known.formUnion(knownNeighbours[key] ?? []) }
        for candidate in known {
            let other = candidate.unicodeScalars.map(\.value)
            if NameCatalogue.atMostOneEdit(letters[...], other[...]) { found.formUnion(classesOfSkeleton[candidate] ?? []) }
        }
        return found.count == 1 ? Array(found) : []
    }

    /// Drops the tables only needed while names are added (they are large, and every copy of the catalogue would
    /// carry them).
    mutating func finishAdding() {
        spellingIDs = [:]
        skeletonIDs = [:]
        consonantIDs = [:]
        slavicFormIDs = [:]
    }

    var skeletonCount: Int { letterStart.count - 1 }
    var spellingCount: Int { skeletonOfSpelling.count }

    /// The spelling ids of name cells (first names and surnames alike), -1 for a cell that holds no name. A cell
    /// loses a patronymic after its first word (`NameCleaning.givenName`): in a surname cell that is a swapped
    /// record's given name and patronymic (Ткачук / Оксана Василівна). The cells are analysed in parallel and added
    /// in their order, so ids do not depend on the threads.
    mutating func spellings(ofCells cells: [String]) -> [Int32] {
        // Cells that differ only in case or in titles and patronymics (OLENA, Olena, mgr Olena) are one spelling,
        // analysed once.
        let spellingOfCell = Parallel.map(cells.count, minimumChunk: 256) {
            NameCleaning.givenName(cells[$0])?.lowercased()
        }
        var index: [String: Int32] = [:]
        var spellings: [String] = []
        let spellingIndex = spellingOfCell.map { spelling -> Int32 in
            guard let spelling else { return -1 }
            if let i = index[spelling] { return i }
            index[spelling] = Int32(spellings.count)
            spellings.append(spelling)
            return Int32(spellings.count - 1)
        }
        let catalogue = self
        let analyses = Parallel.map(spellings.count, minimumChunk: 64) { i -> SpellingAnalysis? in
            guard var analysis = NameCatalogue.analyse(spelling: spellings[i]) else { return nil }
            analysis.skeletonFacts = catalogue.facts(ofSkeleton: analysis.skeleton)
            analysis.russianFacts = analysis.russian.map { catalogue.facts(ofSkeleton: $0) }
            return analysis
        }
        let ids = analyses.map { add($0) }
        return spellingIndex.map { $0 >= 0 ? ids[Int($0)] : -1 }
    }

    /// Everything about one spelling that needs no table: computed for many spellings at once.
    struct SpellingAnalysis {
        var spelling: String
        var skeleton: String
        /// The Russian reading's skeleton when it differs from `skeleton`.
        var russian: String?
        var typed: [UInt32]
        var plain: [UInt32]
        var phonetic: [UInt32]
        var consonants: [String]
        var wordPhonetic: [UInt32]
        /// What the catalogue's tables say of the skeleton and of the Russian reading's (`facts(ofSkeleton:)`).
        var skeletonFacts = SkeletonFacts()
        var russianFacts: SkeletonFacts?
    }

    /// A skeleton's first-name classes (its own, or read as a slip of a known name), and its East Slavic form.
    struct SkeletonFacts {
        var classes: [Int32] = []
        var inferred = false
        var slavicForm = ""
    }

    /// The facts of a skeleton, from tables fixed since `init`: safe on any thread.
    func facts(ofSkeleton skeleton: String) -> SkeletonFacts {
        let form = NameCatalogue.slavicForm(skeleton)
        if let own = classesOfSkeleton[skeleton] { return SkeletonFacts(classes: own, inferred: false, slavicForm: form) }
        let inferred = classesOfNearestKnownName(skeleton)
        return SkeletonFacts(classes: inferred, inferred: !inferred.isEmpty, slavicForm: form)
    }

    /// The analysis of a cleaned name in lower case (`NameCleaning.givenName`, lower-cased).
    static func analyse(spelling: String) -> SpellingAnalysis? {
        let name = spelling
        let inLatinOrCyrillic = NameCatalogue.inLatinOrCyrillic(name)
        let skeleton = NameKey.skeleton(inLatinOrCyrillic)
        guard !skeleton.isEmpty else { return nil }
        let typed = spelling.unicodeScalars.filter { $0.properties.isAlphabetic }.map(\.value)
        let plainText = TextNormalisation.foldForMatching(Transliteration.toLatin(inLatinOrCyrillic))
        let plain = plainText.unicodeScalars.filter { $0.properties.isAlphabetic }.map(\.value)
        var readings = [skeleton, plainText]
        var russian: String?
        if let reading = NameCatalogue.russianReading(name), !reading.isEmpty, reading != skeleton {
            russian = reading
            readings.append(reading)
        }
        // Compared as a whole (as Daitch–Mokotoff codes a name): two-word names meet only as a whole (Thanh Mai is
        // not Minh Thang for sharing Thanh). Blocked by each word too: Ivanova-Yashchenko still meets Yashchenko.
        let phonetic = Set(readings.flatMap { DaitchMokotoff.packedCodes($0) }).sorted()
        let consonants = Set([skeleton] + (russian.map { [$0] } ?? [])).map(NameCatalogue.consonants)
            .filter { $0.count >= 3 }.sorted()
        let words = readings.flatMap { $0.split(whereSeparator: { !$0.isLetter }) }
        let wordPhonetic =
            skeleton.contains(" ") ? Set(words.flatMap { DaitchMokotoff.packedCodes(String($0)) }).sorted() : []
        return SpellingAnalysis(
            spelling: spelling, skeleton: skeleton, russian: russian, typed: typed, plain: plain, phonetic: phonetic,
            consonants: consonants, wordPhonetic: wordPhonetic)
    }

    private mutating func add(_ analysis: SpellingAnalysis?) -> Int32 {
        guard let analysis else { return -1 }
        if let id = spellingIDs[analysis.spelling] { return id }
        let id = Int32(skeletonOfSpelling.count)
        spellingIDs[analysis.spelling] = id
        skeletonOfSpelling.append(skeletonID(analysis.skeleton, analysis.skeletonFacts))
        typedLetters += analysis.typed
        typedStart.append(Int32(typedLetters.count))
        plainLetters += analysis.plain
        plainStart.append(Int32(plainLetters.count))
        russianSkeletonOfSpelling.append(
            analysis.russian.map { skeletonID($0, analysis.russianFacts ?? facts(ofSkeleton: $0)) } ?? -1)
        phonetic += analysis.phonetic
        phoneticStart.append(Int32(phonetic.count))
        consonantKeys += Set(analysis.consonants.map { consonantID($0) }).sorted()
        consonantStart.append(Int32(consonantKeys.count))
        wordPhonetic += analysis.wordPhonetic
        wordPhoneticStart.append(Int32(wordPhonetic.count))
        return id
    }

    private mutating func consonantID(_ key: String) -> UInt32 {
        if let id = consonantIDs[key] { return id }
        let id = UInt32(consonantIDs.count)
        consonantIDs[key] = id
        return id
    }

    /// A skeleton's consonants, for names written the Belarusian and the Russian way: a u after a vowel is ў, a v
    /// (Marozau, Morozov); dz and ts are the Belarusian д and т (Dzemidovich, Demidovich; Tsiareshchanka,
    /// Tereshchenko); then the vowels go (akanye: Kavaliova, Kovaleva) and doubled letters are written once.
    static func consonants(_ skeleton: String) -> String {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        var out: [Character] = []
        var previous: Character = " "
        for word in skeleton.split(separator: " ") {
            previous = " "
            var letters = Array(word)
            for i in letters.indices where letters[i] == "u" && i > 0 && vowels.contains(letters[i - 1]) {
                letters[i] = "v"
            }
            let text = String(letters).replacingOccurrences(of: "dz", with: "d").replacingOccurrences(
                of: "ts", with: "t")
            for letter in text where !vowels.contains(letter) && letter != previous {
                out.append(letter)
                previous = letter
            }
        }
        return String(out)
    }

    /// A skeleton with the differences between the Belarusian and the Russian form of one East Slavic name levelled
    /// out, keeping the other vowels (the consonant key, `consonants`, drops them all): ё written "io" (Belarusian
    /// and Polish-style romanisation) or "e" (Russian ICAO) becomes "e"; a u after a vowel is ў, a v (Kazlou,
    /// Kozlov; Paulau, Pavlov); then o becomes a (akanye: Bandarenka, Bondarenko; Kavaliova, Kovaleva).
    ///
    /// The Russian (and Polish-of-Russian) form of a Ukrainian surname is levelled out too: е written "ie" after a
    /// consonant (Polish transcription of Russian: Miedwiediew, Tieriesziuk) becomes "e", and y (Ukrainian и) becomes
    /// i (Russian и: Kobzishin, Kobzyshyn; Onishchishin, Onyshchyshyn; MIELNIK, Melnyk). Georgian and Ukrainian дж,
    /// written "dzh" or Polish "dż" and "j" in English and Georgian Latin (Джапаридзе, Dżaparidze, Japaridze), is one
    /// letter here.
    ///
    /// ```swift
    /// NameCatalogue.slavicForm("kavaliou") == NameCatalogue.slavicForm("kovalev")  // "kavalev"
    /// NameCatalogue.slavicForm("kobzishin") == NameCatalogue.slavicForm("kobzyshyn")  // "kabzishin"
    /// ```
    static func slavicForm(_ skeleton: String) -> String {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        var words: [String] = []
        for word in skeleton.split(separator: " ") {
            var letters = Array(
                word.replacingOccurrences(of: "dzh", with: "y").replacingOccurrences(of: "io", with: "e"))
            // ie after a consonant is the Polish-of-Russian е: one letter.
            var i = 1
            while i + 1 < letters.count {
                if letters[i] == "i", letters[i + 1] == "e", !vowels.contains(letters[i - 1]) {
                    letters.remove(at: i)
                } else {
                    i += 1
                }
            }
            for i in letters.indices where letters[i] == "u" && i > 0 && vowels.contains(letters[i - 1]) {
                letters[i] = "v"
            }
            words.append(String(letters.map { $0 == "o" ? "a" : $0 == "y" ? "i" : $0 }))
        }
        return words.joined(separator: " ")
    }

    /// True when two names are one East Slavic name in its Belarusian and its Russian form (`slavicForm`): either
    /// skeleton of one (its own, `s`/`t`, or its Russian reading, `sr`/`tr`, -1 when none) against either of the other.
    func sameSlavicForm(_ s: Int32, _ sr: Int32, _ t: Int32, _ tr: Int32) -> Bool {
        func same(_ x: Int32, _ y: Int32) -> Bool {
            x >= 0 && y >= 0 && slavicFormOfSkeleton[Int(x)] == slavicFormOfSkeleton[Int(y)]
        }
        return same(s, t) || same(sr, t) || same(s, tr) || same(sr, tr)
    }

    /// The skeleton of a Cyrillic name read as Russian, when nothing in it is Ukrainian-only (і ї є ґ); nil otherwise.
    static func russianReading(_ name: String) -> String? {
        let scalars = name.lowercased().unicodeScalars
        guard scalars.contains(where: { (0x0400...0x052F).contains($0.value) }),
            !scalars.contains(where: { "іїєґ".unicodeScalars.contains($0) })
        else { return nil }
        return NameKey.skeleton(Transliteration.russianICAO(name))
    }

    /// The skeletons of a spelling: its own, and its Russian reading when it has one.
    func skeletons(of spelling: Int32) -> (Int32, Int32) {
        (skeletonOfSpelling[Int(spelling)], russianSkeletonOfSpelling[Int(spelling)])
    }

    private mutating func skeletonID(_ skeleton: String, _ facts: SkeletonFacts) -> Int32 {
        if let id = skeletonIDs[skeleton] { return id }
        let id = Int32(skeletonCount)
        skeletonIDs[skeleton] = id
        letters += skeleton.unicodeScalars.map(\.value)
        letterStart.append(Int32(letters.count))
        severalWords.append(skeleton.contains(" "))
        // A first name that is no known name but one slip from exactly one is read as that name (spelling
        // correction against the list of names): Nadueżda meets Nadiya as `equivalent-name` instead of being
        // another name.
        classes += facts.classes
        classesInferred.append(facts.inferred)
        classStart.append(Int32(classes.count))
        let form = facts.slavicForm
        if let formID = slavicFormIDs[form] {
            slavicFormOfSkeleton.append(formID)
        } else {
            let formID = Int32(slavicFormIDs.count)
            slavicFormIDs[form] = formID
            slavicFormOfSkeleton.append(formID)
        }
        return id
    }

    /// A name in another script (Georgian, Devanagari…) in Latin letters by ICU's `Any-Latin` (ქეთევან → ketevan),
    /// lower-cased first so that Georgian capitals (Mtavruli) are transliterated too; `NameKey` handles Latin and
    /// Cyrillic itself.
    static func inLatinOrCyrillic(_ name: String) -> String {
        let otherScript = name.unicodeScalars.contains { scalar in
            scalar.properties.isAlphabetic && scalar.value >= 0x0250 && !(0x0400...0x052F).contains(scalar.value)
                && !(0x1E00...0x1EFF).contains(scalar.value)
        }
        guard otherScript else { return name }
        return name.lowercased().applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) ?? name
    }

    func consonantKeys(ofSpelling x: Int32) -> ArraySlice<UInt32> {
        consonantKeys[Int(consonantStart[Int(x)])..<Int(consonantStart[Int(x) + 1])]
    }

    func phoneticCodes(ofSpelling x: Int32) -> ArraySlice<UInt32> {
        phonetic[Int(phoneticStart[Int(x)])..<Int(phoneticStart[Int(x) + 1])]
    }

    /// The words of a skeleton (its letters split at spaces).
    func words(ofSkeleton s: Int32) -> [ArraySlice<UInt32>] {
        letters[Int(letterStart[Int(s)])..<Int(letterStart[Int(s) + 1])].split(separator: 32)
    }

    /// True when every word of the name with fewer words is a word of the other, or one typing slip from one
    /// (Khoa in Duc Khoa, Yashchenko in Ivanova Yashchenko; Ngn in Thi Ngan, Sno in Quang Son), each word of the
    /// other used once.
    func wordsContained(_ s: Int32, _ t: Int32) -> Bool {
        guard severalWords[Int(s)] || severalWords[Int(t)] else { return false }
        let (x, y) = (words(ofSkeleton: s), words(ofSkeleton: t))
        let (fewer, more) = x.count <= y.count ? (x, y) : (y, x)
        guard fewer.count < more.count else { return false }
        var used = [Bool](repeating: false, count: more.count)
        for word in fewer {
            let exact = more.indices.first { !used[$0] && more[$0].elementsEqual(word) }
            let near =
                exact
                ?? more.indices.first { !used[$0] && word.count >= 3 && NameCatalogue.atMostOneEdit(more[$0], word) }
            guard let match = near else { return false }
            used[match] = true
        }
        return true
    }

    /// The codes a spelling is blocked on: its own and, for a name of several words, each word's.
    func blockingCodes(ofSpelling x: Int32) -> [UInt32] {
        let words = wordPhonetic[Int(wordPhoneticStart[Int(x)])..<Int(wordPhoneticStart[Int(x) + 1])]
        let own = phoneticCodes(ofSpelling: x)
        return words.isEmpty ? Array(own) : Set(own).union(words).sorted()
    }

    func classes(ofSkeleton s: Int32) -> ArraySlice<Int32> {
        classes[Int(classStart[Int(s)])..<Int(classStart[Int(s) + 1])]
    }

    /// Jaro–Winkler similarity of two skeletons.
    func similarity(_ a: Int32, _ b: Int32) -> Double {
        letters.withUnsafeBufferPointer { all in
            let x = UnsafeBufferPointer(rebasing: all[Int(letterStart[Int(a)])..<Int(letterStart[Int(a) + 1])])
            let y = UnsafeBufferPointer(rebasing: all[Int(letterStart[Int(b)])..<Int(letterStart[Int(b) + 1])])
            return JaroWinkler.similarity(x, y)
        }
    }

    /// True when two spellings are one typing slip apart (a letter wrong, missing, added, or two neighbours
    /// exchanged), as typed, in plain letters or in their skeletons; names of five letters or more only, since in shorter ones a
    /// letter makes another name (Anna, Inna).
    func oneSlipApart(_ x: Int32, _ y: Int32, skeletons s: Int32, _ t: Int32) -> Bool {
        // On the arrays' storage directly: slicing them costs a retain and release per slice, in the linker's
        // hottest loop.
        func slip(_ all: [UInt32], _ start: [Int32], _ i: Int32, _ j: Int32) -> Bool {
            let (a0, a1) = (Int(start[Int(i)]), Int(start[Int(i) + 1]))
            let (b0, b1) = (Int(start[Int(j)]), Int(start[Int(j) + 1]))
            guard min(a1 - a0, b1 - b0) >= 5, abs((a1 - a0) - (b1 - b0)) <= 1 else { return false }
            return all.withUnsafeBufferPointer { buffer in
                NameCatalogue.atMostOneEdit(
                    UnsafeBufferPointer(rebasing: buffer[a0..<a1]), UnsafeBufferPointer(rebasing: buffer[b0..<b1]))
            }
        }
        return slip(typedLetters, typedStart, x, y) || slip(plainLetters, plainStart, x, y)
            || slip(letters, letterStart, s, t)
    }

    static func atMostOneEdit(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>) -> Bool {
        Array(a).withUnsafeBufferPointer { x in Array(b).withUnsafeBufferPointer { y in atMostOneEdit(x, y) } }
    }

    /// Optimal string alignment distance ≤ 1.
    static func atMostOneEdit(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Bool {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        guard long.count - short.count <= 1 else { return false }
        var i = 0
        while i < short.count, short[i] == long[i] { i += 1 }
        if i == short.count { return true }
        func same(_ x: Int, _ y: Int) -> Bool {
            var (x, y) = (x, y)
            while x < short.count {
                if short[x] != long[y] { return false }
                x += 1
                y += 1
            }
            return true
        }
        if short.count == long.count {
            // One substitution, or two neighbours exchanged.
            if same(i + 1, i + 1) { return true }
            return i + 1 < short.count && short[i] == long[i + 1] && short[i + 1] == long[i] && same(i + 2, i + 2)
        }
        return same(i, i + 1)
    }

    /// True when entries `i` and `j` of a flat table of sorted runs (`values[start[i] ..< start[i + 1]]`) share a
    /// value; on the storage directly, for the hot loop.
    static func intersect<T: Comparable>(_ values: [T], _ start: [Int32], _ i: Int32, _ j: Int32) -> Bool {
        var a = Int(start[Int(i)])
        let aEnd = Int(start[Int(i) + 1])
        var b = Int(start[Int(j)])
        let bEnd = Int(start[Int(j) + 1])
        guard a < aEnd, b < bEnd else { return false }
        return values.withUnsafeBufferPointer { v in
            while a < aEnd, b < bEnd {
                if v[a] == v[b] { return true }
                if v[a] < v[b] { a += 1 } else { b += 1 }
            }
            return false
        }
    }

    /// True when the sorted slices share an element.
    static func intersect<T: Comparable>(_ a: ArraySlice<T>, _ b: ArraySlice<T>) -> Bool {
        var i = a.startIndex
        var j = b.startIndex
        while i < a.endIndex, j < b.endIndex {
            if a[i] == b[j] { return true }
            if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return false
    }
}
