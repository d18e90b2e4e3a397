-- course_completers: persons who completed a course (attended at least their activity's completion threshold of
-- the sessions their course held; rule 4 of docs/INDICATORS.md), dated at the course's last session.
-- The rows behind a completion are the roll row and every attendance row with a present mark for that course, so
-- explanations and restatements point at the attendance sheet rows that made it.
with completed as (
    select r.*
    from fct_course_results as r
    where r.completed = 1
),

evidence as (
    select c.participant_record_id, c.raw_row_id from completed as c
    union
    select am.participant_record_id, am.raw_row_id
    from attendance_marks as am
    inner join completed as c on am.participant_record_id = c.participant_record_id
    where am.status = 'present'
)

select
    c.person_id as unit_id,
    c.last_session_date as event_date,
    c.partner_id as partner,
    c.activity_id as activity,
    c.priority,
    d.sex,
    d.age_at_start as age,
    d.citizenship,
    d.objective,
    e.raw_row_id
from completed as c
inner join evidence as e on c.participant_record_id = e.participant_record_id
inner join dim_persons as d on c.person_id = d.person_id
