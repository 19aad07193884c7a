-- sync --every stopped (SIGTERM): its worker ($1) is no longer scheduled.
DELETE FROM gazelle_backfill.gb_schedule WHERE worker_id = $1
