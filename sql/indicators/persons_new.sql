-- persons_new: persons whose support started in the period (first support of any kind; rules 2–3 of
-- docs/INDICATORS.md). One row per person, dated at the first support; the partner and activity are those of that
-- first support (of several on that day: the first by partner, activity, source row).
-- Only the events on the person's first support date (dim_persons.first_support_date, the earliest event_date of
-- fct_support_events) are ranked: ranking every support event sorted them all. They are set apart first
-- (materialized), so that SQLite reads the events in their stored order instead of through the person_id index.
with first_day as materialized (
    select e.person_id, e.event_date, e.partner_id, e.activity_id, e.priority, e.raw_row_id
    from fct_support_events as e
    inner join dim_persons as d on e.person_id = d.person_id and e.event_date = d.first_support_date
),

first_events as (
    select
        f.*,
        row_number() over (partition by f.person_id order by f.partner_id, f.activity_id, f.raw_row_id) as rn
    from first_day as f
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
