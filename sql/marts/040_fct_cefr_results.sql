-- fct_cefr_results: per roll record with both CEFR levels, how many steps the level rose on
-- A0 < A1 < A2 < B1 < B2 < C1 < C2, dated at the record's end date, else its course's last session with anyone
-- present (rule 5 of docs/INDICATORS.md).
create view fct_cefr_results as
with ranked as (
    select
        pr.*,
        instr('A0A1A2B1B2C1C2', pr.level_in) as rank_in,
        instr('A0A1A2B1B2C1C2', pr.level_out) as rank_out
    from participant_records as pr
    where pr.level_in is not null and pr.level_out is not null
),

last_session as (
    select s.course_id, max(s.session_date) as last_session_date
    from sessions as s
    where exists (select 1 from attendance_marks as am where am.session_id = s.id and am.status = 'present')
    group by s.course_id
)

select
    r.id as participant_record_id,
    r.person_id,
    r.partner_id,
    r.activity_id,
    a.kind as activity_kind,
    a.priority,
    r.raw_row_id,
    r.level_in,
    r.level_out,
    (r.rank_out - r.rank_in) / 2 as levels_gained,
    coalesce(r.end_date, ls.last_session_date) as result_date
from ranked as r
inner join activities as a on r.activity_id = a.id
left join last_session as ls on r.course_id = ls.course_id
