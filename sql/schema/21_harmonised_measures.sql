CREATE TABLE harmonised_measures (
    measure    VARCHAR PRIMARY KEY,
    label_zh   VARCHAR NOT NULL,
    label_en   VARCHAR NOT NULL,
    since_2019 VARCHAR,           -- how the 2019+ tables give it; NULL: no counterpart after 2018
    sort_order INTEGER NOT NULL
)
