/// The project file of a programme written by ``ProgramGenerator``: the demo's activities and rules, a roll, an
/// attendance and an information-point source per partner, and a career-guidance source where there is one.
enum ProgramProjectFile {
    static func text(
        name: String, partners: [ProgramGenerator.Partner], conditions: ProgramGenerator.Conditions
    ) -> String {
        var text = """
            # Programme-scale project for Integra — all people, numbers and organisations are made up (integra synth
            # --program). Every key is described in the README, section "The project file".
            version: 1

            project:
              id: \(name)
              name: Razem w regionie
              funder: Fundusz Pracy
              programme: Razem Możemy Więcej
              agreement: RMW/2024/0900
              period:
                start: 2024-01-01
                end: 2025-12-31

            partners:

            """
        for (i, p) in partners.enumerated() {
            text += "  - { id: \(p.id), name: Partner \(p.id.uppercased())\(i == 0 ? ", role: leader" : "") }\n"
        }
        text += DemoProjectFile.activities + "\nsources:\n"
        for p in partners {
            switch p.layout {
            case .languageCSV: text += languageSources(name: name, partner: p.id)
            case .fileNameGroups: text += fileNameGroupSources(name: name, partner: p.id)
            case .workshopCSV: text += workshopSources(name: name, partner: p.id, files: "uczestnicy-*.csv")
            case .workshopXLSX: text += workshopSources(name: name, partner: p.id, files: "uczestnicy-*.xlsx")
            }
            text += informationPoint(
                name: name, partner: p.id, birthDate: !conditions.contains(.nameOnly), hours: p.hours)
            if p.guidance { text += guidance(name: name, partner: p.id, citizenship: p.guidanceCitizenship) }
        }
        if conditions.contains(.optionalSource), let first = partners.first {
            text += archive(name: name, partner: first.id)
        }
        for (i, p) in partners.enumerated() { text += ledger(name: name, partner: p.id, index: i) }
        if let leader = partners.first { text += budget(name: name, leader: leader.id) }
        text += finance + rules
        return text
    }

    static func languageSources(name: String, partner: String) -> String {
        """
          - id: \(partner)-roll
            partner: \(partner)
            kind: roll
            activity: polish_course
            files: \(name)/\(partner)/lista-uczestnikow-*.csv
            encoding: windows-1250
        \(languageRollColumns(group: "      group: Grupa\n"))
          - id: \(partner)-attendance
            partner: \(partner)
            kind: attendance
            activity: polish_course
            files: \(name)/\(partner)/obecnosci-*.xlsx
            title:
              group: Grupa
            columns:
              full_name: Imię i nazwisko

        """
    }

    /// The `columns:` block of a Polish-course roll (Windows-1250 CSV), with the group column's line or without it.
    static func languageRollColumns(group: String) -> String {
        """
            columns:
              last_name: Nazwisko
              first_name: Imię
              birth_date: Data urodzenia
              pesel: PESEL
              citizenship: Obywatelstwo
              sex: Płeć
        \(group)      start_date: Data rozpoczęcia
              end_date: Data zakończenia
              level_in: Poziom wejściowy
              level_out: Poziom końcowy
              arrival_date: Data przyjazdu
              ukr_status: Status UKR
        """
    }

    /// The group only in the file names (`kurs_2024Q1-A0-a_lista.csv`) and the attendance titles.
    static func fileNameGroupSources(name: String, partner: String) -> String {
        """
          - id: \(partner)-roll
            partner: \(partner)
            kind: roll
            activity: polish_course
            files: \(name)/\(partner)/kurs_*_lista.csv
            encoding: windows-1250
            from_file_name: kurs_{group}_lista
        \(languageRollColumns(group: ""))
          - id: \(partner)-attendance
            partner: \(partner)
            kind: attendance
            activity: polish_course
            files: \(name)/\(partner)/kurs_*_obecnosci.xlsx
            from_title: grupa {group}
            columns:
              full_name: Imię i nazwisko

        """
    }

    static func workshopSources(name: String, partner: String, files: String) -> String {
        """
          - id: \(partner)-roll
            partner: \(partner)
            kind: roll
            activity: integration_workshop
            files: \(name)/\(partner)/\(files)
            columns:
              last_name: Прізвище
              first_name: Ім'я
              birth_date: Дата народження
              pesel: PESEL
              citizenship: Громадянство
              sex: Стать
              group: Група
              start_date: Дата початку
              arrival_date: Дата прибуття
              ukr_status: Статус UKR
          - id: \(partner)-attendance
            partner: \(partner)
            kind: attendance
            activity: integration_workshop
            files: \(name)/\(partner)/obecnosci-*.xlsx
            title:
              group: Grupa
            columns:
              full_name: Imię i nazwisko

        """
    }

