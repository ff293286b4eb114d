-- The seeded call outcomes were stored with English labels. They now carry the message key of their label,
-- so each reader sees them in their language; an outcome whose label an admin has changed keeps its own
-- label (no key), as do outcomes an admin created.
ALTER TABLE disposition_outcomes ADD COLUMN label_key VARCHAR(80);

UPDATE disposition_outcomes SET label_key = 'outcome.seed.interested' WHERE code = 'interested' AND label = 'Interested';
UPDATE disposition_outcomes SET label_key = 'outcome.seed.not-interested'
    WHERE code = 'not-interested' AND label = 'Not interested';
UPDATE disposition_outcomes SET label_key = 'outcome.seed.call-back' WHERE code = 'call-back' AND label = 'Call back later';
UPDATE disposition_outcomes SET label_key = 'outcome.seed.payment-promise'
    WHERE code = 'payment-promise' AND label = 'Payment promise';
UPDATE disposition_outcomes SET label_key = 'outcome.seed.wrong-number' WHERE code = 'wrong-number' AND label = 'Wrong number';
