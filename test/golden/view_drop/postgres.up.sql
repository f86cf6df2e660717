DROP VIEW "active_names";
