ALTER TABLE `users` COMMENT = '';
