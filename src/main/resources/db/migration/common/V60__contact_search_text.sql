-- Contact search ignores case and accents ("lopez" finds "López"): the application keeps each contact's
-- name, company, e-mail and tags in this column lowercased and without diacritics (java.text.Normalizer),
-- the same way it normalises what is searched for. Existing rows are filled by the Java migration V61.
ALTER TABLE contacts ADD COLUMN search_text VARCHAR;
