CREATE TABLE proceedings (
    proceeding VARCHAR PRIMARY KEY,
    parent     VARCHAR,           -- the group this code belongs to (a row of this table), or NULL
    label_zh   VARCHAR NOT NULL,  -- as published; "a / b" lists the 2019 and 2021 template forms
    label_en   VARCHAR NOT NULL,
    is_group   BOOLEAN NOT NULL,  -- a group of codes that is not a published row or column itself
    templates  VARCHAR,           -- templates that publish the code, e.g. 2019;2021
    sort_order INTEGER NOT NULL   -- published order
)
