ALTER TABLE `users` RENAME COLUMN `name` TO `handle`;

ALTER TABLE `users` MODIFY COLUMN `email` VARCHAR(150) NOT NULL;

ALTER TABLE `users` ADD COLUMN `age` INT NULL AFTER `handle`;

ALTER TABLE `users` ADD COLUMN `active` TINYINT(1) NOT NULL DEFAULT TRUE;

ALTER TABLE `users` ADD CONSTRAINT `users_age_check` CHECK (age >= 0);

CREATE INDEX `users_email_age_idx` ON `users` (`email`, `age`);
