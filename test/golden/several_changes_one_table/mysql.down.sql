DROP INDEX `users_email_age_idx` ON `users`;

ALTER TABLE `users` DROP CONSTRAINT `users_age_check`;

ALTER TABLE `users` DROP COLUMN `active`;

ALTER TABLE `users` DROP COLUMN `age`;

ALTER TABLE `users` MODIFY COLUMN `email` VARCHAR(100) NOT NULL;

ALTER TABLE `users` RENAME COLUMN `handle` TO `name`;
