import Foundation

/// A pair's weight and its breakdown by field.
struct Scorer {
    let model: FellegiSunterModel
    let frequencies: ValueFrequencies
    /// `weights[field][level]`: log2(m/u), 0 for missing.
    let weights: [[Double]]

    /// log2(U_first · U_last): how often two different persons' records agree on each name (any spelling).
    let namesAgreement: Double

    init(model: FellegiSunterModel, frequencies: ValueFrequencies) {
        self.model = model
        self.frequencies = frequencies
        let u = model.u
        namesAgreement = log2(
            (u[ComparisonField.firstName.rawValue][1] + u[ComparisonField.firstName.rawValue][2])
                * (u[ComparisonField.lastName.rawValue][1] + u[ComparisonField.lastName.rawValue][2]))
        weights = ComparisonField.all.map { field in
            (0...field.levelCount).map { model.weight(field, UInt8($0)) }
        }
    }

    /// The term-frequency adjustment of a field at an agreement level: the smaller of the two records' (they are
    /// equal unless names are swapped, where a surname typed as a first name would look like a rare first name).
    private func adjustment(_ field: ComparisonField, _ level: UInt8, _ a: Int, _ b: Int) -> Double {
        guard FellegiSunterModel.isAgreement(field, level) else { return 0 }
        let perRecord = frequencies.adjustment[field.rawValue]
        guard !perRecord.isEmpty else { return 0 }
        let own = Double(min(perRecord[a], perRecord[b]))
        switch field {
        case .phone, .email, .document: return log2(model.u[field.rawValue][Int(level)]) + own
        default: return own
        }
    }

    /// Both names agree (each the same spelling or skeleton, or the two swapped): the term-frequency adjustment is
    /// then the full name's (`ValueFrequencies.fullNameAdjustment`), not the sum of the two names'.
    static func namesAgree(_ pattern: ComparisonPattern) -> Bool {
        let first = pattern[.firstName]
        let last = pattern[.lastName]
        return (first == NameLevel.exact || first == NameLevel.skeleton)
            && (last == NameLevel.exact || last == NameLevel.skeleton || last == NameLevel.swapped)
    }

    func fieldWeight(_ field: ComparisonField, _ pattern: ComparisonPattern, _ a: Int, _ b: Int) -> Double {
        let level = pattern[field]
        guard level != 0 else { return 0 }
        let base = weights[field.rawValue][Int(level)]
        guard Scorer.namesAgree(pattern), field == .firstName || field == .lastName else {
            return base + adjustment(field, level, a, b)
        }
        // The full name's adjustment log2(U_first · U_last / f), shared equally between the two name fields.
        let rarity = Double(min(frequencies.fullNameRarity[a], frequencies.fullNameRarity[b]))
        return base + (namesAgreement + rarity) / 2
    }

    func weight(_ pattern: ComparisonPattern, _ a: Int, _ b: Int) -> Double {
        var total = model.priorWeight
        for field in ComparisonField.all { total += fieldWeight(field, pattern, a, b) }
        return total
    }

    func contributions(_ pattern: ComparisonPattern, _ a: Int, _ b: Int) -> [FieldContribution] {
        var out = ComparisonField.all.map { field in
            FieldContribution(
                field: field.name, level: field.levels[Int(pattern[field])], weight: fieldWeight(field, pattern, a, b))
        }
        let pesel = ["missing", "exact", "different"][Int(pattern.pesel.rawValue)]
        out.append(FieldContribution(field: "pesel", level: pesel, weight: 0))
        return out
    }

    static func probability(_ weight: Double) -> Double { 1 / (1 + exp2(-weight)) }
}
