-- indirect_costs: each partner's indirect costs against the agreement's flat rate (issue 19), cumulative from the
-- project's start to :end. direct_grosze = eligible personnel + direct costs (the flat rate's base; cross-financing
-- is not in it); limit_grosze = :rate_numerator / :rate_denominator of it, rounded half away from zero to the grosz
-- (Money.share, the same rule as the indirect-over-flat-rate check).
with spend as (
    select
        partner_id,
        sum(case when category in ('personnel', 'direct') then eligible_grosze else 0 end) as direct_grosze,
        sum(case when category = 'indirect' then eligible_grosze else 0 end) as indirect_grosze
    from fin_expenditures
    where payment_date between :project_start and :end
    group by partner_id
)

select
    partner_id,
    direct_grosze,
    indirect_grosze,
    case
        when direct_grosze * :rate_numerator >= 0
            then (2 * direct_grosze * :rate_numerator + :rate_denominator) / (2 * :rate_denominator)
        else -((2 * -direct_grosze * :rate_numerator + :rate_denominator) / (2 * :rate_denominator))
    end as limit_grosze
from spend
order by partner_id
