/// Small-cell suppression for the dashboard, a page meant to travel beyond the project: counts from 1 to
/// `threshold − 1` are hidden ("<5"), and further cells are hidden so that no hidden count can be worked out from
/// the figures shown beside it. Never applied to funder reports, which need exact counts.
///
/// The method, per table (one breakdown or the partner × activity table, one period):
/// 1. **Primary**: every count c with 1 ≤ c < threshold is hidden. Zeros are shown.
/// 2. **Secondary**: a *line* is a set of cells tied by a total — a breakdown's categories with its total row, a row or
///    a column of the partner × activity table with its margin. While some line has exactly one hidden cell, the
///    smallest non-zero shown cell of that line (the first one on ties) is hidden too.
/// 3. Cells published elsewhere on the page (a breakdown's total is the indicator's tile; the cross table's margins
///    are the partner and activity tables) are *fixed*: they keep their own state and are never hidden in step 2.
///
/// ```swift
/// let s = SmallCellSuppression(threshold: 5)
/// s.hidden(values: [3, 20, 0, 23], lines: [[0, 1, 2, 3]], fixed: [3: false])   // [true, true, false, false]
/// ```
struct SmallCellSuppression: Sendable {
    /// Counts below this (and above 0) are hidden; 0 or 1 turns suppression off.
    let threshold: Int

    var isOn: Bool { threshold > 1 }

    /// Whether a count is hidden on its own (primary suppression).
    func isSmall(_ value: Double) -> Bool {
        isOn && value >= 1 && value < Double(threshold)
    }

    /// Which cells of a table are hidden.
    ///
    /// - Parameters:
    ///   - values: the table's counts, in any order.
    ///   - lines: groups of indexes into `values` tied by a total (the total's own index included).
    ///   - fixed: cells whose state is decided elsewhere (index → hidden), left as they are.
    func hidden(values: [Double], lines: [[Int]], fixed: [Int: Bool] = [:]) -> [Bool] {
        guard isOn else { return values.indices.map { fixed[$0] ?? false } }
        var hidden = values.indices.map { fixed[$0] ?? isSmall(values[$0]) }
        var changed = true
        while changed {
            changed = false
            for line in lines where line.filter({ hidden[$0] }).count == 1 {
                let candidates = line.filter { !hidden[$0] && fixed[$0] == nil && values[$0] > 0 }
                if let next = candidates.min(by: { (values[$0], $0) < (values[$1], $1) }) {
                    hidden[next] = true
                    changed = true
                }
            }
        }
        return hidden
    }
}
