CREATE TABLE agencies (
    agency  VARCHAR PRIMARY KEY,  -- code used in every other table, e.g. mfa
    name_zh VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    level   VARCHAR NOT NULL,     -- central | provincial | prefecture | county | township
    kind    VARCHAR NOT NULL,     -- government | department | other
    region  VARCHAR,              -- GB/T 2260 code of a local body's division; NULL for a central one
    parent  VARCHAR,              -- the government or ministry a department belongs to (a code or a name)
    attributes_source VARCHAR     -- where level, kind, region and parent come from
)
