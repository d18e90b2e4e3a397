-- unit_costs: what a participant and an hour of a course cost (issue 19), cumulative from the project's start to
-- :end. One row per group of temp.fin_groups, which the run fills from the project's `finance.tasks`:
--   group '' (the whole project): all eligible spend / persons supported (the persons_supported rule: each person
--     once, whichever partners and activities supported them);
--   a group of tasks (temp.fin_group_tasks) and the activities they pay for (temp.fin_group_activities): the
--     tasks' eligible spend / the distinct persons supported in those activities, and / the hours of the sessions
--     held in those activities that are language courses (a session is held when anyone was present, rule 4;
--     hours = the activity's session_hours, counted to 0,01 h).
-- Tasks that pay for no activity (project management) are in the whole project's spend only: they are not shared
-- out over activities. Divisions are rounded half away from zero to the grosz; an empty divisor gives null.
with spend as (
    select '' as group_id, coalesce(sum(x.eligible_grosze), 0) as spent_grosze
    from fin_expenditures as x
    where x.payment_date between :project_start and :end
    union all
    select t.group_id, coalesce(sum(x.eligible_grosze), 0) as spent_grosze
    from temp.fin_group_tasks as t
    inner join fin_expenditures as x on x.task = t.task and x.payment_date between :project_start and :end
    group by t.group_id
),

-- Each person's activities in the period, once: the whole project and every group count their persons from these
-- pairs, in one pass over the support events instead of one per group (3.1 -> 0.3 s at programme scale). Every
-- event's person is a person of dim_persons (a foreign key), so no join with it is needed.
person_activities as materialized (
    select distinct person_id, activity_id
    from fct_support_events
    where event_date between :project_start and :end and person_id is not null
),

persons as (
    select '' as group_id, count(distinct person_id) as persons
    from person_activities
    union all
    select a.group_id, count(distinct pa.person_id) as persons
    from temp.fin_group_activities as a
    inner join person_activities as pa on pa.activity_id = a.activity_id
    group by a.group_id
),

held as (
    select s.id, c.activity_id
    from sessions as s
    inner join courses as c on s.course_id = c.id
    where
        s.session_date between :project_start and :end
        and exists (select 1 from attendance_marks as am where am.session_id = s.id and am.status = 'present')
),

hours as (
    select
        g.group_id,
        coalesce(sum(cast(round(coalesce(a.session_hours, 0) * 100) as integer)), 0) as centihours
    from temp.fin_groups as g
    inner join temp.fin_group_activities as ga on ga.group_id = g.group_id
    inner join activities as a on a.id = ga.activity_id and a.kind = 'language_course'
    inner join held as h on h.activity_id = a.id
    group by g.group_id
),

figures as (
    select
        g.group_id,
        coalesce(s.spent_grosze, 0) as spent_grosze,
        coalesce(p.persons, 0) as persons,
        coalesce(h.centihours, 0) as centihours
    from temp.fin_groups as g
    left join spend as s on s.group_id = g.group_id
    left join persons as p on p.group_id = g.group_id
    left join hours as h on h.group_id = g.group_id
)

select
    group_id,
    spent_grosze,
    persons,
    centihours,
    case
        when persons = 0 then null
        when spent_grosze >= 0 then (2 * spent_grosze + persons) / (2 * persons)
        else -((2 * -spent_grosze + persons) / (2 * persons))
    end as cost_per_person_grosze,
    case
        when centihours = 0 then null
        when spent_grosze >= 0 then (200 * spent_grosze + centihours) / (2 * centihours)
        else -((200 * -spent_grosze + centihours) / (2 * centihours))
    end as cost_per_hour_grosze
from figures
order by group_id
