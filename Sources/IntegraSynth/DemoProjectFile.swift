/// The demo's project file and the README of its data folder.
enum DemoProjectFile {
    static func text(name: String) -> String {
        """
        # Demo project for Integra — all people, numbers and organisations are made up (integra synth).
        # Every key is described in the README, section "The project file".
        version: 1

        project:
          id: \(name)
          name: Razem w Lublinie
          funder: Fundusz Pracy
          programme: Razem Możemy Więcej
          agreement: RMW/2023/0042
          period:
            start: 2023-01-01
            end: 2023-12-31

        partners:
          - id: przystan
            name: Fundacja Przystań
            role: leader
          - id: nadija
            name: Stowarzyszenie Nadija
          - id: centrum
            name: Centrum Wsparcia Cudzoziemców

        activities:
          polish_course: { pl: Kurs języka polskiego, en: Polish language course }
          integration_workshop: { pl: Warsztaty integracyjne, en: Integration workshops }
          consultation: { pl: Punkt informacyjny — konsultacje, en: Information point — consultations }

        sources:
          # Course roll exported from Excel on Polish Windows: Windows-1250, semicolons.
          - id: przystan-roll
            partner: przystan
            kind: roll
            activity: polish_course
            files: \(name)/przystan/lista-uczestnikow-*.csv
            encoding: windows-1250
            columns:
              last_name: Nazwisko
              first_name: Imię
              birth_date: Data urodzenia
              pesel: PESEL
              citizenship: Obywatelstwo
              sex: Płeć
              group: Grupa
              start_date: Data rozpoczęcia
              end_date: Data zakończenia
              level_in: Poziom wejściowy
              level_out: Poziom końcowy

          # Attendance workbooks: a title block, then one column per session date; one sheet per month.
          - id: przystan-attendance
            partner: przystan
            kind: attendance
            activity: polish_course
            files: \(name)/przystan/obecnosci-*.xlsx
            title:
              group: Grupa
            columns:
              full_name: Imię i nazwisko

          # A Ukrainian association's roll: Ukrainian headers, names in Cyrillic, UTF-8.
          - id: nadija-roll
            partner: nadija
            kind: roll
            activity: integration_workshop
            files: \(name)/nadija/uczestnicy-*.csv
            columns:
              last_name: Прізвище
              first_name: Ім'я
              birth_date: Дата народження
              pesel: PESEL
              citizenship: Громадянство
              sex: Стать
              group: Група
              start_date: Дата початку

          - id: nadija-attendance
            partner: nadija
            kind: attendance
            activity: integration_workshop
            files: \(name)/nadija/obecnosci-*.xlsx
            title:
              group: Grupa
            columns:
              full_name: Imię i nazwisko

          # Information-point log typed by hand; a consultation without a name is anonymous.
          - id: centrum-consultations
            partner: centrum
            kind: consultations
            activity: consultation
            files: \(name)/centrum/rejestr-porad-*.csv
            columns:
              date: Data
              consultant: Konsultant
              full_name: [Imię i nazwisko klienta, Klient]
              birth_date: [Data ur., Data urodzenia]
              citizenship: Obywatelstwo
              language: Język
              topic: Temat
              mode: Forma
              minutes: Czas (min)

        participants:
          completion_threshold: 80%
          roll_start_is_support: true
          age_bands:
            - { label: "0–17", max: 17 }
            - { label: "18–29", min: 18, max: 29 }
            - { label: "30–49", min: 30, max: 49 }
            - { label: "50–64", min: 50, max: 64 }
            - { label: "65+", min: 65 }

        targets:
          - { indicator: persons_supported, value: 60 }
          - { indicator: persons_supported, where: { citizenship: UKR }, value: 50 }
          - { indicator: course_completers, value: 30 }
          - { indicator: consultations, value: 80 }

        reports:
          - reports/generic-quarterly.yml

        """
    }

    static let readme = """
        # Demo project data

        Made by `integra synth` (seeded: the same seed gives the same bytes). Every name, PESEL and date is
        synthetic. `truth.json` holds the figures a correct run must produce; the end-to-end test compares them.

        | file | partner | format | what it exercises |
        | --- | --- | --- | --- |
        | przystan/lista-uczestnikow-2023.csv | Fundacja Przystań (leader) | Windows-1250, `;` | Polish letters in a legacy code page; surnames sometimes in capitals; citizenship written three ways; one row without a name (rejected: `missing-value`) |
        | przystan/obecnosci-PL-A1.xlsx, -PL-A2.xlsx | Fundacja Przystań | XLSX, one sheet per month | title block with merged cells and `Grupa: PL-A1`; session dates as date cells; marks `x`, `+`, `ob.`, `nb`, `-`, `usp.`; names as `Imię NAZWISKO` or `Nazwisko Imię`; one person not on the roll (rejected: `unmatched-attendance`) |
        | nadija/uczestnicy-warsztatow.csv | Stowarzyszenie Nadija | UTF-8 with BOM, `,` | Ukrainian headers, names in Cyrillic, sex as ж/ч, ISO birth dates; 8 persons also at Przystań (in Latin there), half of them without PESEL here |
        | nadija/obecnosci-warsztaty.xlsx | Stowarzyszenie Nadija | XLSX, one sheet per group | label and value in two cells (`Grupa` \\| `W-1`); session dates written as text; mark `✓` |
        | centrum/rejestr-porad-2023.csv | Centrum Wsparcia Cudzoziemców | UTF-8, `,` | names typed in passport or Polish spelling; birth dates as `d.m.yyyy`; anonymous consultations; 4 clients known by name only; one impossible date (rejected: `invalid-date`) |
        """
}
