CREATE TABLE crosswalk (
    label         VARCHAR NOT NULL,  -- an old indicator, as crosswalk.csv names it
    indicator     VARCHAR NOT NULL,  -- the label normalised (legacy_facts.indicator)
    within_label  VARCHAR,           -- only in this section (as named), or NULL: any section
    section_key   VARCHAR,           -- that section normalised (legacy_facts.section_key)
    measure       VARCHAR NOT NULL,  -- harmonised_measures.measure
    comparability VARCHAR NOT NULL,  -- same | close | partial | legacy only
    note          VARCHAR NOT NULL,
    citation      VARCHAR,
    sort_order    INTEGER NOT NULL
)
