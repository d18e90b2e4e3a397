/// A short text in Polish and English: the language of reports is Polish unless `--lang en`.
public struct PolishEnglish: Hashable, Sendable {
    public var pl: String
    public var en: String

    public init(_ pl: String, _ en: String) {
        self.pl = pl
        self.en = en
    }

    /// The Polish text, or the English one when `english` is true.
    public func text(english: Bool) -> String { english ? en : pl }
}

/// What a diagnostic code means and what to do about it, in Polish and English.
public struct DiagnosticExplanation: Hashable, Sendable {
    /// What is wrong, without cell values: "Brak imienia lub nazwiska".
    public var problem: PolishEnglish
    /// What to fix in the file or the project file ("Co poprawić").
    public var hint: PolishEnglish
}

/// The one wording of diagnostics that `data-quality.xlsx`, `diagnostics.csv`, `rejected_rows.csv`, the terminal
/// summary and the dashboard share. Every code has a problem and a hint in both languages (a test checks every code
/// declared in `Sources/`); the message a stage wrote for one row (`Diagnostic.message`) adds the details in English.
///
/// ```swift
/// DiagnosticCode.missingValue.explanation.hint.pl   // "Uzupełnij pustą komórkę …"
/// Diagnostic.Severity.error.name.pl                  // "błąd"
/// ```
extension DiagnosticCode {
    /// The code's problem and hint; a code missing from the catalogue falls back to its slug.
    public var explanation: DiagnosticExplanation {
        DiagnosticCatalogue.entries[self]
            ?? DiagnosticExplanation(problem: PolishEnglish(rawValue, rawValue), hint: PolishEnglish("", ""))
    }
}

extension Diagnostic.Severity {
    /// `błąd`, `ostrzeżenie`, `uwaga` / `error`, `warning`, `note`.
    public var name: PolishEnglish {
        switch self {
        case .error: PolishEnglish("błąd", "error")
        case .warning: PolishEnglish("ostrzeżenie", "warning")
        case .note: PolishEnglish("uwaga", "note")
        }
    }

    /// The name with what it does to the row: `błąd (wiersz odrzucony)`, as the dashboard's table of codes shows it.
    public var consequence: PolishEnglish {
        switch self {
        case .error: PolishEnglish("błąd (wiersz odrzucony)", "error (row rejected)")
        case .warning: PolishEnglish("ostrzeżenie", "warning")
        case .note: PolishEnglish("uwaga", "note")
        }
    }
}

extension SourceKind {
    /// `lista uczestników`, `lista obecności`, `rejestr porad`.
    public var name: PolishEnglish {
        switch self {
        case .roll: PolishEnglish("lista uczestników", "course roll")
        case .attendance: PolishEnglish("lista obecności", "attendance sheet")
        case .consultations: PolishEnglish("rejestr porad", "consultation log")
        case .ledger: PolishEnglish("zestawienie wydatków", "expenditure ledger")
        case .budget: PolishEnglish("budżet projektu", "project budget")
        }
    }
}

/// The catalogue itself, by code; the README's "Diagnostic codes" table says the same in English.
public enum DiagnosticCatalogue {
    private static func entry(_ problemPL: String, _ problemEN: String, fix hintPL: String, _ hintEN: String)
        -> DiagnosticExplanation
    {
        DiagnosticExplanation(problem: PolishEnglish(problemPL, problemEN), hint: PolishEnglish(hintPL, hintEN))
    }

