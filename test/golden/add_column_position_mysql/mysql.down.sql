ALTER TABLE `users` ADD COLUMN `legacy` INT NULL AFTER `email`;

ALTER TABLE `users` DROP COLUMN `last`;

ALTER TABLE `users` DROP COLUMN `y`;

ALTER TABLE `users` DROP COLUMN `x`;

ALTER TABLE `users` DROP COLUMN `code`;
