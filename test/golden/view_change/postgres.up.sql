DROP VIEW "active_names";

DROP VIEW "active_users";

CREATE VIEW "active_users" AS select id, name, active
  from users
  where active and id > 0;

CREATE VIEW "active_names" AS select name from active_users;

COMMENT ON VIEW "active_names" IS 'Declared before the view it reads: created after it.';

CREATE VIEW "others" AS select id from users;
