SELECT count(*) FROM pragma_table_info('gb_workers') WHERE name = 'reason_code'
