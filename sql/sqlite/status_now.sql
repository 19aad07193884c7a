SELECT CAST(strftime('%s', 'now') AS INTEGER)
