COMMENT ON COLUMN denials_by_reason.reason IS 'The reason, a code of outcomes under denied (e.g. denied.state_secret)'
