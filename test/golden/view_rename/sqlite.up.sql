DROP VIEW "others";

CREATE VIEW "user_ids" AS select id from users;
