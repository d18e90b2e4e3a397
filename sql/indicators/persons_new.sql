-- persons_new: persons whose support started in the period (first support of any kind; rules 2–3 of
-- docs/INDICATORS.md). One row per person, dated at the first support; the partner and activity are those of that
-- first support.
with first_events as (
    select
        e.person_id,
        e.event_date,
        e.partner_id,
        e.activity_id,
        e.priority,
        e.raw_row_id,
        row_number() over (
            partition by e.person_id
            order by e.event_date, e.partner_id, e.activity_id, e.raw_row_id
        ) as rn
    from fct_support_events as e
)

select
    f.person_id as unit_id,
    f.event_date,
    f.partner_id as partner,
    f.activity_id as activity,
    f.priority,
    d.sex,
    d.age_at_start as age,
    d.citizenship,
    d.objective,
    f.raw_row_id
from first_events as f
inner join dim_persons as d on f.person_id = d.person_id
where f.rn = 1
