ALTER TABLE `users` DROP COLUMN `score`;
