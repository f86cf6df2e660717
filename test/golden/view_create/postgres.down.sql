DROP VIEW "active_names";

DROP VIEW "active_users";
