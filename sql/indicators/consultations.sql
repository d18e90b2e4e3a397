-- consultations: consultations given at information points, anonymous ones included.
select
    'C' || c.id as unit_id,
    c.consultation_date as event_date,
    c.partner_id as partner,
    c.activity_id as activity,
    c.topic,
    c.language,
    c.mode,
    c.raw_row_id
from consultations as c
