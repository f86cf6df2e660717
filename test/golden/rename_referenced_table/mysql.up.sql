RENAME TABLE `users` TO `people`;

ALTER TABLE `people` RENAME INDEX `users_email_key` TO `people_email_key`;
