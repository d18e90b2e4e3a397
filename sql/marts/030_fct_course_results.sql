-- fct_course_results: per roll record, sessions held by its course, sessions attended, and whether the course
-- was completed: attended / held >= run_parameters.completion_threshold (participants.completion_threshold).
create view fct_course_results as
with held as (
    select course_id, count(*) as sessions_held, max(session_date) as last_session_date
    from sessions
    group by course_id
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
    pr.course_id,
    pr.raw_row_id,
    h.sessions_held,
    coalesce(a.sessions_attended, 0) as sessions_attended,
    h.last_session_date,
    coalesce(
        h.sessions_held > 0
        -- compared as a product with a small tolerance: 4 of 5 sessions is exactly 80 %
        and 1.0 * coalesce(a.sessions_attended, 0)
        >= (select cast(value as real) from run_parameters where name = 'completion_threshold')
        * h.sessions_held - 1e-9,
        0
    ) as completed
from participant_records as pr
inner join held as h on pr.course_id = h.course_id
left join attended as a on pr.id = a.participant_record_id
