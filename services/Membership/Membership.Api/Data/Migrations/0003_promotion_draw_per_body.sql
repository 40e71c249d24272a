-- A draw fills a promotion of its own body only: a promotion another body created with the same draw id must
-- neither receive the draw's members nor keep the right body from having its promotion.
ALTER TABLE promotions DROP CONSTRAINT promotions_draw_id_key;
ALTER TABLE promotions ADD CONSTRAINT promotions_body_draw_key UNIQUE (body_id, draw_id);
