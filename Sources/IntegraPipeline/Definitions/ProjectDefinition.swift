import Foundation
import IntegraCore

/// Text in Polish and English; reports are Polish by default.
public struct LocalizedText: Hashable, Sendable, Codable {
    public var pl: String
    public var en: String

    public init(pl: String, en: String) {
        self.pl = pl
        self.en = en
    }

    public func text(_ language: ReportLanguage) -> String { language == .pl ? pl : en }
}

/// The language of report labels.
public enum ReportLanguage: String, Sendable, Codable, CaseIterable {
    case pl, en

    /// `value` by a `printf` format (`%.2f`), with the language's decimal separator: "12,5" in Polish.
    public func decimal(_ format: String, _ value: Double) -> String {
        let text = String(format: format, value)
        return self == .pl ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}

/// A whole project as described by `pipelines/<name>.yml`: who reports, which files, which rules, which reports.
///
/// Loaded with ``ProjectDefinition/load(from:)``; every key is documented in the README ("The project file").
public struct ProjectDefinition: Sendable {
    public var project: ProjectInfo
    public var partners: [Partner]
    public var activities: [Activity]
    public var sources: [SourceDefinition]
    public var rules: ParticipantRules
    public var linkage: LinkageRules
    public var targets: [Target]
    /// Targets a partner agreed to reach within the project (`targets:` items with `partner:`): shown per partner on
    /// the dashboard, never in the funder reports, whose targets are the project's.
    public var partnerTargets: [PartnerTarget] = []
    /// Report definition files, relative to the definitions root (e.g. `reports/generic-quarterly.yml`).
    public var reports: [String]
    /// The agreement number of each report that names one (`- { report: reports/fami-2021-2027.yml, agreement: … }`),
    /// by report path; a report without one reports under the project's agreement when it is for the project's
    /// funder (or for none in particular).
    public var reportAgreements: [String: String] = [:]
    /// The warehouse path relative to the project file's folder; nil = `<out>/warehouse.sqlite`.
    public var warehouse: String?
    /// The project file's own path as given by the user, for messages.
    public var file: String
    /// How `dashboard.html` publishes figures (`dashboard:`).
    public var dashboard = DashboardSettings()
    /// The money rules (`finance:`, issue 19): set when the file has a `finance:` block or a ledger or budget
    /// source (then with the defaults: eligibility = the project period, VAT not eligible, no flat rate, no
    /// flexibility, no tasks); nil for a project without money.
    public var finance: FinanceSettings?

    public func partner(_ id: String) -> Partner? { partners.first { $0.id == id } }
    public func activity(_ id: String) -> Activity? { activities.first { $0.id == id } }
}

/// The project file's `dashboard:` block: how the offline dashboard publishes figures.
///
/// ```yaml
/// dashboard: { suppress_below: 5 }   # counts 1–4 shown as "<5"; 0 turns suppression off
/// ```
public struct DashboardSettings: Sendable, Hashable {
    /// Counts from 1 to `suppressBelow − 1` are hidden on the dashboard (with secondary suppression); 0 or 1 = none.
    /// Never applied to the funder reports, which need exact counts.
    public var suppressBelow = 5

    /// The highest `suppress_below` accepted.
    public static let largestThreshold = 1000

    public init(suppressBelow: Int = 5) {
        self.suppressBelow = suppressBelow
    }
}

/// The project file's `finance:` block: the grant agreement's rules for the money (issue 19).
///
/// ```yaml
/// finance:
///   eligibility: { start: 2023-01-01, end: 2023-12-31 }   # default: the project period
///   vat_eligible: false      # default false: VAT is recoverable, so never eligible
///   indirect_rate: 7%        # flat rate of indirect costs on direct eligible costs; omit = none
///   flexibility: 10%         # a line may exceed its plan by this share without an annex; default 0 %
///   tasks:
///     "1": { name: Kursy języka polskiego, activities: [polish_course] }
///     "4": { name: Zarządzanie projektem }
/// ```
public struct FinanceSettings: Sendable, Hashable {
    /// First and last day an expenditure may be paid (and, for the start, issued) to be eligible.
    public var eligibilityStart: LocalDate
    public var eligibilityEnd: LocalDate
    /// Whether VAT is an eligible cost (the beneficiary cannot recover it); when false the eligible amount of a
    /// ledger without an `eligible` column is the net amount, and VAT claimed as eligible is rejected.
    public var vatEligible = false
    /// The flat rate of indirect costs on the direct eligible costs (personnel + direct); nil = no flat rate.
    public var indirectRate: Rate?
    /// The share a budget line may exceed its plan by without an annex (0 = none).
    public var flexibility = Rate.zero
    /// The budget's tasks: what each pays for, in task order as the file writes them.
    public var tasks: [FinanceTask] = []

