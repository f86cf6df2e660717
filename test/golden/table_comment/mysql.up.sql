ALTER TABLE `users` COMMENT = 'People who sign in.';
