-- The legal deadline of a body's report on ``year``, stated once. 政府信息公开条例, 2019 revision
-- (in force from 15 May 2019, so from the reports on 2019), art. 49: departments of people's
-- governments at county level and above publish theirs by 31 January of the following year; the
-- reports of local people's governments at county level and above are published by 31 March.
-- Township governments (which art. 49 does not name) are held to the governments' date; other
-- administrative bodies to the departments'. The 2007 regulation (art. 31) held every body's report
-- to 31 March, so the reports on 2008–2018 are due then.
CREATE MACRO report_due_date(kind, year) AS
    CASE
        WHEN year <= 2018 OR kind = 'government' THEN make_date(year + 1, 3, 31)
        ELSE make_date(year + 1, 1, 31)
    END
