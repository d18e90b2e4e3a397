import Mustache

// The values `reports/dashboard/*.mustache` is filled with. Mustache reads stored properties by name (Mirror), so
// every name here is a name the template uses; the fixed words of the page are in the template itself.

/// Text in both languages of the page. `{{{name}}}` writes `<span lang="pl">…</span><span lang="en">…</span>` (one
/// plain escaped text when both are the same); the page's switch shows one. `{{name.pl}}` is the Polish text alone,
/// for attributes.
struct PageText: MustacheCustomRenderable, Sendable {
    var pl: String
    var en: String

    init(_ pl: String, _ en: String) {
        self.pl = pl
        self.en = en
    }

    init(_ both: String) { self.init(both, both) }

    var isNull: Bool { false }

    var renderText: String {
        pl == en
            ? DashboardHTML.escape(pl)
            : "<span lang=\"pl\">\(DashboardHTML.escape(pl))</span><span lang=\"en\">\(DashboardHTML.escape(en))</span>"
    }
}

/// One figure as the page shows it: the number, or the suppression mark. `{{{figure}}}` writes it; `{{figure.sort}}`
/// is the key the sortable tables sort by (the same for every hidden cell, so sorting reveals nothing).
struct Figure: MustacheCustomRenderable, Sendable {
    var text: PageText
    var sort: String
    var hidden: Bool

    var isNull: Bool { false }

    var renderText: String {
        hidden ? "<span class=\"sup\">\(text.renderText)</span>" : text.renderText
    }
}

/// The whole page.
struct DashboardPage {
    struct Project {
        var name: String
        var funder: String
        var programme: String?
        var agreement: String?
        var periodStart: PageText
        var periodEnd: PageText
        var reportingLabel: PageText
        var reportingEnd: PageText
    }

    struct PeriodOption {
        var key: String
        var label: PageText
        var selected: Bool
    }

    struct Status {
        var key: String
        var label: PageText
        var symbol: String
    }

    struct Tile {
        /// The indicator's code and `breakdown=category` of a target on a category (`data-` attributes for tests).
        var code: String
        var categoryKey: String
        var name: PageText
        var unit: PageText
        /// The big number: cumulative to the view's end, the figure the % of target is of.
        var figure: Figure
        /// "narastająco do 30.06.2023".
        var scope: PageText
        var toVerify: Bool
        /// The quarter views also show the quarter's own figure, labelled "w kwartale".
        var showInPeriod: Bool
        var inPeriod: Figure
        var hasTarget: Bool
        var target: String
        var percent: PageText
        /// Progress and the expected value at the view's end, as a share of the target (0–100).
        var bar: Int
        var expected: Int
        var status: Status
    }

    /// The tiles of one report (one funder's form): its indicators with targets first, large, then the others.
    struct TileGroup {
        var id: String
        var title: PageText
        /// The report's file (`reports/fami-2021-2027.xlsx`), or empty for indicators in no report.
        var file: String
        var targetTiles: [Tile]
        var otherTiles: [Tile]
        var hasTargetTiles: Bool
        var hasOtherTiles: Bool
    }

    /// Tiles of one view of the period selector.
    struct TileView {
        var key: String
        var hidden: Bool
        var label: PageText
        /// What the numbers of the view are: "narastająco do …" (and, in a quarter, that the quarter's own figure
        /// is below it).
        var scope: PageText
        var isQuarter: Bool
        var groups: [TileGroup]
    }

    /// One partner's target for one indicator, in one view.
    struct PartnerTargetRow {
        var partnerKey: String
        var partner: String
        var indicator: String
        var name: PageText
        var target: String
        var targetSort: String
        /// Cumulative to the view's end (what the % is of), and the quarter's own figure in a quarter view.
        var figure: Figure
        var inPeriod: Figure
        var percent: PageText
        var percentSort: String
        var expected: String
        var status: Status
        /// Lagging or behind: the row stands out (a symbol, a word, and a tint).
        var late: Bool
    }

    /// Partners behind their targets in one view, named above the table.
    struct LatePartner {
        var partner: String
        var name: PageText
        var figure: Figure
        var target: String
        var percent: PageText
        var status: Status
    }

    /// The partner-targets table of one view of the period selector.
    struct PartnerTargetView {
        var key: String
        var hidden: Bool
        var label: PageText
        var scope: PageText
        var isQuarter: Bool
        var rows: [PartnerTargetRow]
        var late: [LatePartner]
        var anyLate: Bool
    }

    struct PartnerTargets {
        var views: [PartnerTargetView]
    }

