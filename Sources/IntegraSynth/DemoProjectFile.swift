/// The demo's project file and the README of its data folder.
enum DemoProjectFile {
    /// The demo's activities and their rules; the programme-scale project uses the same ones.
    static let activities = """
        activities:
          polish_course:
            pl: Kurs języka polskiego
            en: Polish language course
            kind: language_course
            priority: II
            support_starts: enrolment
            session_hours: 1.5
          integration_workshop:
            pl: Warsztaty integracyjne
            en: Integration workshops
            # Life in Poland, rights and duties, institutions: civic orientation in FAMI's terms.
            kind: civic_orientation
            priority: II
            # Nadija enrols a week ahead; support starts at the first workshop a person attends.
            support_starts: first_attendance
            completion_threshold: 75%
            session_hours: 3
          consultation:
            pl: Punkt informacyjny — konsultacje
            en: Information point — consultations
            kind: consultation
            priority: II
          career_guidance:
            pl: Doradztwo zawodowe
            en: Career guidance
            kind: professional_guidance
            priority: I
        """

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

        # kind: what the activity is for funder indicators; priority: Fundusz Pracy RMW priority (I or II);
        # session_hours: hours of one session, for hours of support (consultations count their minutes).
        \(activities)

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
              arrival_date: Data przyjazdu
              ukr_status: Status UKR
              objective: Cel szczegółowy
              objective_since: Cel szczegółowy od
              employment_date: Data podjęcia zatrudnienia

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
              arrival_date: Дата прибуття
              ukr_status: Статус UKR
              objective: Ціль FAMI
              objective_since: Дата реєстрації в цілі

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
              objective: Cel FAMI

          # Career guidance log in the Polish-Excel dialect (UTF-8 with BOM, semicolons): arrival noted at intake,
          # the date a client took up a job on their last visit.
          - id: centrum-guidance
            partner: centrum
            kind: consultations
            activity: career_guidance
            files: \(name)/centrum/doradztwo-zawodowe-*.csv
            columns:
              date: Data
              consultant: Doradca
              full_name: Imię i nazwisko
              sex: Płeć
              birth_date: Data urodzenia
              citizenship: Obywatelstwo
              language: Język
              topic: Temat
              mode: Forma
              minutes: Czas (min)
              arrival_date: Data przyjazdu
              employment_date: Data podjęcia zatrudnienia

          # The money. Przystań's ledger from Symfonia: one file per payment claim, the claim (a quarter) in the file
          # name; Windows-1250, semicolons, amounts "1 234,56".
          - id: przystan-ledger
            partner: przystan
            kind: ledger
            files: \(name)/przystan/zestawienie-wydatkow-*.csv
            encoding: windows-1250  # as Symfonia exports it
            from_file_name: zestawienie-wydatkow-{claim}
        \(LedgerDialect.symfonia.columns)

          # Nadija's ledger from Comarch Optima: XLSX under a title block, dates and amounts as cells, the eligible
          # amount with its VAT.
          - id: nadija-ledger
            partner: nadija
            kind: ledger
            files: \(name)/nadija/zestawienie-dokumentow-*.xlsx
        \(LedgerDialect.optima.columns)

          # Centrum's purchase register from Rewizor: UTF-8, amounts "1234.56 zł", no eligible amount (the net amount
          # is eligible: VAT is not, see finance) and no cost category (the budget line's).
          - id: centrum-ledger
            partner: centrum
            kind: ledger
            files: \(name)/centrum/rejestr-zakupow-*.csv
        \(LedgerDialect.rewizor.columns)

          # The grant agreement's budget: a row per task, line and partner, a column per quarter.
          - id: budget
            partner: przystan
            kind: budget
            files: \(name)/budzet-projektu.xlsx
            columns:
              task: Zadanie
              task_name: Nazwa zadania
              budget_line: Nr pozycji
              line_name: Pozycja
              category: Kategoria kosztu
              partner: Partner

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

        # The grant agreement's money rules. Expenditure counts in the quarter of its payment date.
        finance:
          eligibility: { start: 2023-01-01, end: 2023-12-31 }
          # The partners recover VAT: it is never eligible.
          vat_eligible: false
          # Indirect costs: a flat rate of the direct costs (personnel + direct), rounded to the grosz.
          indirect_rate: 7%
          # A line may exceed its plan by 10 % without an annex to the agreement.
          flexibility: 10%
          # What each task pays for, for cost per participant; management (4) is not shared out.
          tasks:
            "1": { name: Kursy języka polskiego, activities: [polish_course] }
            "2": { name: Warsztaty integracyjne, activities: [integration_workshop] }
            "3": { name: Punkt informacyjny i doradztwo, activities: [consultation, career_guidance] }
            "4": { name: Zarządzanie projektem }

