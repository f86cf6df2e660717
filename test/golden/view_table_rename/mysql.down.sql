DROP VIEW `user_names`;

ALTER TABLE `people` RENAME COLUMN `full_name` TO `name`;

RENAME TABLE `people` TO `users`;

CREATE VIEW `user_names` AS select id, name from users;
