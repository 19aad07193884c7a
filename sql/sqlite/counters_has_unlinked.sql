SELECT count(*) FROM pragma_table_info('gb_counters') WHERE name = 'unlinked'
