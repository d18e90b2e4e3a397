-- fct_course_results: per roll record, sessions held by its course (session dates at which anyone was present),
-- sessions attended, and whether the course was completed: attended / held >= the activity's completion threshold
-- (activities: … completion_threshold, default participants.completion_threshold). Rule 4 of docs/INDICATORS.md.
create view fct_course_results as
with held as (
    select s.course_id, count(*) as sessions_held, max(s.session_date) as last_session_date
    from sessions as s
    where exists (select 1 from attendance_marks as am where am.session_id = s.id and am.status = 'present')
    group by s.course_id
),

attended as (
    select am.participant_record_id, count(*) as sessions_attended
    from attendance_marks as am
    where am.status = 'present'
    group by am.participant_record_id
)

select
    pr.id as participant_record_id,
    pr.person_id,
    pr.partner_id,
    pr.activity_id,
    a.kind as activity_kind,
    a.priority,
    pr.course_id,
    pr.raw_row_id,
    h.sessions_held,
    coalesce(at.sessions_attended, 0) as sessions_attended,
    h.last_session_date,
    coalesce(
        h.sessions_held > 0
        -- compared as a product with a small tolerance: 4 of 5 sessions is exactly 80 %
        and 1.0 * coalesce(at.sessions_attended, 0) >= a.completion_threshold * h.sessions_held - 1e-9,
        0
    ) as completed
from participant_records as pr
inner join activities as a on pr.activity_id = a.id
inner join held as h on pr.course_id = h.course_id
left join attended as at on pr.id = at.participant_record_id