    public init(eligibilityStart: LocalDate, eligibilityEnd: LocalDate) {
        self.eligibilityStart = eligibilityStart
        self.eligibilityEnd = eligibilityEnd
    }

    /// The task a budget or ledger names (`1`, read with ``BudgetCode/task(_:)``), if the block lists it.
    public func task(_ id: String) -> FinanceTask? { tasks.first { $0.id == id } }
}

/// One task (zadanie) of the budget: its number, name and the activities whose participants it pays for (the
/// cost per participant of an activity shares out the spend of the tasks naming it; a task with no activity, such
/// as management, is not shared out).
public struct FinanceTask: Sendable, Hashable {
    /// The task number as the budget names it, normalised (`Zadanie 1` → `1`).
    public var id: String
    public var name: String?
    /// Activity ids of the project.
    public var activities: [String] = []

    public init(id: String, name: String? = nil, activities: [String] = []) {
        self.id = id
        self.name = name
        self.activities = activities
    }
}

public struct ProjectInfo: Sendable {
    /// Short identifier used for the default output folder (`out/<id>/`).
    public var id: String
    public var name: String
    public var funder: String
    public var programme: String
    public var agreement: String
    public var periodStart: LocalDate
    public var periodEnd: LocalDate

    /// A period longer than this many years, or outside `plausibleYears`, is taken for a typo unless the project
    /// file confirms it (`period: { …, long: true }`).
    public static let longestPlausibleYears = 15.0
    public static let plausibleYears = 2000...2099
}

public struct Partner: Sendable, Hashable {
    public enum Role: String, Sendable, CaseIterable { case leader, partner }
    public var id: String
    public var name: String
    public var role: Role
}

/// A form of support (Polish course, consultation, workshop…), named in reports, with the rules that differ per
/// activity (docs/INDICATORS.md).
public struct Activity: Sendable, Hashable {
    /// When participation in an activity with a course roll starts.
    public enum SupportStart: String, Sendable, CaseIterable { case enrolment, firstAttendance = "first_attendance" }

    public var id: String
    public var name: LocalizedText
    /// What the activity is, for funder indicators (`language_course`, `civic_orientation`…); `other` by default.
    public var kind: String = "other"
    /// Fundusz Pracy "Razem Możemy Więcej" priority (`I`, `II`), if any.
    public var priority: String?
    /// Overrides the project's completion threshold.
    public var completionThreshold: Double?
    /// Overrides the project's `roll_start_is_support`.
    public var supportStarts: SupportStart?
    /// Hours of one session, for hours of support; nil = sessions are not counted in hours.
    public var sessionHours: Double?

    public init(id: String, name: LocalizedText) {
        self.id = id
        self.name = name
    }

    /// The kinds of activity funder indicators know (docs/INDICATORS.md).
    public static let kinds = [
        "language_course", "civic_orientation", "professional_guidance", "integration_workshop", "consultation",
        "vocational_activation", "psychological_support", "legal_advice", "childcare", "other",
    ]
}

/// One family of partner files and how to read them.
public struct SourceDefinition: Sendable {
    public var id: String
    public var partner: String
    public var kind: SourceKind
    public var activity: String
    /// Glob patterns relative to the project file's folder, or absolute (`*`, `?`, `**`; ignoring case).
    public var files: [String]
    /// Forced encoding name (`windows-1250`…); nil = detect.
    public var encoding: String?
    /// Forced delimiter; nil = detect.
    public var delimiter: Character?
    /// Which sheets of an XLSX to read: all visible sheets when empty.
    public var sheets: [String]
    /// 1-based header row; nil = find it by the mapped header words.
    public var headerRow: Int?
    /// Field → accepted header texts (case- and diacritic-insensitive).
    public var columns: [String: [String]]
    /// Title-block field → label (e.g. `group: Grupa`) for attendance sheets.
    public var title: [String: [String]]
    /// Extra attendance vocabulary added to the built-in one.
    public var marks: MarkVocabulary
    /// Per-field value maps: field → (written value → canonical value).
    public var values: [String: [String: String]]
    /// Explicit date formats tried before the built-in forms (`dd.MM.yyyy`).
    public var dateFormats: [String]
    /// `optional: true`: matching no file is fine; otherwise a source whose `files:` match nothing fails the run.
    public var optional = false
    /// Fields taken from the file name without its extension (`from_file_name: "kurs_{group}_lista"`).
    public var fromFileName: FieldPattern? = nil
    /// Fields taken from a title line above the header (`from_title: "grupa {group}"`).
    public var fromTitle: FieldPattern? = nil
}

/// Extra attendance marks a partner uses, on top of the built-in vocabulary.
public struct MarkVocabulary: Sendable {
    public var present: [String] = []
    public var absent: [String] = []
    public var excused: [String] = []
}

/// Who counts as a participant, when support starts and what completes a course.
public struct ParticipantRules: Sendable {
    /// A course is completed at this share of held sessions attended (0.8 = 80 %).
    public var completionThreshold: Double = 0.8
    /// Whether the start date on a course roll counts as support (participation starts at enrolment).
    public var rollStartIsSupport: Bool = true
    /// Default age bands for breakdowns, unless a report gives its own.
    public var ageBands: [AgeBand] = AgeBand.defaults
    /// FAMI objective of records that state none (`integration`, `asylum`); nil = unknown.
    public var objective: String?
    /// "Ukrainians who came after …": an arrival on or after this date counts.
    public var ukrArrivalSince = LocalDate(year: 2022, month: 2, day: 24)!

