ALTER TABLE `users` MODIFY COLUMN `name` LONGTEXT NULL COMMENT 'How the person wants to be called.';
