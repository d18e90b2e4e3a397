-- support_hours: hours of support given (rule 9 of docs/INDICATORS.md): attended sessions times their activity's
-- session_hours, plus consultation minutes / 60 (anonymous consultations included). Summed.
select
    h.unit_id,
    h.event_date,
    h.partner_id as partner,
    h.activity_id as activity,
    h.hours as value,
    h.raw_row_id
from fct_support_hours as h
