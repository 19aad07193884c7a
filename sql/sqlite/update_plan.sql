-- The source's total of a year as the closing check found it.
UPDATE gb_plan SET expected = ?3 WHERE run_id = ?1 AND year = ?2
