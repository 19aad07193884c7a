-- Which tables of $1 (names as to_regclass takes them) exist, in that order.
SELECT w.name FROM unnest($1::text[]) WITH ORDINALITY AS w(name, n)
WHERE to_regclass(w.name) IS NOT NULL
ORDER BY w.n
