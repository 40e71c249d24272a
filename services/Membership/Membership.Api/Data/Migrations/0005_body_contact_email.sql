-- The body's institutional mailbox (its secretariat's, not a person's): where notifications sends the Veille et
-- Interpellation alerts and answers that concern the body. Optional: a body without one gets them in its space only.
ALTER TABLE bodies ADD COLUMN contact_email text;
