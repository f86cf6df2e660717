DROP VIEW `user_names`;

RENAME TABLE `users` TO `people`;

ALTER TABLE `people` RENAME COLUMN `name` TO `full_name`;

CREATE VIEW `user_names` AS select id, full_name from people;
