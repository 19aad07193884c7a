-- The rows of the stream's table (verify).
SELECT count(*) FROM gazelle_invoices
