-- course_completers: persons who completed a course (attended at least their activity's completion threshold of
-- the sessions their course held; rule 4 of docs/INDICATORS.md), dated at the course's last session.
select
    r.person_id as unit_id,
    r.last_session_date as event_date,
    r.partner_id as partner,
    r.activity_id as activity,
    r.priority,
    d.sex,
    d.age_at_start as age,
    d.citizenship,
    d.objective,
    r.raw_row_id
from fct_course_results as r
inner join dim_persons as d on r.person_id = d.person_id
where r.completed = 1