        targets:
          - { indicator: persons_supported, value: 60 }
          - { indicator: persons_supported, where: { citizenship: UKR }, value: 50 }
          - { indicator: course_completers, value: 30 }
          - { indicator: consultations, value: 80 }
          - { indicator: fp_foreigners, value: 60 }
          - { indicator: fp_foreigners, where: { sex: K }, value: 30 }
          - { indicator: fp_ukr_after_2022, value: 40 }
          - { indicator: fami2127_participants, value: 50 }
          # Each partner's share (on the dashboard only; the funder reports show the project's targets). A person
          # supported by two partners counts for each of them.
          - { indicator: persons_supported, partner: przystan, value: 25 }
          - { indicator: persons_supported, partner: nadija, value: 30 }
          - { indicator: persons_supported, partner: centrum, value: 30 }
          - { indicator: consultations, partner: centrum, value: 80 }

        # Each report is headed with its own funder. The project's agreement (above) is with Fundusz Pracy; the same
        # activities are co-financed from FAMI under agreements of their own, given here. A report for the project's
        # own funder, or for none in particular, needs only its path.
        reports:
          - reports/generic-quarterly.yml
          - { report: reports/fami-2021-2027.yml, agreement: "FAMI.02.01-IP.01-0042/23" }
          - { report: reports/fami-2014-2020.yml, agreement: "PL/2019/PR/0042" }
          - reports/fundusz-pracy-rmw.yml
          - reports/participants-sm-efs.yml
          # The money (issue 19): written only when the project has ledgers or a budget.
          - { report: reports/fami-2021-2027-finance.yml, agreement: "FAMI.02.01-IP.01-0042/23" }
          - reports/fundusz-pracy-rmw-finance.yml

        """
    }

    static let readme = """
        # Demo project data

        Made by `integra synth` (seeded: the same seed gives the same bytes). Every name, PESEL and date is
        synthetic. `truth.json` holds the figures a correct run must produce, computed from who each row really is
        and the rules of `docs/INDICATORS.md` (every indicator, per month, quarter and year, in period and
        cumulative, with its breakdowns), and the `objective-conflict` warnings a run must give; the end-to-end
        test and `scripts/check-demo.py` compare them.

