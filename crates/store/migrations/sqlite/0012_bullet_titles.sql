-- Document bullets are not numbers (issue 16), SQLite. Keep in step with
-- ../postgres/0012_bullet_titles.sql.
-- The reader reports a list entry's "-" or "+" as its numbering; items imported before
-- this migration kept it there, so headings, tab titles and exports showed "- Tham mưu…".
-- The bullet goes back into the item's text, where the document has it, and out of its
-- numbering and title (the import does the same since). Data only: no schema change.

UPDATE items
SET body = rtrim(numbering || ' ' || body),
    numbering = NULL
WHERE added = FALSE
  AND numbering IN ('-', '+', '•', '–', '—', '·', '●', '*', '∗');

UPDATE items
SET title = ltrim(substr(title, 3))
WHERE title LIKE '- %' OR title LIKE '+ %' OR title LIKE '• %';
