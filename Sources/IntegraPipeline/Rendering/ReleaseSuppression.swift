import IntegraCore

/// One number a release can publish: an indicator's value for one category over one span of days. Two cells of a
/// release with the same figure (a quarter's total on the summary sheet and on the sex sheet; the whole project's
/// in-period value and its cumulative one) are the same number, so they are shown or hidden together.
struct PublishedFigure: Hashable, Comparable, CustomStringConvertible {
    var indicator: String
    /// "" for the indicator's total.
    var breakdown: String
    var category: String
    var start: LocalDate
    var end: LocalDate

    static func < (a: PublishedFigure, b: PublishedFigure) -> Bool {
        (a.indicator, a.breakdown, a.category, a.start.daysSinceEpoch, a.end.daysSinceEpoch)
            < (b.indicator, b.breakdown, b.category, b.start.daysSinceEpoch, b.end.daysSinceEpoch)
    }

    var description: String {
        "\(indicator)[\(breakdown.isEmpty ? "total" : "\(breakdown)=\(category)")] \(start.iso)..\(end.iso)"
    }
}

/// A linear tie between figures that holds in this run's figures: `total = Σ parts`.
///
/// What someone holding a release can subtract with: a breakdown's categories add up to its total when each unit
/// is in one category (sex, age; consultations by partner); months add up to their quarter, quarters to their year,
/// a cumulative figure is the previous one plus the period's, when each unit is dated once (consultations, new
/// persons). Persons supported in January and in February are not additive (a person can be in both): such a tie
/// is kept only where it happens to hold exactly, which is when subtraction would give a hidden count back.
struct FigureRelation: Hashable {
    var total: PublishedFigure
    var parts: [PublishedFigure]

    var members: [PublishedFigure] { [total] + parts }
}

/// A span of days, from the first to the last.
struct Span: Hashable {
    var start: LocalDate
    var end: LocalDate
}

/// The ties between the figures of one release, taken from the figures themselves.
struct FigureRelations {
    /// `indicators`: indicator → breakdown → the categories a release can show (every one with a value included).
    /// `levels`: the months, quarters and years the run computed, each a list of disjoint spans; `others`: the
    /// other spans computed (the reporting period, the cumulative spans from the project's start).
    static func relations(
        indicators: [String: [String: [String]]], levels: [[Span]], others: [Span], value: (PublishedFigure) -> Double
    ) -> [FigureRelation] {
        var relations: [FigureRelation] = []
        var seen = Set<FigureRelation>()
        func add(_ r: FigureRelation) {
            guard !r.parts.isEmpty, !(r.parts.count == 1 && r.parts[0] == r.total) else { return }
            let sum = r.parts.reduce(0) { $0 + value($1) }
            guard abs(sum - value(r.total)) < 1e-9, seen.insert(r).inserted else { return }
            relations.append(r)
        }
        let spans = Array(Set(levels.flatMap { $0 } + others)).sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        let byStart = levels.map { level in Dictionary(level.map { ($0.start.daysSinceEpoch, $0.end) }) { a, _ in a } }
        /// Spans of one level that exactly tile `from...to`, or nil.
        func tiling(_ level: [Int: LocalDate], from: Int, to: Int) -> [Span]? {
            var pieces: [Span] = []
            var day = from
            while day <= to {
                guard let end = level[day], end.daysSinceEpoch <= to else { return nil }
                pieces.append(Span(start: LocalDate(daysSinceEpoch: day), end: end))
                day = end.daysSinceEpoch + 1
            }
            return pieces
        }
        // For each span and level: the level's spans that tile it, and the longest shorter span with the same start
        // whose remainder the level tiles (a cumulative figure = the previous one + the period's). Longer chains
        // are sums of these.
        var periodTies: [(total: Span, parts: [Span])] = []
        for span in spans {
            let s = span.start.daysSinceEpoch, e = span.end.daysSinceEpoch
            for level in byStart {
                if let tiles = tiling(level, from: s, to: e) { periodTies.append((span, tiles)) }
                for prefix in spans.reversed() where prefix.start == span.start && prefix.end < span.end {
                    if let tiles = tiling(level, from: prefix.end.daysSinceEpoch + 1, to: e) {
                        periodTies.append((span, [prefix] + tiles))
                        break
                    }
                }
            }
        }
        for (indicator, breakdowns) in indicators.sorted(by: { $0.key < $1.key }) {
            let groups = [("", "")] + breakdowns.sorted { $0.key < $1.key }.flatMap { b, cats in cats.map { (b, $0) } }
            for (b, c) in groups {
                func figure(_ s: Span) -> PublishedFigure {
                    PublishedFigure(indicator: indicator, breakdown: b, category: c, start: s.start, end: s.end)
                }
                for tie in periodTies { add(FigureRelation(total: figure(tie.total), parts: tie.parts.map(figure))) }
            }
            // Categories: a breakdown's categories add up to the total.
            for (b, cats) in breakdowns.sorted(by: { $0.key < $1.key }) where !cats.isEmpty {
                for span in spans {
                    add(
                        FigureRelation(
                            total: PublishedFigure(
                                indicator: indicator, breakdown: "", category: "", start: span.start, end: span.end),
                            parts: cats.map {
                                PublishedFigure(
                                    indicator: indicator, breakdown: b, category: $0, start: span.start, end: span.end)
                            }))
                }
            }
        }
        return relations
    }
}

