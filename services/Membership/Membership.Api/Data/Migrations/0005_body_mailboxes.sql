-- The body's institutional mailboxes, not a person's: its secretariat's (contact_email), where notifications sends the
-- Veille et Interpellation alerts and answers that concern the body, and its executive office's (executive_email), told
-- of the questions and texts the body submits to it. Optional: without one, the news stays in the spaces.
ALTER TABLE bodies ADD COLUMN contact_email text, ADD COLUMN executive_email text;