    /// The completion threshold of an activity.
    public func completionThreshold(_ activity: Activity?) -> Double {
        activity?.completionThreshold ?? completionThreshold
    }

    /// When support starts on an activity's roll.
    public func supportStarts(_ activity: Activity?) -> Activity.SupportStart {
        activity?.supportStarts ?? (rollStartIsSupport ? .enrolment : .firstAttendance)
    }
}

/// The FAMI specific objectives a person can be registered under (one only).
public enum FundingObjective: String, Sendable, CaseIterable {
    case integration, asylum

    /// Reads a written objective: `integracja`, `CS2`, `azyl`, `cel 1`… (docs/INDICATORS.md); nil if unknown.
    public static func parse(_ text: String) -> FundingObjective? {
        let t = TextNormalisation.foldForMatching(text).replacingOccurrences(of: " ", with: "")
        switch t {
        case "integracja", "integration", "legalnamigracja", "legalnamigracjaiintegracja", "migracjaiintegracja",
            "legalmigrationandintegration", "cs2", "cel2", "so2", "2":
            return .integration
        case "azyl", "asylum", "cs1", "cel1", "so1", "1":
            return .asylum
        default:
            return nil
        }
    }
}

/// How records are linked into persons (the `linkage:` section).
public struct LinkageRules: Sendable {
    /// Pairs whose match probability reaches this are the same person.
    public var matchThreshold: Double = 0.90
    /// Pairs from this probability up to the threshold go to the review sheet.
    public var reviewFloor: Double = 0.5
    /// A blocking key shared by more records than this yields no pairs.
    public var maxBlockSize: Int = 200
    /// The review workbook shows at most this many decisions, most doubtful first; `linkage-review.csv` lists them
    /// all. At programme scale there are a hundred thousand: no afternoon's work, and no workbook to open.
    public var reviewSheetLimit: Int = 1000
    /// First-name equivalence classes, relative to the definitions root.
    public var firstNames = "pipelines/linkage/first-names.yml"
    /// The decisions file, relative to the project file's folder; nil = `<project file name>.decisions.yml` if present.
    public var decisions: String?
}

/// A target the project agreed to reach, for one indicator and optionally one breakdown category.
public struct Target: Sendable, Hashable {
    public var indicator: String
    /// `(breakdown, category)`, e.g. `("citizenship", "UKR")`; nil = the total.
    public var category: BreakdownCategory?
    public var value: Double
    /// Where the item is in the project file (`targets[3]`, its line), for messages.
    public var keyPath = "targets"
    public var line: Int?

    public init(indicator: String, category: BreakdownCategory?, value: Double) {
        self.indicator = indicator
        self.category = category
        self.value = value
    }

    /// The largest target the project file accepts: more than any project's persons, hours or consultations, and
    /// small enough for every figure and percentage computed from it.
    public static let largest: Double = 1_000_000_000
}

/// A partner's share of a project target: `- { indicator: persons_supported, partner: nadija, value: 20 }`.
///
/// The indicator must have the `partner` breakdown (its figure for the partner is that breakdown's category).
public struct PartnerTarget: Sendable, Hashable {
    public var indicator: String
    /// A partner id of the project file.
    public var partner: String
    public var value: Double
    /// Where the item is in the project file (`targets[3]`, its line), for messages about the indicator.
    public var keyPath: String
    public var line: Int?

    public init(indicator: String, partner: String, value: Double, keyPath: String = "targets", line: Int? = nil) {
        self.indicator = indicator
        self.partner = partner
        self.value = value
        self.keyPath = keyPath
        self.line = line
    }
}

/// One category of one breakdown (`sex = K`).
public struct BreakdownCategory: Sendable, Hashable, Codable {
    public var breakdown: String
    public var value: String

    public init(breakdown: String, value: String) {
        self.breakdown = breakdown
        self.value = value
    }
}