/// Which hidden figures of a release can be worked out from the shown ones and the ties between figures: exactly,
/// by linear algebra (any combination of sums and differences, through figures the release does not show), or
/// because a tie leaves its hidden figures no other value (two hidden counts summing to 2 are both 1).
///
/// ```swift
/// let recovered = DisclosureAudit.recovered(shown: shown, hidden: hidden, relations: relations)  // [] when safe
/// ```
enum DisclosureAudit {
    /// The hidden figures the others give away, sorted. `shown` maps each shown figure to its published value;
    /// figures in neither set are unknown to the reader (never published).
    static func recovered(shown: [PublishedFigure: Double], hidden: Set<PublishedFigure>, relations: [FigureRelation])
        -> [PublishedFigure]
    {
        var result = Set<PublishedFigure>()
        // A tie with a shown total whose hidden parts sum to their number: each is 1 (a hidden count is never 0,
        // zeros are shown).
        for r in relations where shown[r.total] != nil {
            let unknown = r.parts.filter { hidden.contains($0) }
            guard unknown.count >= 2, r.parts.allSatisfy({ shown[$0] != nil || hidden.contains($0) }) else { continue }
            let rest = r.parts.reduce(shown[r.total]!) { $0 - (shown[$1] ?? 0) }
            if abs(rest - Double(unknown.count)) < 1e-9 { result.formUnion(unknown) }
        }
        result.formUnion(linear(shown: shown, hidden: hidden, relations: relations))
        return result.sorted()
    }

    /// Hidden figures fixed by the relations alone, over the rationals (computed modulo a large prime).
    static func linear(shown: [PublishedFigure: Double], hidden: Set<PublishedFigure>, relations: [FigureRelation])
        -> Set<PublishedFigure>
    {
        // An unpublished figure in one relation only leaves that relation free, so it says nothing: such relations
        // are peeled off until none is left.
        var live = relations
        var changed = true
        while changed {
            changed = false
            var uses: [PublishedFigure: Int] = [:]
            for r in live {
                for f in r.members where shown[f] == nil && !hidden.contains(f) { uses[f, default: 0] += 1 }
            }
            let kept = live.filter { r in !r.members.contains { uses[$0] == 1 } }
            if kept.count != live.count {
                live = kept
                changed = true
            }
        }
        // Unknowns: unpublished figures first (eliminated before the hidden ones), then hidden.
        var ordinal: [PublishedFigure: Int] = [:]
        var unknowns = Set<PublishedFigure>()
        for r in live { for f in r.members where shown[f] == nil { unknowns.insert(f) } }
        for f in unknowns.filter({ !hidden.contains($0) }).sorted() { ordinal[f] = ordinal.count }
        let firstHidden = ordinal.count
        for f in unknowns.filter(hidden.contains).sorted() { ordinal[f] = ordinal.count }
        var basis: [Int: [Int: Int64]] = [:]
        func reduce(_ row: inout [Int: Int64]) -> Int? {
            while let lead = row.keys.min() {
                guard let pivot = basis[lead] else { return lead }
                let factor = row[lead]!
                for (col, v) in pivot {
                    let x = (row[col, default: 0] - factor * v % p + p) % p
                    row[col] = x == 0 ? nil : x
                }
            }
            return nil
        }
        for r in live {
            var row: [Int: Int64] = [:]
            for f in r.members {
                guard let o = ordinal[f] else { continue }
                let coefficient: Int64 = f == r.total ? p - 1 : 1
                let x = (row[o, default: 0] + coefficient) % p
                row[o] = x == 0 ? nil : x
            }
            if let lead = reduce(&row) {
                let inverse = power(row[lead]!, p - 2)
                basis[lead] = row.mapValues { $0 * inverse % p }
            }
        }
        var found = Set<PublishedFigure>()
        for (f, o) in ordinal where o >= firstHidden {
            var row: [Int: Int64] = [o: 1]
            if reduce(&row) == nil { found.insert(f) }
        }
        return found
    }

