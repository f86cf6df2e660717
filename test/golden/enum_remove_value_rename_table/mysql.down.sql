ALTER TABLE `articles` MODIFY COLUMN `mood` ENUM('happy', 'sad', 'meh') NOT NULL;

RENAME TABLE `articles` TO `posts`;
