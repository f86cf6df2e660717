ALTER TABLE `users` DROP COLUMN `mood`;