    private static let p: Int64 = 2_147_483_647

    private static func power(_ base: Int64, _ exponent: Int64) -> Int64 {
        var result: Int64 = 1, b = base % p, e = exponent
        while e > 0 {
            if e & 1 == 1 { result = result * b % p }
            b = b * b % p
            e >>= 1
        }
        return result
    }
}

/// Small-cell suppression over a whole release (every sheet of a `public: true` report): each figure is shown or
/// hidden once for all the cells that show it; counts from 1 to `threshold − 1` are hidden (primary), then, while
/// any hidden figure can be worked out from the shown ones (``DisclosureAudit``), one more figure tied to it is
/// hidden — the smallest non-zero one of its ties, across categories, periods and the cumulative alike.
struct ReleaseSuppression {
    let threshold: Int

    /// The figures to hide among `published` (figure → value), given the ties between figures.
    /// `initial`: figures already hidden by rules of their own (a dashboard table's), kept hidden.
    func hidden(
        published: [PublishedFigure: Double], relations: [FigureRelation], initial: Set<PublishedFigure> = []
    ) -> Set<PublishedFigure> {
        let rule = SmallCellSuppression(threshold: threshold)
        guard rule.isOn else { return [] }
        var hidden = Set(published.filter { rule.isSmall($0.value) }.keys).union(
            initial.filter { published[$0] != nil })
        // Figures of different indicators are never tied: each indicator is settled on its own.
        let byIndicator = Dictionary(grouping: relations) { $0.total.indicator }
        for (indicator, relations) in byIndicator.sorted(by: { $0.key < $1.key }) {
            let mine = published.filter { $0.key.indicator == indicator }
            var own = hidden.filter { $0.indicator == indicator }
            guard !own.isEmpty else { continue }
            settle(published: mine, relations: relations, hidden: &own)
            hidden.formUnion(own)
        }
        return hidden
    }

