CREATE VIEW "active_names" AS select name from active_users;