    /// Every catalogued code with its explanation.
    public static let entries: [DiagnosticCode: DiagnosticExplanation] = [
        // Files and layout
        "no-files-matched": entry(
            "Żaden plik nie pasuje do wzorca files: źródła", "No file matches the source's files: pattern",
            fix:
                "Sprawdź ścieżkę względem pliku projektu (wielkość liter nie ma znaczenia); źródłu, które może jeszcze nie mieć plików, dopisz optional: true.",
            "Check the path relative to the project file (case does not matter); add optional: true to a source that may have no files yet."
        ),
        // Errors that stop a command (ErrorAdvice)
        "output-not-writable": entry(
            "Nie można zapisać w folderze wyników (tylko do odczytu albo brak uprawnień)",
            "The output folder cannot be written (read-only or no permission)",
            fix: "Wskaż folder, do którego masz prawo zapisu (--out), albo zmień uprawnienia folderu; poprzednie wyniki zostały bez zmian.",
            "Choose a folder you may write to (--out) or change the folder's permissions; the previous outputs are unchanged."),
        "disk-full": entry(
            "Zabrakło miejsca na dysku podczas zapisu wyników", "The disk is full while writing the outputs",
            fix: "Zwolnij miejsce na dysku (albo wskaż inny folder w --out) i uruchom ponownie; poprzednie wyniki zostały bez zmian.",
            "Free space on the disk (or choose another folder with --out) and run again; the previous outputs are unchanged."),
        "warehouse-corrupt": entry(
            "Baza robocza warehouse.sqlite jest uszkodzona albo nie jest bazą danych",
            "The warehouse (warehouse.sqlite) is damaged or not a database",
            fix: "Usuń warehouse.sqlite z folderu wyników i uruchom ponownie: baza zostanie odtworzona z plików partnerów (zamrożone okresy w frozen/ pozostają).",
            "Delete warehouse.sqlite in the output folder and run again: it is rebuilt from the partner files (frozen periods in frozen/ stay)."),
        "damaged-run-file": entry(
            "Plik zapisany przez Integrę (run.json lub zamrożony okres) jest uszkodzony albo z innej wersji",
            "A file Integra wrote (run.json or a frozen period) is damaged or from another version",
            fix: "Uruchom integra run ponownie, aby zapisać run.json od nowa; zamrożony okres przywróć z kopii (np. z archiwum przekazanych raportów).",
            "Run integra run again to write run.json anew; restore a frozen period from a copy (e.g. the archive of submitted reports)."),
        "file-in-two-sources": entry(
            "Plik pasuje do wzorców files: dwóch źródeł (wczytany tylko jako pierwsze)",
            "The file matches the files: patterns of two sources (read as the first only)",
            fix: "Zawęź wzorzec files: jednego ze źródeł, tak by każdy plik należał do jednego źródła.",
            "Narrow the files: pattern of one of the sources so that each file belongs to one source."),
        "unreadable-file": entry(
            "Nie można otworzyć ani odczytać pliku", "The file cannot be opened or decoded",
            fix: "Sprawdź, czy plik otwiera się w Excelu; podaj kodowanie w encoding:.",
            "Check that it opens in Excel; set encoding:."),
        "not-an-xlsx": entry(
            "To nie jest plik XLSX (np. .xls, .ods albo plik z hasłem)",
            "Not an XLSX file (e.g. .xls, .ods or password-protected)",
            fix: "Zapisz plik w Excelu jako .xlsx, bez hasła.", "Save it from Excel as .xlsx, without a password."),
        "zip-bomb": entry(
            "Plik XLSX rozpakowuje się do nieprawdopodobnych rozmiarów", "The XLSX unpacks to implausible sizes",
            fix: "Poproś partnera o czystą kopię pliku.", "Ask the partner for a clean copy of the file."),
        "xml-doctype-refused": entry(
            "Plik XLSX zawiera XML z deklaracją DOCTYPE (Excel takiej nie zapisuje)",
            "The XLSX contains XML with a DOCTYPE (never written by Excel)",
            fix: "Poproś partnera o czystą kopię pliku.", "Ask the partner for a clean copy of the file."),
        "file-too-large": entry(
            "Plik partnera ma ponad 256 MiB", "The partner file is over 256 MiB",
            fix: "Podziel plik (np. na kwartały lub grupy) na kilka plików tego samego źródła.",
            "Split it (by quarter or group) into several files of the same source."),
        "cell-too-large": entry(
            "Komórka zawiera ponad 1 MiB tekstu", "A cell holds over 1 MiB of text",
            fix: "W pliku CSV poszukaj cudzysłowu, który się nie zamyka.",
            "In a CSV, look for a quote that never closes."),
        "too-many-columns": entry(
            "Wiersz ma ponad 16 384 komórki (ostatnia kolumna Excela to XFD)",
            "A row has over 16 384 cells (Excel's last column is XFD)",
            fix: "Usuń zbędne komórki na prawo od danych; w pliku CSV sprawdź separator.",
            "Delete stray cells right of the data; check a CSV's delimiter."),
        "line-too-long": entry(
            "Wiersz pliku CSV ma ponad 16 MiB", "A CSV record is over 16 MiB",
            fix: "Sprawdź separator i poszukaj cudzysłowu, który się nie zamyka.",
            "Check the delimiter and look for a quote that never closes."),
        "too-many-rows": entry(
            "Plik CSV ma ponad 4 194 304 wiersze (licząc puste)",
            "A CSV file has over 4 194 304 records, blank ones included",
            fix: "Podziel plik albo usuń puste wiersze na jego końcu.",
            "Split it, or delete the empty lines at its end."),
        "undecodable-text": entry(
            "Tekst nie jest zapisany w podanym kodowaniu", "The text is not in the declared encoding",
            fix:
                "Popraw encoding: w pliku projektu (np. windows-1250); ostrzeżenie, gdy zastąpiono tylko kilka bajtów.",
            "Fix encoding: in the project file (e.g. windows-1250); a warning when only a few bytes were replaced."),
        "unsupported-delimiter": entry(
            "Nieobsługiwany separator pól", "Unsupported field delimiter",
            fix: "Ustaw delimiter: na jeden ze znaków , ; | albo tabulator.", "Set delimiter: to one of , ; | or tab."),
        "sheet-not-found": entry(
            "Żaden arkusz nie pasuje do sheets:", "No sheet matches sheets:",
            fix: "Popraw nazwę arkusza w sheets: (komunikat po angielsku wymienia arkusze skoroszytu).",
            "Correct the sheet name under sheets: (the message lists the workbook's sheets)."),
        "header-not-found": entry(
            "Nie znaleziono wiersza nagłówka", "No header row found",
            fix: "Sprawdź teksty nagłówków w columns: albo ustaw header_row:.",
            "Check the header texts under columns: or set header_row:."),
        "missing-column": entry(
            "W nagłówku brakuje wymaganej kolumny", "The header row lacks a mapped column",
            fix: "Zmień nazwę kolumny w pliku albo dopisz jej tekst w columns: w pliku projektu.",
            "Rename the column in the file or add its text under columns: in the project file."),
        "uncached-formula": entry(
            "Komórki z formułą bez zapisanego wyniku (czytane jako puste)",
            "Cells with a formula but no saved result (read as empty)",
            fix: "Otwórz plik w Excelu lub LibreOffice i zapisz go ponownie: wyniki formuł zostaną zapisane.",
            "Open the file in Excel or LibreOffice and save it again: the formulas' results are then stored."),
        "latin2-text": entry(
            "Plik jest w kodowaniu ISO-8859-2 (Latin-2), którego Integra nie czyta (± zamiast ą w nagłówku)",
            "The file is in ISO-8859-2 (Latin-2), which Integra does not read (± for ą in the header)",
            fix: "Zapisz plik ponownie jako CSV UTF-8 (w Excelu: „CSV UTF-8”) albo w Windows-1250.",
            "Save it again as CSV UTF-8 (Excel: \"CSV UTF-8\") or in Windows-1250."),
        "duplicate-header": entry(
            "Ten sam nagłówek stoi nad dwiema kolumnami, a mapowanie czyta tę kolumnę (plik nie wczytany)",
            "The same header stands over two columns that a mapping reads (the file is not read)",
            fix: "Zmień nazwę albo usuń jedną z dwóch kolumn (litery kolumn są w szczegółach).",
            "Rename or remove one of the two columns (their letters are in the details)."),
        "encoding-mismatch": entry(
            "Plik ma kodowanie UTF-8, a w projekcie zadeklarowano windows-1250/1251 (wczytano jako UTF-8)",
            "The file is UTF-8 but the project declares windows-1250/1251 (read as UTF-8)",
            fix: "Zmień encoding: źródła na utf-8 albo usuń encoding: (kodowanie zostanie wykryte).",
            "Set the source's encoding: to utf-8, or remove encoding: (the encoding is detected)."),
        "no-session-columns": entry(
            "Lista obecności nie ma dat zajęć w nagłówku", "An attendance sheet has no session dates in its header",
            fix: "Wpisz daty zajęć (np. 12.03.2023) w wierszu nagłówka, na prawo od nazwisk.",
            "Write the session dates (e.g. 12.03.2023) in the header row, right of the names."),
        "missing-title-field": entry(
            "Nad tabelą brakuje oznaczenia grupy", "No group label above the table",
            fix: "Wpisz nad tabelą np. „Grupa: A1”.", "Write e.g. \"Grupa: A1\" above the table."),
        "pattern-not-matched": entry(
            "Nazwa pliku lub tytuł arkusza nie pasuje do wzorca",
            "The file name or sheet title does not match the pattern",
            fix:
                "Zmień nazwę pliku, dopisz wiersz tytułu albo popraw from_file_name: / from_title:; plik (arkusz) nie został wczytany.",
            "Rename the file, write the title line, or correct from_file_name: / from_title:; the file (sheet) is not read."
        ),
        "unknown-pattern-value": entry(
            "Wzorzec wskazał formę wsparcia lub partnera, których nie ma w projekcie",
            "A pattern took an activity or partner the project does not have",
            fix: "Dopisz tę pisownię w values: activity: (partner:); plik (arkusz) nie został wczytany.",
            "Add that spelling under values: activity: (partner:); the file (sheet) is not read."),
        "unused-column": entry(
            "Kolumny, których żadne mapowanie nie czyta", "Columns no mapping reads",
            fix: "Jeśli któraś jest potrzebna, zmapuj ją w columns:; w przeciwnym razie nic nie trzeba robić.",
            "Map any that matters under columns:; otherwise nothing to do."),
        "table-footer": entry(
            "Wiersze pod tabelą to jej stopka (podpisy, sumy), nie dane",
            "Rows under the table are its footer (signatures, totals), not data",
            fix: "Nic nie trzeba robić; jeśli brakuje jakiejś osoby, sprawdź wskazany wiersz.",
            "Nothing to do; if a person is missing, check the row named."),
        "hidden-rows": entry(
            "Arkusz ma ukryte wiersze (wczytano je jak pozostałe)", "The sheet has hidden rows (read like the others)",
            fix: "Odkryj wiersze i sprawdź je.", "Unhide them to check them."),
        "hidden-sheet": entry(
            "Ukryty arkusz nie został wczytany", "A hidden sheet was not read",
            fix: "Aby go wczytać, wpisz jego nazwę w sheets:.", "Name it under sheets: to read it."),
        "unterminated-quote": entry(
            "Cudzysłów w pliku CSV nigdy się nie zamyka", "A quoted CSV field never closes",
            fix: "Zamknij cudzysłów (kod zapisywany przez starsze wersje).",
            "Close the quote (written by older versions)."),
        "field-count": entry(
            "Wiersz CSV ma inną liczbę pól niż nagłówek; wiersz odrzucony",
            "A CSV row has another number of fields than its header; the row is rejected",
            fix: "Dopisz brakujący separator, ujmij w cudzysłów wartość zawierającą separator albo usuń zbędny.",
            "Add the missing delimiter, quote a value that holds the delimiter, or delete the extra one."),
        "stray-quote": entry(
            "Cudzysłów otwarty w polu nie zamyka się w tym wierszu; wiersz odrzucony",
            "A field opens a quote that does not close on its line; the row is rejected",
            fix: "Usuń cudzysłów albo go zamknij.", "Delete the quote or close it."),
        // Cells
        "missing-value": entry(
            "Brak wymaganej wartości (imię i nazwisko, grupa lub data porady); wiersz odrzucony",
            "A required value (name, group or consultation date) is empty; the row is rejected",
            fix: "Uzupełnij pustą komórkę we wskazanej kolumnie.", "Fill in the empty cell in the column named."),
        "missing-name-part": entry(
            "Brak imienia albo nazwiska", "The first or last name is missing",
            fix:
                "Uzupełnij brakującą część, jeśli jest znana; osoba jest łączona po pozostałych danych, a porada liczona jako anonimowa.",
            "Fill it in if known; the person is linked by the other fields, a consultation is counted as anonymous."),
        "invalid-name": entry(
            "W kolumnie imienia i nazwiska jest jedno słowo", "A single name column holds one word",
            fix:
                "Wpisz imię i nazwisko; na liście uczestników i obecności wiersz jest odrzucany, porada jest liczona jako anonimowa.",
            "Write first and last name; on a roll or attendance sheet the row is rejected, a consultation counts as anonymous."
        ),
        "invalid-date": entry(
            "Nie można odczytać daty", "A date cannot be read",
            fix: "Wpisz datę jako dd.mm.rrrr; data porady jest wymagana (wiersz odrzucony), inne daty są pomijane.",
            "Write dd.mm.yyyy; a consultation date is required (row rejected), other dates are dropped."),
        "ambiguous-date": entry(
            "Dzień i miesiąc mogą być zamienione (odczytano dzień jako pierwszy)",
            "Day and month could be swapped (read day first)",
            fix: "Sprawdź datę; aby zapis był jednoznaczny, dodaj date_formats: do źródła.",
            "Check the date; add date_formats: to the source to be explicit."),
        "date-outside-period": entry(
            "Data poza okresem realizacji projektu (nie liczy się w żadnym okresie)",
            "A date outside the project period (counts in no period)",
            fix: "Popraw datę, jeśli to pomyłka.", "Correct the date if it is a mistake."),
        "future-date": entry(
            "Data urodzenia po zakończeniu projektu (pominięta)", "A birth date after the project's end (ignored)",
            fix: "Popraw datę urodzenia.", "Correct the birth date."),
        "invalid-pesel": entry(
            "Błędny PESEL (długość, suma kontrolna lub data)", "Invalid PESEL (length, checksum or date)",
            fix: "Popraw PESEL; do tego czasu nie służy on do rozpoznania osoby.",
            "Correct it; until then it is not used to identify the person."),
        "pesel-mismatch": entry(
            "Data urodzenia lub płeć z PESEL-u różni się od kolumn",
            "The PESEL's birth date or sex differs from the columns",
            fix: "Sprawdź PESEL i kolumny daty urodzenia i płci.", "Check the PESEL and the birth date and sex columns."
        ),
        "invalid-sex": entry(
            "Nieznane oznaczenie płci", "A sex Integra does not know",
            fix: "Wpisz K/M albo zmapuj wartość w values: sex:.", "Write K/M or map the value under values: sex:."),
        "unknown-citizenship": entry(
            "Nieznane obywatelstwo", "A citizenship Integra does not know",
            fix: "Zmapuj wartość w values: citizenship: (np. UKR: [\"…\"]).",
            "Map the value under values: citizenship: (e.g. UKR: [\"…\"])."),
        "invalid-level": entry(
            "To nie jest poziom ESOKJ (A1…C2); poziom pominięty", "Not a CEFR level (A1…C2); the level is left empty",
            fix: "Wpisz A1, A2, B1, B2, C1 albo C2.", "Write A1, A2, B1, B2, C1 or C2."),
        "invalid-number": entry(
            "Czas porady nie jest liczbą minut ani godzin; czas pominięty",
            "A duration that is not a number of minutes or hours; left empty",
            fix:
                "Wpisz minuty (45, 45 min, 1:30) albo godziny (0,75); ułamek w kolumnie minut to godziny: zmapuj kolumnę jako hours:.",
            "Write minutes (45, 45 min, 1:30) or hours (0,75); a fraction in a minutes column is hours: map it as hours:."
        ),
        "invalid-phone": entry(
            "To nie jest numer telefonu", "Not a phone number",
            fix: "Popraw numer; do tego czasu nie służy on do rozpoznania osoby.",
            "Correct it; until then it is not used to identify the person."),
        "invalid-email": entry(
            "To nie jest adres e-mail", "Not an e-mail address",
            fix: "Popraw adres; do tego czasu nie służy on do rozpoznania osoby.",
            "Correct it; until then it is not used to identify the person."),
        "unknown-objective": entry(
            "Nieznany cel szczegółowy FAMI (przyjęto domyślny projektu)",
            "A FAMI objective Integra does not know (the project's default applies)",
            fix: "Wpisz integracja / azyl (CS2 / CS1) albo zmapuj słowo partnera w values: objective:.",
            "Write integracja / azyl (CS2 / CS1) or map the partner's word under values: objective:."),
        "invalid-yes-no": entry(
            "W kolumnie tak/nie jest inna wartość (pominięta)", "A yes/no column holds something else (ignored)",
            fix: "Wpisz tak albo nie (lub zmapuj wartość w values:).", "Write tak/nie (or map it under values:)."),
        "cell-too-long": entry(
            "Komórka ma ponad 32 767 znaków (limit Excela); wczytano ją obciętą",
            "A cell holds over 32 767 characters (Excel's limit); it is read cut to the limit",
            fix: "Skróć tekst komórki albo przenieś go poza tabelę (np. do osobnego pliku z notatkami).",
            "Shorten the cell's text or move it out of the table (e.g. to a separate file of notes)."),
        "uncategorised-value": entry(
            "Temat, język lub forma porady spoza słownika kategorii (liczone jako „inne”)",
            "A topic, language or mode outside the category vocabulary (counted as \"inne\", other)",
            fix:
                "Wpisz kategorię ze słownika (pipelines/vocabulary.yml, categories:) albo zmapuj zapis partnera w values: źródła; nie wpisuj tu danych osobowych.",
            "Write a category of the vocabulary (pipelines/vocabulary.yml, categories:) or map the partner's form under the source's values:; never type personal data here."
        ),
        "unknown-mark": entry(
            "Nieznany znak obecności (zajęcia nie liczą się tej osobie)",
            "An attendance mark outside the vocabulary (the session does not count for the person)",
            fix: "Dopisz znak w marks: w pliku projektu albo popraw go na liście.",
            "Add it under marks: in the project file, or correct it on the sheet."),
        // Linking
        "unmatched-attendance": entry(
            "Osoby z listy obecności nie ma na liście uczestników grupy; wiersz odrzucony",
            "The name is on no roll of the sheet's group; the row is rejected",
            fix: "Dopisz osobę do listy uczestników albo popraw pisownię.",
            "Add the person to the roll or fix the spelling."),
        "ambiguous-attendance": entry(
            "Na liście uczestników grupy są dwie osoby pasujące do tego nazwiska; wiersz odrzucony",
            "Two persons on the group's roll fit this name; the row is rejected",
            fix: "Rozróżnij te osoby na liście uczestników lub obecności.", "Tell them apart on the roll or the sheet."),
        "unknown-course": entry(
            "Partner nie ma listy uczestników tej grupy; wiersz odrzucony",
            "The sheet's group has no roll at this partner; the row is rejected",
            fix: "Dodaj listę uczestników grupy albo popraw oznaczenie grupy.",
            "Add the group's roll or fix the group label."),
        "duplicate-row": entry(
            "Ten sam wiersz występuje dwa razy w arkuszu; wiersz odrzucony",
            "The same row appears twice in the sheet; the row is rejected",
            fix: "Usuń jeden z powtórzonych wierszy.", "Delete one of them."),
        "duplicate-file": entry(
            "Plik jest kopią innego pliku tego źródła (nie został wczytany)",
            "The file is a copy of another file of the source (not read)",
            fix: "Usuń kopię (np. „(kopia)”, „Copy of”, „(1)”).",
            "Delete the copy (e.g. \"(kopia)\", \"Copy of\", \"(1)\")."),
        "corrected-across-files": entry(
            "Nowsza kopia rejestru ma tę poradę z innymi wartościami (poprawka); liczona raz, tak jak w nowszej kopii, wiersz odrzucony",
            "A newer copy of the register has this consultation with other values (a correction); counted once, as the newer copy writes it, the row is rejected",
            fix:
                "Przysyłaj tylko poprawiony rejestr albo sprawdź, która wersja wiersza jest właściwa.",
            "Send the corrected register only, or check which version of the row is right."
        ),
        "duplicate-across-files": entry(
            "Ta sama porada (lub wiersz listy) jest w innym pliku partnera; liczona raz, wiersz odrzucony",
            "The same consultation (or roll row) is in another file of the partner; counted once, the row is rejected",
            fix:
                "Trzymaj każdy wiersz w jednym pliku: usuń ponownie zapisaną kopię albo wiersze powtórzone z pliku za cały rok.",
            "Keep each row in one file: delete a re-saved copy, or the rows a quarter's file repeats from the full-year file."
        ),
        "duplicate-mark": entry(
            "Druga obecność tej osoby na tych samych zajęciach (liczy się pierwsza)",
            "A second mark for the same person and session (the first counts)",
            fix: "Usuń powtórzony wpis.", "Delete the repeated entry."),
        // Participant rules
        "objective-conflict": entry(
            "Osoba jest wcześniej zarejestrowana w innym celu szczegółowym FAMI (liczy się wcześniejszy)",
            "The person is registered earlier under the other FAMI objective (the earlier one counts)",
            fix: "Popraw późniejszy wpis, jeśli to pomyłka.", "Correct the later record if it is a mistake."),
        // Finance (issue 19)
        "invalid-amount": entry(
            "Kwoty nie da się odczytać (np. „12,345”, tekst); bez kwoty kwalifikowalnej wiersz odrzucony",
            "The amount cannot be read (e.g. \"12,345\", text); without the eligible amount the row is rejected",
            fix: "Wpisz kwotę jak 1 234,56 (przecinek przed groszami, najwyżej dwie cyfry po nim) albo jako liczbę w komórce.",
            "Write the amount as 1 234,56 (a comma before the grosze, at most two digits after it) or as a number cell."),
        "unpaid-expenditure": entry(
            "Wydatek bez daty zapłaty (liczy się dopiero po zapłacie); wiersz odrzucony",
            "An expenditure without a payment date (it counts once paid); the row is rejected",
            fix: "Wpisz datę zapłaty albo wykaż wydatek w zestawieniu okresu, w którym go zapłacono.",
            "Write the payment date, or list the expenditure in the ledger of the period it is paid in."),
        "expense-outside-eligibility": entry(
            "Wydatek zapłacony poza okresem kwalifikowalności (albo dokument wystawiony przed jego początkiem); wiersz odrzucony",
            "Paid outside the eligibility period (or the document issued before it starts); the row is rejected",
            fix: "Sprawdź daty wystawienia i zapłaty; wydatek spoza okresu nie jest kwalifikowalny (okres: finance: eligibility w pliku projektu).",
            "Check the issue and payment dates; an expenditure outside the period is not eligible (the period: finance: eligibility in the project file)."),
        "eligible-above-gross": entry(
            "Kwota kwalifikowalna jest wyższa niż kwota brutto dokumentu; wiersz odrzucony",
            "The eligible amount is above the document's gross amount; the row is rejected",
            fix: "Popraw kwotę kwalifikowalną (najwyżej kwota brutto) albo kwotę brutto.",
            "Correct the eligible amount (at most the gross) or the gross amount."),
        "vat-not-eligible": entry(
            "VAT wykazany jako kwalifikowalny, choć w projekcie VAT nie jest kwalifikowalny; wiersz odrzucony",
            "VAT counted as eligible in a project where VAT is not eligible; the row is rejected",
            fix: "Wykaż jako kwalifikowalną kwotę netto (bez VAT); jeśli VAT jest w projekcie kwalifikowalny, wpisz vat_eligible: true w finance:.",
            "Claim the net amount (without VAT); if the project's VAT is eligible, set vat_eligible: true under finance:."),
        "unknown-budget-line": entry(
            "Zadania lub pozycji budżetu nie ma w budżecie projektu; wiersz odrzucony",
            "The task or budget line is not in the project's budget; the row is rejected",
            fix: "Popraw numer zadania i pozycji według budżetu z umowy (np. zadanie 1, pozycja 1.1) albo dopisz pozycję do budżetu (aneks).",
            "Correct the task and line numbers to the agreement's budget (e.g. task 1, line 1.1), or add the line to the budget (an annex)."),
        "duplicate-invoice": entry(
            "Ten sam dokument (NIP dostawcy i numer) wykazano już wcześniej — podwójne finansowanie; wiersz odrzucony",
            "The same document (supplier NIP and number) is claimed earlier — double funding; the row is rejected",
            fix: "Usuń powtórzony dokument; jeśli koszt dzielą partnerzy, każdy wykazuje swoją część na osobnej nocie lub w jednym wierszu.",
            "Delete the repeated document; a cost shared by partners is claimed in one row or on separate notes."),
        "paid-after-claim": entry(
            "Wydatek zapłacono po końcu okresu wniosku o płatność, w którym go wykazano (liczy się w kwartale zapłaty)",
            "Paid after the end of the payment claim's period it is listed in (it counts in the quarter of payment)",
            fix: "Przenieś wydatek do wniosku za okres, w którym go zapłacono.",
            "Move the expenditure to the claim for the period it was paid in."),
        "invalid-nip": entry(
            "Błędny NIP (zła suma kontrolna); NIP pominięto, wiersz wczytano",
            "A wrong NIP (checksum); the NIP is dropped, the row is loaded",
            fix: "Popraw NIP dostawcy (10 cyfr) według dokumentu.", "Correct the supplier's NIP (10 digits) from the document."),
        "line-over-budget": entry(
            "Wydatki pozycji budżetu przekraczają plan o więcej niż dopuszczalne przesunięcie (potrzebny aneks)",
            "A budget line's spending exceeds its plan by more than the allowed flexibility (an annex is needed)",
            fix: "Wystąp o aneks albo przenieś wydatki na właściwą pozycję; dopuszczalne przesunięcie: finance: flexibility.",
            "Apply for an annex or move the spending to the right line; the allowed shift: finance: flexibility."),
        "line-within-flexibility": entry(
            "Wydatki pozycji budżetu przekraczają plan w granicach dopuszczalnego przesunięcia",
            "A budget line's spending exceeds its plan within the allowed flexibility",
            fix: "Nic nie trzeba robić; pilnuj, by przesunięcia między pozycjami nie przekroczyły limitu.",
            "Nothing to do; keep the shifts between lines within the limit."),
        "indirect-over-flat-rate": entry(
            "Koszty pośrednie partnera przekraczają stawkę ryczałtu od kosztów bezpośrednich",
            "A partner's indirect costs exceed the flat rate of its direct costs",
            fix: "Obniż koszty pośrednie do stawki (finance: indirect_rate) albo sprawdź kategorie wydatków.",
            "Lower the indirect costs to the rate (finance: indirect_rate) or check the expenditures' categories."),
        "unknown-partner": entry(
            "W kolumnie partnera jest wartość, która nie jest identyfikatorem ani nazwą partnera projektu; wiersz odrzucony",
            "The partner column holds no partner id or name of the project; the row is rejected",
            fix: "Wpisz identyfikator partnera z pliku projektu (partners:) albo jego pełną nazwę.",
            "Write the partner's id from the project file (partners:) or its full name."),
        "invalid-category": entry(
            "Nieznana kategoria kosztu (w zestawieniu przyjęto kategorię pozycji budżetu; w budżecie wiersz odrzucony)",
            "An unknown cost category (in a ledger the budget line's applies; in the budget the row is rejected)",
            fix: "Wpisz: koszty personelu, koszty bezpośrednie, koszty pośrednie albo cross-financing.",
            "Write: koszty personelu, koszty bezpośrednie, koszty pośrednie or cross-financing."),
        "invalid-period": entry(
            "Okres w budżecie nie jest rokiem ani kwartałem; wiersz odrzucony",
            "The budget's period is no year or quarter; the row is rejected",
            fix: "Wpisz rok (2024) albo kwartał (2024Q1, I kw. 2024); pusta komórka oznacza cały projekt.",
            "Write a year (2024) or a quarter (2024Q1, I kw. 2024); an empty cell means the whole project."),
    ]
}

extension Diagnostic {
    /// One line for the terminal. In English the stage's message: `file:row:"column": error[code]: message`; in
    /// Polish the catalogue's problem and fix: `file:row:"column": błąd[code]: problem — fix`. The cell value is
    /// appended only when `showValues` is true.
    public func rendered(english: Bool, showValues: Bool) -> String {
        if english { return rendered(showValues: showValues) }
        var s = ""
        if let location { s += "\(showValues ? location : location.masked): " }
        let explanation = code.explanation
        if let polish {
            s += "\(severity.name.pl)[\(code.rawValue)]: \(showValues ? polish : PersonalDataMask.mask(polish))"
        } else {
            s += "\(severity.name.pl)[\(code.rawValue)]: \(explanation.problem.pl)"
            if !explanation.hint.pl.isEmpty { s += " — \(explanation.hint.pl)" }
        }
        if showValues, let value { s += " (wartość: \"\(value)\")" }
        return TerminalText.sanitized(s)
    }
}
