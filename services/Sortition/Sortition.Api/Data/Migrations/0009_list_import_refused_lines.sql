-- Beside the refused lines' English words (errors), the rule each broke, with its arguments, in the same order, so that
-- the secretariat's screen can say them in French. Imports refused before have none and keep their words.
ALTER TABLE list_imports ADD COLUMN refused_lines jsonb;
