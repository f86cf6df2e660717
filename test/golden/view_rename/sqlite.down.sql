DROP VIEW "user_ids";

CREATE VIEW "others" AS select id from users;
