CREATE VIEW `active_users` AS select id, name
  from users
  where active;

CREATE VIEW `active_names` AS select name from active_users;
