CREATE TABLE legacy_facts (
    agency      VARCHAR NOT NULL,
    year        INTEGER NOT NULL,
    indicator   VARCHAR NOT NULL,  -- the normalised label the crosswalk matches (numbering, 其中, punctuation removed)
    period      VARCHAR NOT NULL,  -- year | cumulative | previous_year: the column the figure is printed in (prose: year)
    value       DECIMAL(18, 2),    -- as published, in its unit; NULL when printed blank or not a figure
    unit        VARCHAR,           -- as printed: 件, 条, 万元…; NULL when none is printed
    source      VARCHAR NOT NULL,  -- table | text
    label       VARCHAR NOT NULL,  -- the indicator as printed (a prose figure: the phrase that states it)
    section     VARCHAR,           -- the heading it is printed under, as printed
    section_key VARCHAR,           -- that heading normalised like indicator
    page        INTEGER,           -- page of the PDF; NULL for a web page or Word file
    locator     VARCHAR,           -- a web page's or Word file's cell: 'table T, row R, column C'
    raw         VARCHAR NOT NULL,  -- the cell text, or the matched words of a sentence
    sentence    VARCHAR,           -- the sentence that states a prose figure; NULL for a table cell
    confidence  DOUBLE
)