        | file | partner | format | what it exercises |
        | --- | --- | --- | --- |
        | przystan/lista-uczestnikow-2023.csv | Fundacja Przystań (leader) | Windows-1250, `;` | Polish letters in a legacy code page; surnames sometimes in capitals; citizenship written three ways; CEFR levels with progress, no change, a regression, missing levels; arrival date, `Status UKR`, FAMI objective and its date, employment date for some; one person on the roll twice (PL-A1, then PL-A2); one row without a name (rejected: `missing-value`) |
        | przystan/obecnosci-PL-A1.xlsx, -PL-A2.xlsx | Fundacja Przystań | XLSX, one sheet per month | title block with merged cells and `Grupa: PL-A1`; session dates as date cells; marks `x`, `+`, `ob.`, `nb`, `-`, `usp.`; names as `Imię NAZWISKO` or `Nazwisko Imię`; a PL-A2 session nobody attended (not held); one person not on the roll (rejected: `unmatched-attendance`) |
        | nadija/uczestnicy-warsztatow.csv | Stowarzyszenie Nadija | UTF-8 with BOM, `,` | Ukrainian headers, names in Cyrillic, sex as ж/ч, ISO birth dates; enrolment a week before the first workshop (support starts at the first attendance); FAMI objectives as `CS1`, `cel 1`, `1`, `CS2`, `2`; UKR status as `✓`, `UKR`, `1`; 8 persons also at Przystań (in Latin there), half of them without PESEL here |
        | nadija/obecnosci-warsztaty.xlsx | Stowarzyszenie Nadija | XLSX, one sheet per group | label and value in two cells (`Grupa` \\| `W-1`); session dates written as text; mark `✓` |
        | centrum/rejestr-porad-2023.csv | Centrum Wsparcia Cudzoziemców | UTF-8, `,` | names typed in passport or Polish spelling; birth dates as `d.m.yyyy`; anonymous consultations; 4 clients known by name only; a few rows without mode or minutes; `Cel FAMI` stated for a few clients; one impossible date (rejected: `invalid-date`) |
        | centrum/doradztwo-zawodowe-2023.csv | Centrum Wsparcia Cudzoziemców | UTF-8 with BOM, `;` | career guidance (Fundusz Pracy priority I): sex column, arrival date at intake, employment date on the last visit |
        | budzet-projektu.xlsx | all three (sent by the leader) | XLSX, wide form | the grant agreement's budget: a title block with merged cells, a row per task, line and partner, number cells under `I kw. 2023` … `IV kw. 2023` (empty where nothing is planned) and a `Razem` column; categories `koszty personelu`, `koszty bezpośrednie`, `koszty pośrednie`; indirect costs (line 4.3) 7 % of each partner's planned direct costs |
        | przystan/zestawienie-wydatkow-2023Q1.csv … -2023Q4.csv | Fundacja Przystań | Symfonia-like, Windows-1250, `;` | a ledger per payment claim, the claim (a quarter) in the file name; amounts `1 234,56`, NIP `123-456-78-90`, `Zadanie 1`, `poz. 1.1`; invoices only partly eligible (eligible below net); a room invoice split across lines 1.3 and 1.2, a row each (both counted: together within its net amount); VAT counted as eligible (rejected: `vat-not-eligible`); a line not in the budget (`unknown-budget-line`); an invoice of the Q2 claim claimed again in Q3, its number retyped in lower case (`duplicate-invoice`); a row paid after its claim's quarter (warning `paid-after-claim`: it counts in the quarter paid); a NIP with a wrong check digit (warning `invalid-nip`: the row counts) |
        | nadija/zestawienie-dokumentow-2023.xlsx | Stowarzyszenie Nadija | Optima-like XLSX | a title block above the header; dates as date cells, amounts as number cells, `w tym VAT`, task numbers as numbers; a credit note (negative amounts, counted); a translator's invoice that Centrum claims again (Nadija's row is kept: its source comes first in the project file); a row paid in 2024 (`expense-outside-eligibility`); eligible above gross, net left empty (`eligible-above-gross`) |
        | centrum/rejestr-zakupow-2023.csv | Centrum Wsparcia Cudzoziemców | Rewizor-like, UTF-8 with BOM, `,` | amounts `1234.56 zł`, ISO dates, NIP `123-45-67-890`, `Zad. 3`, `3.1.`; no eligible column (the net amount is eligible: VAT is not) and no category column (the budget line's); a row without a payment date (`unpaid-expenditure`); a net amount typed with a letter O (`invalid-amount`); Nadija's translation invoice claimed again (`duplicate-invoice`: double funding) |

        Persons planted at the edges of the rules (`DemoCast` in `Sources/IntegraSynth/DemoGenerator+Cast.swift`):

        - Objective (rule 6): persons 24, 26 and 2 state both objectives. The earliest statement wins, by
          `objective_since` or else the roll's start date or the consultation date; the other row gets
          `objective-conflict` (listed under `warnings` in `truth.json`). Twelve Ukrainians are registered under
          asylum (most since 2023); persons whose rows state nothing take `participants.objective: integration`.
        - Ukrainians who came after 24.02.2022 (rule 7): arrival exactly on 24.02.2022 (counted); the UKR status
          only (counted); two recorded arrivals, the earlier before 24.02.2022 (not counted); a Belarusian who came
          in 2022 (not counted); Ukrainians who came earlier or recorded nothing (not counted).
        - Foreigners (rule 8): three Polish citizens and three persons whose citizenship no file gives.
        - Age (rule 2): one person 18 on the day of the first support, one 17 the day before the 18th birthday, one
          17 at Nadija's enrolment but 18 at the first workshop.
        - Completion (rule 4): exactly 13 and 12 of 16 sessions at 80 %, 12 of the 15 held in PL-A2, 6 and 5 of 8 at
          Nadija's 75 %.
        - Employment (rule 10): one person recorded at two partners (the earlier date counts), a Polish citizen and a
          person of unknown citizenship (not counted).

        The money (`DemoGenerator+Finance.swift`; `finance` in `truth.json`: eligible grosze of the rows that load
        per partner, task, line and quarter of payment, the plan, and every expected diagnostic with its file and
        1-based sheet row): Przystań's line 1.2 spends 105 % of its plan (within the 10 % flexibility:
        `line-within-flexibility`), Nadija's catering (2.2) 118 % (`line-over-budget`), and Centrum's indirect
        costs are 7.6 % of its direct costs, above the 7 % flat rate (`indirect-over-flat-rate`); these three are
        reported on the budget file at the line's row.
        """
}
