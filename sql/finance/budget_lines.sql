-- budget_lines: budget execution (issue 19), one row per partner × task × budget line that the grant agreement's
-- budget plans or the partner's ledger spends on. Amounts in grosze; every division rounded half away from zero to
-- the grosz. Parameters: :project_start, :project_end, :start and :end (the reporting period).
--
-- plan_grosze: the line's plan for the whole project. A budget may plan a line per project, per year or per
-- quarter; when one line has amounts of several kinds, the coarsest is its plan (a project total over a yearly
-- split), so nothing is counted twice.
-- plan_to_date_grosze: the part of the plan due by :end, for spending against plan: each planned period's amount
-- × its days (within the project) up to :end / its days within the project. A quarter or year ended by then counts
-- whole; a project total accrues evenly by day.
-- spent_period_grosze / spent_cumulative_grosze: eligible spend paid within :start..:end / from the project's
-- start to :end (cash basis: the payment date places an expenditure).
-- remaining_grosze = plan − cumulative; forecast_grosze = cumulative × project days / days elapsed to :end (the
-- current pace to the project's end).
with plan_rows as (
    select
        b.partner_id,
        b.task,
        b.budget_line,
        b.amount_grosze,
        case when b.period_id = 'project' then 0 when length(b.period_id) = 4 then 1 else 2 end as grain,
        max(
            :project_start,
            case
                when b.period_id = 'project' then :project_start
                when length(b.period_id) = 4 then b.period_id || '-01-01'
                else printf('%s-%02d-01', substr(b.period_id, 1, 4), 3 * cast(substr(b.period_id, 6, 1) as integer) - 2)
            end
        ) as p_start,
        min(
            :project_end,
            case
                when b.period_id = 'project' then :project_end
                when length(b.period_id) = 4 then b.period_id || '-12-31'
                else date(
                    printf('%s-%02d-01', substr(b.period_id, 1, 4), 3 * cast(substr(b.period_id, 6, 1) as integer) - 2),
                    '+3 months', '-1 day')
            end
        ) as p_end
    from fin_budget as b
),

grain as (
    select partner_id, task, budget_line, min(grain) as grain from plan_rows group by partner_id, task, budget_line
),

accrued as (
    select
        p.partner_id,
        p.task,
        p.budget_line,
        p.amount_grosze as amount,
        -- days of the planned period within the project, and of those up to :end
        max(0, cast(julianday(p.p_end) - julianday(p.p_start) as integer) + 1) as days,
        max(0, min(cast(julianday(min(p.p_end, :end)) - julianday(p.p_start) as integer) + 1,
                   cast(julianday(p.p_end) - julianday(p.p_start) as integer) + 1)) as days_due
    from plan_rows as p
    inner join grain as g
        on p.partner_id = g.partner_id and p.task = g.task and p.budget_line = g.budget_line and p.grain = g.grain
),

plan as (
    select
        partner_id,
        task,
        budget_line,
        sum(amount) as plan_grosze,
        sum(
            case
                when days = 0 then 0
                when days_due = days then amount
                when amount >= 0 then (2 * amount * days_due + days) / (2 * days)
                else -((2 * -amount * days_due + days) / (2 * days))
            end
        ) as plan_to_date_grosze
    from accrued
    group by partner_id, task, budget_line
),

spent as (
    select
        partner_id,
        task,
        budget_line,
        sum(case when payment_date between :start and :end then eligible_grosze else 0 end) as spent_period_grosze,
        sum(case when payment_date between :project_start and :end then eligible_grosze else 0 end)
            as spent_cumulative_grosze
    from fin_expenditures
    group by partner_id, task, budget_line
),

lines as (
    select partner_id, task, budget_line from plan
    union
    select partner_id, task, budget_line from spent
),

days as (
    select
        cast(julianday(:project_end) - julianday(:project_start) as integer) + 1 as project_days,
        max(1, cast(julianday(min(:end, :project_end)) - julianday(:project_start) as integer) + 1) as elapsed_days
)

select
    l.partner_id,
    l.task,
    coalesce(
        (select b.task_name from fin_budget as b where b.task = l.task and b.task_name is not null
         order by b.raw_row_id limit 1),
        (select t.name from temp.fin_tasks as t where t.task = l.task and t.name is not null limit 1)
    ) as task_name,
    l.budget_line,
    (select b.line_name from fin_budget as b
     where b.task = l.task and b.budget_line = l.budget_line and b.line_name is not null
     order by b.raw_row_id limit 1) as line_name,
    coalesce(
        (select b.category from fin_budget as b where b.task = l.task and b.budget_line = l.budget_line
         order by b.raw_row_id limit 1),
        (select min(x.category) from fin_expenditures as x where x.task = l.task and x.budget_line = l.budget_line)
    ) as category,
    coalesce(p.plan_grosze, 0) as plan_grosze,
    coalesce(p.plan_to_date_grosze, 0) as plan_to_date_grosze,
    coalesce(s.spent_period_grosze, 0) as spent_period_grosze,
    coalesce(s.spent_cumulative_grosze, 0) as spent_cumulative_grosze,
    coalesce(p.plan_grosze, 0) - coalesce(s.spent_cumulative_grosze, 0) as remaining_grosze,
    case
        when d.elapsed_days >= d.project_days then coalesce(s.spent_cumulative_grosze, 0)
        when coalesce(s.spent_cumulative_grosze, 0) >= 0
            then (2 * coalesce(s.spent_cumulative_grosze, 0) * d.project_days + d.elapsed_days) / (2 * d.elapsed_days)
        else -((2 * -s.spent_cumulative_grosze * d.project_days + d.elapsed_days) / (2 * d.elapsed_days))
    end as forecast_grosze
from lines as l
cross join days as d
left join plan as p on l.partner_id = p.partner_id and l.task = p.task and l.budget_line = p.budget_line
left join spent as s on l.partner_id = s.partner_id and l.task = s.task and l.budget_line = s.budget_line
order by l.task, l.budget_line, l.partner_id
