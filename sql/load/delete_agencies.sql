DELETE FROM agencies