    struct ChartBar {
        var x: String
        var y: String
        var width: String
        var height: String
        var labelX: String
        var period: PageText
        /// The axis label: the quarter (`I kw.`, `Q1`) over its year.
        var short: PageText
        var year: String
        var inPeriod: Figure
        var cumulative: Figure
        var hidden: Bool
    }

    struct ChartPoint {
        var x: String
        var y: String
    }

    struct ChartTick {
        var y: String
        var label: String
    }

    struct Chart {
        var id: String
        var name: PageText
        var width: Int
        var height: Int
        var plotLeft: Int
        var plotRight: Int
        var baseline: Int
        var tickX: Int
        var axisLabelY: Int
        var yearLabelY: Int
        var supY: Int
        var ticks: [ChartTick]
        var bars: [ChartBar]
        var line: String
        var points: [ChartPoint]
        var hasTarget: Bool
        var targetY: String
        /// The target's label sits at the plot's left end, where the cumulative line is usually far below it.
        var targetLabelX: Int
        var targetLabelY: String
        var target: String
        /// One sentence for screen readers; the data table under the chart has every figure.
        var summary: PageText
    }

    struct BreakdownRow {
        /// The category as stored (`K`, `18–29`, a partner id), for `data-category`.
        var key: String
        var label: PageText
        var figure: Figure
        /// The row's bar in pixels (0–80, the largest shown category = 80); 0 for a hidden count.
        var bar: Int
    }

    struct BreakdownTable {
        var id: String
        var title: PageText
        var rows: [BreakdownRow]
        var total: Figure
    }

    struct CrossRow {
        var partner: PageText
        var cells: [Figure]
        var total: Figure
    }

    struct CrossTable {
        var activities: [PageText]
        var rows: [CrossRow]
        var totals: [Figure]
        var total: Figure
        var empty: Bool
    }

    /// Breakdowns of one view of the period selector.
    struct BreakdownView {
        var key: String
        var hidden: Bool
        var label: PageText
        /// Which persons the view's tables count: from the project's start, or in the quarter alone.
        var scope: PageText
        var tables: [BreakdownTable]
        var cross: CrossTable
    }

    struct PartnerQuality {
        var partner: String
        var files: Int
        var read: Int
        var loaded: Int
        var rejected: Int
        var rejectedShare: PageText
        var rejectedSort: String
    }

    struct FileQuality {
        var partner: String
        var path: String
        var kind: PageText
        var read: Int
        var loaded: Int
        var rejected: Int
        var blank: Int
    }

    struct CodeCount {
        var code: String
        var severity: PageText
        var severityKey: String
        var rows: Int
        var files: Int
    }

    struct EvidenceRow {
        var label: PageText
        var persons: Int
    }

    struct CoverageCell {
        var missing: Bool
        var records: Int
    }

    struct CoverageRow {
        var partner: String
        var cells: [CoverageCell]
        var missingCount: Int
    }

    struct Quality {
        var partners: [PartnerQuality]
        var files: [FileQuality]
        var noFiles: Bool
        var codes: [CodeCount]
        var noCodes: Bool
        var records: Int
        var persons: Int
        /// Records joined to another record of the same person (repeat visits, a second roll, another partner's
        /// file): ordinary matches, not duplicates.
        var merged: Int
        /// Persons whose records come from more than one file (matches across files).
        var acrossFiles: Int
        /// Rows rejected as a repeat of another row (`duplicate-row`, `duplicate-across-files`): real duplicates.
        var duplicates: Int
        var evidence: [EvidenceRow]
        var reviewPairs: Int
        var quarters: [PageText]
        var coverage: [CoverageRow]
        var missing: Int
        var expected: Int
    }

    struct Definition {
        var code: String
        var version: Int
    }

    struct Suppression {
        var on: Bool
        var threshold: Int
        /// The largest hidden count (threshold − 1).
        var largestHidden: Int
        var mark: String
    }

    var lang: String
    var title: PageText
    var project: Project
    var periods: [PeriodOption]
    var statuses: [Status]
    var tiles: [TileView]
    /// Nil when the project file sets no partner targets.
    var partnerTargets: PartnerTargets?
    var charts: [Chart]
    var breakdowns: [BreakdownView]
    var quality: Quality
    /// Nil when the project has no ledgers or budget.
    var finance: FinanceSection?
    var suppression: Suppression
    var fingerprint: String
    var definitions: [Definition]
    var integraVersion: String
    var css: String
    var script: String
}

/// HTML escaping the Swift side needs (Mustache escapes `{{…}}` itself).
enum DashboardHTML {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
