ALTER TABLE `users` MODIFY COLUMN `mood` ENUM('happy', 'sad', 'angry') NOT NULL DEFAULT 'happy';
