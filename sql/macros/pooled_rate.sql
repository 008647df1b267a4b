-- A rate pooled over the rows of a group: the parts added up, over the wholes of the rows that
-- published the part (a blank part leaves its whole out, so blank is never read as 0); NULL when
-- that denominator is 0 or blank. Used by the comparison views.
CREATE MACRO pooled_rate(part, whole, scale, digits) AS
    round(scale * sum(part) / nullif(sum(whole) FILTER (WHERE part IS NOT NULL), 0), digits)