    /// The information point's logs: name, citizenship and language (and a birth date without the name-only
    /// condition); durations in minutes, or in hours (`Liczba godzin`, mapped as `hours:`).
    static func informationPoint(name: String, partner: String, birthDate: Bool, hours: Bool) -> String {
        """
          - id: \(partner)-consultations
            partner: \(partner)
            kind: consultations
            activity: consultation
            files: \(name)/\(partner)/rejestr-porad-*.csv
            columns:
              date: Data
              consultant: Konsultant
              full_name: Imię i nazwisko klienta\(birthDate ? "\n      birth_date: Data ur." : "")
              citizenship: Obywatelstwo
              language: Język
              topic: Temat
              mode: Forma
              \(hours ? "hours: Liczba godzin" : "minutes: Czas (min)")

        """
    }

    static func guidance(name: String, partner: String, citizenship: Bool) -> String {
        """
          - id: \(partner)-guidance
            partner: \(partner)
            kind: consultations
            activity: career_guidance
            files: \(name)/\(partner)/doradztwo-zawodowe-*.csv
            columns:
              date: Data
              consultant: Doradca
              full_name: Imię i nazwisko
              sex: Płeć
              birth_date: Data urodzenia\(citizenship ? "\n      citizenship: Obywatelstwo" : "")
              language: Język
              topic: Temat
              mode: Forma
              minutes: Czas (min)
              arrival_date: Data przyjazdu
              employment_date: Data podjęcia zatrudnienia

        """
    }

    /// A source for files the partner may send later: none yet.
    static func archive(name: String, partner: String) -> String {
        """
          - id: \(partner)-archive
            partner: \(partner)
            kind: consultations
            activity: consultation
            files: \(name)/\(partner)/archiwum/*.csv
            optional: true
            columns:
              date: Data
              full_name: Imię i nazwisko klienta

        """
    }

    /// A partner's expenditure ledgers in the layout of its accounting program (``ProgramGenerator/ledgerDialect(_:)``).
    static func ledger(name: String, partner: String, index: Int) -> String {
        let dialect = ProgramGenerator.ledgerDialect(index)
        let files: String
        switch dialect {
        case .symfonia:
            files = """
                    files: \(name)/\(partner)/zestawienie-wydatkow-*.csv
                    encoding: windows-1250
                    from_file_name: zestawienie-wydatkow-{claim}
                """
        case .optima: files = "    files: \(name)/\(partner)/zestawienie-dokumentow-*.xlsx"
        case .rewizor: files = "    files: \(name)/\(partner)/rejestr-zakupow-*.csv"
        }
        return """
              - id: \(partner)-ledger
                partner: \(partner)
                kind: ledger
            \(files)
            \(dialect.columns)

            """
    }

    /// The programme's budget: a row per partner, task and line, a column per year.
    static func budget(name: String, leader: String) -> String {
        """
          - id: budget
            partner: \(leader)
            kind: budget
            files: \(name)/budzet-programu.xlsx
            columns:
              task: Zadanie
              task_name: Nazwa zadania
              budget_line: Nr pozycji
              line_name: Pozycja
              category: Kategoria kosztu
              partner: Partner

        """
    }

    static let finance = """
        finance:
          eligibility: { start: 2024-01-01, end: 2025-12-31 }
          vat_eligible: false
          indirect_rate: 7%
          flexibility: 10%
          tasks:
            "1": { name: Kursy języka polskiego, activities: [polish_course] }
            "2": { name: Warsztaty integracyjne, activities: [integration_workshop] }
            "3": { name: Punkt informacyjny i doradztwo, activities: [consultation, career_guidance] }
            "4": { name: Zarządzanie projektem }

        """

    static let rules = """
        participants:
          completion_threshold: 80%
          roll_start_is_support: true
          objective: integration
          ukr_arrival_since: 2022-02-24
          age_bands:
            - { label: "0–17", max: 17 }
            - { label: "18–29", min: 18, max: 29 }
            - { label: "30–49", min: 30, max: 49 }
            - { label: "50–64", min: 50, max: 64 }
            - { label: "65+", min: 65 }

        targets:
          - { indicator: persons_supported, value: 90000 }
          - { indicator: consultations, value: 250000 }

        reports:
          - reports/generic-quarterly.yml
          # The money: the document list, cost-estimate execution and unit costs of the payment claim.
          - reports/fundusz-pracy-rmw-finance.yml

        """
}
