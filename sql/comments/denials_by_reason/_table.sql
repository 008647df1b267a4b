COMMENT ON VIEW denials_by_reason IS 'Requests denied (不予公开), by the reason given (总计 column). Key: agency, year, reason'