    /// Adds to `hidden` until no hidden figure of `published` can be worked out.
    private func settle(
        published: [PublishedFigure: Double], relations: [FigureRelation], hidden: inout Set<PublishedFigure>
    ) {
        var tied: [PublishedFigure: [Int]] = [:]
        for (i, r) in relations.enumerated() { for f in r.members { tied[f, default: []].append(i) } }
        /// The smallest shown non-zero figure tied to one of `figures`.
        func smallestTied(to figures: [PublishedFigure]) -> PublishedFigure? {
            figures.flatMap { tied[$0] ?? [] }.flatMap { relations[$0].members }
                .filter { !hidden.contains($0) && (published[$0] ?? 0) > 0 }
                .min { (published[$0]!, $0) < (published[$1]!, $1) }
        }
        // First the quick rule on ties whose figures are all published: no tie with exactly one hidden figure.
        let direct = relations.filter { $0.members.allSatisfy { published[$0] != nil } }
        var changed = true
        while changed {
            changed = false
            for r in direct {
                let inside = r.members.filter(hidden.contains)
                guard inside.count == 1,
                    let next = r.members.filter({ !hidden.contains($0) && published[$0]! > 0 })
                        .min(by: { (published[$0]!, $0) < (published[$1]!, $1) })
                else { continue }
                hidden.insert(next)
                changed = true
            }
        }
        // Then the audit, which sees every combination of ties, until it exposes nothing; each round hides one more
        // figure tied to each exposed one.
        while true {
            let shown = published.filter { !hidden.contains($0.key) }
            let exposed = DisclosureAudit.recovered(shown: shown, hidden: hidden, relations: relations)
            guard !exposed.isEmpty else { return }
            var added = false
            for f in exposed {
                let next =
                    smallestTied(to: [f]) ?? smallestTied(to: Array(hidden).sorted())
                    ?? shown.keys.filter { shown[$0]! > 0 }.min { (published[$0]!, $0) < (published[$1]!, $1) }
                if let next, !hidden.contains(next) {
                    hidden.insert(next)
                    added = true
                }
            }
            // Nothing left to hide: every published figure of the indicator is hidden or zero.
            if !added { return }
        }
    }
}

/// The run's figures by span: which period and scope computed each span, and the months, quarters and years.
struct FigureValues {
    let values: ValueIndex
    let projectStart: LocalDate
    /// Every span the run computed (each period in-period, and cumulative from the project's start), with a period
    /// and scope that give its value.
    let spans: [Span: (period: String, scope: String)]
    private let periodSpans: [String: Span]
    let levels: [[Span]]

    init(values: ValueIndex, periods: ReportPeriods, projectStart: LocalDate) {
        self.values = values
        self.projectStart = projectStart
        var spans: [Span: (period: String, scope: String)] = [:]
        var periodSpans: [String: Span] = [:]
        for p in periods.all {
            let own = Span(start: p.start, end: p.end)
            periodSpans[p.id] = own
            spans[own] = spans[own] ?? (p.id, "in_period")
            let cumulative = Span(start: projectStart, end: p.end)
            spans[cumulative] = spans[cumulative] ?? (p.id, "cumulative")
        }
        self.spans = spans
        self.periodSpans = periodSpans
        levels = [periods.months, periods.quarters, periods.years].map { $0.map { Span(start: $0.start, end: $0.end) } }
    }

    /// A figure's value (NaN for a span never computed).
    func callAsFunction(_ f: PublishedFigure) -> Double {
        guard let (period, scope) = spans[Span(start: f.start, end: f.end)] else { return .nan }
        return values.value(f.indicator, period, scope, f.breakdown, f.category)
    }

    /// The figure a period and scope give (nil for a period the run did not compute).
    func figure(_ indicator: String, _ period: String, _ scope: String, _ breakdown: String, _ category: String)
        -> PublishedFigure?
    {
        guard let span = periodSpans[period] else { return nil }
        return PublishedFigure(
            indicator: indicator, breakdown: breakdown, category: category,
            start: scope == "cumulative" ? projectStart : span.start, end: span.end)
    }

    /// The ties between the figures of `published` and every figure of their indicators and breakdowns.
    func relations(_ published: some Sequence<PublishedFigure>, categories: (String, String) -> [String])
        -> [FigureRelation]
    {
        var shown: [String: [String: [String]]] = [:]
        for f in published {
            if shown[f.indicator] == nil { shown[f.indicator] = [:] }
            if !f.breakdown.isEmpty, shown[f.indicator]![f.breakdown] == nil {
                shown[f.indicator]![f.breakdown] = categories(f.indicator, f.breakdown)
            }
        }
        return FigureRelations.relations(
            indicators: shown, levels: levels, others: Array(spans.keys), value: self.callAsFunction)
    }
}

/// The figures a page shows, gathered while it is laid out, and those the whole page must hide.
final class FigureLedger {
    /// Each count shown, with its value.
    var published: [PublishedFigure: Double] = [:]
    /// Counts the page's own rules hid (primary, and secondary within a table).
    var hiddenLocally = Set<PublishedFigure>()
    /// Counts to hide, decided over the whole page.
    var hidden = Set<PublishedFigure>()
}
