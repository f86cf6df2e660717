ALTER TABLE `users` MODIFY COLUMN `mood` ENUM('happy', 'sad') NOT NULL DEFAULT 'happy';
