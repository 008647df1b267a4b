CREATE TABLE agencies (
    agency  VARCHAR PRIMARY KEY,  -- code used in every other table, e.g. mfa
    name_zh VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL
)
